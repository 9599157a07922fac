package store

import (
	"strings"
	"unicode"
)

// refMatcher is the matcher as it was before the tries (commit 62a3c15),
// kept verbatim but for names: the reference the equivalence test and the
// benchmark compare mentionMatcher with. It builds a key string for every
// run of up to maxLen words.
type refMatcher struct {
	keys   map[string][]int64 // token key → tag ids
	maxLen int                // longest name, in tokens
	first  map[string]bool    // every name's first token, lower-case: where a mention can start
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

func (m *refMatcher) find(text string) map[int64]Range {
	out := map[int64]Range{}
	toks := refTokenize(text)
	for i := range toks {
		for n := min(m.maxLen, len(toks)-i); n >= 1; n-- {
			span := toks[i : i+n]
			for _, key := range []string{refExactKey(span), refFoldKey(span)} {
				for _, id := range m.keys[key] {
					if _, seen := out[id]; !seen {
						out[id] = Range{span[0].start, span[n-1].end}
					}
				}
			}
		}
	}
	return out
}

func (m *refMatcher) findAll(text string) []Range {
	var out []Range
	toks := refTokenize(text)
	for i := 0; i < len(toks); i++ {
		if !m.first[strings.ToLower(toks[i].text)] {
			continue
		}
		for n := min(m.maxLen, len(toks)-i); n >= 1; n-- {
			span := toks[i : i+n]
			if len(m.keys[refExactKey(span)]) > 0 || len(m.keys[refFoldKey(span)]) > 0 {
				out = append(out, Range{span[0].start, span[n-1].end})
				i += n - 1
				break
			}
		}
	}
	return out
}
