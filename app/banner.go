package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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
	// relayout lays out again what contains the banner (set by the window).
	relayout func()
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
		container.New(&bannerLayout{}, b.icon, b.message, b.actions))
	b.box.Hide()
	return b
}

// bannerLayout places the icon, the message and the buttons (its three
// objects) on one row while the message keeps at least half the width;
// past that (large text, long button labels) the buttons go under the
// message, right-aligned, stacked when one row of them is too wide. Beside
// three buttons at the largest text, the message was squeezed into a
// narrow column and the buttons into tall slabs.
type bannerLayout struct {
	width float32 // the last laid out: a wrapped message's height depends on it
}

func (l *bannerLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if l.width <= 0 {
		// Not laid out yet: as a single row would need.
		icon, msg, acts := objs[0].MinSize(), objs[1].MinSize(), objs[2].MinSize()
		return fyne.NewSize(icon.Width+msg.Width+acts.Width+2*theme.Padding(), max(icon.Height, msg.Height, acts.Height))
	}
	return fyne.NewSize(0, l.arrange(objs, l.width, false))
}

func (l *bannerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.arrange(objs, size.Width, true)
}

// arrange computes (and with place, applies) the layout for width,
// returning the height it takes.
func (l *bannerLayout) arrange(objs []fyne.CanvasObject, width float32, place bool) float32 {
	pad := theme.Padding()
	icon, msg, acts := objs[0], objs[1], objs[2].(*fyne.Container)
	iconSize := icon.MinSize()
	x := iconSize.Width + pad
	acts.Layout = layout.NewHBoxLayout()
	actsSize := acts.MinSize()
	oneRow := width-x-actsSize.Width-pad >= width/2
	msgWidth := width - x
	if oneRow {
		msgWidth -= actsSize.Width + pad
	}
	msg.Resize(fyne.NewSize(msgWidth, msg.MinSize().Height)) // a wrapped label measures at its width
	msgHeight := msg.MinSize().Height
	if oneRow && msgHeight > 2*actsSize.Height {
		// Beside its buttons a long message wrapped to eight lines at
		// large text, and the window grew past a small screen (a UI
		// pass): under it, the buttons take one row less than that.
		msg.Resize(fyne.NewSize(width-x, msg.MinSize().Height))
		if whole := msg.MinSize().Height; whole+pad+actsSize.Height < msgHeight {
			oneRow, msgWidth, msgHeight = false, width-x, whole
		} else {
			msg.Resize(fyne.NewSize(msgWidth, msgHeight))
		}
	}
	var height float32
	var actsPos fyne.Position
	if oneRow {
		height = max(iconSize.Height, msgHeight, actsSize.Height)
		actsPos = fyne.NewPos(width-actsSize.Width, (height-actsSize.Height)/2)
	} else {
		if actsSize.Width > width-x {
			acts.Layout = layout.NewVBoxLayout() // one under another, as wide as the widest
			actsSize = acts.MinSize()
		}
		actsPos = fyne.NewPos(max(width-actsSize.Width, x), msgHeight+pad)
		height = max(iconSize.Height, actsPos.Y+actsSize.Height)
	}
	if place {
		icon.Move(fyne.NewPos(0, 0))
		icon.Resize(iconSize)
		msg.Move(fyne.NewPos(x, 0))
		msg.Resize(fyne.NewSize(msgWidth, msgHeight))
		acts.Move(actsPos)
		acts.Resize(actsSize)
	}
	return height
}

// content is the banner's canvas object, to place above the window's content.
func (b *banner) content() fyne.CanvasObject { return b.box }

// show displays message with the given actions, replacing what was shown.
func (b *banner) show(message string, actions ...bannerAction) {
	b.icon.SetResource(theme.WarningIcon())
	b.bg.FillColor = bannerColor()
	b.bg.Refresh()
	b.message.SetText(message)
	b.actions.RemoveAll()
	for _, a := range actions {
		b.actions.Add(newBannerButton(a.Label, a.Run))
	}
	b.box.Show()
	b.box.Refresh()
	if b.relayout != nil {
		b.relayout() // its height may change: what lies below it moves
	}
}

// inform displays message as news rather than a warning (the research
// file still being opened), with no actions.
func (b *banner) inform(message string) {
	b.show(message)
	b.icon.SetResource(theme.InfoIcon())
	b.bg.FillColor = tint(theme.ColorNamePrimary, 0x30)
	b.bg.Refresh()
}

// hide removes the banner.
func (b *banner) hide() {
	b.message.SetText("")
	b.actions.RemoveAll()
	b.box.Hide()
	if b.relayout != nil {
		b.relayout()
	}
}

// visible reports whether the banner is shown, and its message.
func (b *banner) visible() (bool, string) {
	return b.box.Visible(), b.message.Text
}

// bannerColor is a muted warning tint that reads on light and dark themes.
func bannerColor() color.Color { return tint(theme.ColorNameWarning, 0x40) }

// tint is the theme's colour name at opacity alpha.
func tint(name fyne.ThemeColorName, alpha uint8) color.Color {
	r, g, bl, _ := theme.Color(name).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: alpha}
}

// bannerButton is a banner's action. Once Tab has focused it, Enter
// presses it, as Space does and as Enter presses a focused dialog button,
// and it is ringed as a focused dialog button is: Fyne's button answered
// Space alone, and Tab then Enter on "Try again" did nothing (a hostile UI
// pass).
type bannerButton struct{ dialogButton }

func newBannerButton(label string, run func()) *bannerButton {
	b := &bannerButton{}
	b.Text, b.OnTapped = label, run
	b.ExtendBaseWidget(b)
	return b
}

func (b *bannerButton) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	default:
		b.Button.TypedKey(k) // no dialog to close on Esc
	}
}
