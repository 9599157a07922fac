package claims

import (
	"regexp"
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
	// Author is who writes the document, so an unquoted "we" in a document
	// that is not the report is theirs: its author, else its source (the
	// document's details). "" when unknown: such a "we" names nobody.
	Author string
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
	"redacted", "my", "your", "id",
	// Determiners, numbers and prepositions that open a sentence: "No
	// witness recalled", "Two officials told", "To establish", "During and
	// after the campaign, the President … said" made them sources.
	"no", "to", "during", "two", "three", "four", "five", "several", "many", "most", "all", "any", "every", "another",
	// And in a passage read alone: "Nor could such an exclusion …
	// established", "Despite Kushner’s reaction, Simes believed" (a source
	// "Nor", a full name "Despite Kushner").
	"nor", "despite", "before",
	// A citation's signal before a name: "See Priebus 10/13/17 302 (the
	// President thought …)" made a full name "See Priebus".
	"see", "cf")

// claimNouns name a claim rather than make one: "a statement that the
// investigation did not establish particular facts does not mean …" is
// about a kind of statement, and the words after its verb are an object,
// not a claim.
var claimNouns = setOf("statement", "statements", "claim", "claims", "fact", "assertion", "assertions", "finding", "findings",
	"conclusion", "allegation", "allegations", "notion", "suggestion", "premise")

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
	return s.SuggestRead(doc, s.Read(passages))
}

// Reading is a document's passages cut into sentences and words, with the
// evidence of names they give: what Suggest reads before its rules, which
// depends on the text and the lexicon, not on the tags. The store suggests
// a document again once its first pass has made new sources (their names
// known now); it reads the document once for both passes.
type Reading struct {
	lex   *Lexicon
	all   []readPassage
	names nameEvidence
	bytes int // the passages' text
}

type readPassage struct {
	p     Passage
	spans []span
	toks  [][]token
}

// Bytes is the size of the passages' text the reading holds.
func (r *Reading) Bytes() int { return r.bytes }

// Read reads passages for SuggestRead.
func (s *Suggester) Read(passages []Passage) *Reading {
	r := &Reading{lex: s.lex, all: make([]readPassage, len(passages)),
		names: nameEvidence{capMid: map[string]bool{}, lowerSeen: map[string]bool{}}}
	for i, p := range passages {
		r.bytes += len(p.Text)
		r.all[i].p = p
		r.all[i].spans = s.lex.sentences(p.Text)
		for _, sp := range r.all[i].spans {
			toks := tokenize(p.Text[sp.start:sp.end])
			for k := range toks {
				toks[k].start += sp.start
				toks[k].end += sp.start
			}
			r.names.learn(p.Text, toks)
			r.all[i].toks = append(r.all[i].toks, toks)
		}
	}
	return r
}

// SuggestRead is Suggest over passages read by Read (by a suggester with
// the same lexicon; read again otherwise). The reading is not changed: it
// may be suggested from again.
func (s *Suggester) SuggestRead(doc Doc, r *Reading) []Claim {
	if r.lex != s.lex {
		passages := make([]Passage, len(r.all))
		for i, a := range r.all {
			passages[i] = a.p
		}
		r = s.Read(passages)
	}
	names := &r.names // only Read writes it
	var out []Claim
	for _, a := range r.all {
		// A quotation opened in an earlier sentence is open (inQuotation),
		// read only where the passage's quotation marks pair up: a mark
		// lost or misread (the report's "taken off' by Comey's firing")
		// would leave the rest of the passage quoted.
		quoted, paired := false, quotesPaired(a.p.Text)
		for k, sp := range a.spans {
			toks, cited := a.toks[k], false
			whole := &sentence{text: a.p.Text, sp: sp, quoted: quoted}
			quoted = paired && whole.quoteOpen(sp.end)
			// A reference to a published work is read without its outlet
			// and date: its headline's "…, Giuliani says" then ends there,
			// and the claim is not the headline with ", Washington Post
			// (Mar. 28, 2018)" after it.
			if m := citedWorkAt(a.p.Text[sp.start:sp.end]); m != nil {
				sp.end, cited = sp.start+m[0], true
				n := 0
				for n < len(toks) && toks[n].end <= sp.end {
					n++
				}
				toks = toks[:n]
			}
			c := &sentence{s: s, doc: doc, names: names, text: a.p.Text, sp: sp, toks: toks, ordinal: a.p.Ordinal, cited: cited,
				quoted: whole.quoted, paired: paired}
			out = append(out, c.claims()...)
		}
	}
	s.fullNames(out, names, r)
	return out
}

// quotesPaired tells whether a text's quotation marks pair up: as many
// opening as closing curly ones, and an even number of straight ones.
func quotesPaired(text string) bool {
	return strings.Count(text, "“") == strings.Count(text, "”") && strings.Count(text, "\"")%2 == 0
}

// fullNames gives a new source that is a surname the full name the same
// document's claims give it: "Priebus" is "Reince Priebus" when that is the
// only source of the document ending in "Priebus" (a researcher's pass
// found 14 such pairs in the Mueller report, each person two sources). Not
// when two full names end in it ("Chris Ruddy", "Christopher Ruddy"), nor
// when the document writes the word in lower case ("Post", "Campaign": a
// common word, which may mean something else), nor for titles ("President"
// is not "Vice President"). A tag is the user's word and stays. When no
// claim gives a surname's full name, the document's text may (textFullNames).
func (s *Suggester) fullNames(claims []Claim, names *nameEvidence, r *Reading) {
	type full struct {
		src   Source
		clash bool
	}
	byLast := map[string]*full{}
	for _, c := range claims {
		toks := tokenize(c.Source.Name)
		if len(toks) < 2 || !s.plainName(c.Source.Name, toks) {
			continue
		}
		last := toks[len(toks)-1].lower
		if f := byLast[last]; f == nil {
			byLast[last] = &full{src: c.Source}
		} else if f.src.Name != c.Source.Name {
			f.clash = true
		}
	}
	surname := func(c Claim) (string, bool) {
		key := strings.ToLower(c.Source.Name)
		return key, c.Source.New && !names.lowerSeen[key] && !s.lex.titles.has(key)
	}
	s.definiteFullNames(claims, names, r)
	need := map[string]bool{} // surnames no claim gives a full name to
	for i, c := range claims {
		key, ok := surname(c)
		if f := byLast[key]; ok && f != nil && !f.clash {
			claims[i].Source = f.src
		} else if ok && f == nil && len(tokenize(key)) == 1 {
			need[key] = true
		}
	}
	if len(need) == 0 {
		return
	}
	// A source's surname is no first name: "Goldstone Facebook post" is
	// not a full name of Facebook's.
	surnames := map[string]bool{}
	for _, c := range claims {
		if toks := tokenize(c.Source.Name); len(toks) > 0 {
			surnames[toks[len(toks)-1].lower] = true
		}
	}
	learned := s.textFullNames(r, names, need, surnames)
	for i, c := range claims {
		if key, ok := surname(c); ok && learned[key] != "" && byLast[key] == nil {
			claims[i].Source = s.sourceNamed(learned[key])
		}
	}
}

// definiteFullNames gives a new source that is one word written after
// "the" ("The Post story stated that …") the full name the document writes
// after "the" ending in that word ("the Washington Post"), when it writes
// one such name (or names ending in one of them). The document may write the word in lower case too ("a
// Facebook post"), which leaves it to fullNames otherwise: the Mueller
// report's "Post" was a source of its own, which the store drops as a
// common word. Only a name written after "the" is one the document
// shortens so: "Jane Post said …" gives "the Post" no full name, nor does a
// "Post" written without "the" ("Post-election polls show").
func (s *Suggester) definiteFullNames(claims []Claim, names *nameEvidence, r *Reading) {
	keys := map[string]bool{}
	for _, c := range claims {
		if key := strings.ToLower(c.Source.Name); c.Source.New && names.lowerSeen[key] && !s.lex.titles.has(key) && definiteName(c) {
			keys[key] = true
		}
	}
	if len(keys) == 0 {
		return
	}
	forms := map[string]map[string]bool{} // key → the full names written after "the"
	for _, a := range r.all {
		for _, toks := range a.toks {
			for i, t := range toks {
				if i == 0 || !keys[t.lower] || !names.isName(toks, i) {
					continue
				}
				j := i
				for j > 0 && j > i-maxNamesBefore && s.nameBefore(a.p.Text, toks, j, names) {
					j--
				}
				if j == i || j == 0 || toks[j-1].lower != "the" {
					continue
				}
				if forms[t.lower] == nil {
					forms[t.lower] = map[string]bool{}
				}
				forms[t.lower][a.p.Text[toks[j].start:t.end]] = true
			}
		}
	}
	for i, c := range claims {
		key := strings.ToLower(c.Source.Name)
		if full := shortestEnding(forms[key]); keys[key] && full != "" && definiteName(c) {
			claims[i].Source = s.sourceNamed(full)
		}
	}
}

// shortestEnding is the shortest of forms when each of the others ends
// with it ("the Amazon Washington Post" of a tweet is the Washington
// Post), else "": two names ("the Washington Post", "the Huffington Post").
func shortestEnding(forms map[string]bool) string {
	short := ""
	for f := range forms {
		if short == "" || len(f) < len(short) {
			short = f
		}
	}
	for f := range forms {
		if !strings.HasSuffix(f, " "+short) && f != short {
			return ""
		}
	}
	return short
}

// definiteName tells whether a claim's one-word source was written after
// "the" in its speaker ("The Post story").
func definiteName(c Claim) bool {
	toks := tokenize(c.Speaker)
	for i := 1; i < len(toks); i++ {
		if toks[i].text == c.Source.Name && toks[i-1].lower == "the" {
			return true
		}
	}
	return false
}

// sourceNamed is the source of that name: its tag's, or a new one.
func (s *Suggester) sourceNamed(name string) Source {
	if s.tags == nil {
		return Source{Name: name, New: true}
	}
	return s.tags.source(name)
}

// textFullNames finds in the document's text the full name of each of the
// surnames (lower case) when it writes exactly one person's: "Comey" (33
// claims) and "McGahn" (63) stayed surnames in the Mueller report, which
// writes "FBI Director James B. Comey" and "White House Counsel Donald
// McGahn" (a researcher's pass). A full name is the capitalised names
// written before the surname, apart by single spaces (or an initial's
// full stop), without the titles before them ("Director") and not in a
// title-case line such as a heading ("The President Orders McGahn to …",
// where any capitalised word stands before a name), and not a source's
// surname (surnames, lower case). Its forms are one
// person's when their first names agree, one perhaps short for the other
// ("Don", "Donald"), and their middle names agree where both have one
// ("James B. Comey", "James Comey"); the name is then given in its
// fullest first name and fewest words ("Donald McGahn", "James Comey").
// Two people ("Eric Trump", "Donald Trump"): the surname stays.
func (s *Suggester) textFullNames(r *Reading, names *nameEvidence, need, surnames map[string]bool) map[string]string {
	type form struct {
		words []string // first name, middle names or initials, surname
		seen  int
	}
	forms := map[string][]*form{} // surname → its full names as written
	// Each form found by its words: a document may write thousands of
	// first names before one surname (a generated 5 MB text with 30,000
	// of them took minutes when each was looked for in a list).
	seen := map[string]*form{} // surname, NUL, the form's words
	for _, a := range r.all {
		for _, toks := range a.toks {
			if s.titleCase(toks) {
				continue
			}
			for i, t := range toks {
				if i == 0 || !need[t.lower] || !names.isName(toks, i) {
					continue
				}
				j := i
				for j > 0 && s.nameBefore(a.p.Text, toks, j, names) && !surnames[toks[j-1].lower] {
					// A sentence's first word before a first name is
					// capitalised by its place unless the document
					// capitalises it mid-sentence too: "Yesterday John
					// Smith met …" gave "Yesterday John Smith" in a memo
					// writing "yesterday" nowhere else. Alone before the
					// surname it is the first name ("John Smith met …").
					if j == 1 && j < i && !initialToken(toks[0]) && !names.capMid[toks[0].lower] {
						break
					}
					j--
				}
				for j < i && initialToken(toks[j]) {
					j++ // a run starting with initials names no first name
				}
				// A longer run is a list of names or a line of capitalised
				// words, no one's name: "Yesterday Aaa Bbb … Zzz Smith" made
				// a source of 17 words.
				if j == i || i-j > maxNamesBefore {
					continue
				}
				words := make([]string, 0, i-j+1)
				for _, w := range toks[j : i+1] {
					words = append(words, w.text)
				}
				key := t.lower + "\x00" + strings.Join(words, " ")
				if f := seen[key]; f != nil {
					f.seen++
				} else {
					f = &form{words: words, seen: 1}
					seen[key] = f
					forms[t.lower] = append(forms[t.lower], f)
				}
			}
		}
	}
	out := map[string]string{}
	for key, fs := range forms {
		onePerson, best := true, fs[0]
		for i, f := range fs {
			for _, g := range fs[i+1:] {
				if onePerson = sameFullName(f.words, g.words); !onePerson {
					break
				}
			}
			if !onePerson {
				break // two people: the surname stays, whichever is best
			}
			switch a, b := len(f.words[0]), len(best.words[0]); {
			case a > b, a == b && len(f.words) < len(best.words), a == b && len(f.words) == len(best.words) && f.seen > best.seen:
				best = f
			}
		}
		if onePerson {
			out[key] = fullNameText(best.words)
		}
	}
	return out
}

// maxNamesBefore is the most words a full name has before its surname:
// a first name and middle names or initials ("George Herbert Walker Bush",
// "Robert Swan Mueller").
const maxNamesBefore = 4

// fullNameText writes a full name's words with an initial's full stop
// ("James B. Comey").
func fullNameText(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i < len(words)-1 && utf8.RuneCountInString(w) == 1 {
			b.WriteByte('.')
		}
	}
	return b.String()
}

// sameFullName tells whether two full names of one surname are one
// person's: first names equal or one the other's start ("Don", "Donald"),
// middle names equal where both have them.
func sameFullName(a, b []string) bool {
	fa, fb := strings.ToLower(a[0]), strings.ToLower(b[0])
	if !strings.HasPrefix(fa, fb) && !strings.HasPrefix(fb, fa) {
		return false
	}
	ma, mb := a[1:len(a)-1], b[1:len(b)-1]
	if len(ma) == 0 || len(mb) == 0 {
		return true
	}
	return strings.EqualFold(strings.Join(ma, " "), strings.Join(mb, " "))
}

// nameBefore tells whether toks[j-1] is part of the name that toks[j]
// continues: a capitalised name, not a title, written one space before it
// (or an initial's full stop and a space: "James B. Comey").
func (s *Suggester) nameBefore(text string, toks []token, j int, names *nameEvidence) bool {
	t := toks[j-1]
	gap := text[t.end:toks[j].start]
	if gap != " " && !(initialToken(t) && gap == ". ") {
		return false
	}
	if initialToken(t) {
		return true
	}
	// A word the document also writes in lower case may be one
	// capitalised by its place ("See McGahn 302", "Firing Comey" in a
	// quoted headline).
	if !names.isName(toks, j-1) || names.lowerSeen[t.lower] || s.lex.titles.has(t.lower) || s.lex.demonyms.has(t.lower) || s.lex.notNames.has(t.lower) {
		return false
	}
	// Nor is a word with a capital inside ("WikiLeaks Twitter"), nor an
	// acronym, an office's ("FBI Director"), a first name.
	_, n := utf8.DecodeRuneInString(t.text)
	return !strings.ContainsFunc(t.text[n:], unicode.IsUpper)
}

// initialToken tells whether t is a single capital letter, an initial.
func initialToken(t token) bool {
	r, n := utf8.DecodeRuneInString(t.text)
	return n == len(t.text) && unicode.IsUpper(r)
}

// titleCase tells whether a sentence is written in title case, as a
// heading is: all of its longer words capitalised but prepositions ("The
// President Asks Comey to …", "Trump Demanded Loyalty"). Any capitalised
// word may stand before a name there. A sentence of names alone reads so
// too, and gives no full names: that loses a form of a name at most.
func (s *Suggester) titleCase(toks []token) bool {
	long := 0
	for _, t := range toks {
		if utf8.RuneCountInString(t.text) < 4 || functionWords[t.lower] || titlePrepositions[t.lower] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(t.text); !unicode.IsUpper(r) {
			return false
		}
		long++
	}
	return long > 0
}

// titlePrepositions are the longer words a title leaves in lower case.
var titlePrepositions = setOf("with", "from", "into", "onto", "about", "over", "under", "through", "between", "against",
	"during", "toward", "towards", "upon", "within", "without", "across", "among")

// plainName tells whether name (tokens toks) is a person's name of the
// plain kind: capitalised words apart only by spaces, full stops or
// hyphens, none of them a title ("Reince Priebus", "Donald J. Trump";
// not "Vice President", "Flynn's attorneys", "Mueller report").
func (s *Suggester) plainName(name string, toks []token) bool {
	for i, t := range toks {
		if r, _ := utf8.DecodeRuneInString(t.text); !unicode.IsUpper(r) || s.lex.titles.has(t.lower) {
			return false
		}
		if i > 0 && strings.Trim(name[toks[i-1].end:t.start], " .-") != "" {
			return false
		}
	}
	return true
}

// nameEvidence tells capitalised names from words capitalised only because
// they start a sentence: a word is a name if the document capitalises it
// mid-sentence, or never writes it in lower case.
type nameEvidence struct{ capMid, lowerSeen map[string]bool }

func (n *nameEvidence) learn(text string, toks []token) {
	addr := addressWords(text, toks)
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.text)
		switch {
		case unicode.IsUpper(r) && i > 0 && !strings.ContainsAny(text[toks[i-1].end:t.start], ".:;\"“”‘(["):
			n.capMid[t.lower] = true
		case unicode.IsLower(r) && (addr == nil || !addr[i]):
			n.lowerSeen[t.lower] = true
		}
	}
}

// addressWords marks the tokens of web addresses: runs of words joined
// without white space by two slashes or more ("cnn.com/videos/politics/…",
// "1/28/manafort-lawyers-keeping-trump-lawyers-giuliani-…"). An address
// writes names in lower case, which says nothing of the words: the
// Mueller report's footnoted CNN addresses kept "Giuliani" and "Manafort"
// from being the full names the report gives them, each person two
// sources (a researcher's pass). Nil when there are none.
func addressWords(text string, toks []token) []bool {
	var out []bool
	for i := 0; i < len(toks); {
		j, slashes := i+1, 0
		for j < len(toks) {
			gap := text[toks[j-1].end:toks[j].start]
			if strings.ContainsFunc(gap, unicode.IsSpace) {
				break
			}
			slashes += strings.Count(gap, "/")
			j++
		}
		if slashes >= 2 {
			if out == nil {
				out = make([]bool, len(toks))
			}
			for k := i; k < j; k++ {
				out[k] = true
			}
		}
		i = j
	}
	return out
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
	cited   bool // a reference to a published work, cut before its outlet and date (workCited)
	quoted  bool // it starts inside a quotation opened in an earlier sentence (inQuotation)
	paired  bool // the passage's quotation marks pair up (quotesPaired)
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
	// negFrom is the token where a negated verb's cue starts ("did" of
	// "did not establish") when negated: the cue was "establish" alone, and
	// "Mueller report denies …, cue “establish”" read as if the report had
	// established it (a researcher's pass).
	negFrom int
	negated bool
}

// maxSentence is the longest sentence, in words, read for claims: longer
// runs are text without full stops (a table, an OCR blob), where the rules
// would guess, and where reading every cue against every other would take
// time growing with the square of the length.
const maxSentence = 400

func (c *sentence) claims() []Claim {
	if len(c.toks) > maxSentence {
		return nil
	}
	asked, question := c.questionQuoted()
	if question && asked < 0 {
		return nil // a question asserts nothing
	}
	cues := c.cues()
	var cands []candidate
	for i, q := range cues {
		if q.p.flags["noun"] && c.inNextSubject(q, cues[i+1:]) {
			continue
		}
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
		cand.end = c.quotationEnd(cand.start, cand.end)
		cand.start, cand.end = c.trim(cand.start, cand.end)
		cand.start = c.afterAuthors(cand.start, cand.end)
		if len(tokenize(c.text[cand.start:cand.end])) < 3 {
			continue // "…, it said." with nothing said
		}
		if question && !c.reportsQuestion(cand, asked) {
			continue // the quoted question is all it says
		}
		cands = append(cands, cand)
	}
	return c.finish(cands, cues)
}

// questionQuoted tells whether the sentence ends in a question (past its
// closing quotes and footnote markers or bare number: "Jeff?\"505"), and
// where the quotation opens when the question is quoted inside the
// sentence (-1 when the sentence itself asks). A sentence that reports a
// question ("Trump told Cohen that Trump Tower Moscow was not a deal yet
// and said, \"Why mention it if it is not a deal?\"") asserts that it was
// asked: it was skipped whole, its claim lost.
func (c *sentence) questionQuoted() (asked int, question bool) {
	end := c.sp.end
	for {
		t := strings.TrimRightFunc(c.text[c.sp.start:end], unicode.IsSpace)
		if n := trailingFootnote(t); n > 0 {
			t = t[:len(t)-n]
		} else if i := strings.LastIndexByte(t, '<'); i >= 0 && markupAt(t[i:]) == len(t)-i {
			t = t[:i] // "…here?”<FN700>"
		}
		t = strings.TrimRightFunc(t, isCloser)
		if c.sp.start+len(t) == end {
			break
		}
		end = c.sp.start + len(t)
	}
	if !strings.HasSuffix(c.text[c.sp.start:end], "?") {
		return -1, false
	}
	mark := end - 1
	if !c.quoteOpen(mark) {
		return -1, true
	}
	return c.sp.start + max(0, strings.LastIndexAny(c.text[c.sp.start:mark], "\"“")), true
}

// reportsQuestion tells whether a claim in a sentence ending in a question
// quoted from byte asked says more than the question: words of its own
// before the quotation ("Kushner became aggravated and asked “[w]hat are
// we doing here?”", "…, but added that if he had asked for loyalty, \"Who
// cares?\""), not only the question ("“[t]he People wanted to know when
// you are coming?”"), nor words that only introduce it ("The President
// said words to the effect of, \"You're telling me …?\"").
func (c *sentence) reportsQuestion(cand candidate, asked int) bool {
	if asked <= cand.start {
		return false
	}
	before := strings.ToLower(strings.TrimRight(c.text[cand.start:asked], " \t,:"))
	return before != "" && !questionIntroducers[before]
}

// maxQuotationRun is how far past its sentence, in bytes, a claim runs to
// the end of a quotation it opens: further, a quotation mark is more
// likely lost or misread than a speech that long quoted.
const maxQuotationRun = 1000

// quotationEnd is where a claim ending at the sentence's end (at end) ends
// when it opens a quotation that the sentence does not close: after the
// closing mark in a later sentence of the passage. "Priebus recalled that
// the President hugged Flynn, shook his hand, and said, \"We'll give you a
// good recommendation. You're a good guy. We'll take care of you.\"" was
// cut after "recommendation", its quotation left open. Only where the
// passage's quotation marks pair up, and not past maxQuotationRun.
func (c *sentence) quotationEnd(start, end int) int {
	last := len(c.toks) - 1
	for last > 0 && c.marker(last) {
		last--
	}
	if !c.paired || last < 0 || end < c.toks[last].end || !c.quoteOpen(c.sp.end) {
		return end
	}
	open := strings.LastIndexAny(c.text[c.sp.start:c.sp.end], "\"“")
	if open < 0 || c.sp.start+open+1 < start && strings.TrimLeft(c.text[c.sp.start+open+1:start], " \t") != "" {
		return end // opened in an earlier sentence, or before the claim's words
	}
	closer := "\""
	if strings.HasPrefix(c.text[c.sp.start+open:], "“") {
		closer = "”"
	}
	rest := c.text[c.sp.end:min(len(c.text), c.sp.end+maxQuotationRun)]
	i := strings.Index(rest, closer)
	if i < 0 || closer == "”" && strings.Contains(rest[:i], "“") {
		return end
	}
	return c.sp.end + i + len(closer)
}

// evidenceVerbs say what a record shows, in the present: "Hunt's notes
// reflect that …", "Phone records show that …".
var evidenceVerbs = setOf("reflect", "reflects", "show", "shows", "indicate", "indicates", "suggest", "suggests", "confirm", "demonstrate", "demonstrates")

// pluralSaying are the present, plural forms of saying verbs that are no
// cues ("say" is one), before a quotation.
var pluralSaying = setOf("state", "read")

// questionIntroducers introduce a quoted question as a claim's only words.
var questionIntroducers = setOf("words to the effect of", "something to the effect of", "words to that effect", "something like", "words like")

// inNextSubject tells whether the verb cue q (a word that is also a plural
// noun) stands in the subject of the next verb: in "Press reports following
// Comey's testimony suggested that …" "reports" is a noun, and "Press" had
// become a source (a researcher's pass). The next verb is the next verb cue,
// or a past tense or a verb of evidence just before the first "that" after
// q ("suggested that", "Handwritten notes reflect that": "notes" was the
// verb, and "Handwritten" a source), or a plural's saying verb before a
// quotation ("Handwritten notes taken by Kelly state, “Don: …”").
func (c *sentence) inNextSubject(q cue, later []cue) bool {
	next := -1
	t := q.to + 1
	for ; t < min(len(c.toks), q.to+maxSpeaker) && c.connected(t); t++ {
		if w := c.toks[t-1]; c.toks[t].lower == "that" && w.text == w.lower && (strings.HasSuffix(w.lower, "ed") || evidenceVerbs[w.lower]) {
			next = t - 1
			break
		}
	}
	if next < 0 && t > q.to+1 && t < len(c.toks) && strings.ContainsAny(c.gap(t), "\"“") {
		if w := c.toks[t-1]; w.text == w.lower && pluralSaying[w.lower] {
			next = t - 1
		}
	}
	for _, q2 := range later {
		if q2.kind == verbCue && !q2.p.flags["participle"] {
			if next < 0 || q2.from < next {
				next = q2.from
			}
			break
		}
	}
	if next < 0 {
		return false
	}
	b, e, ok := c.speakerBefore(next)
	return ok && b <= q.from && q.to <= e
}

// workCited ends a footnote's reference to a published work: "…, officials
// say, Washington Post (Feb. 9, 2017)."
var workCited = regexp.MustCompile(`,\s*[^,()]+\((?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s*\d{4}\)[.;]?\s*$`)

// citedWorkAt is workCited's match in s, or nil. It looks for the closing
// bracket the match ends with first: few sentences end with one, and the
// expression's walk from every comma of every sentence was a tenth of the
// claims phase of a Mueller report import.
func citedWorkAt(s string) []int {
	t := strings.TrimRight(s, " \t\n\f\r") // \s
	if n := len(t); n > 0 && (t[n-1] == '.' || t[n-1] == ';') {
		t = t[:n-1]
	}
	if !strings.HasSuffix(t, ")") {
		return nil
	}
	return workCited.FindStringIndex(s)
}

// afterAuthors is where a claim starting at start really starts: after the
// authors of a cited work whose headline holds it. "Greg Miller et al.,
// National security adviser Flynn discussed sanctions …, officials say,
// Washington Post (Feb. 9, 2017)" claimed "Greg Miller et al., National
// security adviser …" for the officials, the reporters' names in their
// words (a researcher's pass: five such claims in the Mueller report's
// footnotes).
func (c *sentence) afterAuthors(start, end int) int {
	if !c.cited {
		return start
	}
	comma := strings.Index(c.text[start:end], ", ")
	if comma < 0 {
		return start
	}
	authors := c.text[start : start+comma]
	words := strings.Fields(authors)
	listed := strings.Contains(authors, " et al.") || strings.Contains(authors, " & ") || strings.Contains(authors, " and ")
	if len(words) == 0 || len(words) > 8 || !listed && len(words) > 3 {
		return start
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && w != "et" && w != "al." && w != "&" && w != "and" {
			return start // not a list of names: "Trump Confidant Christopher Ruddy says …"
		}
	}
	return start + comma + 2
}
