package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// banner is a strip across the top of the window that states a lasting
// condition of the open research file (read-only, damaged…) and may offer
// actions for it. It is hidden until shown. Call its methods on the UI
// goroutine.
type banner struct {
	box     *fyne.Container
	bg      *canvas.Rectangle
	icon    *widget.Icon
	message *widget.Label
	actions *fyne.Container
}

// bannerAction is a button offered on the banner.
type bannerAction struct {
	Label string
	Run   func()
}

func newBanner() *banner {
	b := &banner{
		bg:      canvas.NewRectangle(color.Transparent),
		icon:    widget.NewIcon(theme.WarningIcon()),
		message: widget.NewLabel(""),
		actions: container.NewHBox(),
	}
	b.message.Wrapping = fyne.TextWrapWord
	b.box = container.NewStack(b.bg,
		container.NewBorder(nil, nil, b.icon, b.actions, b.message))
	b.box.Hide()
	return b
}

// content is the banner's canvas object, to place above the window's content.
func (b *banner) content() fyne.CanvasObject { return b.box }

// show displays message with the given actions, replacing what was shown.
func (b *banner) show(message string, actions ...bannerAction) {
	b.bg.FillColor = bannerColor()
	b.bg.Refresh()
	b.message.SetText(message)
	b.actions.RemoveAll()
	for _, a := range actions {
		b.actions.Add(widget.NewButton(a.Label, a.Run))
	}
	b.box.Show()
	b.box.Refresh()
}

// hide removes the banner.
func (b *banner) hide() {
	b.message.SetText("")
	b.actions.RemoveAll()
	b.box.Hide()
}

// visible reports whether the banner is shown, and its message.
func (b *banner) visible() (bool, string) {
	return b.box.Visible(), b.message.Text
}

// bannerColor is a muted warning tint that reads on light and dark themes.
func bannerColor() color.Color {
	r, g, bl, _ := theme.Color(theme.ColorNameWarning).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: 0x40}
}
