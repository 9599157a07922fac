package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Delete document at the largest text size in a small window keeps its
// buttons below its words: the question, taller than the window leaves a
// dialog, ran on under the Cancel and Delete buttons, which covered its
// last line ("Edit → Undo (Ctrl+Z) brings it all back.", at 800×600 and
// text size 1.8; found by the hostile UI pass ui8). The words scroll.
func TestDeleteDialogWordsClearItsButtons(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.setTextScale(maxTextScale)
		u.w.Resize(fyne.NewSize(600, 260))
	})
	doc := u.library.docs[0]
	u.do(func() { u.deleteDocument(doc) })
	d := u.dialog(t, "Delete document")
	u.do(func() {
		c := u.w.Canvas()
		var top float32 = -1
		for _, b := range findAll[*dialogButton](d) {
			y := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Y
			if top < 0 || y < top {
				top = y
			}
		}
		var bottom float32
		for _, l := range findAll[*bidiLabel](d) {
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
			bottom = max(bottom, pos.Y+max(l.Size().Height, l.MinSize().Height)) // drawn whole, past its size if need be
		}
		// Inside a scroll, only the scroll's part of the words shows.
		for _, s := range findAll[*container.Scroll](d) {
			bottom = min(bottom, fyne.CurrentApp().Driver().AbsolutePositionForObject(s).Y+s.Size().Height)
		}
		bottom = min(bottom, c.Size().Height)
		if top < 0 || bottom == 0 {
			t.Fatalf("buttons' top %v, words' bottom %v", top, bottom)
		}
		if bottom > top+1 {
			t.Errorf("the question runs %v px under the buttons (words end at %v, buttons start at %v)", bottom-top, bottom, top)
		}
	})
}
