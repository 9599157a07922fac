package app

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// In a short reader the title gives way to the passages, and scrolls; cut,
// it ends at the foot of a whole line: at 800×600, text 1.8, the seed
// article's three-line title showed "influencing Trump" without the feet
// of its letters over the reader's buttons (a UI pass).
func TestReaderTitleGivesWayAtALineFoot(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(fyne.NewSize(768, 480))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(false)
	})
	u.openPassage(t, "putin", 1)
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		g := u.reader.body.Layout.(*giveWayLayout)
		h, whole := g.top.Size().Height, g.top.MinSize().Height
		title := u.reader.heading.Size().Height
		if h >= title {
			t.Fatalf("the title (%v px) has %v px of the reader's %v: not cut, not the case", title, h, u.reader.body.Size().Height)
		}
		pad := theme.InnerPadding()
		line := titleLineHeight() - 2*pad
		// Whole lines, inside the title's padding above and below.
		if rest := math.Mod(float64(h-2*pad), float64(line)); rest > 0.5 && rest < float64(line)-0.5 {
			t.Errorf("the title is cut %.1f px into a line: %v px of its %v shown (%v of the title and its file line), lines %v px apart", rest, h, title, whole, line)
		}
	})
}
