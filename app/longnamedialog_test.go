package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"dossier/store"
)

// A tag's name (up to 200 bytes, one word or many) in a dialog's title
// made the dialog as wide as the window and ran past its right edge, cut
// mid-word with no ellipsis: the Manage dialog's "Actor: Verylongname…"
// and "Merge “…” into…" (a hostile UI pass, Xvfb 1024×768 at text 1,
// with a tag restored from a bundle). Fyne's dialog titles are one line
// that sets the dialog's least width; the name is cut short in them.
func TestDialogTitlesWithALongTagNameFitTheWindow(t *testing.T) {
	// One window for every name and size (each text size change shapes
	// every string again); each case closes what it opened.
	u := newTestUI(t)
	u.do(func() { u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600))) })
	names := []string{strings.Repeat("Verylongname", 16), strings.TrimSpace(strings.Repeat("Longish ", 24))}
	serpentine([]float32{1, maxTextScale}, names, func(scale float32, name string) {
		t.Run(fmt.Sprintf("%.10s/%v", name, scale), func(t *testing.T) {
			t.Cleanup(u.closeDialogs)
			u.do(func() { u.setTextScale(scale) })
			tag := store.Tag{ID: -1, Family: store.FamilyActor, Kind: "person", Name: name}
			check := func(what string) {
				t.Helper()
				u.do(func() { u.w.Canvas().Capture() })
				top := u.w.Canvas().Overlays().Top()
				if top == nil {
					t.Fatalf("%s: no dialog open", what)
				}
				var least fyne.Size
				u.do(func() { least = top.MinSize() })
				if width := u.w.Canvas().Size().Width; least.Width > width {
					t.Errorf("%s needs %v pixels of width, more than the window's %v", what, least.Width, width)
				}
			}
			u.do(func() { u.showTagManager(tag) })
			check("the Manage dialog")
			u.tapDialogButton(t, "Close", "Close")
			u.do(func() { u.showMergeDialog(tag) })
			check("the merge dialog")
		})
	})
}
