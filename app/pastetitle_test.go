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

// A title of invisible characters alone is none, as a blank one is: the
// first line offered is one that shows, and one typed so is refused in the
// dialog (it was imported, and the library showed a blank row).
func TestAPasteTitleOfInvisibleCharactersIsNone(t *testing.T) {
	if got := pastedTitle("\u200b\u200e\n\u00ad \u2060\nCoast dispatch\nbody"); got != "Coast dispatch" {
		t.Errorf("the title offered is %q", got)
	}
	u := newTestUI(t)
	u.a.Clipboard().SetContent("\u200b\nCoast dispatch\n\nThe dispatch reached the desk at noon.\n")
	u.do(u.showPasteDialog)
	d := u.dialog(t, "New document from clipboard")
	fields := findAll[*fieldEntry](d)
	if len(fields) != 2 || fields[0].Text != "Coast dispatch" {
		t.Fatalf("fields %d, title prefilled %q", len(fields), fields[0].Text)
	}
	u.do(func() { fields[0].SetText("\u200b\u00ad\u200f") })
	u.tapDialogButton(t, "New document from clipboard", "Import")
	if got := overlayTexts(u.w); !strings.Contains(got, "A document needs a title") {
		t.Errorf("a title of invisible characters: dialogs say %q", got)
	}
	if len(u.library.docs) != 1 {
		t.Errorf("library %q after a paste without a title", docTitles(u))
	}
}
