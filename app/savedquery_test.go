package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"dossier/store"
)

// A long query (up to the 1,000 characters a search takes) on one line
// made the Save search dialog (Ctrl+S) and Rename saved search wider than
// the window: both ran past its right edge, the Name field's end and the
// query cut there (a hostile UI pass, Xvfb 1024×768, text 1, a pasted
// query and a bundle's saved search). The query wraps, cut short; both
// dialogs fit the window an 800×600 screen gives, at the largest text too.
func TestSavedSearchDialogsFitALongQuery(t *testing.T) {
	q := strings.TrimSpace(strings.Repeat("counterintelligenceoperations ", 32)) // as long as a query the search takes
	for _, scale := range []float32{1, maxTextScale} {
		t.Run(fmt.Sprint(scale), func(t *testing.T) {
			u := newTestUI(t)
			u.do(func() {
				u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
				u.setTextScale(scale)
			})
			u.find(q)
			check := func(title string) {
				t.Helper()
				u.dialog(t, title)
				u.do(func() { u.w.Canvas().Capture() })
				top := u.w.Canvas().Overlays().Top()
				var least fyne.Size
				u.do(func() { least = top.MinSize() })
				if room := u.w.Canvas().Size(); least.Width > room.Width || least.Height > room.Height {
					t.Errorf("%s needs %v, more than the window's %v", title, least, room)
				}
				u.tapDialogButton(t, title, "Cancel")
			}
			u.do(u.showSaveSearch)
			check("Save search")
			u.do(func() { u.renameSavedSearch(store.SavedSearch{ID: 1, Name: "long", Query: q}) })
			check("Rename saved search")
		})
	}
}

// A query the search refuses (here, more terms than it takes) is not
// saved: it was, to fail each time it was chosen (a hostile UI pass). The
// window says why, and nothing is stored.
func TestSaveSearchRefusesAQueryTheSearchRefuses(t *testing.T) {
	u := newTestUI(t)
	u.find(strings.TrimSpace(strings.Repeat("kilimnik manafort ", 20)))
	u.do(u.showSaveSearch)
	top := u.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog opened: want an error saying why the search cannot be saved")
	}
	shown := strings.Join(texts(top), " ")
	if strings.Contains(shown, "Save search") || !strings.Contains(shown, "cannot be saved") || !strings.Contains(shown, "too many terms") {
		t.Errorf("Save search on a refused query showed %q", shown)
	}
	st, _ := u.store()
	if saved, err := st.SavedSearches(context.Background()); err != nil || len(saved) != 0 {
		t.Errorf("saved searches %v, %v; want none", saved, err)
	}
}
