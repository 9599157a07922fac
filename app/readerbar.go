package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The reader's action row: Bookmark, Tag… and Cite, the hit count, and the
// hit arrows. With their labels the buttons need ~300 pixels (more at a
// larger text), which the reader could not give up: beside the claims
// ledger, a results split could not widen the ledger past the reader's
// width, and the ledger was cut off sideways (found by a UI pass). When
// the row is narrower than the buttons with their labels, the buttons show
// their icons alone (their labels stay as tooltips would: the icons are
// the ones the menus show), so the reader's least width is the icons'.

// labelledButtons are buttons that keep the label each should have when
// there is room for it.
type labelledButtons struct {
	buttons []*widget.Button
	labels  []string
	// relayout lays the row out again: a label of another width may
	// change whether the labels fit.
	relayout func()

	// measured caches widths for the labels at a text size: they are
	// asked for in every frame.
	measured struct {
		size       float32
		labels     []string
		full, bare float32
	}
}

// setLabel sets button i's label (shown when there is room) and icon.
// A label of another length lays the row out again: "Bookmarked" was
// drawn past its button (it kept the width "Bookmark" had), over the
// padding and into "Tag…" where the bar was only just wide enough; and
// back to "Bookmark" (the bookmark undone, or a new one's dialog
// cancelled) the buttons stayed bare where their labels fitted (found
// driving the window).
func (b *labelledButtons) setLabel(i int, label string, icon fyne.Resource) {
	changed := b.labels[i] != label
	b.labels[i] = label
	b.buttons[i].SetIcon(icon)
	if b.buttons[i].Text != "" {
		b.buttons[i].SetText(label)
	}
	if changed && b.relayout != nil {
		b.relayout()
	}
}

// widths are the buttons' widths with their labels (full) and without.
func (b *labelledButtons) widths() (full, bare float32) {
	m := &b.measured
	if size := theme.TextSize(); m.size == size && slices.Equal(m.labels, b.labels) {
		return m.full, m.bare
	}
	defer func() { m.size, m.labels, m.full, m.bare = theme.TextSize(), slices.Clone(b.labels), full, bare }()
	for i, btn := range b.buttons {
		withLabel := widget.NewButtonWithIcon(b.labels[i], btn.Icon, nil)
		bare += widget.NewButtonWithIcon("", btn.Icon, nil).MinSize().Width
		full += withLabel.MinSize().Width
	}
	gaps := theme.Padding() * float32(len(b.buttons)-1)
	return full + gaps, bare + gaps
}

// show gives the buttons their labels or not.
func (b *labelledButtons) show(labelled bool) {
	for i, btn := range b.buttons {
		text := ""
		if labelled {
			text = b.labels[i]
		}
		if btn.Text != text {
			btn.SetText(text)
		}
	}
}

// readerBarLayout lays out [buttons][count][arrows]: the count takes what
// is left (it has shorter forms of its own), the buttons lose their labels
// first when the count's shortest form would not fit beside them. In a
// reader narrower than that, the count and the arrows go on a second row
// under the buttons (narrow.go).
type readerBarLayout struct {
	bar    *labelledButtons
	count  fyne.CanvasObject
	nav    fyne.CanvasObject
	narrow *bool
	width  float32 // the width it was last laid out at
}

// oneRow is the least width of the bar in one row.
func (l *readerBarLayout) oneRow() float32 {
	_, bare := l.bar.widths()
	return bare + l.count.MinSize().Width + l.nav.MinSize().Width + 2*theme.Padding()
}

// wrapped is whether the bar is two rows at width.
func (l *readerBarLayout) wrapped(width float32) bool { return width > 0 && width < l.oneRow() }

// buttonsHeight is the height of the buttons' row.
func (l *readerBarLayout) buttonsHeight() float32 {
	h := float32(0)
	for _, b := range l.bar.buttons {
		h = max(h, b.MinSize().Height)
	}
	return h
}

func (l *readerBarLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	_, bare := l.bar.widths()
	w := l.oneRow()
	if *l.narrow {
		w = max(bare, l.count.MinSize().Width+theme.Padding()+l.nav.MinSize().Width)
	}
	second := max(l.count.MinSize().Height, l.nav.MinSize().Height)
	if l.wrapped(l.width) {
		return fyne.NewSize(w, l.buttonsHeight()+theme.Padding()+second)
	}
	return fyne.NewSize(w, max(l.buttonsHeight(), second))
}

func (l *readerBarLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	full, _ := l.bar.widths()
	nav, count := l.nav.MinSize().Width, l.count.MinSize().Width
	wrapped := l.wrapped(size.Width)
	if wrapped {
		l.bar.show(size.Width >= full)
	} else {
		l.bar.show(size.Width >= full+count+nav+2*theme.Padding())
	}
	// The row the buttons are in, and the one the count and arrows are in.
	top, rowH := float32(0), size.Height
	if wrapped {
		rowH = l.buttonsHeight()
	}
	x := float32(0)
	for _, b := range l.bar.buttons {
		w := b.MinSize().Width
		b.Move(fyne.NewPos(x, (rowH-b.MinSize().Height)/2))
		b.Resize(fyne.NewSize(w, b.MinSize().Height))
		x += w + theme.Padding()
	}
	if wrapped {
		x, top = 0, rowH+theme.Padding()
		rowH = max(size.Height-top, 0)
	}
	l.nav.Move(fyne.NewPos(size.Width-nav, top+(rowH-l.nav.MinSize().Height)/2))
	l.nav.Resize(fyne.NewSize(nav, l.nav.MinSize().Height))
	l.count.Move(fyne.NewPos(x, top))
	l.count.Resize(fyne.NewSize(max(size.Width-nav-theme.Padding()-x, 0), rowH))
}
