package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// fitText is one line of text in a given size, style and colour that asks
// for its whole width but takes the width it is given: narrower, it ends in
// "…" (a chip at the largest text size, wider than the reader). Wrapped in
// a hoverTip (newFitTip), it shows whole when the pointer rests on it.
type fitText struct {
	widget.BaseWidget
	full string
	text *canvas.Text
}

func newFitText(s string, size float32, style fyne.TextStyle, c color.Color) *fitText {
	f := &fitText{full: s, text: canvas.NewText(s, c)}
	f.text.TextSize, f.text.TextStyle = size, style
	f.ExtendBaseWidget(f)
	return f
}

// whole is the width and height of the whole text.
func (f *fitText) whole() fyne.Size { return measureText(f.full, f.text.TextSize, f.text.TextStyle) }

// cut reports whether the text is cut short.
func (f *fitText) cut() bool { return f.Size().Width+0.5 < f.whole().Width }

func (f *fitText) CreateRenderer() fyne.WidgetRenderer { return &fitRenderer{f: f} }

type fitRenderer struct{ f *fitText }

func (r *fitRenderer) Layout(size fyne.Size) {
	f := r.f
	f.text.Text = f.full
	if f.whole().Width > size.Width+0.5 {
		ell := measureText("…", f.text.TextSize, f.text.TextStyle).Width
		// Not "threa……" where the text was shortened already, nor "likely, …".
		kept := strings.TrimRight(f.full[:fitPrefix(f.full, size.Width-ell, f.text.TextSize, f.text.TextStyle)], "…,;: ")
		f.text.Text = kept + "…"
	}
	f.text.Resize(size)
}

func (r *fitRenderer) MinSize() fyne.Size           { return r.f.whole() }
func (r *fitRenderer) Refresh()                     { r.Layout(r.f.Size()); r.f.text.Refresh() }
func (r *fitRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.f.text} }
func (r *fitRenderer) Destroy()                     {}
