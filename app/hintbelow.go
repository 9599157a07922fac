package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listWithHint lays out a list with a wrapped hint below it that gives way
// when the pane is short: the hint shows only while the list keeps room
// for a few rows, and it never adds to the pane's least height. As a
// fixed footer, at the largest text on a small screen the Actors and
// Sources lists were squeezed to one visible row under a five-line hint,
// and the hint made the window taller than the screen (found by a UI pass).
func listWithHint(list fyne.CanvasObject, hint *widget.Label) *fyne.Container {
	return container.New(&hintBelowLayout{list: list, hint: hint}, list, hint)
}

// hintRows is how many rows of the list the hint leaves room for.
const hintRows = 4

type hintBelowLayout struct {
	list fyne.CanvasObject
	hint *widget.Label
	// rowH is a label row's height at text size rowAt: measured with a
	// new label, once per text size, not at every layout.
	rowH, rowAt float32
}

func (l *hintBelowLayout) rowHeight() float32 {
	if size := theme.TextSize(); size != l.rowAt || l.rowH == 0 {
		l.rowH, l.rowAt = widget.NewLabel("Row").MinSize().Height, size
	}
	return l.rowH
}

func (l *hintBelowLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.list.MinSize() }

func (l *hintBelowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	// The hint's height at this width: a wrapped label measures itself at
	// the width it was last given.
	l.hint.Resize(fyne.NewSize(size.Width, l.hint.Size().Height))
	hintH := l.hint.MinSize().Height
	row := l.rowHeight()
	listH := size.Height
	if size.Height-hintH-theme.Padding() >= hintRows*row {
		listH = size.Height - hintH - theme.Padding()
		l.hint.Move(fyne.NewPos(0, listH+theme.Padding()))
		l.hint.Resize(fyne.NewSize(size.Width, hintH))
		l.hint.Show()
	} else {
		l.hint.Hide()
	}
	l.list.Move(fyne.NewPos(0, 0))
	l.list.Resize(fyne.NewSize(size.Width, listH))
}
