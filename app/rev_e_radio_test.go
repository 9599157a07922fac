package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Every choice of a radioField is a Tab stop, so the focus can be on a
// choice other than the one selected. Down then moves from the selected
// one, not from the focused one: Tab, Tab (the focus on the second
// choice, the first still selected) and Down selects the second, the
// very choice the focus is on, instead of the third below it; with the
// focus on the last choice, Down sends the focus back up (review
// 2026-12-05e).
func TestRevRadioDownMovesFromTheFocusedChoice(t *testing.T) {
	u := newTestUI(t)
	u.do(u.showExportDialog)
	u.dialog(t, "Export your work")
	u.press(t, fyne.KeyTab, 0)
	u.press(t, fyne.KeyTab, 0)
	c, ok := u.w.Canvas().Focused().(*radioChoice)
	if !ok || c.label != exportFormats[1].label {
		t.Skipf("Tab, Tab focused %T %v, not the second choice", u.w.Canvas().Focused(), u.w.Canvas().Focused())
	}
	format := c.field
	if format.Selected != exportFormats[0].label {
		t.Fatalf("selected %q before Down", format.Selected)
	}
	u.press(t, fyne.KeyDown, 0)
	if format.Selected != exportFormats[2].label {
		t.Errorf("Down on the second choice (focused) selected %q, want the one below it, %q", format.Selected, exportFormats[2].label)
	}
}
