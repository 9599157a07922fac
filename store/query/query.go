// Package query parses Dossier's user-facing search language and translates
// it into a safe SQLite FTS5 MATCH expression.
//
// The language (documented in the README's search help):
//
//	putin kilimnik          all words must match
//	"influence operations"  exact phrase
//	sanction*               prefix (at least two letters before the *)
//	iran OR china           either (OR binds tighter than the implicit AND)
//	-trump  NOT trump       exclude
//	NEAR(putin kilimnik, 10) words within 10 words of each other (also
//	putin NEAR/10 kilimnik)  putin NEAR/10 kilimnik; the distance defaults to 10
//	doc:"Mueller"           filters: doc, page, actor, source, tag, is, has
//	page:7  page:3-9        passages starting on those pages (paged documents only)
//	by:CNN  about:putin     claims (issue 14): by, about, likelihood, confidence,
//	likelihood:>=likely     stance, is:claim; a comparison's level may be quoted
//	                        (likelihood:>="very likely") or hyphenated
//
// A bare word "letters:value" is read as a filter, and an unknown name is an
// error ("foo:bar" must be quoted to be searched for); web addresses
// (https://…), times (10:30) and a word ending in a colon ("Note:") are
// words.
//
// Every user term is re-quoted before it reaches FTS5, so no input can inject
// FTS5 syntax; malformed input yields a *Error with a human message.
package query

import (
	"fmt"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Limits that keep a pathological query from becoming a pathological
// FTS5 expression.
const (
	MaxQueryLen   = 1000
	MaxTerms      = 32
	MinPrefixLen  = 2
	filterKeyList = "doc, page, actor, source, tag, is, has, by, about, likelihood, confidence, stance"
)

// Kind says how a term matches.
type Kind int

const (
	Word   Kind = iota // one token (or several, if the word holds punctuation, e.g. "U.S.")
	Phrase             // tokens in sequence
	Prefix             // tokens starting with the text
	Near               // Terms all within Dist tokens of each other
)

// Term is one searchable unit typed by the user.
type Term struct {
	Kind  Kind
	Text  string
	Terms []Term // Near: the words, phrases and prefixes (at least two)
	Dist  int    // Near: the most tokens between them
}

// Filter restricts results without being matched against passage text.
type Filter struct {
	Key     string // lower-case: one of FilterKeys
	Value   string
	Negated bool
	// OrPrevious joins the filter to the one before it, of the same key,
	// as either ("by:cnn OR by:reuters"); filters are otherwise all required.
	OrPrevious bool
}

// FilterGroups splits filters into the groups joined by OR: a passage (or
// claim) must meet some filter of every group.
func FilterGroups(filters []Filter) [][]Filter {
	var groups [][]Filter
	for _, f := range filters {
		if f.OrPrevious && len(groups) > 0 {
			groups[len(groups)-1] = append(groups[len(groups)-1], f)
			continue
		}
		groups = append(groups, []Filter{f})
	}
	return groups
}

// Query is a parsed user query: Clauses are ANDed, the terms inside a clause
// are ORed; Excludes are removed from the result; Filters narrow it (ANDed,
// but for runs joined by OrPrevious: see FilterGroups).
type Query struct {
	Clauses  [][]Term
	Excludes []Term
	Filters  []Filter
}

// Error is a query the engine cannot run, with a message meant for the user.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) *Error { return &Error{Msg: fmt.Sprintf(format, args...)} }

// CheckLength refuses input longer than MaxQueryLen characters (not bytes:
// 600 Cyrillic letters are 1,200 bytes but well under the limit). A saved
// search is held to the same limit, since a longer one could never run.
func CheckLength(input string) error {
	if n := utf8.RuneCountInString(input); n > MaxQueryLen {
		return errorf("The query is too long (%d characters; the limit is %d).", n, MaxQueryLen)
	}
	return nil
}

// IsEmpty reports whether the query asks for nothing at all.
func (q Query) IsEmpty() bool {
	return len(q.Clauses) == 0 && len(q.Excludes) == 0 && len(q.Filters) == 0
}

// HasText reports whether the query has terms to match against passage text.
func (q Query) HasText() bool { return len(q.Clauses) > 0 }

// FilterKeys lists the filter names the parser recognises.
var FilterKeys = map[string]bool{"doc": true, "page": true, "actor": true, "source": true, "tag": true, "is": true, "has": true,
	"by": true, "about": true, "likelihood": true, "confidence": true, "stance": true}

// filterExample is an example of each filter with a value, for the
// message when one is typed without: "page: needs a value, for example
// page:\"name\"" offered a value that is itself an error, for page:,
// is:, has:, likelihood:, confidence: and stance: alike (found trying
// the window). Each example parses (a test checks).
var filterExample = map[string]string{"doc": `doc:"name"`, "page": "page:7", "actor": `actor:"name"`, "source": `source:"name"`,
	"tag": `tag:"name"`, "is": "is:bookmarked", "has": "has:note", "by": `by:"name"`, "about": `about:"name"`,
	"likelihood": "likelihood:likely", "confidence": "confidence:high", "stance": "stance:asserts"}

// token is a lexical unit of the raw input.
type token struct {
	text    string
	quoted  bool // came from "..."
	negated bool // preceded by '-' or NOT
	key     string
	isOr    bool
	near    *nearGroup // NEAR(...) with its terms, or nil
	nearOp  bool       // "NEAR" or "NEAR/n" between two terms
	dist    int        // nearOp: the distance
	err     *Error     // a construct lex could not read
}

// parses counts calls to Parse (see ParseCount).
var parses atomic.Int64

// ParseCount is how many times Parse has run in this process. It is for
// tests that check a request parses its query once, not more.
func ParseCount() int64 { return parses.Load() }

// Parse turns raw user input into a Query. It never panics; input it cannot
// make sense of is either ignored (stray punctuation, dangling OR) or
// reported as a *Error.
func Parse(input string) (Query, error) {
	parses.Add(1)
	var q Query
	if !utf8.ValidString(input) {
		input = strings.ToValidUTF8(input, " ")
	}
	// FTS5 reads the MATCH expression as a C string: a NUL inside a quoted
	// term ends it early ("unterminated string", a raw SQL error). A NUL
	// is never searchable; treat it as the space it most likely stands for.
	input = strings.ReplaceAll(input, "\x00", " ")
	input = straightQuotes(halfWidth(input))
	if err := CheckLength(input); err != nil {
		return q, err
	}
	toks := lex(input)

	var (
		pendingOr   bool
		filterOr    bool // an OR follows a filter: a filter next joins it
		lastFilter  bool // the last token was a filter
		pendingNear = -1 // the distance of a NEAR operator waiting for its right-hand term
		lastTerm    bool // the last token added a positive term (NEAR's left-hand side)
		nTerms      int
		// An OR between a word and a filter was silently an AND
		// ("is:bookmarked OR putin" found bookmarked passages naming Putin):
		// it is refused as OR between filters of two kinds is. last is the
		// previous word or filter as typed, orAfter what an OR followed.
		last, orAfter orSide
	)
	for _, t := range toks {
		if t.err != nil {
			return Query{}, t.err
		}
		if pendingNear >= 0 && (t.isOr || t.key != "" || t.nearOp || t.negated) {
			return Query{}, nearSidesError()
		}
		if t.isOr {
			if len(q.Clauses) > 0 {
				pendingOr = true
			}
			filterOr = lastFilter
			lastTerm, lastFilter = false, false
			orAfter, last = last, orSide{}
			continue
		}
		orFilter := filterOr && t.key != ""
		filterOr, lastFilter = false, t.key != ""
		if t.nearOp {
			if !lastTerm {
				return Query{}, nearSidesError()
			}
			pendingNear = t.dist
			continue
		}
		if t.key != "" {
			if !FilterKeys[t.key] {
				return Query{}, unknownFilter(t.key, t.text)
			}
			v := strings.TrimSpace(t.text)
			if v == "" {
				return q, errorf("%s: needs a value, for example %s.", Clip(t.key), filterExample[t.key])
			}
			if t.key == "page" {
				if _, _, err := PageRange(v); err != nil {
					return Query{}, err
				}
			}
			if orAfter.text != "" && !orAfter.filter {
				return Query{}, wordOrFilterError(orAfter.text, filterText(t.key, v, t.negated))
			}
			last, orAfter = orSide{filter: true, text: filterText(t.key, v, t.negated)}, orSide{}
			if orFilter {
				if prev := q.Filters[len(q.Filters)-1]; prev.Key != t.key {
					return Query{}, errorf("OR between filters is supported only for filters of one kind (by:cnn OR by:reuters); %s: and %s: are both required, so leave out the OR.", Clip(prev.Key), Clip(t.key))
				}
			}
			q.Filters = append(q.Filters, Filter{Key: t.key, Value: v, Negated: t.negated, OrPrevious: orFilter})
			pendingOr, lastTerm = false, false
			continue
		}
		var (
			term Term
			ok   bool
			err  error
		)
		if t.near != nil {
			term, ok, err = t.near.term()
		} else {
			term, ok, err = makeTerm(t)
		}
		if err != nil {
			return Query{}, err
		}
		if !ok {
			continue
		}
		if orAfter.filter {
			return Query{}, wordOrFilterError(termText(term, t.negated), orAfter.text)
		}
		last, orAfter = orSide{text: termText(term, t.negated)}, orSide{}
		nTerms += term.count()
		if nTerms > MaxTerms {
			return Query{}, errorf("The query has too many terms (the limit is %d).", MaxTerms)
		}
		switch {
		case pendingNear >= 0:
			last := len(q.Clauses) - 1
			c := q.Clauses[last]
			c[len(c)-1] = joinNear(c[len(c)-1], term, pendingNear)
			pendingNear = -1
		case t.negated:
			q.Excludes = append(q.Excludes, term)
			pendingOr = false
		case pendingOr:
			last := len(q.Clauses) - 1
			q.Clauses[last] = append(q.Clauses[last], term)
			pendingOr = false
		default:
			q.Clauses = append(q.Clauses, []Term{term})
		}
		lastTerm = !t.negated
	}
	if pendingNear >= 0 {
		return Query{}, nearSidesError()
	}
	if len(q.Clauses) == 0 && len(q.Excludes) > 0 && len(q.Filters) == 0 {
		return q, errorf("Add a word to search for: \"-%s\" only removes passages from results.", Clip(q.Excludes[0].excludeText()))
	}
	return q, nil
}

// orSide is a word or filter next to an OR, as typed, for its message.
type orSide struct {
	filter bool
	text   string
}

// wordOrFilterError refuses an OR between a word and a filter: a filter
// narrows every result, so the two cannot be alternatives.
func wordOrFilterError(word, filter string) *Error {
	return errorf("OR joins words, or filters of one kind (by:cnn OR by:reuters), not a word and a filter: %s and %s are both required, so leave out the OR.", Clip(filter), Clip(word))
}

// filterText is a filter as the user would type it.
func filterText(key, value string, negated bool) string {
	s := key + ":" + value
	if strings.ContainsAny(value, " \t") {
		s = key + `:"` + value + `"`
	}
	if negated {
		return "-" + s
	}
	return s
}

// termText is a term as the user would type it.
func termText(t Term, negated bool) string {
	s := `"` + t.Text + `"` // a word or a phrase
	switch t.Kind {
	case Near:
		s = t.excludeText()
	case Prefix:
		s = t.Text + "*"
	}
	if negated {
		return "-" + s
	}
	return s
}

// makeTerm classifies a lexed token; ok is false for tokens with nothing
// searchable in them (pure punctuation), which are dropped silently.
func makeTerm(t token) (Term, bool, error) {
	text := t.text
	if t.quoted {
		text = strings.Join(strings.Fields(text), " ")
		if !searchable(text) {
			return Term{}, false, nil
		}
		if !strings.Contains(text, " ") {
			return Term{Kind: Word, Text: text}, true, nil
		}
		return Term{Kind: Phrase, Text: text}, true, nil
	}
	if strings.HasSuffix(text, "*") {
		stem := strings.TrimRight(text, "*")
		if !searchable(stem) {
			return Term{}, false, nil
		}
		if n := countSearchable(stem); n < MinPrefixLen {
			return Term{}, false, errorf("Type at least %d letters before * (\"%s\" would match too much).", MinPrefixLen, Clip(text))
		}
		return Term{Kind: Prefix, Text: stem}, true, nil
	}
	if !searchable(text) {
		return Term{}, false, nil
	}
	return Term{Kind: Word, Text: text}, true, nil
}

func isTokenChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

func searchable(s string) bool { return strings.IndexFunc(s, isTokenChar) >= 0 }

func countSearchable(s string) int {
	n := 0
	for _, r := range s {
		if isTokenChar(r) {
			n++
		}
	}
	return n
}

// lex splits input into words, quoted phrases, OR operators and key:value
// filters. Parentheses are treated as spaces: OR already binds tighter than
// AND, which covers what users write parentheses for.
func lex(s string) []token {
	var toks []token
	negNext := false
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '(' || r == ')' {
			i += w
			continue
		}
		neg := negNext
		negNext = false
		if r == '-' {
			// "-word" or -"phrase" excludes; a lone "-" is ignored. It must
			// touch what it excludes: "1990 - 2000" or "Kilimnik - Manafort"
			// is a dash, not an exclusion (negNext used to survive the space).
			i += w
			next, _ := utf8.DecodeRuneInString(s[i:])
			lone := i >= len(s) || unicode.IsSpace(next)
			negNext = neg || !lone
			continue
		}
		if r == '"' {
			text, next := readQuoted(s, i+1)
			toks = append(toks, token{text: text, quoted: true, negated: neg})
			i = next
			continue
		}
		// A bare word, possibly key:value or key:"value".
		start := i
		for i < len(s) {
			r, w := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || r == '"' || r == '(' || r == ')' {
				break
			}
			i += w
		}
		word := s[start:i]
		if word == "NEAR" && i < len(s) && s[i] == '(' {
			g, next, err := readNear(s, i+1)
			toks = append(toks, token{near: g, negated: neg, err: err})
			i = next
			continue
		}
		if dist, ok, err := nearOperator(word); ok {
			toks = append(toks, token{nearOp: true, dist: dist, negated: neg, err: err})
			continue
		}
		quoteNext := i < len(s) && s[i] == '"'
		if key, v, ok := filterWord(word, quoteNext); ok {
			if quoteNext && (v == "" || isComparison(key, v)) {
				var quoted string
				quoted, i = readQuoted(s, i+1)
				v += quoted // likelihood:>="very likely"
			}
			toks = append(toks, token{key: key, text: v, negated: neg})
			continue
		}
		switch word {
		case "OR", "|":
			toks = append(toks, token{isOr: true})
			continue
		case "AND", "&":
			negNext = neg
			continue
		case "NOT":
			negNext = true
			continue
		}
		toks = append(toks, token{text: word, negated: neg})
	}
	return toks
}

// isComparison reports whether a scale filter's value so far is a
// comparison awaiting its quoted level.
func isComparison(key, v string) bool {
	return (key == "likelihood" || key == "confidence") && (v == ">=" || v == "<=" || v == ">" || v == "<" || v == "=")
}

// readQuoted reads up to the closing quote (or the end of input: an
// unterminated quote is forgiven) and returns the text and the next index.
func readQuoted(s string, i int) (string, int) {
	end := strings.IndexByte(s[i:], '"')
	if end < 0 {
		return s[i:], len(s)
	}
	return s[i : i+end], i + end + 1
}

// quote renders text as an FTS5 string literal, so that nothing in it is
// read as FTS5 syntax.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func (t Term) fts() string {
	if t.Kind == Near {
		parts := make([]string, len(t.Terms))
		for i, n := range t.Terms {
			parts[i] = n.fts()
		}
		return fmt.Sprintf("NEAR(%s, %d)", strings.Join(parts, " "), t.Dist)
	}
	if t.Kind == Prefix {
		return quote(t.Text) + "*"
	}
	return quote(t.Text)
}

// MatchExpr renders the text part of the query as an FTS5 MATCH expression.
// It returns "" when the query has no positive terms.
func (q Query) MatchExpr() string {
	if len(q.Clauses) == 0 {
		return ""
	}
	parts := make([]string, 0, len(q.Clauses))
	for _, c := range q.Clauses {
		alts := make([]string, len(c))
		for i, t := range c {
			alts[i] = t.fts()
		}
		if len(alts) == 1 {
			parts = append(parts, alts[0])
		} else {
			parts = append(parts, "("+strings.Join(alts, " OR ")+")")
		}
	}
	expr := strings.Join(parts, " AND ")
	if len(q.Excludes) > 0 {
		expr = "(" + expr + ")"
		for _, t := range q.Excludes {
			expr += " NOT " + t.fts()
		}
	}
	return expr
}

// MinCompleteLen is the shortest last word CompleteLast turns into a prefix.
const MinCompleteLen = 3

// CompleteLast returns the query with the word being typed read as a
// prefix ("kilim" → "kilim*"), for a search typed so far that matches
// nothing. typed is the raw input q was parsed from: ok is false unless it
// ends in that word (not in a space, a filter or an exclusion), a single
// plain word of at least MinCompleteLen letters.
func (q Query) CompleteLast(typed string) (completed Query, ok bool) {
	if len(q.Clauses) == 0 || len(typed) >= MaxQueryLen {
		return q, false // a full-length query would outgrow the limit
	}
	last := q.Clauses[len(q.Clauses)-1]
	if len(last) != 1 || last[0].Kind != Word || utf8.RuneCountInString(last[0].Text) < MinCompleteLen {
		return q, false
	}
	word := last[0].Text
	for _, r := range word {
		// Letters, digits and combining marks (a decomposed "ü"): not
		// "U.S." or "C#".
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			return q, false
		}
	}
	if len(typed) < len(word) || !strings.EqualFold(typed[len(typed)-len(word):], word) {
		return q, false
	}
	// The input must end in that very word, typed as a search word: not
	// "-kilim", "doc:kilim", a word inside an open quote or the second of
	// "kilim NOT kilim". The input's last token says so, without parsing
	// it again: a plain word token that makes a one-word last clause began
	// that clause (after OR or NEAR it would have joined the one before).
	typed = straightQuotes(typed) // as Parse reads it; the word ending it is unchanged
	rest := typed[:len(typed)-len(word)]
	if r, _ := utf8.DecodeLastRuneInString(rest); rest != "" && !unicode.IsSpace(r) && r != '(' {
		return q, false
	}
	if strings.Count(rest, `"`)%2 == 1 {
		return q, false // inside a phrase still being typed
	}
	toks := lex(typed)
	if len(toks) == 0 {
		return q, false
	}
	if t := toks[len(toks)-1]; t.quoted || t.negated || t.key != "" || t.isOr || t.nearOp || t.near != nil || t.err != nil || t.text != word {
		return q, false
	}
	clauses := append([][]Term(nil), q.Clauses...)
	clauses[len(clauses)-1] = []Term{{Kind: Prefix, Text: word}}
	q.Clauses = clauses
	return q, true
}

// MinShortenedLen is the shortest prefix ShortenLast leaves.
const MinShortenedLen = 4

// ShortenLast drops the last letter of a completed query's final prefix
// ("interferen*" → "interfere*"). The index holds word stems, so a prefix
// longer than a word's stem finds nothing ("interference" is indexed as
// "interfer"); a shorter one does. ok is false if the last clause is not a
// single prefix of more than MinShortenedLen letters.
func (q Query) ShortenLast() (shorter Query, ok bool) {
	if len(q.Clauses) == 0 {
		return q, false
	}
	last := q.Clauses[len(q.Clauses)-1]
	if len(last) != 1 || last[0].Kind != Prefix || utf8.RuneCountInString(last[0].Text) <= MinShortenedLen {
		return q, false
	}
	_, size := utf8.DecodeLastRuneInString(last[0].Text)
	clauses := append([][]Term(nil), q.Clauses...)
	clauses[len(clauses)-1] = []Term{{Kind: Prefix, Text: last[0].Text[:len(last[0].Text)-size]}}
	q.Clauses = clauses
	return q, true
}

// String renders the query back in the user language, normalised.
func (q Query) String() string {
	var parts []string
	user := Term.user
	for _, c := range q.Clauses {
		alts := make([]string, len(c))
		for i, t := range c {
			alts[i] = user(t)
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	for _, t := range q.Excludes {
		parts = append(parts, "-"+user(t))
	}
	for _, group := range FilterGroups(q.Filters) {
		alts := make([]string, len(group))
		for i, f := range group {
			alts[i] = f.user()
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	return strings.Join(parts, " ")
}

// String is the filter as the user writes it: "-actor:\"Vladimir Putin\"".
func (f Filter) String() string { return f.user() }

// user renders a filter in the user language.
func (f Filter) user() string {
	v := f.Value
	if strings.IndexFunc(v, breaksWord) >= 0 {
		v = `"` + v + `"`
	}
	neg := ""
	if f.Negated {
		neg = "-"
	}
	return neg + f.Key + ":" + v
}

// user renders a term in the user language.
func (t Term) user() string {
	switch t.Kind {
	case Phrase:
		return `"` + t.Text + `"`
	case Prefix:
		return t.Text + "*"
	case Near:
		parts := make([]string, len(t.Terms))
		for i, n := range t.Terms {
			parts[i] = n.user()
		}
		return fmt.Sprintf("NEAR(%s, %d)", strings.Join(parts, " "), t.Dist)
	}
	// A word that came from quotes may read as syntax when bare: "-x"
	// (exclude), "OR", "doc:x" (filter), "ab*" (prefix), "a(b". Keep
	// its quotes so that the rendering means what was searched.
	if wordNeedsQuotes(t.Text) {
		return `"` + t.Text + `"`
	}
	return t.Text
}

// breaksWord reports whether r ends a bare word in lex.
func breaksWord(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '(' || r == ')' }

// wordNeedsQuotes reports whether lex would read the bare text as something
// other than one plain word.
func wordNeedsQuotes(s string) bool {
	switch s {
	case "OR", "|", "AND", "&", "NOT":
		return true
	}
	if strings.HasPrefix(s, "-") || strings.HasSuffix(s, "*") || strings.IndexFunc(s, breaksWord) >= 0 {
		return true
	}
	if _, ok, _ := nearOperator(s); ok {
		return true
	}
	// Bare, it would be a filter; and a quote may follow it in a rendering.
	_, _, ok := filterWord(s, true)
	return ok
}

// FilterKeyHelp lists the recognised filter keys for help messages.
func FilterKeyHelp() string { return filterKeyList }

// halfWidth turns the full-width forms of ASCII (U+FF01–U+FF5E) and the
// ideographic space into ASCII: a query typed with an East Asian input
// method on ("ＰＵＴＩＮ") found nothing, the index holding the words as
// documents spell them, in ASCII. Operators and quotes typed so work too.
func halfWidth(s string) string {
	if !strings.ContainsFunc(s, isFullWidth) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		}
		return r
	}, s)
}

func isFullWidth(r rune) bool { return r == '\u3000' || r >= 0xFF01 && r <= 0xFF5E }

// straightQuotes turns typographic double quotes (“ ” „ ‟) into the
// straight quote that makes a phrase: typed with smart quotes on, or
// pasted from the window's own “…”, "“flynn to”" was searched as the words
// "“flynn" and "to”", and "-”told comey”" excluded "told" alone. An
// apostrophe (’) is left alone.
func straightQuotes(s string) string {
	if !strings.ContainsFunc(s, isCurlyQuote) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isCurlyQuote(r) {
			return '"'
		}
		return r
	}, s)
}

func isCurlyQuote(r rune) bool { return r >= '\u201C' && r <= '\u201F' }
