package store

import (
	"unicode"
	"unicode/utf8"
)

// SnippetLen is the target length (bytes) of a result snippet.
const SnippetLen = 220

const ellipsis = "…"

// Snippet cuts an excerpt of about size bytes from text, placed to show as
// many of the matched ranges as fit, snapped to word boundaries, with an
// ellipsis where text was cut. It returns the excerpt and the ranges that
// fall inside it, relative to the excerpt.
func Snippet(text string, matches []Range, size int) (string, []Range) {
	if len(text) <= size {
		return text, append([]Range(nil), matches...)
	}
	// Choose the window start that covers the most matches (first match wins
	// ties), then back off a little so the first hit has some context.
	start := 0
	if len(matches) > 0 {
		best, bestCount := matches[0].Start, 0
		for i, m := range matches {
			n := 0
			for _, o := range matches[i:] {
				if o.End-m.Start > size {
					break
				}
				n++
			}
			if n > bestCount {
				best, bestCount = m.Start, n
			}
		}
		start = max(best-size/4, 0)
		if start+size > len(text) {
			start = max(len(text)-size, 0)
		}
	}
	end := min(start+size, len(text))
	if s, e := snapStart(text, start), snapEnd(text, end); s < e {
		start, end = s, e
	} else { // one enormous "word": cut at rune boundaries instead
		start, end = runeStart(text, start), runeStart(text, end)
	}

	var out []byte
	prefix := 0
	if start > 0 {
		out = append(out, ellipsis...)
		prefix = len(ellipsis)
	}
	out = append(out, text[start:end]...)
	if end < len(text) {
		out = append(out, ellipsis...)
	}
	var ranges []Range
	for _, m := range matches {
		if m.Start >= start && m.End <= end {
			ranges = append(ranges, Range{m.Start - start + prefix, m.End - start + prefix})
		}
	}
	return string(out), ranges
}

// snapStart moves i forward to the start of a word (never past a match
// boundary by more than one word), skipping white space.
func snapStart(text string, i int) int {
	if i <= 0 {
		return 0
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	// If we are inside a word, move to the next word.
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	if !unicode.IsSpace(prev) {
		for i < len(text) {
			r, w := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += w
		}
	}
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += w
	}
	return i
}

// snapEnd moves i back to the end of a word.
func snapEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	if !unicode.IsSpace(r) {
		for i > 0 {
			r, w := utf8.DecodeLastRuneInString(text[:i])
			if unicode.IsSpace(r) {
				break
			}
			i -= w
		}
	}
	for i > 0 {
		r, w := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= w
	}
	return i
}

func runeStart(text string, i int) int {
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}
