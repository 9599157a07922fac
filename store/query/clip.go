package query

import "unicode/utf8"

// MaxEcho is how many characters of user text an error message repeats:
// enough to recognise it, never a megabyte of it.
const MaxEcho = 80

// Clip shortens s to MaxEcho characters, marking the cut with an ellipsis,
// for echoing user text (names, queries, values from a bundle) in errors.
func Clip(s string) string {
	if utf8.RuneCountInString(s) <= MaxEcho {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxEcho {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
