package claims

import (
	"slices"
	"strings"
)

// resolve names the source behind a speaker's words, in this order:
//  1. "it" is the document's report; "we" too when the document is the report,
//     else the document's author when known; other pronouns name nobody;
//  2. a self-reference ("the report", "the document") is the document's report;
//  3. a source tag's name or alias ("three sources", "CNN", "intelligence report");
//  4. an anonymous speaker ("sources", "people familiar with") → its listed source;
//  5. an actor tag's name ("Robert Mueller") → a source of the same name;
//  6. a run of capitalised names ("Cohen", "the President") → a new source.
//
// Speakers before a verb are read from the verb back (the nearest name
// wins); speakers after "according to" from the cue on.
func (c *sentence) resolve(sp []token, before bool) (Source, bool) {
	if len(sp) == 0 {
		return Source{}, false
	}
	report := c.doc.Report
	if len(sp) == 1 && pronouns[sp[0].lower] {
		switch {
		case sp[0].lower == "it" && report != "":
			return c.s.tags.source(report), true
		case sp[0].lower == "we" && report != "" && c.doc.IsReport:
			return c.s.tags.source(report), true
		case sp[0].lower == "we" && c.doc.Author != "":
			return c.s.tags.source(c.doc.Author), true
		}
		return Source{}, false
	}
	if report != "" && c.s.lex.selfRefs.hasSuffix(sp) {
		return c.s.tags.source(report), true
	}
	// Before a verb the name must be the speaker's last words ("three
	// sources said"): "Iran sought to exploit vulnerabilities on state …" is
	// not Iran stating.
	ends := func(to int) bool { return !before || to == len(sp) }
	// Nor is "according to a Trump attorney" Trump: one of the people of
	// a name who do not speak for it (members.txt) is someone else.
	member := func(to int) bool { return to < len(sp) && c.s.lex.members.has(sp[to].lower) }
	var ms []mention
	for _, m := range c.s.tags.mentions(sp) {
		if ends(m.to) && !member(m.to) {
			ms = append(ms, m)
		}
	}
	for _, m := range ms {
		if tag, ok := c.s.tags.byFamily(m.ids, "source"); ok {
			return Source{Name: tag.Name, TagID: tag.ID}, true
		}
	}
	// A possessive of a source's name is that source: "Mueller's report"
	// is the Mueller report (it was a new source, or Robert Mueller).
	if bare := c.withoutPossessives(sp); len(bare) < len(sp) {
		for _, m := range c.s.tags.mentions(bare) {
			if tag, ok := c.s.tags.byFamily(m.ids, "source"); ok && (!before || m.to == len(bare)) {
				return Source{Name: tag.Name, TagID: tag.ID}, true
			}
		}
	}
	for i := range sp {
		if p, n := c.s.lex.anonymous.at(sp, i); n > 0 && ends(i+n) {
			return c.s.tags.source(p.value), true
		}
	}
	for _, m := range ms {
		if tag, ok := c.s.tags.byFamily(m.ids, "actor"); ok {
			return c.s.tags.source(tag.Name), true
		}
	}
	// Places, buildings and laws do not speak: "After the Oval Office
	// meeting concluded", "The Constitution establishes"; nor does a
	// nationality: "the Russian attorney claimed" names no one, so the
	// claim is left, as a pronoun's is (a researcher's pass found these
	// among the Mueller report's sources).
	if name := c.nameIn(sp, before); name != "" {
		if toks := tokenize(name); !c.s.lex.notSpeakers.hasSuffix(toks) && !c.s.lex.demonymsOnly(toks) {
			return c.s.tags.source(name), true
		}
	}
	return Source{}, false
}

// withoutPossessives is sp without the "s" of its possessives ("Mueller's").
func (c *sentence) withoutPossessives(sp []token) []token {
	out := sp
	for i := len(sp) - 1; i > 0; i-- {
		if sp[i].lower == "s" && strings.ContainsAny(c.text[sp[i-1].end:sp[i].start], "'’") {
			if len(out) == len(sp) {
				out = slices.Clone(sp)
			}
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}

// nameConnectors may join names into one: "District Court for the
// District of Columbia" ("the" only after "of" or "for").
var nameConnectors = setOf("of", "for", "the")

// nameIn returns the run of capitalised names in sp nearest the cue (the
// last run when the speaker stands before its verb), as written. A
// possessive keeps what it owns ("Flynn's attorneys"); one trailing common
// noun is dropped ("a Washington Post columnist" is the Washington Post).
func (c *sentence) nameIn(sp []token, before bool) string {
	offset := 0 // sp's index in the sentence, for the sentence-start rule
	for i, t := range c.toks {
		if t.start == sp[0].start {
			offset = i
			break
		}
	}
	// A month, "Indeed" or "Volume" is no one's name ("November" became a
	// source with 58 suggestions), and a name does not run on across a
	// parenthesis ("Guardian (Dec").
	isName := func(i int) bool {
		return !c.s.lex.notNames.has(sp[i].lower) && c.names.isName(c.toks, offset+i) && !c.commonOpener(offset+i)
	}
	joined := func(i int) bool { return !strings.ContainsAny(c.text[sp[i-1].end:sp[i].start], ",;:()[]") }
	var runs [][2]int
	for i := 0; i < len(sp); i++ {
		if !isName(i) {
			continue
		}
		j := i + 1
		for j < len(sp) && joined(j) {
			if isName(j) {
				j++
				continue
			}
			k := j // "for the" in "Court for the District"
			for k < len(sp) && nameConnectors[sp[k].lower] && joined(k) {
				k++
			}
			if k > j && sp[j].lower != "the" && k < len(sp) && isName(k) && joined(k) {
				j = k + 1
				continue
			}
			if designator(sp[j].text) {
				j++ // "Source A", "Witness 2": the letter was dropped, and "Source" said it (a researcher's pass)
			}
			break
		}
		runs = append(runs, [2]int{i, j})
		i = j - 1
	}
	if len(runs) == 0 {
		return ""
	}
	r := runs[0]
	if before {
		r = runs[len(runs)-1]
	} else if len(runs) > 1 && runs[1][0] == r[1]+1 && c.s.lex.members.has(sp[r[1]].lower) {
		r = runs[1] // "according to Trump attorney Michael Cohen": Michael Cohen
	}
	r[0] = c.afterTitles(sp, r)
	name := c.text[sp[r[0]].start:sp[r[1]-1].end]
	tail := sp[r[1]:]
	// A role without a name is someone the text leaves unnamed, like "the
	// Russian attorney": "her former Secret Service Agent" (a member of
	// the Secret Service, who does not speak for it), "a new Attorney
	// General", "Counsel has also noted" (a researcher's pass found all
	// three made sources). A title alone is the one office holder the
	// document means only after "the": "the President", "the Acting
	// Attorney General".
	if (len(tail) == 0 || tail[0].lower == "s") && c.s.lex.members.has(sp[r[1]-1].lower) {
		return ""
	}
	if len(tail) == 0 && c.titleOnly(sp, r) && (r[0] == 0 || sp[r[0]-1].lower != "the") {
		return ""
	}
	switch {
	case len(tail) == 0:
		return name
	case c.s.lex.members.has(tail[0].lower):
		// "Longtime Trump attorney says", "a White House Counsel's Office
		// attorney thought": the attorney, whom the text leaves unnamed, is
		// not Trump nor the Office (a researcher's pass found both made
		// sources).
		return ""
	case tail[0].lower == "s" && len(tail) == 1:
		return "" // a possessive owning nothing
	case tail[0].lower == "s" && len(tail) <= 3 && strings.ContainsAny(c.text[sp[r[1]-1].end:tail[0].start], "'’"):
		// "Flynn's attorneys", "Smith’s business associates", "Hunt's
		// notes": what speaks for the name. "Sessions's whereabouts" and
		// "President's other" were made sources (a researcher's pass).
		if !speakersFor[tail[len(tail)-1].lower] {
			return ""
		}
		return name + "'s " + c.text[tail[1].start:tail[len(tail)-1].end]
	case before && len(tail) == 1 && r[1]-r[0] == 1 && offset+r[0] == 0 && c.names.lowerSeen[sp[r[0]].lower] &&
		strings.HasSuffix(tail[0].lower, "s") && !strings.HasSuffix(tail[0].lower, "ss") && !speakersFor[tail[0].lower]:
		// "Press reports said": a common word, capitalised as the
		// sentence's first, before a plural noun is that noun's
		// modifier, not a name ("Press" had become a source; a
		// researcher's pass). What speaks for a name stays its:
		// "Campaign emails stated".
		return ""
	case before && len(tail) == 1 && charging[tail[0].lower]:
		// "The Netyksho indictment alleges that …": the charges speak, and
		// their defendant's name only names them (Netyksho, one of the
		// accused, was made the source of the charges against him; a
		// researcher's pass).
		return name + " " + tail[0].lower
	case before && len(tail) == 1 && r[1]-r[0] == 1 && offset+r[0] == 0 && tail[0].text == tail[0].lower &&
		!c.names.capMid[sp[r[0]].lower] && !c.names.lowerSeen[sp[r[0]].lower] && modifierShaped(sp[r[0]].lower):
		// "Talking points stated that …", "Handwritten notes stated that
		// …" in a passage of one sentence: a word the document writes
		// nowhere else, capitalised as the sentence's first, ending as
		// adjectives and participles do, before a common noun reads as
		// its modifier. With no evidence that it is a name, it names no
		// source ("Talking" was one). "Facebook posts stated that …"
		// stays Facebook's (it was no claim).
		return ""
	case before && len(tail) == 1:
		return name // "a Washington Post columnist"
	case before:
		return "" // in "Kislyak talked for what Gordon estimated" the name is not the speaker
	}
	return name
}

// modifierShaped tells whether a word ends as English adjectives and
// participles do ("Multiple", "Talking", "Handwritten", "Contemporaneous",
// "Internal", "Forensic"), and as few names do: not "-en" ("Cohen",
// "Biden"), "-vic" or "-cic" ("Vucic") or "-ent"; a short word keeps its
// name ("Reed", "Mary").
func modifierShaped(w string) bool {
	for _, end := range modifierEndings {
		if strings.HasSuffix(w, end) && len(w) >= len(end)+4 {
			return true
		}
	}
	return false
}

// modifierEndings are the endings modifierShaped reads.
var modifierEndings = []string{"ing", "tten", "ed", "ous", "ple", "ive", "ary", "al", "ful", "less", "able", "ible",
	"sic", "tic", "mic", "nic", "lic", "ric", "gic"}

// commonOpener tells whether the sentence's token i is its first word, a
// common word of reports (commonOpeners) that the document writes nowhere
// else, in lower case or capitalised mid-sentence: "Evidence does
// establish that …" read alone made "Evidence" a source. With that
// evidence the document decides, as for any word.
func (c *sentence) commonOpener(i int) bool {
	w := c.toks[i].lower
	return i == 0 && commonOpeners[w] && !c.names.capMid[w] && !c.names.lowerSeen[w]
}

// commonOpeners are common words that open a report's sentences as their
// subject, as its modifier ("Additional evidence … said") or before it
// ("Later, in a November 5, 2016 email to Kushner …, Manafort stated …,
// adding" was a claim by "Later").
var commonOpeners = setOf("evidence", "additional", "information", "testimony", "documents", "records", "later")

// afterTitles returns where the person's name starts in the run r of
// names: after the last title or descriptor, when only names follow it.
// "FBI Deputy Director Andrew McCabe", "Trump Confidant Christopher Ruddy"
// (titles.txt holds such descriptors), "President-Elect Trump" (a word
// joined to a title by a hyphen is title too), "Secretary of State Rex
// Tillerson" (a title of several words), "Deputy Director of the NSA
// Richard Ledgett" (a title's office: an acronym or a tag's name after
// "of" or "for"). A researcher's pass found "Elect", "of the NSA Richard
// Ledgett" and "Trump Confidant Christopher Ruddy" made sources. Titles
// alone stay ("the President", "the President-Elect"), and so does a run
// whose office is unknown ("Director of the Russian Ministry Ivan Petrov"
// rather than "of the Russian Ministry Ivan Petrov").
func (c *sentence) afterTitles(sp []token, r [2]int) int {
	var buf [maxSpeaker + 4]bool
	title := buf[:0] // title[i-r[0]]: sp[i] is part of a title or its office
	for i := r[0]; i < r[1]; i++ {
		title = append(title, false)
	}
	for i := r[0]; i < r[1]; {
		n := 1
		if _, m := c.s.lex.titles.at(sp[:r[1]], i); m > 0 {
			n = m
			for k := i; k < i+m; k++ {
				title[k-r[0]] = true
			}
		}
		i += n
	}
	// "President-Elect", "Ex-Senator", "Vice-President-Designate".
	hyphen := func(i int) bool { return c.text[sp[i-1].end:sp[i].start] == "-" }
	for i := r[0] + 1; i < r[1]; i++ {
		if hyphen(i) && title[i-1-r[0]] {
			title[i-r[0]] = true
		}
	}
	for i := r[1] - 1; i > r[0]; i-- {
		if hyphen(i) && title[i-r[0]] {
			title[i-1-r[0]] = true
		}
	}
	// A title's office: "Director of the NSA", "Director of the Federal
	// Bureau of Investigation" when that is a tag's name.
	for i := r[0]; i+2 < r[1]; i++ {
		if !title[i-r[0]] || title[i+1-r[0]] || (sp[i+1].lower != "of" && sp[i+1].lower != "for") {
			continue
		}
		k := i + 2
		if sp[k].lower == "the" {
			k++
		}
		end := -1
		if k < r[1] && isAcronym(sp[k:k+1]) {
			end = k + 1
		} else if k < r[1] && c.s.tags.first[sp[k].lower] {
			for _, m := range c.s.tags.mentions(sp[k:r[1]]) {
				if m.from == 0 {
					end = k + m.to
				}
				break
			}
		}
		for j := i + 1; j < end; j++ {
			title[j-r[0]] = true
		}
	}
	p := r[1]
	for p > r[0] && !title[p-1-r[0]] && !nameConnectors[sp[p-1].lower] {
		p--
	}
	if p > r[0] && p < r[1] && title[p-1-r[0]] {
		return p
	}
	return r[0]
}

// titleOnly reports whether the run r of sp is all title: "Attorney
// General", "President-Elect".
func (c *sentence) titleOnly(sp []token, r [2]int) bool {
	for i := r[0]; i < r[1]; {
		if _, m := c.s.lex.titles.at(sp[:r[1]], i); m > 0 {
			i += m
			continue
		}
		if i == r[0] || c.text[sp[i-1].end:sp[i].start] != "-" {
			return false // a name, or a word not joined to a title
		}
		i++
	}
	return true
}

// designator is a single capital letter or a short number after a name
// that picks one of its kind out: "Source A", "Witness 2", "Person B".
func designator(w string) bool {
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	if len(w) == 0 || len(w) > 3 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// charging are the documents named after the people they accuse.
var charging = setOf("indictment", "complaint")

// speakersFor are the nouns after a possessive name that speak for it:
// people, and what they wrote or said.
var speakersFor = setOf("attorney", "attorneys", "lawyer", "lawyers", "counsel", "spokesman", "spokeswoman",
	"spokesperson", "spokespeople", "office", "staff", "aide", "aides", "associate", "associates", "adviser",
	"advisers", "advisor", "advisors", "campaign", "team", "representative", "representatives", "family",
	"assistant", "assistants", "deputy", "deputies", "secretary", "ministry", "embassy", "government",
	"administration", "son", "daughter", "wife", "husband", "friend", "friends", "colleagues", "partner",
	"partners", "officials", "spokesmen",
	// What speaks for them on paper: "Hunt's notes reflect that …".
	"notes", "account", "accounts", "statement", "statements", "testimony", "memo", "memos", "message",
	"messages", "email", "emails", "letter", "letters", "diary", "records", "interview", "interviews")
