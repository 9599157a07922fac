package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// A part above that gives way stops at the foot of its last piece shown
// whole: cut at any pixel, the reader's "file: …" line showed the tops of
// its letters above the reader's buttons on a small screen (a UI pass).
func TestGiveWayStopsAtAWholePiece(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		title, meta := widget.NewLabel("Mueller report"), widget.NewLabel("file: mueller-report.txt · 4,461 passages")
		top := container.NewVBox(title, meta)
		rest := widget.NewLabel("passages")
		g := newGiveWay(top, rest, func() float32 { return title.MinSize().Height }, func() float32 { return rest.MinSize().Height })
		whole := top.MinSize().Height
		// Room for the title and half the line under it.
		height := title.MinSize().Height + meta.MinSize().Height/2 + rest.MinSize().Height + 8
		g.Resize(fyne.NewSize(400, height))
		scroll := g.Objects[0]
		if h := scroll.Size().Height; h >= whole {
			t.Fatalf("the part above has its whole %v pixels of %v: the test gives it too much room", h, height)
		}
		if foot := title.Position().Y + title.Size().Height; scroll.Size().Height != foot {
			t.Errorf("the part above is %v pixels tall, cutting the line under the title (the title ends at %v)", scroll.Size().Height, foot)
		}
	})
}
