package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// flowLayout places objects left to right at their minimum size, wrapping
// to a new row when the width runs out (tag chips under a passage). The
// width it wraps at is the last one it was laid out with.
type flowLayout struct {
	width float32
	// fit narrows an object wider than a line to the line (fitText cuts its
	// words short) instead of letting it run out of sight.
	fit bool
}

func (f *flowLayout) rows(objs []fyne.CanvasObject, width float32, place bool) float32 {
	gap := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if f.fit {
			s.Width = min(s.Width, width)
		}
		if x > 0 && x+s.Width > width {
			x, y = 0, y+rowH+gap
			rowH = 0
		}
		if place {
			o.Move(fyne.NewPos(x, y))
			o.Resize(s)
		}
		x += s.Width + gap
		rowH = max(rowH, s.Height)
	}
	if rowH == 0 {
		return 0
	}
	return y + rowH
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	f.rows(objs, size.Width, true)
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := f.width
	if w <= 0 {
		w = assumedWidth // before the first layout; the reader lays out twice
	}
	return fyne.NewSize(0, f.rows(objs, w, false))
}

// tapArea makes any content tappable without a button's look.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapArea(content fyne.CanvasObject, onTap func()) *tapArea {
	t := &tapArea{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.content) }

// padLayout pads its children by h horizontally and v vertically.
type padLayout struct{ h, v float32 }

func (p *padLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(p.h, p.v))
		o.Resize(fyne.NewSize(size.Width-2*p.h, size.Height-2*p.v))
	}
}

func (p *padLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m.AddWidthHeight(2*p.h, 2*p.v)
}

// widthWatch lays out its one child full size and reports width changes
// (the list's rows are re-measured when the pane is resized).
type widthWatch struct {
	width   float32
	onWidth func(float32)
}

func (l *widthWatch) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *widthWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	objs[0].Move(fyne.NewPos(0, 0))
	if size.Width != l.width {
		l.width = size.Width
		l.onWidth(size.Width)
	}
}

// layoutSpacer is a fixed vertical gap.
func layoutSpacer(h float32) fyne.CanvasObject {
	s := widget.NewLabel("")
	s.Resize(fyne.NewSize(1, h))
	return s
}

// linesLayout gives its single child the height of a fixed number of text
// lines (its child is a Clip, so longer text is cut off rather than drawn
// over the next row), giving list rows a steady rhythm.
type linesLayout struct{ lines int }

func (l *linesLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, flowHeight(l.lines))
}

func (l *linesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// gutterLayout sizes the passage-number column: 44 wide, or as wide as the
// document's longest number needs at the current text size (a fixed 44 cut
// "1394" to "394" at the largest text). Every row of a document gets the
// same width, so the passages stay aligned; in a paged document the column
// also fits its page marks ("p. 123"). While the panes are narrowed
// (narrow.go) the column has the padding on the text's side only: the
// number's label draws it from the column's left edge. Beside the Saved
// or Claims section on an 800×600 screen at the largest text the reader's
// text was a few pixels short of "counterintelligence" and "government—",
// broken between letters (a UI pass).
type gutterLayout struct {
	widest, pages int
	narrow        *bool // nil: never narrowed
}

func (g *gutterLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := 2 * theme.InnerPadding()
	if g.narrow != nil && *g.narrow {
		pad = theme.InnerPadding()
	}
	digits := strings.Repeat("8", len(fmt.Sprint(g.widest)))
	w := measureText(digits, theme.TextSize(), fyne.TextStyle{}).Width + pad
	if g.pages > 0 {
		mark := "p. " + strings.Repeat("8", len(fmt.Sprint(g.pages)))
		w = max(w, measureText(mark, theme.TextSize(), fyne.TextStyle{Italic: true}).Width+pad)
	}
	s := fyne.NewSize(max(44, w), 0)
	for _, o := range objects {
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}

func (g *gutterLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
