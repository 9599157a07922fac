package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// With nothing focused (a click on a tag chip takes the focus from the
// search box and takes none itself), ↑ and ↓ still step through the
// results; with a dialog open they are the dialog's, and the results stay.
func TestArrowsStepResultsWhenNothingHasFocus(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.w.Canvas().Unfocus() })
	u.press(t, fyne.KeyDown, 0)
	if u.results.selected != 0 || u.reader.focus < 0 {
		t.Fatalf("Down with nothing focused: selected %d, reader focus %d", u.results.selected, u.reader.focus)
	}
	first := u.reader.passages[u.reader.focus].ID
	u.press(t, fyne.KeyDown, 0)
	if u.results.selected != 1 || u.reader.passages[u.reader.focus].ID == first {
		t.Errorf("second Down: selected %d", u.results.selected)
	}
	u.press(t, fyne.KeyUp, 0)
	if u.results.selected != 0 || u.reader.passages[u.reader.focus].ID != first {
		t.Errorf("Up: selected %d", u.results.selected)
	}

	// A dialog open: its keys, not the results'.
	u.do(u.showSearchHelp)
	u.do(func() { u.w.Canvas().Unfocus() })
	u.press(t, fyne.KeyDown, 0)
	if u.results.selected != 0 {
		t.Errorf("Down under a dialog stepped the results: selected %d", u.results.selected)
	}
	u.press(t, fyne.KeyEscape, 0)
	if len(u.dialogs.open) != 0 {
		t.Fatalf("Esc left %d dialogs open", len(u.dialogs.open))
	}
	// Closed, the window's keys are its own again.
	u.do(func() { u.w.Canvas().Unfocus() })
	u.press(t, fyne.KeyDown, 0)
	if u.results.selected != 1 {
		t.Errorf("Down after the dialog closed: selected %d", u.results.selected)
	}
}

// With the Claims section open the ledger takes the results pane's place:
// ↓ with nothing focused opened a passage of the hidden results in the
// reader (a UI pass). The arrows step them again once the section closes.
func TestArrowsStepNoHiddenResults(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.sidebar.showNamed("claims") })
	u.do(func() { u.w.Canvas().Unfocus() })
	var focus int
	u.do(func() { focus = u.reader.focus })
	u.press(t, fyne.KeyDown, 0)
	u.do(func() {
		if u.claimsResults.Visible() {
			t.Fatal("the Claims section left the results pane shown: this test is of a hidden one")
		}
		if u.results.selected != -1 || u.reader.focus != focus {
			t.Errorf("Down under the Claims section stepped the hidden results: selected %d, reader focus %d (was %d)", u.results.selected, u.reader.focus, focus)
		}
	})
	u.do(func() { u.sidebar.showNamed("library") })
	u.do(func() { u.w.Canvas().Unfocus() })
	u.press(t, fyne.KeyDown, 0)
	u.do(func() {
		if u.results.selected != 0 {
			t.Errorf("Down with the results shown again: selected %d", u.results.selected)
		}
	})
}
