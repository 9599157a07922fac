package claims

import "strings"

// verb reads "<speaker> <verb> [that] <claim>", "<claim>, <speaker> <verb>."
// and "<a>, <speaker> <verb>, <b>" (the whole sentence).
func (c *sentence) verb(q cue) (candidate, bool) {
	n := len(c.toks)
	b, e, ok := c.speakerBefore(q.from)
	owner, record := c.ownerOfSubject(q.from)
	if owner == nil || b != 0 {
		owner = nil
	}
	if !ok && owner == nil {
		return candidate{}, false
	}
	// "Trump Jr. was advised that …" (a passive: the name is who was told),
	// "directed Miller to say that …", "Trump on alleged interference": a
	// name before these words is not the verb's speaker (a researcher's
	// pass found 13 such claims in the Mueller report).
	if e > b && notBeforeVerb[c.toks[e-1].lower] {
		return candidate{}, false
	}
	// Nor is the object of an infinitive before a bare one: "Polonskaya
	// offered to help Papadopoulos establish contacts in Russia" is no
	// claim by Papadopoulos that "contacts in Russia …".
	for t := b; t+1 < e; t++ {
		if w := c.toks[t+1]; c.toks[t].lower == "to" && w.text == w.lower && !chainSubjects[w.lower] {
			return candidate{}, false
		}
	}
	// "If the Special Counsel believes it is necessary …, the Special
	// Counsel is authorized …" (the appointment order) states a condition,
	// not what anyone believes: it was the report's claim that "it is
	// necessary and appropriate, the Special Counsel is authorized …" (a
	// researcher's pass). So does "whether Comey said that …".
	if b > 0 && b < e && conditionals[c.toks[b-1].lower] {
		return candidate{}, false
	}
	rest := n - q.to
	thatAfter := false
	for _, t := range c.toks[q.to:] {
		thatAfter = thatAfter || t.lower == "that"
	}
	verbAt := e                                             // where the words between speaker and verb start
	if b == e && e > 0 && strings.Contains(c.gap(e), ",") { // "Sam Patten, a partner to Kilimnik, stated …"
		a := e - 1
		for a > 0 && c.connected(a) {
			a--
		}
		if b2, e2 := c.appositive(a, e); e2 != e {
			b, e = b2, e2
		}
	}
	if b == e && !c.connected(q.from) { // "…, said the official."
		comma := c.commaBefore(q.from)
		if comma < 0 || rest == 0 || rest > 6 || thatAfter {
			return candidate{}, false
		}
		cand := candidate{start: c.sp.start, end: comma, cue: q, speaker: c.toks[q.to:], rule: "inverted"}
		cand.source, ok = c.resolve(cand.speaker, false)
		return cand, ok
	}
	if strings.Contains(c.gap(n), ":") {
		return candidate{}, false // "Clovis wrote:": the claim follows the sentence
	}
	if b == e { // "Priebus called Flynn and said that …": the sentence's subject
		if e == 0 || c.toks[e-1].lower != "and" {
			return candidate{}, false
		}
		subject, ok := c.subject()
		if !ok || c.clauseOpensBetween(len(subject), e-1) {
			return candidate{}, false
		}
		b, e = 0, len(subject)
	}
	b, e = c.appositive(b, e)
	if c.inQuotation(b) {
		return candidate{}, false
	}
	cand := candidate{cue: q, speaker: c.toks[b:e]}
	if owner != nil && e > record+1 {
		// The nearest name is in what the record was ("… submission to
		// Congress stated"): its owner speaks.
		cand.speaker = owner
		cand.source, ok = c.resolve(owner, false)
	} else {
		cand.source, ok = c.resolve(cand.speaker, true)
	}
	if !ok {
		if cand.speaker = c.authorOfSubject(q.from); cand.speaker == nil {
			cand.speaker = owner
		}
		if cand.speaker == nil {
			return candidate{}, false
		}
		if cand.source, ok = c.resolve(cand.speaker, false); !ok {
			return candidate{}, false
		}
	}
	for i := verbAt; i < q.from; i++ {
		if t := c.toks[i]; !cand.negated && (t.lower == "not" || t.lower == "never") { // "did not establish that"
			cand.denies, cand.negated, cand.negFrom = true, true, i
			if i > verbAt && auxiliaries[c.toks[i-1].lower] {
				cand.negFrom = i - 1
			}
		}
	}
	if comma := c.commaBefore(b); comma >= 0 && b > 0 {
		switch {
		case rest >= 3 && strings.Contains(c.gap(q.to), ",") && !strings.ContainsAny(c.gap(q.to), "\"“"):
			cand.start, cand.end, cand.rule = c.sp.start, c.sp.end, "parenthetical"
			return cand, true
		case rest == 0 || (rest <= 6 && !thatAfter && prepositions[c.toks[q.to].lower]):
			cand.start, cand.end, cand.rule = c.sp.start, comma, "trailing"
			return cand, true
		}
	}
	k := q.to
	if q.p.flags["object"] { // "told the Office that …"
		k = -1
		instruction := false
		for t := q.to; t < min(n, q.to+8); t++ {
			if t > q.to && !c.connected(t) {
				if g := c.gap(t); strings.ContainsAny(g, ",:") && strings.ContainsAny(g, "\"“") {
					k = t // "wrote to Dmitriev, “…”"
				}
				break
			}
			if c.infinitive(q.to, t) {
				if _, l := c.s.lex.verbs.at(c.toks, t+1); l == 0 {
					instruction = true
				}
			}
			if c.toks[t].lower == "that" {
				if instruction {
					// "advised his counsel not to provide any
					// communications that would be covered …", "told
					// McGahn to contact Boente to request that …": an
					// instruction, whose "that" is the infinitive's; it
					// was the report's claim that the communications
					// "would be covered by any other privilege" (rs10's
					// L4). "wrote to Dmitriev to say that …" says it.
					return candidate{}, false
				}
				k = t
				break
			}
		}
		if k < 0 && q.to+1 < n && c.connected(q.to+1) && subjectPronouns[c.toks[q.to+1].lower] &&
			(objectPronouns[c.toks[q.to].lower] || c.names.isName(c.toks, q.to)) {
			k = q.to + 1 // "told Flynn he had to resign"
		}
		if k < 0 {
			return candidate{}, false
		}
	}
	if q.p.flags["as"] { // "described Kilimnik as a Russian agent": nothing without the "as"
		as := false
		for t := q.to + 1; t < min(n, q.to+7) && c.connected(t); t++ {
			as = as || c.toks[t].lower == "as"
		}
		if !as || (q.to < n && c.toks[q.to].lower == "as") {
			return candidate{}, false
		}
	}
	if k == q.to && k < n && prepositions[c.toks[k].lower] { // "stated in his response that …"
		for t := k + 1; t < min(n, k+8) && c.connected(t); t++ {
			if c.toks[t].lower == "that" {
				k = t
				break
			}
		}
	}
	k, negated := c.skipChain(k)
	cand.denies = cand.denies || negated
	bare := k == q.to // nothing between the verb and its claim: no "that"
	// "claimed to have …", "determined not to …", "testified in a hearing":
	// an act, not a claim in words of its own. After "that" a preposition
	// is the claim's own ("recalled that, after speaking …, he decided").
	if k >= n || c.toks[k].lower == "to" || (bare && prepositions[c.toks[k].lower]) ||
		(c.toks[k].lower == "not" && k+1 < n && c.toks[k+1].lower == "to") {
		return candidate{}, false
	}
	if bare && b >= 2 && c.toks[b-1].lower == "that" && claimNouns[c.toks[b-2].lower] {
		return candidate{}, false // "a statement that X did not establish particular facts"
	}
	cand.start, cand.end, cand.rule = c.contentStart(k), c.sp.end, "leading"
	// The clause may open the sentence after words of its own set off by a
	// comma: "Ultimately, while we believed that we had the authority …,
	// we chose not to do so" was one claim running over the main clause
	// (rs10's L4).
	opensClause := b > 0 && subordinators[c.toks[b-1].lower] && (b == 1 || strings.Contains(c.gap(b-1), ","))
	if b > 0 && (subordinators[c.toks[0].lower] || opensClause) {
		// "After the U.S. intelligence community publicly announced its
		// assessment that Russia was behind the hacking operation,
		// Assange continued to deny …": the claim ends where the
		// sentence's own clause starts, at the first comma before a name
		// or a pronoun, outside a condition and before any quotation (a
		// researcher's pass found the community claiming Assange's
		// denials).
		cond := false // within "if …," ("informed that if the resolution came to a vote, Russia would not …")
		for t := k; t < n; t++ {
			if strings.ContainsAny(c.text[cand.start:c.toks[t].start], "\"“”") {
				break // a quotation's commas are the quoted person's
			}
			next := t // the word after a footnote mark: "at the dinner,<FN639> Simes, Saunders, and …"
			if strings.HasSuffix(c.gap(t), "<") && t+1 < n {
				next = t + 1
			}
			if comma := c.commaBefore(t); comma > cand.start && !cond && (subjectPronouns[c.toks[next].lower] || c.names.isName(c.toks, next)) {
				cand.end = comma
				break
			}
			cond = (cond || conditionals[c.toks[t].lower]) && !strings.Contains(c.gap(t), ",")
		}
	}
	return cand, true
}

// clauseOpensBetween tells whether a clause of its own opens between
// tokens from and to: after a semicolon, or a comma and a contrast ("…,
// but the President stopped Kushner and said he did not want to know about
// it" is the President's word, not that of the sentence's subject,
// Kushner).
func (c *sentence) clauseOpensBetween(from, to int) bool {
	for t := max(from, 1); t < to; t++ {
		g := c.gap(t)
		if strings.Contains(g, ";") || strings.Contains(g, ",") && c.s.lex.contrast.has(c.toks[t].lower) {
			return true
		}
	}
	return false
}

// infinitive tells whether token t, after the object of the verb ending at
// token v, opens an infinitive: "to" after "not" or "never" ("advised his
// counsel not to provide"), or after the object and before a verb's plain
// form ("told Rosenstein to include"). "to" straight after the verb, or
// before a name, a determiner or a plural, is a preposition: "explained to
// investigators that", "wrote to Dmitriev that", "told Flynn to his face
// that".
func (c *sentence) infinitive(v, t int) bool {
	if c.toks[t].lower != "to" || t+1 >= len(c.toks) || !c.connected(t+1) {
		return false
	}
	if t > v && (c.toks[t-1].lower == "not" || c.toks[t-1].lower == "never") {
		return true
	}
	w := c.toks[t+1]
	return t > v && w.text == w.lower && !chainSubjects[w.lower] && !objectPronouns[w.lower] &&
		!strings.HasSuffix(w.lower, "s") && !prepositions[w.lower]
}

// subordinators open a sentence with a clause of time or reason, which
// ends at a comma before the sentence's own subject.
var subordinators = setOf("after", "when", "once", "since", "before", "while", "although", "though", "because", "until")

// inQuotation reports whether token k stands inside a quotation that opens
// after the sentence's start: its words are the quoted person's, so none of
// them speaks for the outer sentence ("Peskov wrote, “I have read about
// [Page], Specialists say that …”" and "a text message that stated, \"Client
// says thanks …\"" made "Specialists" and "Client" sources; a researcher's
// pass). A quotation that opens the sentence, or follows a colon, is a
// sentence of its own, read as one (a quoted tweet, statement or passage).
// One that opened in an earlier sentence of the passage holds this one's
// words until it closes (quoted).
func (c *sentence) inQuotation(k int) bool {
	return k < len(c.toks) && c.quoteOpen(c.toks[k].start)
}

// quoteOpen tells whether a quotation as inQuotation reads them is open at
// byte to of the sentence.
func (c *sentence) quoteOpen(to int) bool {
	open, first := c.quoted, true
	for i, r := range c.text[c.sp.start:to] {
		switch r {
		case '“', '"', '”':
			if first && strings.TrimSpace(c.text[c.sp.start:c.sp.start+i]) == "" && r != '”' {
				return false
			}
			first = false
			before := strings.TrimSpace(c.text[c.sp.start : c.sp.start+i])
			switch {
			case r == '”':
				open = false
			case !open && strings.HasSuffix(before, ":"):
				// "the statement read: “Today, President Donald J. Trump
				// informed …”": after a colon the quotation is a sentence
				// of its own.
			case r == '“':
				open = true
			default:
				// A straight quote opens after a space or bracket, else it
				// closes: a sentence may start inside a quotation ("I've
				// made my decision.\")"), so toggling would invert.
				open = before == "" || strings.ContainsAny(c.text[c.sp.start+i-1:c.sp.start+i], " \t\n([")
			}
		}
	}
	return open
}

// notBeforeVerb are words that, just before a reporting verb, leave the
// words before them no speaker: forms of "be" (the verb is passive), "to"
// (an infinitive) and prepositions.
var notBeforeVerb = setOf("was", "were", "is", "are", "be", "been", "being", "to", "on", "of", "about", "for", "from", "with", "by", "at", "in")

// skipChain skips "that" and a pronoun's own reporting verb after a verb:
// "officials say they determined that <claim>". negated: the verb skipped
// was negated ("told the Office that he did not believe <claim>"), so the
// speaker denies the claim; it was read as asserting it (a researcher's
// pass). The inner verb is skipped only when a clause of its own follows
// it (see chainClause); otherwise it is the claim's own verb and stays.
func (c *sentence) skipChain(k int) (next int, negated bool) {
	n := len(c.toks)
	if k < n && c.toks[k].lower == "that" {
		k++
	}
	if k < n && pronouns[c.toks[k].lower] {
		m := k + 1
		not := false
		for m < n && c.s.lex.speakerSkip.has(c.toks[m].lower) {
			not = not || c.toks[m].lower == "not" || c.toks[m].lower == "never"
			m++
		}
		if m < n {
			if p, l := c.s.lex.verbs.at(c.toks, m); l > 0 && c.chainClause(m+l, p.flags["object"]) {
				k, negated = m+l, not
				if k < n && c.toks[k].lower == "that" {
					k++
				}
			}
		}
	}
	return k, negated
}

// chainClause reports whether a clause starts at token k, after an inner
// reporting verb: "that", or a clause's subject (a pronoun, a determiner,
// a capitalised name: "he believed the President wanted …"). Anything else
// is the verb's own complement, and the claim keeps the verb and its
// subject: "stated that he thought highly of Comey" claims "he thought
// highly of Comey", not "highly of Comey"; "he wrote down notes", "he said
// to Kilimnik that …". A verb that takes an object ("told", "added") has
// its clause only after "that": in "said he told the President he would
// see …" the President is told, not the claim's subject.
func (c *sentence) chainClause(k int, object bool) bool {
	if k >= len(c.toks) {
		return false
	}
	w := c.toks[k]
	if w.lower == "that" || strings.ContainsAny(c.gap(k), "\"“") {
		return true // "that" or a quotation: "he thought “a good step” would be …"
	}
	if !c.connected(k) {
		return false
	}
	if object {
		return false
	}
	return chainSubjects[w.lower] || (w.text != w.lower && !prepositions[w.lower])
}

// chainSubjects are words that start a clause's subject.
var chainSubjects = setOf("he", "she", "it", "they", "we", "i", "you", "there",
	"the", "a", "an", "his", "her", "their", "its", "our", "my", "this", "these", "those")

// contentStart is where a claim starting at token k begins: the token, or
// an opening quote or bracket just before it ("[redacted] for the Trump
// Organization, told him …" began "redacted] for …"); past a footnote
// marker ("According to Graff,<FN380> Graff received …" began "FN380>
// Graff …").
func (c *sentence) contentStart(k int) int {
	for k+1 < len(c.toks) && c.marker(k) {
		k++
	}
	g := c.gap(k)
	if k > 0 && c.marker(k-1) {
		g = g[strings.IndexByte(g, '>')+1:]
	}
	if i := strings.IndexAny(g, "\"“["); i >= 0 {
		return c.toks[k].start - len(g) + i
	}
	return c.toks[k].start
}

// marker tells whether token k is a footnote marker's ("FN12" of "<FN12>").
func (c *sentence) marker(k int) bool { return isMarkerToken(c.text, c.toks[k]) }

// speakerBefore finds the words naming the speaker of the verb at token i:
// back over "also", "previously" …, then to a comma, quote or a word such
// as "that". b == e when nothing stands there.
func (c *sentence) speakerBefore(i int) (b, e int, ok bool) {
	e = i
	for e > 0 && c.connected(e) && c.s.lex.speakerSkip.has(c.toks[e-1].lower) {
		e--
	}
	// "The FBI, however, assesses that …": an adverb set off by commas
	// stands between the speaker and the verb (the claim was missed; a
	// researcher's pass).
	aside := e >= 2 && parentheticals[c.toks[e-1].lower] && c.gap(e) == ", " && strings.TrimSpace(c.gap(e-1)) == ","
	if aside {
		e--
	}
	if e == 0 || (!aside && !c.connected(e)) || boundaryWords[c.toks[e-1].lower] {
		return e, e, true
	}
	if e >= 2 && c.toks[e-1].lower == "s" && strings.ContainsAny(c.gap(e-1), "'’") {
		return e, e, false // "the President's stated rationales": an adjective
	}
	b = e - 1
	for b > 0 && c.connected(b) && !boundaryWords[c.toks[b-1].lower] {
		b--
	}
	return b, e, e-b <= maxSpeaker || c.oneName(b, e)
}

// authorOfSubject is the author named in the sentence's subject when it
// is a document "prepared by", "written by" … someone, which speaks for
// them: "Talking points on the resignation prepared by the White House
// Counsel's Office and distributed to the White House communications team
// stated that McGahn had advised the President that …" was McGahn's claim,
// its speaker (twenty words) too long to read. The subject runs from the
// sentence's start to the verb at token v, one phrase (no comma); nil when
// it names no author.
func (c *sentence) authorOfSubject(v int) []token {
	if v > maxAuthoredSubject {
		return nil
	}
	for t := 1; t < v; t++ {
		if !c.connected(t) {
			return nil
		}
	}
	for k := 2; k+1 < v; k++ {
		if c.toks[k].lower != "by" || !authorship[c.toks[k-1].lower] {
			continue
		}
		j := k + 1
		for j < v && !boundaryWords[c.toks[j].lower] && !authorship[c.toks[j].lower] {
			j++
		}
		return c.toks[k+1 : j]
	}
	return nil
}

// ownerOfSubject is the name whose record the sentence's subject is, and
// the record's word (a token index): "Veselnitskaya’s November 2017
// written submission to the Senate Judiciary Committee stated that …" is
// Veselnitskaya's claim (its eleven words were too long to read), and
// "Cohen's written submission to Congress stated that …" Cohen's, not
// Congress's. The subject runs from the sentence's start to the verb at
// token v, one phrase: the name, its "'s", words before the record's noun
// (records) and, after it, a phrase opened by a preposition. nil when the
// subject is no such thing.
func (c *sentence) ownerOfSubject(v int) ([]token, int) {
	if v > maxAuthoredSubject {
		return nil, 0
	}
	for t := 1; t < v; t++ {
		if !c.connected(t) || boundaryWords[c.toks[t].lower] {
			return nil, 0
		}
	}
	first := 0 // after a footnote's own marker ("<FN737> Veselnitskaya’s …")
	for first < v && c.marker(first) {
		first++
	}
	k := first // the possessive's "s"
	for k < v && (c.names.isName(c.toks, k) || initialToken(c.toks[k])) {
		k++
	}
	if k == first || k+1 >= v || c.toks[k].lower != "s" || !strings.ContainsAny(c.gap(k), "'’") {
		return nil, 0
	}
	h := k + 1
	for h+1 < v && !recordPrepositions[c.toks[h+1].lower] {
		h++
	}
	if !records[c.toks[h].lower] {
		return nil, 0
	}
	return c.toks[first:k], h
}

// records are what a person's words are written in, which speak for them.
var records = setOf("notes", "account", "accounts", "statement", "statements", "testimony", "memo", "memos",
	"message", "messages", "email", "emails", "letter", "letters", "diary", "records", "interview", "interviews",
	"submission", "submissions", "declaration", "affidavit")

// recordPrepositions open what a record is about or whom it was for.
var recordPrepositions = setOf("to", "of", "for", "on", "about", "with", "in", "from", "by", "regarding", "concerning")

// maxAuthoredSubject is the longest subject, in words, read for its author.
const maxAuthoredSubject = 24

// authorship are the participles that name a document's author after "by".
var authorship = setOf("prepared", "written", "drafted", "authored", "issued", "compiled", "signed")

// maxNameSpeaker is the longest speaker, in words, that is one name.
const maxNameSpeaker = 16

// oneName tells whether tokens b to e are one name, longer than
// maxSpeaker allows a speaker: names and initials joined by "of", "for"
// or "the", after a "the". "The U.S. District Court for the District of
// Columbia determined that he breached the agreement" (ten words) was no
// claim; a clause of that length before a verb ("one former associate of
// Kilimnik's at IRI told") still names no one.
func (c *sentence) oneName(b, e int) bool {
	if e-b > maxNameSpeaker {
		return false
	}
	if c.toks[b].lower == "the" {
		b++
	}
	name := func(k int) bool { return initialToken(c.toks[k]) || c.names.isName(c.toks, k) }
	if b >= e || !name(b) || !name(e-1) {
		return false
	}
	for k := b; k < e; k++ {
		if !name(k) && !nameConnectors[c.toks[k].lower] {
			return false
		}
	}
	return true
}

// parentheticals are adverbs a speaker's verb may follow between commas.
var parentheticals = setOf("however", "meanwhile", "moreover", "though", "nonetheless", "nevertheless", "instead", "too", "also", "separately", "similarly", "likewise", "indeed")

// attributed reads "<claim>, according to <speaker>", "According to
// <speaker>, <claim>" and "<claim>, which was first reported by <speaker>".
func (c *sentence) attributed(q cue) (candidate, bool) {
	n := len(c.toks)
	e := q.to
	for e < n && c.connected(e) && !boundaryWords[c.toks[e].lower] && e-q.to < maxSpeaker {
		e++
	}
	if e == q.to {
		return candidate{}, false
	}
	cand := candidate{cue: q, speaker: c.toks[q.to:e]}
	var ok bool
	if cand.source, ok = c.resolve(cand.speaker, false); !ok {
		return candidate{}, false
	}
	if q.from == 0 { // "According to X, <claim>"
		if e >= n || !strings.Contains(c.gap(e), ",") {
			return candidate{}, false
		}
		k := e
		// "According to Hunt, who took notes, <claim>", "According to
		// Konstantin Kilimnik, Paul Manafort’s associate, <claim>".
		if appositiveStarts[c.toks[k].lower] || c.possessiveAppositive(k) {
			for k++; k < n && !strings.Contains(c.gap(k), ","); k++ {
			}
			if k >= n {
				return candidate{}, false
			}
		}
		cand.start, cand.end, cand.rule = c.contentStart(k), c.sp.end, "according-to"
		return cand, true
	}
	b := q.from
	for b > 0 && c.connected(b) && wasWords[c.toks[b-1].lower] && q.from-b < 4 {
		b--
	}
	comma := c.commaBefore(b)
	if comma < 0 {
		return candidate{}, false
	}
	if e < n && strings.Contains(c.gap(e), ",") && n-e >= 3 { // "X, according to Y, Z"
		cand.start, cand.end, cand.rule = c.sp.start, c.sp.end, "parenthetical"
		return cand, true
	}
	cand.start, cand.end, cand.rule = openBracket(c.text, c.sp.start, comma), comma, "according-to"
	if which := b < q.from && c.toks[b].lower == "which"; which {
		// "The White House did not respond to a request for comment on
		// whether sanctions would be imposed …, which was first reported
		// by CNN": what CNN reported is the news the question is about,
		// not the White House's silence, which is the article's own (the
		// built-in article's ledger had CNN asserting it).
		for t := b - 1; t >= 0 && c.toks[t].start >= cand.start; t-- {
			if c.toks[t].lower == "whether" {
				k := t + 1
				if k+1 < b && c.toks[k].lower == "or" && c.toks[k+1].lower == "not" {
					k += 2
				}
				if b-k >= 3 {
					cand.start = c.contentStart(k)
				}
				break
			}
		}
	}
	return cand, true
}

// possessiveAppositive tells whether the words from token k to the next
// comma describe a person by another's name ("Paul Manafort’s associate,"):
// a few words with a possessive, the last of them lower case.
func (c *sentence) possessiveAppositive(k int) bool {
	possessive := false
	for t := k + 1; t < len(c.toks) && t-k <= 5; t++ {
		g := c.gap(t)
		if strings.Contains(g, ",") {
			last := c.toks[t-1]
			return possessive && last.text == last.lower
		}
		if !c.connected(t) {
			return false
		}
		possessive = possessive || c.toks[t].lower == "s" && strings.ContainsAny(g, "'’")
	}
	return false
}

// openBracket is where the words inside the last parenthesis still open
// in text[from:to] start (after its white space), or from: "…, Crowdstrike
// (June 15, 2016) (post originally appearing on June 14, 2016, according
// to records provided by Crowdstrike)" claims what the parenthesis says;
// the footnote's whole citation was Crowdstrike's claim (a researcher's
// pass).
func openBracket(text string, from, to int) int {
	depth := 0
	for i := to - 1; i >= from; i-- {
		switch text[i] {
		case ')':
			depth++
		case '(':
			if depth == 0 {
				return i + 1 + len(text[i+1:to]) - len(strings.TrimLeft(text[i+1:to], " \t"))
			}
			depth--
		}
	}
	return from
}

// judgment reads an unquoted "We assess that <claim>" in a document that
// is the report itself, or whose author is known (a memo's "we assess with
// moderate confidence" is its author's; it was missed). Elsewhere a
// judgment only names the cue of the claim around it (see finish).
func (c *sentence) judgment(q cue) (candidate, bool) {
	var source Source
	switch {
	case c.doc.IsReport && c.doc.Report != "":
		source = c.s.tags.source(c.doc.Report)
	case c.doc.Author != "":
		source = c.s.tags.source(c.doc.Author)
	default:
		return candidate{}, false
	}
	if c.inQuotation(q.from) {
		// "…, telling him that this was “a view from our side … Please
		// share with them — we believe this is a good foundation to start
		// from.”": the "we" is Dmitriev's, not the report's (rs10's L4).
		return candidate{}, false
	}
	k, negated := c.skipChain(q.to)
	if k >= len(c.toks) {
		return candidate{}, false
	}
	return candidate{start: c.contentStart(k), end: c.sp.end, cue: q, speaker: c.toks[q.from : q.from+1],
		source: source, rule: "judgment", denies: negated}, true
}

// participle reads "<subject> …, concluding that <claim>" and "<subject>
// …, describing <someone> as <what>": the speaker is the sentence's
// subject, which must be a source the rules know.
func (c *sentence) participle(q cue) (candidate, bool) {
	if q.from == 0 || !strings.Contains(c.gap(q.from), ",") {
		return candidate{}, false
	}
	subject, ok := c.subject()
	if !ok {
		return candidate{}, false
	}
	k, negated := c.skipChain(q.to)
	if q.p.flags["as"] { // "describing him as a known Russian agent"
		k = -1
		for t := q.to + 1; t < min(len(c.toks), q.to+7) && c.connected(t); t++ {
			if c.toks[t].lower == "as" {
				k = q.to
				break
			}
		}
		if k < 0 || c.toks[q.to].lower == "as" {
			return candidate{}, false
		}
	}
	if k >= len(c.toks) {
		return candidate{}, false
	}
	src, ok := c.resolve(subject, true)
	if !ok {
		return candidate{}, false
	}
	start := c.contentStart(k)
	if q.p.flags["as"] && (objectPronouns[c.toks[k].lower] || c.toks[k].lower == "it") {
		start = c.sp.start // "him as …" names nobody: the sentence says whom
	}
	return candidate{start: start, end: c.sp.end, cue: q, speaker: subject, source: src, rule: "participle", denies: negated}, true
}

// subject is the sentence's opening words when they name a speaker: a
// self-reference ("The report"), a tag's name after at most a "The", or a
// run of names ("Priebus").
func (c *sentence) subject() ([]token, bool) {
	if _, n := c.s.lex.selfRefs.at(c.toks, 0); n > 0 {
		return c.toks[:n], true
	}
	// A name before one of its people who do not speak for it is no
	// subject: "Senior White House advisors described … and said" is not
	// the White House (members.txt).
	member := func(end int) bool {
		return end < len(c.toks) && c.connected(end) && c.s.lex.members.has(c.toks[end].lower)
	}
	for _, m := range c.s.tags.mentions(c.toks[:min(len(c.toks), 6)]) {
		if m.from <= 1 {
			if member(m.to) {
				return nil, false
			}
			return c.toks[:m.to], true
		}
	}
	start := 0
	if len(c.toks) > 0 && c.toks[0].lower == "the" {
		start = 1
	}
	end := start
	for end < len(c.toks) && end-start < 4 && c.names.isName(c.toks, end) && (end == start || c.connected(end)) {
		end++
	}
	// "Later in the dinner, the President … said", "During and after the
	// campaign": a word that opens an adverbial phrase is no subject.
	if end < len(c.toks) && c.connected(end) && (prepositions[c.toks[end].lower] || c.toks[end].lower == "and") {
		return nil, false
	}
	if member(end) {
		return nil, false
	}
	// A common word opening the sentence before a lower-case word that is
	// no verb modifies that word: "Additional evidence … that his counsel
	// called McGahn's counsel and said" is no claim by "Additional" (a
	// researcher's pass). "Priebus called Flynn and said", "Hope also said"
	// keep their subject.
	if start == 0 && end == 1 && end < len(c.toks) && c.connected(end) && c.names.lowerSeen[c.toks[0].lower] {
		w := c.toks[end]
		if _, l := c.s.lex.verbs.at(c.toks, end); w.text == w.lower && l == 0 && !c.s.lex.speakerSkip.has(w.lower) && !strings.HasSuffix(w.lower, "ed") {
			return nil, false
		}
	}
	// Nor is a possessor: in "Following Flynn's resignation, the President
	// …, describing him as …" the subject is not "Following Flynn".
	if end < len(c.toks) && c.toks[end].lower == "s" && strings.ContainsAny(c.gap(end), "'’") {
		return nil, false
	}
	if end > start {
		return c.toks[:end], true
	}
	return nil, false
}

// subjectPronouns may open the claim right after a told-verb's object;
// objectPronouns may be that object.
var (
	appositiveStarts = setOf("a", "an", "who", "which")
	subjectPronouns  = setOf("he", "she", "they", "we", "i", "it")
	objectPronouns   = setOf("him", "her", "them", "us", "me")
)

// appositive moves a speaker's start back over an appositive or a relative
// clause: in "Sam Patten, a business partner to Kilimnik, stated" and
// "Porter, who was Staff Secretary at the time, said" the speaker is the name.
func (c *sentence) appositive(b, e int) (int, int) {
	if b == 0 || !appositiveStarts[c.toks[b].lower] || !strings.Contains(c.gap(b), ",") {
		return b, e
	}
	b2 := b - 1
	for b2 > 0 && c.connected(b2) && !boundaryWords[c.toks[b2-1].lower] {
		b2--
	}
	if b-b2 > maxSpeaker {
		return b, e
	}
	if _, ok := c.resolve(c.toks[b2:b], true); ok {
		return b2, b
	}
	return b, e
}

// auxiliaries are the verbs a negation follows ("did not establish", "has
// never said"), which a negated cue starts with.
var auxiliaries = map[string]bool{
	"do": true, "does": true, "did": true, "has": true, "have": true, "had": true,
	"is": true, "was": true, "were": true, "are": true, "could": true, "would": true,
	"can": true, "will": true, "should": true, "may": true, "might": true,
}
