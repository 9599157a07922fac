package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// giveWayLayout stacks a part that gives way over the rest of a pane: the
// part above is in a vertical scroll and has its whole height while the
// rest keeps the height it wants; on a shorter pane it is cut to what is
// left, down to its least height, and scrolls. Its least height, not its
// whole height, counts in the pane's: as fixed rows, the Claims section's
// choices at the largest text made the window taller than an 800×600
// screen (found by a UI pass).
type giveWayLayout struct {
	top  *container.Scroll
	rest fyne.CanvasObject
	// least is the height the part above keeps, however short the pane;
	// keep is the height the rest keeps before the part above gives way
	// (it keeps its least height in any case).
	least, keep func() float32
}

// newGiveWay is top over rest in a giveWayLayout.
func newGiveWay(top, rest fyne.CanvasObject, least, keep func() float32) *fyne.Container {
	scroll := container.NewVScroll(top)
	return container.New(&giveWayLayout{top: scroll, rest: rest, least: least, keep: keep}, scroll, rest)
}

func (l *giveWayLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	top, rest := l.top.Content.MinSize(), l.rest.MinSize()
	return fyne.NewSize(max(top.Width, rest.Width), min(top.Height, l.least())+theme.Padding()+rest.Height)
}

// topHeight is the height the part above gets in a pane height tall.
func (l *giveWayLayout) topHeight(height float32) float32 {
	whole := l.top.Content.MinSize().Height
	keep := max(l.rest.MinSize().Height, l.keep())
	return min(whole, max(min(whole, l.least()), height-theme.Padding()-keep))
}

func (l *giveWayLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	topH := l.topHeight(size.Height)
	l.top.Move(fyne.NewPos(0, 0))
	l.top.Resize(fyne.NewSize(size.Width, topH))
	at := topH + theme.Padding()
	l.rest.Move(fyne.NewPos(0, at))
	l.rest.Resize(fyne.NewSize(size.Width, max(size.Height-at, 0)))
}
