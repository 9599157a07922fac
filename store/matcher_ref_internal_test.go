package store

import (
	"slices"
	"strings"
	"unicode"
)

// refMatcher is the matcher as it was before the tries (commit 62a3c15),
// kept but for names and for the rules since (longest name across tags,
// generational suffixes, wanted tags): the reference the equivalence test
// and the benchmark compare mentionMatcher with. It builds a key string for
// every run of up to maxLen words.
type refMatcher struct {
	keys   map[string][]int64 // token key → tag ids
	maxLen int                // longest name, in tokens
	first  map[string]bool    // every name's first token, lower-case: where a mention can start
	wanted map[int64]bool     // nil: all
}

type refToken struct {
	start, end int
	text       string
}

func refTokenize(s string) []refToken {
	var out []refToken
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsNumber(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, refToken{start, i, s[start:i]})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, refToken{start, len(s), s[start:]})
	}
	return out
}

func refIsAcronym(toks []refToken) bool {
	letters := 0
	for _, t := range toks {
		for _, r := range t.text {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return letters > 0 && letters <= 6
}

func refExactKey(toks []refToken) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.text
	}
	return "=" + strings.Join(parts, " ")
}

func refFoldKey(toks []refToken) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = strings.ToLower(t.text)
	}
	return strings.Join(parts, " ")
}

func newRefMatcher() *refMatcher {
	return &refMatcher{keys: map[string][]int64{}, first: map[string]bool{}}
}

func (m *refMatcher) add(name string, tagID int64) {
	toks := refTokenize(name)
	if len(toks) == 0 {
		return
	}
	key := refFoldKey(toks)
	if refIsAcronym(toks) {
		key = refExactKey(toks)
	}
	for _, id := range m.keys[key] {
		if id == tagID {
			return
		}
	}
	m.keys[key] = append(m.keys[key], tagID)
	m.maxLen = max(m.maxLen, len(toks))
	m.first[strings.ToLower(toks[0].text)] = true
}

// mentions returns the leftmost-longest mentions in text, each with the
// ids of its name; a name followed by a suffix ("Jr.") is none.
func (m *refMatcher) mentions(text string) (out []Range, ids [][]int64) {
	toks := refTokenize(text)
	for i := 0; i < len(toks); i++ {
		if !m.first[strings.ToLower(toks[i].text)] {
			continue
		}
		for n := min(m.maxLen, len(toks)-i); n >= 1; n-- {
			span := toks[i : i+n]
			found := append(slices.Clone(m.keys[refExactKey(span)]), m.keys[refFoldKey(span)]...)
			if len(found) == 0 {
				continue
			}
			if j := i + n; j < len(toks) && refSuffix(text[toks[j-1].end:toks[j].start], toks[j].text) {
				break // someone else's name; its next word may start one
			}
			i += n - 1
			out = append(out, Range{span[0].start, span[n-1].end})
			ids = append(ids, found)
			break
		}
	}
	return out, ids
}

// refSuffix: a generational suffix, after at most a comma and spaces.
func refSuffix(gap, word string) bool {
	if len(gap) > 4 || strings.TrimFunc(gap, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) != "" {
		return false
	}
	switch word {
	case "II", "III", "IV", "Jr", "JR", "jr", "jR", "Sr", "SR", "sr", "sR":
		return true
	}
	return false
}

func (m *refMatcher) find(text string) map[int64]Range {
	out := map[int64]Range{}
	mentions, ids := m.mentions(text)
	for i, r := range mentions {
		for _, id := range ids[i] {
			if _, seen := out[id]; !seen && (m.wanted == nil || m.wanted[id]) {
				out[id] = r
			}
		}
	}
	return out
}

func (m *refMatcher) findAll(text string) []Range {
	var out []Range
	mentions, ids := m.mentions(text)
	for i, r := range mentions {
		if slices.ContainsFunc(ids[i], func(id int64) bool { return m.wanted == nil || m.wanted[id] }) {
			out = append(out, r)
		}
	}
	return out
}
