package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// readerLabels are the reader's Bookmark, Tag… and Cite buttons' texts.
func readerLabels(u *testUI) (out []string) {
	u.do(func() {
		for _, b := range u.reader.actions.buttons {
			out = append(out, b.Text)
		}
	})
	return out
}

// The reader's buttons get their labels back when the Bookmark button's
// label gets shorter again. At a reader width where "Bookmark" fits with
// its label but "Bookmarked" does not, bookmarking the passage took the
// labels away (right), but undoing the bookmark, or cancelling a new
// bookmark's dialog after typing a note, left the buttons bare until
// something else laid the bar out: the same width showed labels before
// and icons after (found driving the window at 1024×768).
func TestReaderLabelsComeBackWhenBookmarkLabelShrinks(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "putin", 1)
	// A window width where "Bookmark" fits with its label, "Bookmarked" not.
	found := false
	for w := float32(900); w <= 2000 && !found; w += 4 {
		u.do(func() { u.w.Resize(fyne.NewSize(w, 800)) })
		u.do(func() {
			l := u.reader.barLayout
			marked := &labelledButtons{buttons: u.reader.actions.buttons, labels: []string{"Bookmarked", "Tag…", "Cite"}}
			full, _ := marked.widths()
			need := full + l.count.MinSize().Width + l.nav.MinSize().Width + 2*theme.Padding()
			found = u.reader.actions.buttons[0].Text == "Bookmark" && l.width < need && !l.wrapped(l.width)
		})
	}
	if !found {
		t.Skip("no window width puts the bar between its two label widths")
	}
	before := readerLabels(u)
	u.bookmarkWithNote(t, "a note")
	// Bookmarked: the labels go (they no longer fit), or each button is
	// at least as wide as its label and clear of the next.
	u.do(func() {
		bs := u.reader.actions.buttons
		for i, b := range bs {
			if b.Size().Width+0.5 < b.MinSize().Width {
				t.Errorf("bookmarked, button %q is %.0f wide, its label needs %.0f", b.Text, b.Size().Width, b.MinSize().Width)
			}
			if i+1 < len(bs) && b.Position().X+b.MinSize().Width > bs[i+1].Position().X+0.5 {
				t.Errorf("bookmarked, button %q (needs x %.0f–%.0f) runs into %q at x %.0f", b.Text, b.Position().X, b.Position().X+b.MinSize().Width, bs[i+1].Text, bs[i+1].Position().X)
			}
		}
	})
	u.do(u.undoNow)
	if got := readerLabels(u); got[0] != before[0] || got[1] != before[1] || got[2] != before[2] {
		t.Errorf("after undoing the bookmark at the same width the buttons read %q; before it they read %q", got, before)
	}
}
