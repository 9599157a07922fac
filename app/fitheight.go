package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitWindow puts a dialog's body in a vertical scroll that is as tall as
// the body, but no taller than the window leaves room for beside the
// dialog's title and buttons: at the largest text a long form (the claim
// dialog) would otherwise run past the bottom of a 1280×800 screen.
func (u *UI) fitWindow(body fyne.CanvasObject) fyne.CanvasObject {
	scroll := container.NewVScroll(body)
	u.followFocusIn(scroll)
	return container.New(&fitLayout{ui: u, body: body, room: func() float32 {
		button := widget.NewButton("Cancel", nil).MinSize().Height
		title := measureText("Title", theme.TextSubHeadingSize(), fyne.TextStyle{Bold: true}).Height
		return u.win.Canvas().Size().Height - title - button - 10*theme.Padding()
	}}, scroll)
}

type fitLayout struct {
	ui   *UI
	body fyne.CanvasObject
	room func() float32
}

func (l *fitLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	s := l.body.MinSize()
	return fyne.NewSize(s.Width+theme.ScrollBarSize(), min(s.Height, max(l.room(), 120)))
}

func (l *fitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	l.ui.revealUnrevealed()
}
