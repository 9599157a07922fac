package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortHintLayout gives an entry the longest of its placeholder's forms
// (longest first) that fits its width. Fyne's single-line entry scrolls a
// placeholder that does not fit: at the larger text sizes on a small
// screen the search box's hint was cut mid-word, with a scroll bar under
// it (found by a UI pass).
type shortHintLayout struct {
	entry *widget.Entry // whose placeholder it sets (in box, perhaps extended)
	forms []string

	measured struct { // the forms' widths at a text size: Layout runs every frame
		size   float32
		widths []float32
	}
}

// withShortHint puts box, the widget that is or extends entry, in a
// container that picks entry's placeholder from forms, longest first, and
// that looks disabled while entry is (see disabledLook).
func withShortHint(box fyne.CanvasObject, entry *widget.Entry, forms ...string) *fyne.Container {
	entry.SetPlaceHolder(forms[0])
	return container.New(&shortHintLayout{entry: entry, forms: forms}, withDisabledLook(box, entry))
}

func (l *shortHintLayout) widths() []float32 {
	m := &l.measured
	size := theme.TextSize()
	if m.size == size && len(m.widths) == len(l.forms) {
		return m.widths
	}
	// The text sits inside the entry's border and inner padding, each side.
	edges := 2 * (theme.InnerPadding() + theme.InputBorderSize())
	m.size, m.widths = size, m.widths[:0]
	for _, f := range l.forms {
		m.widths = append(m.widths, fyne.MeasureText(f, size, fyne.TextStyle{}).Width+edges)
	}
	return m.widths
}

// pick is the longest form that fits width, or the shortest.
func (l *shortHintLayout) pick(width float32) string {
	widths := l.widths()
	if i := slices.IndexFunc(widths, func(w float32) bool { return w <= width }); i >= 0 {
		return l.forms[i]
	}
	return l.forms[len(l.forms)-1]
}

func (l *shortHintLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *shortHintLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if hint := l.pick(size.Width); l.entry.PlaceHolder != hint {
		l.entry.SetPlaceHolder(hint)
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}
