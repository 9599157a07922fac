package app

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// The results pane's message scrolls rather than growing the window: with
// a research file that could not be opened (another file's -wal beside
// it), the banner's message and the pane's "No research file is open: …
// could not be opened. The banner above says why, …", wrapped in a narrow
// pane at the largest text, made the window's least height 811 px on an
// 800×600 screen; the window grew past it, its menu bar and the banner's
// first line above the screen's top (hostile UI pass ui10). A refused
// query's long message (a pasted query that matches nothing) is the same.
func TestResultsMessageDoesNotGrowTheWindow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a folder with quite a long name", "research notes for the harbour inquiry.dossier")
	err := errors.New("could not open " + path + ": the research notes for the harbour inquiry.dossier-wal beside it does not fit it, most likely another file's left at its name, and opening would write it in. Move it away, then try again")
	u := newTestUIOnStandIn(t, BrokenFile{Path: path, Err: err}, "")
	room := fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600))
	u.do(func() {
		u.setTextScale(maxTextScale)
		u.setSidebarShown(false)
		u.w.Resize(room)
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		if !u.results.messageLine.Visible() || !strings.Contains(u.results.message.Text, "No research file is open") {
			t.Fatalf("the results pane shows %q (shown %v); want that no research file is open", u.results.message.Text, u.results.messageLine.Visible())
		}
		bare, before := u.results.message.MinSize().Height, u.w.Content().MinSize().Height
		u.results.showMessage(strings.Repeat("No passages match this long pasted query. ", 40))
		if h := u.results.messageLine.MinSize().Height; h <= bare+room.Height {
			t.Fatalf("the long message is %v px tall, the short one %v: not a test", h, bare)
		}
		// The content's least height is the banner's, the search bar's and
		// the status line's, with a little of the panes: not the message's.
		if need := u.w.Content().MinSize().Height; need > before+1 || need > room.Height+100 {
			t.Errorf("the window's content needs %v px of height with a long message in the results pane (%v with the banner's); an 800×600 screen leaves about %v", need, before, room.Height+60)
		}
	})
}
