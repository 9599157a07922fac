package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// trim narrows a claim's bytes: no edge spaces, no closing full stop or
// comma (an abbreviation's stop stays: "the U.S."), and no quotation marks
// when they wrap the whole claim.
func (c *sentence) trim(start, end int) (int, int) {
	for {
		s := c.text[start:end]
		t := strings.TrimFunc(s, unicode.IsSpace)
		start += strings.Index(s, t)
		end = start + len(t)
		if t == "" {
			return start, end
		}
		if i := strings.LastIndexByte(t, '<'); i > 0 && markupAt(t[i:]) == len(t)-i {
			end -= len(t) - i // a closing footnote marker
			continue
		}
		if n := trailingFootnote(t); n > 0 {
			end -= n // a footnote's bare number: "… in Northern Virginia.529"
			continue
		}
		if n := markupAt(t); n > 0 && n < len(t) {
			start += n // a footnote's own marker: "<FN354>\tThe invitation …"
			continue
		}
		last, size := utf8.DecodeLastRuneInString(t)
		if strings.ContainsRune(",;:", last) || (last == '.' && !c.s.lex.abbreviationBefore(c.text, end-1)) {
			end -= size
			continue
		}
		first, fsize := utf8.DecodeRuneInString(t)
		if isQuote(first) && isQuote(last) && len(t) > fsize+size &&
			!strings.ContainsAny(t[fsize:len(t)-size], "\"“”") {
			start += fsize
			end -= size
			continue
		}
		if isQuote(first) && !strings.ContainsAny(t[fsize:], "\"“”") {
			start += fsize // “…,” the report said: the comma cut the closing quote off
			continue
		}
		return start, end
	}
}

// trailingFootnote is the length of a footnote's bare number ending t
// after a word's full stop ("?", "!") and any closing quotes
// ("Virginia.529", "nominee.”687"), or 0.
func trailingFootnote(t string) int {
	digits := strings.TrimRight(t, "0123456789")
	n := len(t) - len(digits)
	if n == 0 || n > 4 {
		return 0
	}
	before := strings.TrimRight(digits, "\"”’')")
	if !strings.HasSuffix(before, ".") && !strings.HasSuffix(before, "?") && !strings.HasSuffix(before, "!") {
		return 0
	}
	if r, _ := utf8.DecodeLastRuneInString(before[:len(before)-1]); !unicode.IsLetter(r) {
		return 0
	}
	return n
}

// finish turns candidates into claims: a claim whose words hold another
// candidate's cue is the outer one and keeps it ("Cohen recalled that the
// President said …" is Cohen's); a judgment ("We assess") inside a claim
// becomes its cue; the words are read for actors, stance and estimates.
func (c *sentence) finish(cands []candidate, cues []cue) []Claim {
	var out []Claim
	holds := func(outer, inner candidate) bool {
		return outer.start <= c.toks[inner.cue.from].start && c.toks[inner.cue.to-1].end <= outer.end
	}
	cands = c.endConcessions(cands)
	cands = c.endCoordinated(cands)
	for i, cand := range cands {
		inner := false
		for j, other := range cands {
			// Each holding the other's cue ("Beijing denied that X, the
			// report said"): the one that starts first is the outer.
			mutual := holds(cand, other) && other.start < cand.start
			inner = inner || (i != j && holds(other, cand) && (!holds(cand, other) || mutual))
		}
		if inner {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || (o.Start == cand.start && o.End == cand.end)
		}
		if dup {
			continue
		}
		q := cand.cue
		for _, j := range cues {
			if j.kind == judgmentCue && c.toks[j.from].start >= cand.start && c.toks[j.to-1].end <= cand.end {
				q = j
				break
			}
		}
		cl := Claim{
			Ordinal:  c.ordinal,
			Start:    cand.start,
			End:      cand.end,
			Text:     c.text[cand.start:cand.end],
			Source:   cand.source,
			CueStart: c.toks[q.from].start,
			CueEnd:   c.toks[q.to-1].end,
			Speaker:  c.text[cand.speaker[0].start:cand.speaker[len(cand.speaker)-1].end],
			Rule:     cand.rule,
		}
		if q.from == cand.cue.from && q.to == cand.cue.to && cand.negated {
			cl.CueStart = c.toks[cand.negFrom].start
		}
		cl.Cue = c.text[cl.CueStart:cl.CueEnd]
		c.read(&cl, cand.cue.p.flags["denies"] || cand.denies)
		out = append(out, cl)
	}
	return out
}

// endConcessions ends a claim made inside a sentence's opening concession
// at the comma before the main clause's own speaker: "Although the
// investigation established that A, the investigation did not establish
// that C" is A asserted and C denied, not one claim A…C that denies.
func (c *sentence) endConcessions(cands []candidate) []candidate {
	if len(c.toks) == 0 || !c.s.lex.contrast.has(c.toks[0].lower) {
		return cands
	}
	for i := range cands {
		cand := &cands[i]
		if cand.rule != "leading" {
			continue
		}
		for _, other := range cands {
			if len(other.speaker) == 0 {
				continue
			}
			at := other.speaker[0].start
			if at <= cand.start || at >= cand.end {
				continue
			}
			// The comma closing the concession, just before the speaker.
			gap := at
			for gap > cand.start && unicode.IsSpace(rune(c.text[gap-1])) {
				gap--
			}
			if gap > cand.start && c.text[gap-1] == ',' {
				cand.start, cand.end = c.trim(cand.start, gap-1)
			}
		}
	}
	return cands
}

// endCoordinated ends a claim at the comma before a clause joined by "and"
// or "but" that has a speaker and a claim of its own: "Kislyak referred
// to the campaign as “an interesting campaign,”<FN829> and Sessions also
// recalled Kislyak saying …" was one claim by Landrum, holding Sessions's;
// "Hicks denied any knowledge of the meeting, and Kushner did not recall
// if …" was Hicks denying Kushner's words.
func (c *sentence) endCoordinated(cands []candidate) []candidate {
	for i := range cands {
		cand := &cands[i]
		// A speaker inside another's clause ("talking points stated that
		// McGahn had advised that A, and the President had determined
		// that B") may share its "and" with that outer clause.
		if cand.rule != "leading" || c.afterThat(cand.speaker) {
			continue
		}
		for _, other := range cands {
			if other.rule != "leading" || len(other.speaker) == 0 || c.reported(other) {
				continue
			}
			at := other.speaker[0].start
			if at <= cand.start || at >= cand.end {
				continue
			}
			s0 := c.tokenAt(at)
			if s0 < 2 || (c.toks[s0-1].lower != "and" && c.toks[s0-1].lower != "but") {
				continue
			}
			j := s0 - 2
			for j > 0 && c.marker(j) {
				j--
			}
			gap := c.text[c.toks[j].end:c.toks[s0-1].start]
			if p := strings.IndexAny(gap, ",;"); p >= 0 && c.toks[j].end > cand.start {
				// A quotation closing after the comma closes in the claim:
				// "as “an interesting campaign,”<FN829> and Sessions …".
				comma := c.toks[j].end + p
				quotes := len(gap[p+1:]) - len(strings.TrimLeft(gap[p+1:], "”\"’"))
				if quotes > 0 {
					cand.end = comma + 1 + quotes
				} else {
					cand.start, cand.end = c.trim(cand.start, comma)
				}
			}
		}
	}
	return cands
}

// reported tells whether a candidate's verb is in the past perfect ("the
// President had determined that …"): the tense of reported speech, a
// clause still inside the claim before it ("Talking points … stated that
// McGahn had advised …, and the President had determined that …" is one
// claim of the talking points').
func (c *sentence) reported(cand candidate) bool {
	for k := c.tokenAt(cand.speaker[len(cand.speaker)-1].start) + 1; k >= 1 && k < cand.cue.from; k++ {
		if c.toks[k].lower == "had" {
			return true
		}
	}
	return false
}

// afterThat tells whether a speaker stands in a clause opened by "that":
// "stated that McGahn had advised …".
func (c *sentence) afterThat(speaker []token) bool {
	k := c.tokenAt(speaker[0].start)
	return k > 0 && c.toks[k-1].lower == "that"
}

// tokenAt is the index of the sentence's token starting at byte at, or -1.
func (c *sentence) tokenAt(at int) int {
	for k, t := range c.toks {
		if t.start == at {
			return k
		}
	}
	return -1
}

// conditionals open a condition, up to its comma.
var conditionals = map[string]bool{"if": true, "unless": true, "whether": true}

// read fills a claim's actors, stance, likelihood and confidence from its
// words.
func (c *sentence) read(cl *Claim, verbDenies bool) {
	toks := tokenize(cl.Text)
	lex := c.s.lex
	seen := map[int64]bool{}
	for _, m := range c.s.tags.mentions(toks) {
		if tag, ok := c.s.tags.byFamily(m.ids, "actor"); ok && !seen[tag.ID] {
			seen[tag.ID] = true
			cl.About = append(cl.About, Actor{TagID: tag.ID, Name: tag.Name})
		}
	}
	if verbDenies || lex.wordsDeny(cl.Text, toks) {
		cl.Stance = Denies
	}
	words := func(ps phraseSet) (phrase, string) {
		for i := range toks {
			if p, n := ps.at(toks, i); n > 0 {
				return p, cl.Text[toks[i].start:toks[i+n-1].end]
			}
		}
		return phrase{}, ""
	}
	if p, w := words(lex.likelihood); w != "" {
		cl.Likelihood, _ = parseLikelihood(p.value)
		cl.LikelihoodWords = w
	}
	if p, w := words(lex.confidence); w != "" {
		cl.Confidence, _ = parseConfidence(p.value)
		cl.ConfidenceWords = w
	}
}

// wordsDeny tells whether a claim's own words deny (toks are text's
// tokens): a denial phrase ("did not", "no indication"), not "did not
// respond", not inside a condition ("if he had not …,"), and not after a
// contrast that follows the claim's own assertion (", but he did not …").
func (lex *Lexicon) wordsDeny(text string, toks []token) bool {
	conditional := false // within "if …," ("if he had not cut off the discussion, Kilimnik would have asked")
	// Within a quotation opened after a reporting verb of the claim's own
	// ("… that Hicks said \"It will never get out\""): its negation is the
	// quoted person's, and the source asserts that they said it.
	quoted, reported := false, false
	for i := 0; i < len(toks); i++ {
		// Punctuation before a footnote marker counts: ",<FN203> but
		// Eisenberg did not believe him" made Flynn's claim a denial.
		gap := ""
		if i > 0 {
			gap = text[toks[wordBefore(text, toks, i)].end:toks[i].start]
			for _, r := range text[toks[i-1].end:toks[i].start] {
				switch {
				case r == '”' || r == '"' && quoted:
					quoted, reported = false, false
				case r == '“' || r == '"':
					quoted, reported = true, lex.verbs.has(toks[i-1].lower)
				}
			}
		}
		if reported {
			continue
		}
		if lex.contrast.has(toks[i].lower) && (strings.ContainsAny(gap, ",;") || i > 0 && contrastClauses[toks[i].lower]) {
			break // ", but he did not …": the claim's own assertion came first
		}
		if strings.ContainsAny(gap, ",;") {
			conditional = false
		}
		if conditionals[toks[i].lower] {
			conditional = true
		}
		if conditional {
			// A condition's negation is not the speaker's denial: the
			// claim itself is what follows it (a researcher's pass).
			continue
		}
		if _, n := lex.notDenials.at(toks, i); n > 0 {
			i += n - 1 // "did not respond" denies nothing
			continue
		}
		if _, n := lex.denials.at(toks, i); n > 0 {
			return true
		}
	}
	return false
}

// contrastClauses open a contrasting clause even without a comma: "…
// because Dearborn was in the government while Lewandowski was not" is no
// denial of Lewandowski's belief.
var contrastClauses = setOf("while", "whereas", "although", "though")

// wordBefore is the token before toks[i] that is not a footnote marker's
// ("FN12" of "<FN12>"), or i-1 when all are.
func wordBefore(text string, toks []token, i int) int {
	j := i - 1
	for j > 0 && isMarkerToken(text, toks[j]) {
		j--
	}
	return j
}

// isMarkerToken tells whether t is the word of a footnote marker in text.
func isMarkerToken(text string, t token) bool {
	return t.start > 0 && text[t.start-1] == '<' && markupAt(text[t.start-1:]) == t.end-t.start+2
}

// ReadWords reads what a claim's words say of themselves, as a
// suggestion's are read: the actors they name, a denial, the likelihood
// and confidence words. For a claim marked by hand, whose dialog started
// empty even on "We assess with moderate confidence that Derkach's
// activities…" (a researcher's pass).
func (s *Suggester) ReadWords(text string) Claim {
	cl := Claim{Text: text}
	(&sentence{s: s}).read(&cl, false)
	return cl
}
