package store

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mentionMatcher finds mentions of tag names and aliases in text, on word
// boundaries. Acronyms (all capitals: "US", "U.S.", "GRU") match only in
// capitals, so "US" never matches "us"; other names ignore case. A name
// never matches inside a longer word: "Iran" does not match "Iranian"
// unless "Iranian" is itself an alias.
//
// Names are kept in two tries of words, walked in one pass over the text
// without building a string per run of words: matching is most of the
// cost of tagging an import (issue 13). Not for concurrent use.
type mentionMatcher struct {
	fold  trieNode // names that ignore case, by lower-case word
	exact trieNode // acronyms, by word as written
	names int      // distinct names added
	// Where a name can start: bit n of [c] is set when a name's first word
	// (lower-cased for fold) starts with byte c and is n bytes long (63:
	// longer). Most words are rejected so without hashing them.
	foldStart, exactStart [256]uint64
	buf                   []byte // scratch for lower-casing a word
	// wanted are the tags whose mentions are asked for (nil: all); the
	// others' names are there to win where they are longer.
	wanted map[int64]bool
}

// startBit is a word's bit in foldStart or exactStart.
func startBit(w string) uint64 { return 1 << min(len(w), 63) }

// trieNode is a run of words; ids are the tags whose name ends there.
type trieNode struct {
	next map[string]*trieNode
	ids  []int64
}

func newMentionMatcher() *mentionMatcher {
	return &mentionMatcher{buf: make([]byte, 0, 64)}
}

// empty reports whether no name was added: nothing can be found.
func (m *mentionMatcher) empty() bool { return m.names == 0 }

// asciiWord marks the ASCII bytes that are letters or digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// nextWord returns the bounds of the first word (a run of letters and
// digits) of s at or after byte i, and whether it is all ASCII; start < 0
// when there is none.
func nextWord(s string, i int) (start, end int, ascii bool) {
	for i < len(s) { // the separators before it
		if c := s[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	if i >= len(s) {
		return -1, -1, true
	}
	start, ascii = i, true
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				return start, i, ascii
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			return start, i, ascii
		}
		ascii = false
		i += size
	}
	return start, len(s), ascii
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// isAcronym: no lower-case letter and one to six letters. (A lower-case
// rune is always a letter, so the name's words need not be cut out.)
func isAcronym(name string) bool {
	letters := 0
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0 && letters <= 6
}

func (m *mentionMatcher) add(name string, tagID int64) {
	acronym := isAcronym(name)
	n, starts := &m.fold, &m.foldStart
	if acronym {
		n, starts = &m.exact, &m.exactStart
	}
	for pos := 0; ; {
		start, end, _ := nextWord(name, pos)
		if start < 0 {
			break
		}
		w := name[start:end]
		if !acronym {
			w = strings.ToLower(w)
		}
		if pos == 0 {
			starts[w[0]] |= startBit(w)
		}
		child := n.next[w]
		if child == nil {
			if n.next == nil {
				n.next = map[string]*trieNode{}
			}
			child = &trieNode{}
			n.next[w] = child
		}
		n, pos = child, end
	}
	if n == &m.fold || n == &m.exact || slices.Contains(n.ids, tagID) {
		return // no word, or already known
	}
	if len(n.ids) == 0 {
		m.names++
	}
	n.ids = append(n.ids, tagID)
}

// foldChild is n's child for word w lower-cased, as strings.ToLower
// would (rune by rune), without allocating.
func (m *mentionMatcher) foldChild(n *trieNode, w string, ascii bool) *trieNode {
	if n.next == nil {
		return nil
	}
	if ascii && !hasUpperASCII(w) {
		return n.next[w] // w is its own fold
	}
	b := m.buf[:0]
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			b = append(b, c+asciiLower(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += size
	}
	m.buf = b
	return n.next[string(b)]
}

// walk calls visit for every name that starts with the word text[start:end],
// shortest first, with the end of the mention. The words after it are read
// only while some name could still go on.
func (m *mentionMatcher) walk(text string, start, end int, ascii bool, visit func(ids []int64, end int)) {
	w := text[start:end]
	var f, e *trieNode
	// Lower-casing keeps an ASCII word's length; not so in other scripts.
	if !ascii || m.foldStart[w[0]+asciiLower(w[0])]&startBit(w) != 0 {
		f = m.foldChild(&m.fold, w, ascii)
	}
	if m.exactStart[w[0]]&startBit(w) != 0 {
		e = m.exact.next[w]
	}
	for f != nil || e != nil {
		if e != nil && len(e.ids) > 0 {
			visit(e.ids, end)
		}
		if f != nil && len(f.ids) > 0 {
			visit(f.ids, end)
		}
		if (f == nil || f.next == nil) && (e == nil || e.next == nil) {
			return
		}
		s, next, ascii := nextWord(text, end)
		if s < 0 {
			return
		}
		w, end = text[s:next], next
		if f != nil {
			f = m.foldChild(f, w, ascii)
		}
		if e != nil {
			e = e.next[w]
		}
	}
}

func hasUpperASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if 'A' <= w[i] && w[i] <= 'Z' {
			return true
		}
	}
	return false
}

// asciiLower is the bit that lower-cases c when c is an ASCII capital.
func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return 'a' - 'A'
	}
	return 0
}

// A mention is the longest name at the leftmost place, across tags: in
// "Donald Trump Jr." a tag for Donald Trump Jr. wins over Donald Trump's
// alias "Trump", and the words a mention covers start no other mention
// (leftmost-longest, as findAll has always marked). A name followed by a
// generational suffix ("Trump Jr.", "Trump, Jr.", "Gates III") is someone
// else, unless the suffix is part of a longer name: "Trump Jr." is not
// Donald Trump even when no tag names Trump Jr. (a researcher's pass found
// 122 Mueller passages suggested as Donald Trump that way).

// next returns the mention that starts at the word text[start:end] and
// where the text's next mention may start: the longest name there (the
// ids of its end, fold and exact) or none (longest < 0) when no name
// starts there or the longest is followed by a suffix. After a name
// suppressed by its suffix the next word may start one: in "Mr. Trump,
// Jr." the alias "Mr Trump" is not Donald Trump, and "Trump Jr." may be.
func (m *mentionMatcher) next(text string, start, end int, ascii bool) (ids, more []int64, longest, next int) {
	longest = -1
	m.walk(text, start, end, ascii, func(found []int64, end int) {
		if end > longest {
			ids, more, longest = found, nil, end
		} else {
			more = found // the same words, as an acronym and as a name
		}
	})
	if longest < 0 {
		return nil, nil, -1, end
	}
	if suffixAfter(text, longest) {
		return nil, nil, -1, end
	}
	return ids, more, longest, longest
}

// suffixAfter tells whether a generational suffix ("Jr.", "Sr.", "III")
// follows text[:i], after at most a comma and spaces.
func suffixAfter(text string, i int) bool {
	s, e, _ := nextWord(text, i)
	if s < 0 || s-i > 4 {
		return false
	}
	for _, r := range text[i:s] {
		if r != ',' && !unicode.IsSpace(r) {
			return false
		}
	}
	switch w := text[s:e]; w {
	case "II", "III", "IV":
		return true
	default:
		return len(w) == 2 && (strings.EqualFold(w, "jr") || strings.EqualFold(w, "sr"))
	}
}

// wants tells whether mentions of tag id are asked for.
func (m *mentionMatcher) wants(id int64) bool { return m.wanted == nil || m.wanted[id] }

// find returns each wanted tag's first mention in text. Nil when there is
// none.
func (m *mentionMatcher) find(text string) map[int64]Range {
	var out map[int64]Range
	for pos := 0; ; {
		s, end, ascii := nextWord(text, pos)
		if s < 0 {
			return out
		}
		var ids, more []int64
		var longest int
		ids, more, longest, pos = m.next(text, s, end, ascii)
		if longest < 0 {
			continue
		}
		for _, list := range [2][]int64{ids, more} {
			for _, id := range list {
				if _, seen := out[id]; !seen && m.wants(id) {
					if out == nil {
						out = map[int64]Range{}
					}
					out[id] = Range{s, longest}
				}
			}
		}
	}
}

// findAll returns every mention in text of the wanted tags' names, in
// order.
func (m *mentionMatcher) findAll(text string) []Range {
	var out []Range
	for pos := 0; ; {
		start, end, ascii := nextWord(text, pos)
		if start < 0 {
			return out
		}
		var ids, more []int64
		var longest int
		ids, more, longest, pos = m.next(text, start, end, ascii)
		if longest >= 0 && (m.wanted == nil || slices.ContainsFunc(ids, m.wants) || slices.ContainsFunc(more, m.wants)) {
			out = append(out, Range{start, longest})
		}
	}
}
