package app

import (
	"strings"
	"unicode/utf8"

	"dossier/internal/bidi"
)

// A document can carry characters that reorder or hide the text around
// them when shown (Unicode's bidirectional controls: U+202E makes "with
// RTL override" read "with edirrevo LTR"). The order a researcher reads
// must be the stored order, which quotes, searches and citations use (a
// UI pass found a pasted document showing words in another order), so
// they are shown as U+FFFD, the mark of a character that cannot be shown.

// isBidiControl reports whether r reorders the text after it (see
// bidi.IsControl).
func isBidiControl(r rune) bool { return bidi.IsControl(r) }

// showable is s with each bidirectional control replaced by a visible mark
// of the same length in bytes, so that byte offsets into s (highlights,
// selections) still hold.
func showable(s string) string {
	if strings.IndexFunc(s, isBidiControl) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isBidiControl(r) {
			b.WriteRune('\ufffd') // three bytes in UTF-8, as each of them
		} else {
			b.WriteString(s[i : i+n]) // as it is, invalid bytes too
		}
		i += n
	}
	return b.String()
}
