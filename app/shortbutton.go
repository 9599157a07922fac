package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortButtonLayout centres one button whose label has several forms,
// longest first ("Show later passages (4,421 more)", "Later passages
// (4,421)", "4,421 more"), and gives it the longest form that fits: its
// least width is the shortest form's. Fyne's buttons never shorten their
// labels; the reader's "Show later passages" at the largest text needed
// 438 pixels, which made the window wider than a 1024-pixel screen.
type shortButtonLayout struct {
	button *widget.Button
	forms  []string
	fill   bool // the button takes the whole width, not its own, centred

	// measured caches the forms' widths at a text size: MinSize is asked
	// for in every frame.
	measured struct {
		size   float32
		forms  []string
		widths []float32
	}
}

// newShortButton is a button that calls tapped, in a container that
// shortens its label as above; setForms gives it its label.
func newShortButton(tapped func()) (*shortButtonLayout, *fyne.Container) {
	b := widget.NewButton("", tapped)
	l := &shortButtonLayout{button: b}
	return l, container.New(l, b)
}

// setForms sets the label's forms, longest first.
func (l *shortButtonLayout) setForms(forms ...string) {
	l.forms = forms
	if !slices.Contains(forms, l.button.Text) && len(forms) > 0 {
		l.button.SetText(forms[0]) // until the next layout picks the form that fits
	}
}

func (l *shortButtonLayout) widths() []float32 {
	m := &l.measured
	size := theme.TextSize()
	if m.size == size && slices.Equal(m.forms, l.forms) {
		return m.widths
	}
	m.size, m.forms, m.widths = size, slices.Clone(l.forms), m.widths[:0]
	for _, f := range l.forms {
		b := widget.NewButton(f, nil)
		if l.button.Icon != nil {
			b.SetIcon(l.button.Icon)
		}
		m.widths = append(m.widths, b.MinSize().Width)
	}
	return m.widths
}

func (l *shortButtonLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	h := l.button.MinSize().Height
	if w := l.widths(); len(w) > 0 {
		return fyne.NewSize(slices.Min(w), h)
	}
	return l.button.MinSize()
}

func (l *shortButtonLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	widths := l.widths()
	pick := len(widths) - 1
	for i, w := range widths {
		if w <= size.Width {
			pick = i
			break
		}
	}
	if pick >= 0 && l.button.Text != l.forms[pick] {
		l.button.SetText(l.forms[pick])
	}
	b := l.button.MinSize()
	w := min(b.Width, size.Width)
	if l.fill {
		w = size.Width
	}
	l.button.Move(fyne.NewPos((size.Width-w)/2, (size.Height-b.Height)/2))
	l.button.Resize(fyne.NewSize(w, b.Height))
}
