package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// giveWayLayout stacks a part that gives way over the rest of a pane: the
// part above is in a vertical scroll and has its whole height while the
// rest keeps the height it wants; on a shorter pane it is cut to what is
// left, down to its least height, and scrolls. Its least height, not its
// whole height, counts in the pane's: as fixed rows, the Claims section's
// choices at the largest text made the window taller than an 800×600
// screen (found by a UI pass).
type giveWayLayout struct {
	top  *wholeScroll
	rest fyne.CanvasObject
	// least is the height the part above keeps, however short the pane;
	// keep is the height the rest keeps before the part above gives way
	// (it keeps its least height in any case).
	least, keep func() float32
	// lineFoot, if set, is the foot of the last whole line of the part
	// above's first piece within a height (a title of several lines).
	lineFoot func(h float32) float32
}

// newGiveWay is top over rest in a giveWayLayout.
func newGiveWay(top, rest fyne.CanvasObject, least, keep func() float32) *fyne.Container {
	scroll := newWholeScroll(top)
	return container.New(&giveWayLayout{top: scroll, rest: rest, least: least, keep: keep}, scroll, rest)
}

func (l *giveWayLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	top, rest := l.top.MinSize(), l.rest.MinSize()
	return fyne.NewSize(max(top.Width, rest.Width), min(top.Height, l.least())+theme.Padding()+rest.Height)
}

// topHeight is the height the part above gets in a pane height tall.
func (l *giveWayLayout) topHeight(height float32) float32 {
	whole := l.top.MinSize().Height
	keep := max(l.rest.MinSize().Height, l.keep())
	return min(whole, max(min(whole, l.least()), height-theme.Padding()-keep))
}

func (l *giveWayLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	// Wrapped text measures its height at the width it was last given;
	// so does a row of buttons that wraps (the reader's bar: in a reader
	// narrowed to two rows of it, its second row, the hit count and
	// arrows, got no height, the arrows drawn over Tag… and Cite; a UI
	// pass).
	if c := l.top.scroll.Content; c.Size().Width != size.Width {
		c.Resize(fyne.NewSize(size.Width, c.Size().Height))
	}
	if l.rest.Size().Width != size.Width {
		l.rest.Resize(fyne.NewSize(size.Width, l.rest.Size().Height))
	}
	topH := l.snapped(l.topHeight(size.Height))
	l.top.Move(fyne.NewPos(0, 0))
	l.top.Resize(fyne.NewSize(size.Width, topH))
	at := topH + theme.Padding()
	l.rest.Move(fyne.NewPos(0, at))
	l.rest.Resize(fyne.NewSize(size.Width, max(size.Height-at, 0)))
}

// snapped is the height of the part above, moved up to the foot of its
// last piece shown whole (the reader's title over its "file: …" line)
// where that leaves it at least its least height: cut through the middle,
// the line under the title showed as the tops of its letters above the
// reader's buttons (found by a UI pass). The part above still scrolls to
// the rest.
func (l *giveWayLayout) snapped(topH float32) float32 {
	whole := l.top.MinSize().Height
	c, ok := l.top.scroll.Content.(*fyne.Container)
	if topH >= whole || !ok {
		return topH
	}
	foot := float32(0)
	for _, o := range c.Objects {
		if end := o.Position().Y + o.Size().Height; o.Visible() && end <= topH && end > foot {
			foot = end
		}
	}
	if foot > 0 && foot >= min(whole, l.least()) {
		return foot
	}
	// No piece ends in it: the first, a title of several lines, is cut.
	// At the foot of its last whole line, not through the next (the
	// reader's title at 800×600, text 1.8, showed "influencing Trump"
	// without its letters' feet over the reader's buttons; a UI pass).
	if l.lineFoot != nil && foot == 0 {
		if f := l.lineFoot(topH); f >= min(whole, l.least()) && f <= topH {
			return f
		}
	}
	return topH
}

// wholeScroll is a vertical scroll whose least size is its content's:
// the giveWayLayout works out the height it gets, and is laid out again
// when the content's height changes (a scroll's least size stays the
// same, and a longer title was laid out at the last one's height).
type wholeScroll struct {
	widget.BaseWidget
	scroll *container.Scroll
}

func newWholeScroll(content fyne.CanvasObject) *wholeScroll {
	s := &wholeScroll{scroll: container.NewVScroll(content)}
	s.ExtendBaseWidget(s)
	return s
}

// MinSize is the content's whole size; the giveWayLayout cuts its height.
func (s *wholeScroll) MinSize() fyne.Size {
	return s.scroll.Content.MinSize().Max(s.scroll.MinSize())
}

func (s *wholeScroll) CreateRenderer() fyne.WidgetRenderer {
	return &wholeScrollRenderer{s}
}

type wholeScrollRenderer struct{ s *wholeScroll }

func (r *wholeScrollRenderer) Layout(size fyne.Size)        { r.s.scroll.Resize(size) }
func (r *wholeScrollRenderer) MinSize() fyne.Size           { return r.s.MinSize() }
func (r *wholeScrollRenderer) Refresh()                     { r.s.scroll.Refresh() }
func (r *wholeScrollRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.s.scroll} }
func (r *wholeScrollRenderer) Destroy()                     {}
