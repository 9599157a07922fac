// Package bidi knows the Unicode characters that reorder the text shown
// after them.
package bidi

// IsControl reports whether r is a bidirectional embedding, override or
// isolate (U+202A–U+202E, U+2066–U+2069): shown as it is, such a character
// makes the rest of a line read in another order than it is stored
// ("Trojan Source"). The direction marks (LRM, RLM, ALM) only settle the
// direction of punctuation beside them, and right-to-left texts use them
// as they should be: they are not controls here.
func IsControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}
