package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Find (Ctrl+F) selects the query, so that what the user types next is a
// new search rather than words added to the end of the old one; whether
// the search box had focus already or not.
func TestFindSelectsTheQuerySoTypingReplacesIt(t *testing.T) {
	u := newTestUI(t)
	typeIn := func(s string) {
		u.do(func() {
			for _, r := range s {
				u.w.Canvas().Focused().TypedRune(r)
			}
		})
	}
	for _, focusedBefore := range []bool{false, true} {
		u.find("Russia")
		u.do(func() {
			if focusedBefore {
				u.w.Canvas().Focus(u.search.entry)
			} else {
				u.w.Canvas().Unfocus()
			}
		})
		u.press(t, fyne.KeyF, ctrl)
		if u.w.Canvas().Focused() != u.search.entry {
			t.Fatalf("focused before %v: Find left the focus on %T, not the search box", focusedBefore, u.w.Canvas().Focused())
		}
		typeIn("Putin")
		if got := u.search.query(); got != "Putin" {
			t.Errorf("focused before %v: typing after Find made the query %q, want %q", focusedBefore, got, "Putin")
		}
	}
	// The selection is only the start: an arrow key keeps the query to edit.
	u.find("Russia")
	u.press(t, fyne.KeyF, ctrl)
	u.press(t, fyne.KeyEnd, 0)
	typeIn(" Putin")
	if got := u.search.query(); got != "Russia Putin" {
		t.Errorf("End after Find, then typing, made the query %q, want %q", got, "Russia Putin")
	}
}
