package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Passage is a passage's text and its ordinal in its document.
type Passage struct {
	Ordinal int
	Text    string
}

// Doc is what the suggester knows of a document beyond its passages.
type Doc struct {
	Title string
	// Report names the report (a source tag of kind "report") the document
	// is about, or is: "the report", "it said" speak for it. "" when none.
	Report string
	// IsReport: the document is that report, so an unquoted "we assess"
	// is the report's own judgment.
	IsReport bool
}

// Suggester finds claims with the lexicon's rules and the tags' names.
type Suggester struct {
	lex  *Lexicon
	tags *Tags
}

// New returns a suggester over tags; lex nil means DefaultLexicon().
func New(tags *Tags, lex *Lexicon) *Suggester {
	if lex == nil {
		lex = DefaultLexicon()
	}
	return &Suggester{lex: lex, tags: tags}
}

// maxSpeaker is the longest speaker, in words, the rules accept: a longer
// run before a verb is a clause, not a name.
const maxSpeaker = 8

// boundaryWords end a speaker: "… that sources said", "… while Russia …".
var boundaryWords = setOf("that", "which", "who", "whom", "whose", "while", "because", "when", "after",
	"before", "although", "though", "if", "as", "but", "where", "whether", "since", "so", "than", "until", "unless", "and", "or",
	"what", "how", "why")

// pronouns are speakers that name nobody (except "it" and "we", see resolve).
var pronouns = setOf("he", "she", "they", "i", "you", "it", "we", "this", "that", "these", "those", "there", "one")

// functionWords are never a name, even capitalised at a sentence's start.
var functionWords = setOf("the", "a", "an", "he", "she", "they", "it", "we", "i", "this", "that", "these",
	"those", "his", "her", "their", "our", "its", "in", "on", "at", "according", "but", "and", "while", "after",
	"when", "as", "if", "though", "although", "however", "both", "each", "some", "other", "such", "there", "then",
	"redacted", "my", "your", "id")

// prepositions may follow a trailing verb ("three sources said on condition
// of anonymity") or stand before a leading verb's "that" ("stated in his
// response that").
var prepositions = setOf("on", "in", "at", "during", "to", "under", "through", "via", "last", "this", "after", "before", "by", "with")

// wasWords may stand between a comma and a trailing "reported by":
// ", which was first reported by CNN".
var wasWords = setOf("which", "that", "was", "were", "is", "are", "been", "has", "have", "had", "it", "as")

func setOf(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Suggest returns the claims the rules find in a document's passages, in
// passage and text order.
func (s *Suggester) Suggest(doc Doc, passages []Passage) []Claim {
	type sents struct {
		p     Passage
		spans []span
		toks  [][]token
	}
	all := make([]sents, len(passages))
	names := nameEvidence{capMid: map[string]bool{}, lowerSeen: map[string]bool{}}
	for i, p := range passages {
		all[i].p = p
		all[i].spans = s.lex.sentences(p.Text)
		for _, sp := range all[i].spans {
			toks := tokenize(p.Text[sp.start:sp.end])
			for k := range toks {
				toks[k].start += sp.start
				toks[k].end += sp.start
			}
			names.learn(p.Text, toks)
			all[i].toks = append(all[i].toks, toks)
		}
	}
	var out []Claim
	for _, a := range all {
		for k, sp := range a.spans {
			c := &sentence{s: s, doc: doc, names: &names, text: a.p.Text, sp: sp, toks: a.toks[k], ordinal: a.p.Ordinal}
			out = append(out, c.claims()...)
		}
	}
	return out
}

// nameEvidence tells capitalised names from words capitalised only because
// they start a sentence: a word is a name if the document capitalises it
// mid-sentence, or never writes it in lower case.
type nameEvidence struct{ capMid, lowerSeen map[string]bool }

func (n *nameEvidence) learn(text string, toks []token) {
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.text)
		switch {
		case unicode.IsUpper(r) && i > 0 && !strings.ContainsAny(text[toks[i-1].end:t.start], ".:;\"“”‘(["):
			n.capMid[t.lower] = true
		case unicode.IsLower(r):
			n.lowerSeen[t.lower] = true
		}
	}
}

func (n *nameEvidence) isName(toks []token, i int) bool {
	t := toks[i]
	r, _ := utf8.DecodeRuneInString(t.text)
	if !unicode.IsUpper(r) || functionWords[t.lower] || strings.ContainsFunc(t.text, unicode.IsDigit) {
		return false // "FN12" is a footnote marker's
	}
	return !n.lowerSeen[t.lower] || n.capMid[t.lower]
}

type cueKind int

const (
	verbCue cueKind = iota
	attributionCue
	judgmentCue
)

type cue struct {
	kind     cueKind
	from, to int // tokens
	p        phrase
}

// sentence is one sentence being read for claims.
type sentence struct {
	s       *Suggester
	doc     Doc
	names   *nameEvidence
	text    string // the passage
	sp      span   // the sentence in it
	toks    []token
	ordinal int
}

// gap is the text between token k-1 and token k (the sentence's edges at
// either end).
func (c *sentence) gap(k int) string {
	from, to := c.sp.start, c.sp.end
	if k > 0 {
		from = c.toks[k-1].end
	}
	if k < len(c.toks) {
		to = c.toks[k].start
	}
	return c.text[from:to]
}

// connected tells whether tokens k-1 and k are in one phrase: no comma,
// quote, bracket, colon or dash between them.
func (c *sentence) connected(k int) bool {
	return k > 0 && k < len(c.toks) && !strings.ContainsAny(c.gap(k), ",;:()[]\"“”—–")
}

// commaBefore is the byte offset of the last comma between tokens k-1 and
// k, or -1.
func (c *sentence) commaBefore(k int) int {
	g := c.gap(k)
	i := strings.LastIndex(g, ",")
	if i < 0 || k == 0 {
		return -1
	}
	return c.toks[k-1].end + i
}

func (c *sentence) cues() []cue {
	lex := c.s.lex
	var out []cue
	for i := 0; i < len(c.toks); {
		if p, n := lex.judgments.at(c.toks, i); n > 0 {
			out = append(out, cue{judgmentCue, i, i + n, p})
			i += n
			continue
		}
		if p, n := lex.attribution.at(c.toks, i); n > 0 {
			out = append(out, cue{attributionCue, i, i + n, p})
			i += n
			continue
		}
		// A capitalised verb is a name's part ("United States"), not a verb.
		if p, n := lex.verbs.at(c.toks, i); n > 0 && c.toks[i].text == c.toks[i].lower {
			out = append(out, cue{verbCue, i, i + n, p})
			i += n
			continue
		}
		i++
	}
	return out
}

// candidate is a claim found by one rule, before its fields are read.
type candidate struct {
	start, end int // content bytes
	cue        cue
	speaker    []token
	source     Source
	rule       string
	denies     bool // a negated verb: "the investigation did not establish that …"
}

func (c *sentence) claims() []Claim {
	if strings.HasSuffix(strings.TrimRightFunc(c.text[c.sp.start:c.sp.end], isCloser), "?") {
		return nil // a question asserts nothing
	}
	cues := c.cues()
	var cands []candidate
	for _, q := range cues {
		var cand candidate
		var ok bool
		switch {
		case q.kind == attributionCue:
			cand, ok = c.attributed(q)
		case q.kind == judgmentCue:
			cand, ok = c.judgment(q)
		case q.p.flags["participle"]:
			cand, ok = c.participle(q)
		default:
			cand, ok = c.verb(q)
		}
		if !ok {
			continue
		}
		cand.start, cand.end = c.trim(cand.start, cand.end)
		if len(tokenize(c.text[cand.start:cand.end])) < 3 {
			continue // "…, it said." with nothing said
		}
		cands = append(cands, cand)
	}
	return c.finish(cands, cues)
}

// verb reads "<speaker> <verb> [that] <claim>", "<claim>, <speaker> <verb>."
// and "<a>, <speaker> <verb>, <b>" (the whole sentence).
func (c *sentence) verb(q cue) (candidate, bool) {
	n := len(c.toks)
	b, e, ok := c.speakerBefore(q.from)
	if !ok {
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
		if !ok {
			return candidate{}, false
		}
		b, e = 0, len(subject)
	}
	b, e = c.appositive(b, e)
	cand := candidate{cue: q, speaker: c.toks[b:e]}
	if cand.source, ok = c.resolve(cand.speaker, true); !ok {
		return candidate{}, false
	}
	for _, t := range c.toks[verbAt:q.from] {
		cand.denies = cand.denies || t.lower == "not" || t.lower == "never" // "did not establish that"
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
		for t := q.to; t < min(n, q.to+8); t++ {
			if t > q.to && !c.connected(t) {
				if g := c.gap(t); strings.ContainsAny(g, ",:") && strings.ContainsAny(g, "\"“") {
					k = t // "wrote to Dmitriev, “…”"
				}
				break
			}
			if c.toks[t].lower == "that" {
				k = t
				break
			}
		}
		if k < 0 {
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
	k = c.skipChain(k)
	bare := k == q.to // nothing between the verb and its claim: no "that"
	// "claimed to have …", "determined not to …", "testified in a hearing":
	// an act, not a claim in words of its own. After "that" a preposition
	// is the claim's own ("recalled that, after speaking …, he decided").
	if k >= n || c.toks[k].lower == "to" || (bare && prepositions[c.toks[k].lower]) ||
		(c.toks[k].lower == "not" && k+1 < n && c.toks[k+1].lower == "to") {
		return candidate{}, false
	}
	cand.start, cand.end, cand.rule = c.contentStart(k), c.sp.end, "leading"
	return cand, true
}

// skipChain skips "that" and a pronoun's own reporting verb after a verb:
// "officials say they determined that <claim>".
func (c *sentence) skipChain(k int) int {
	n := len(c.toks)
	if k < n && c.toks[k].lower == "that" {
		k++
	}
	if k < n && pronouns[c.toks[k].lower] {
		m := k + 1
		for m < n && c.s.lex.speakerSkip.has(c.toks[m].lower) {
			m++
		}
		if m < n {
			if _, l := c.s.lex.verbs.at(c.toks, m); l > 0 {
				k = m + l
				if k < n && c.toks[k].lower == "that" {
					k++
				}
			}
		}
	}
	return k
}

// contentStart is where a claim starting at token k begins: the token, or
// an opening quote just before it.
func (c *sentence) contentStart(k int) int {
	g := c.gap(k)
	if i := strings.IndexAny(g, "\"“"); i >= 0 {
		return c.toks[k].start - len(g) + i
	}
	return c.toks[k].start
}

// speakerBefore finds the words naming the speaker of the verb at token i:
// back over "also", "previously" …, then to a comma, quote or a word such
// as "that". b == e when nothing stands there.
func (c *sentence) speakerBefore(i int) (b, e int, ok bool) {
	e = i
	for e > 0 && c.connected(e) && c.s.lex.speakerSkip.has(c.toks[e-1].lower) {
		e--
	}
	if e == 0 || !c.connected(e) || boundaryWords[c.toks[e-1].lower] {
		return e, e, true
	}
	if e >= 2 && c.toks[e-1].lower == "s" && strings.ContainsAny(c.gap(e-1), "'’") {
		return e, e, false // "the President's stated rationales": an adjective
	}
	b = e - 1
	for b > 0 && c.connected(b) && !boundaryWords[c.toks[b-1].lower] {
		b--
	}
	return b, e, e-b <= maxSpeaker
}

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
		cand.start, cand.end, cand.rule = c.contentStart(e), c.sp.end, "according-to"
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
	cand.start, cand.end, cand.rule = c.sp.start, comma, "according-to"
	return cand, true
}

// judgment reads an unquoted "We assess that <claim>" in a document that
// is the report itself. Elsewhere a judgment only names the cue of the
// claim around it (see finish).
func (c *sentence) judgment(q cue) (candidate, bool) {
	if !c.doc.IsReport || c.doc.Report == "" {
		return candidate{}, false
	}
	k := c.skipChain(q.to)
	if k >= len(c.toks) {
		return candidate{}, false
	}
	return candidate{start: c.contentStart(k), end: c.sp.end, cue: q, speaker: c.toks[q.from : q.from+1],
		source: c.s.tags.source(c.doc.Report), rule: "judgment"}, true
}

// participle reads "<subject> …, concluding that <claim>": the speaker is
// the sentence's subject, which must be a source the rules know.
func (c *sentence) participle(q cue) (candidate, bool) {
	if q.from == 0 || !strings.Contains(c.gap(q.from), ",") {
		return candidate{}, false
	}
	subject, ok := c.subject()
	if !ok {
		return candidate{}, false
	}
	k := c.skipChain(q.to)
	if k >= len(c.toks) {
		return candidate{}, false
	}
	src, ok := c.resolve(subject, true)
	if !ok {
		return candidate{}, false
	}
	return candidate{start: c.contentStart(k), end: c.sp.end, cue: q, speaker: subject, source: src, rule: "participle"}, true
}

// subject is the sentence's opening words when they name a speaker: a
// self-reference ("The report"), a tag's name after at most a "The", or a
// run of names ("Priebus").
func (c *sentence) subject() ([]token, bool) {
	if _, n := c.s.lex.selfRefs.at(c.toks, 0); n > 0 {
		return c.toks[:n], true
	}
	for _, m := range c.s.tags.mentions(c.toks[:min(len(c.toks), 6)]) {
		if m.from <= 1 {
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
	if end > start {
		return c.toks[:end], true
	}
	return nil, false
}

// appositive moves a speaker's start back over an appositive: in "Sam
// Patten, a business partner to Kilimnik, stated" the speaker is Sam Patten.
func (c *sentence) appositive(b, e int) (int, int) {
	if b == 0 || (c.toks[b].lower != "a" && c.toks[b].lower != "an") || !strings.Contains(c.gap(b), ",") {
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
