package app

import (
	"strings"
	"testing"
)

// The title New document from clipboard offers for a long first line ended
// in the middle of a word ("…likely said Derkach said electio…"; a hostile
// UI pass with a passage copied with its citation), and was imported so.
// It is cut after a whole word; a short line is offered whole.
func TestPastedTitleCutsAfterAWord(t *testing.T) {
	line := strings.Repeat("operation Derkach officials said election ", 5)
	got := pastedTitle("\n  " + line + "\nsecond line")
	if !strings.HasSuffix(got, "…") || len([]rune(got)) > pasteTitleLen+1 {
		t.Fatalf("the title offered is %q", got)
	}
	words := strings.Fields(strings.TrimSuffix(got, "…"))
	for _, w := range words {
		if !strings.Contains(" "+line, " "+w+" ") {
			t.Errorf("the title offered %q ends in a part of a word: %q", got, w)
		}
	}
	if got := pastedTitle("Short title\nbody"); got != "Short title" {
		t.Errorf("a short first line is offered as %q", got)
	}
	one := strings.Repeat("x", 300)
	if got := pastedTitle(one); len([]rune(got)) != pasteTitleLen+1 {
		t.Errorf("one long word is offered as %d characters", len([]rune(got)))
	}
}
