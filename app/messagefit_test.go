package app

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// An error or information message at the largest text size in a small
// window keeps its words above its OK button and the dialog inside the
// window: the refused undo of a bookmark's note (three paragraphs) at
// text size 1.8 in an 800×600 window ran on under the OK button and past
// the window's foot, its last line ("The earlier changes can no longer be
// undone.") hidden (hostile UI pass ui10). The words scroll, and the
// dialog is wider with larger text.
func TestMessageDialogFitsTheWindow(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.setTextScale(maxTextScale)
		u.w.Resize(fyne.NewSize(760, 480))
	})
	msg := "could not undo bookmark note: cannot put the bookmark back as it was: it was changed since (by an import, say); it is left as it is now." +
		"\n\nThe note it would have put back is on the clipboard: paste it somewhere before you copy anything else or quit Dossier.\n\nThe earlier changes can no longer be undone"
	u.do(func() { u.showError(errors.New(msg)) })
	d := u.dialog(t, "Error")
	u.do(func() {
		drv := fyne.CurrentApp().Driver()
		canvas := u.w.Canvas().Size()
		ok := findAll[*dialogButton](d)
		if len(ok) != 1 {
			t.Fatalf("%d buttons; want OK alone", len(ok))
		}
		top := drv.AbsolutePositionForObject(ok[0]).Y
		if end := top + ok[0].Size().Height; end > canvas.Height+1 {
			t.Errorf("the OK button ends at %v, past the window's foot at %v", end, canvas.Height)
		}
		var bottom float32
		for _, l := range findAll[*bidiLabel](d) {
			pos := drv.AbsolutePositionForObject(l)
			bottom = max(bottom, pos.Y+max(l.Size().Height, l.MinSize().Height)) // drawn whole, past its size if need be
		}
		for _, s := range findAll[*container.Scroll](d) {
			bottom = min(bottom, drv.AbsolutePositionForObject(s).Y+s.Size().Height)
		}
		if bottom == 0 {
			t.Fatal("no words found")
		}
		if bottom > top+1 {
			t.Errorf("the message runs %v px under the OK button (words end at %v, the button starts at %v)", bottom-top, bottom, top)
		}
	})
}

// At the usual text size a message dialog is as wide as before (360 for
// its words and icon), whatever the window's width.
func TestMessageDialogUsualWidth(t *testing.T) {
	u := newTestUI(t)
	if w := u.messageWidth(); w != 360 {
		t.Errorf("message width %v at the usual text size; want 360", w)
	}
	u.do(func() { u.setTextScale(maxTextScale) })
	if w := u.messageWidth(); w <= 360 || w > 0.9*u.w.Canvas().Size().Width {
		t.Errorf("message width %v at the largest text in a %v-wide window; want wider than 360, within 90%% of the window", w, u.w.Canvas().Size().Width)
	}
}

// A message open while the text grows widens with it: worked out once, at
// the usual size, it stayed 360 wide at 1.8, a narrow column of words.
func TestMessageDialogWidensWithTheText(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.showInfo("Note", "A message long enough to wrap onto a few lines at the largest text size, as a refused undo's is.")
	})
	d := u.dialog(t, "Note")
	width := func() float32 {
		var w float32
		for _, l := range findAll[*bidiLabel](d) {
			w = max(w, l.Size().Width)
		}
		return w
	}
	before := width()
	u.do(func() { u.setTextScale(maxTextScale) })
	u.do(func() { u.w.Canvas().Capture() })
	if after := width(); after <= before*1.2 {
		t.Errorf("the message's words are %v wide at the largest text, %v at the usual size; want them wider", after, before)
	}
}

// A short message is no wider than its line needs (or 360, as before) at
// the largest text: widened to the most the window allows, "A tag needs a
// name." stood in a box twice its width (hostile UI pass ui10).
func TestShortMessageStaysNarrow(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.setTextScale(maxTextScale)
		u.showError(errors.New("a tag needs a name"))
	})
	d := u.dialog(t, "Error")
	var w float32
	u.do(func() {
		for _, l := range findAll[*bidiLabel](d) {
			w = max(w, l.Size().Width)
		}
	})
	if full := u.messageWidth(); w > full-150 {
		t.Errorf("the short message's words are %v wide; the widest a message may be is %v: want it as wide as its line", w, full)
	}
}
