package app

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// rowList is a vertically scrolling list of rows of differing heights that
// lays out only the rows in view. Fyne's List and Table keep custom heights
// in a map they walk from the first row on every layout, and re-lay out the
// list on every height set: 10,000 claims of wrapped text would take
// seconds to size and stutter when scrolled. Here the rows' tops are a
// running sum, so finding the first visible row is a binary search.
type rowList struct {
	widget.BaseWidget
	create func() fyne.CanvasObject
	update func(i int, o fyne.CanvasObject)

	tops   []float32 // tops[i] is row i's top; tops[len] the total height
	gap    float32   // between rows
	scroll *container.Scroll
	body   *fyne.Container
	shown  map[int]fyne.CanvasObject // rows in view, by index
	spare  []fyne.CanvasObject       // row objects out of view, to reuse
	width  float32
}

func newRowList(create func() fyne.CanvasObject, update func(int, fyne.CanvasObject)) *rowList {
	l := &rowList{create: create, update: update, shown: map[int]fyne.CanvasObject{}, tops: []float32{0}}
	l.body = container.New(&rowListLayout{l})
	l.scroll = container.NewVScroll(l.body)
	l.scroll.OnScrolled = func(fyne.Position) { l.place() }
	l.ExtendBaseWidget(l)
	return l
}

func (l *rowList) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(l.scroll) }

// length is the number of rows.
func (l *rowList) length() int { return len(l.tops) - 1 }

// setHeights replaces the rows: one height each. Every row in view is
// filled again.
func (l *rowList) setHeights(heights []float32) {
	if cap(l.tops) < len(heights)+1 {
		l.tops = make([]float32, len(heights)+1)
	}
	l.tops = l.tops[:len(heights)+1]
	y := float32(0)
	for i, h := range heights {
		l.tops[i] = y
		y += h + l.gap
	}
	l.tops[len(heights)] = y
	l.forget()
	l.scroll.Refresh() // the body's height changed
	l.place()
}

// refreshRows fills every row in view again (the data changed, not the
// heights).
func (l *rowList) refreshRows() {
	for i, o := range l.shown {
		l.update(i, o)
	}
}

// forget returns every shown row to the spares.
func (l *rowList) forget() {
	for i, o := range l.shown {
		o.Hide()
		l.spare = append(l.spare, o)
		delete(l.shown, i)
	}
}

// visible is the range of rows [first, end) in view.
func (l *rowList) visible() (first, end int) {
	n := l.length()
	top := l.scroll.Offset.Y
	bottom := top + l.scroll.Size().Height
	first = sort.Search(n, func(i int) bool { return l.tops[i+1] > top })
	end = first
	for end < n && l.tops[end] < bottom {
		end++
	}
	return first, end
}

// place shows the rows in view at their places, filling those that came
// into view.
func (l *rowList) place() {
	first, end := l.visible()
	for i, o := range l.shown {
		if i < first || i >= end {
			o.Hide()
			l.spare = append(l.spare, o)
			delete(l.shown, i)
		}
	}
	for i := first; i < end; i++ {
		o, ok := l.shown[i]
		if !ok {
			if n := len(l.spare); n > 0 {
				o, l.spare = l.spare[n-1], l.spare[:n-1]
			} else {
				o = l.create()
				// Not body.Add: that lays the body out, which places rows.
				l.body.Objects = append(l.body.Objects, o)
			}
			l.shown[i] = o
			l.update(i, o)
			o.Show()
		}
		o.Move(fyne.NewPos(0, l.tops[i]))
		o.Resize(fyne.NewSize(l.width, l.tops[i+1]-l.tops[i]-l.gap))
	}
}

// scrollTo brings row i into view.
func (l *rowList) scrollTo(i int) {
	if i < 0 || i >= l.length() {
		return
	}
	h := l.scroll.Size().Height
	switch y := l.scroll.Offset.Y; {
	case l.tops[i] < y:
		l.scroll.ScrollToOffset(fyne.NewPos(0, l.tops[i]))
	case l.tops[i+1] > y+h:
		l.scroll.ScrollToOffset(fyne.NewPos(0, l.tops[i+1]-h))
	}
	l.place()
}

// rowListLayout sizes the scrolled body to the rows' total height.
type rowListLayout struct{ l *rowList }

func (r *rowListLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, r.l.tops[len(r.l.tops)-1])
}

func (r *rowListLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	if size.Width != r.l.width {
		r.l.width = size.Width
	}
	r.l.place()
}
