package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The import picker keeps its list a few rows tall at the largest text in
// the window an 800×600 screen gives: the hint under the list ("Tick the
// files to import …", four lines at that size) left the list a row and a
// half (a UI pass, under Xvfb). The hint gives way instead; at the
// default text, in the default window, it shows.
func TestImportPickerListKeepsRoomOnASmallScreen(t *testing.T) {
	dir := t.TempDir()
	for i := range 12 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("report-%02d.txt", i)), []byte("Notes\n\nA line.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		screen    fyne.Size
		scale     float32
		hintShown bool
	}{
		{fyne.NewSize(800, 600), maxTextScale, false},
		{fyne.NewSize(1366, 768), 1, true},
	} {
		u := newTestUI(t)
		u.a.Preferences().SetString(prefImportFolder, dir)
		u.do(func() {
			u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), c.screen))
			u.setTextScale(c.scale)
		})
		u.do(u.showImportDialog)
		u.do(func() {})
		d := u.dialog(t, "Import documents")
		u.do(func() {
			lists := findAll[*dialogList](d)
			if len(lists) != 1 {
				t.Fatalf("%d lists in the picker", len(lists))
			}
			row := u.newCheckField("report-00.txt", nil).MinSize().Height
			if h := lists[0].Size().Height; h < 3*row {
				t.Errorf("at text %v on a %v screen the picker's list is %v pixels tall, %.1f rows of %v", c.scale, c.screen, h, h/row, row)
			}
			var hint bool
			for _, l := range findAll[*widget.Label](d) {
				if l.Visible() && strings.HasPrefix(l.Text, "Tick the files") {
					hint = true
				}
			}
			if hint != c.hintShown {
				t.Errorf("at text %v on a %v screen the hint is shown: %v, want %v", c.scale, c.screen, hint, c.hintShown)
			}
		})
	}
}
