package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// The import's progress dialog and Finding claims hide the focus ring of
// the window's focused widget behind them, as the other dialogs do
// (TestNoFocusRingBehindADialog; ui18 listed these two as not covered).
func TestNoFocusRingBehindTheProgressDialogs(t *testing.T) {
	var u *testUI
	ringed := func() bool {
		primary := theme.Color(theme.ColorNamePrimary)
		for _, r := range findAll[*canvas.Rectangle](u.search.entry) {
			if r.StrokeWidth > 0 && r.StrokeColor == primary {
				return true
			}
		}
		return false
	}
	path := writeFile(t, filepath.Join(t.TempDir(), "note.txt"), "A note\n\nOne passage of a note.\n")
	for name, start := range map[string]func(){
		"Importing documents": func() { u.importPaths([]string{path}) },
		"Finding claims":      func() { u.findAllClaims() },
	} {
		u = newTestUI(t) // each in a window of its own
		u.do(func() { u.w.Canvas().Focus(u.search.entry) })
		var shown, under bool
		u.do(func() {
			if !ringed() {
				t.Fatal("the focused search box shows no focus: this test reads its border")
			}
			start()
			shown = u.overlays() > 0
			under = ringed()
		})
		if !shown {
			t.Fatalf("%s: no dialog", name)
		}
		if under {
			t.Errorf("%s: the search box behind the dialog shows the focus", name)
		}
	}
}
