package cli

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"dossier/internal/bidi"
)

// termSafe makes text from a research file (titles, passages, tag names —
// all from imported, possibly hostile, files) safe to print on a terminal:
// C0 control characters other than newline and tab, DEL and C1 control
// characters become visible escapes (\x1b, \u009b), and invalid UTF-8
// becomes U+FFFD, so printed text can never move the cursor, retitle the
// window, ring the bell or start an escape sequence. Bidirectional
// overrides and isolates (U+202A–U+202E, U+2066–U+2069) are escaped too:
// they reorder how the rest of the line is shown, so a title could pose as
// other text ("Trojan Source"); right-to-left text itself needs none. JSON output needs
// none of this: the encoder escapes control characters itself.
func termSafe(s string) string {
	if termClean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9f, bidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r) // an invalid byte arrives as utf8.RuneError
		}
	}
	return b.String()
}

// termClean reports whether s needs no escaping.
func termClean(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || bidiControl(r) {
			return false
		}
	}
	return true
}

// bidiControl: the embedding, override and isolate controls.
func bidiControl(r rune) bool { return bidi.IsControl(r) }

// termSafeLine is termSafe for text that must stay on one line (a file
// name in a line per file): newlines and tabs are escaped too.
func termSafeLine(s string) string {
	return strings.NewReplacer("\n", `\n`, "\t", `\t`).Replace(termSafe(s))
}
