package app

import (
	"strings"
	"testing"

	"dossier/store"
)

// A claim marked by hand over a whole passage of a text file holds its
// line breaks: the Claims pane drew each as a missing-glyph box between
// two words ("title�This", ui22's Xvfb pass), in the ledger and the
// corroboration matrix alike. They read as spaces, as in the reader.
func TestClaimWordsAcrossALineBreakReadAsSpaces(t *testing.T) {
	c := store.Claim{Text: "Same title\nThis is line one.\r\nUnited States officials\tsaid so."}
	for _, tc := range []struct {
		where string
		spans []flowSpan
	}{
		{"ledger", claimSpans(c)},
		{"matrix", matrixClaimSpans(0, store.MatrixRow{Claims: []store.Claim{c}})},
	} {
		var b strings.Builder
		for _, sp := range tc.spans {
			b.WriteString(sp.text)
		}
		text := b.String()
		if strings.ContainsAny(text, "\n\r\t") {
			t.Errorf("%s: %q keeps a control character", tc.where, text)
		}
		if !strings.Contains(text, "Same title This is") {
			t.Errorf("%s: %q does not part the lines' words with a space", tc.where, text)
		}
	}
}
