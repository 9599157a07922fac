package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// At the largest text size a 1280-pixel window still holds everything once
// results are listed and a passage is open: the reader's "2 hits in this
// document" could not shrink, the window's minimum grew to 1,341 pixels
// and the window ran off the screen, the reader's text cut at its edge.
func TestWindowFitsALaptopAtTheLargestText(t *testing.T) {
	u := newTestUI(t)
	u.w.Resize(fyne.NewSize(1280, 800))
	u.do(func() { u.setTextScale(maxTextScale) })
	check := func(when string) {
		t.Helper()
		if w := u.w.Content().MinSize().Width; w > 1280 {
			t.Errorf("%s: the window needs %v pixels, more than a 1280-pixel screen", when, w)
		}
	}
	check("at start")
	u.find("kilimnik")
	check("with results")
	u.do(func() { u.results.list.Select(0) })
	check("with a passage open")
}
