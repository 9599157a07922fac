package app

import (
	"image/color"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tagPalette is the colours offered for tags: distinct hues of middle
// lightness, so that a chip tinted with any of them keeps its text readable
// in both themes (TestChipContrast checks every one).
var tagPalette = []string{
	"#c0392b", // red
	"#d35400", // orange
	"#b7950b", // ochre
	"#27ae60", // green
	"#16a085", // teal
	"#2980b9", // blue
	"#5b4fc7", // indigo
	"#8e44ad", // purple
	"#c2185b", // magenta
	"#7f8c8d", // grey
}

// chipTint is how much of a tag's colour tints its chip.
const chipTint = 0.22

// chipColors are a tag chip's background — the theme's background tinted
// with the tag's colour — and its text colour: the theme's text colour, or
// black or white if some odd stored colour leaves that below WCAG AA
// (4.5:1).
func chipColors(th fyne.Theme, v fyne.ThemeVariant, tag color.Color) (bg, fg color.NRGBA) {
	base := toNRGBA(th.Color(theme.ColorNameBackground, v))
	bg = blend(toNRGBA(tag), base, chipTint)
	fg = toNRGBA(th.Color(theme.ColorNameForeground, v))
	if contrast(fg, bg) < 4.5 {
		black, white := color.NRGBA{A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
		fg = black
		if contrast(white, bg) > contrast(black, bg) {
			fg = white
		}
	}
	return bg, fg
}

// themeChipColors are chipColors in the window's current theme.
func themeChipColors(tag color.Color) (bg, fg color.NRGBA) {
	s := fyne.CurrentApp().Settings()
	return chipColors(s.Theme(), s.ThemeVariant(), tag)
}

func toNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// blend is c laid over base with opacity a, as an opaque colour.
func blend(c, base color.NRGBA, a float64) color.NRGBA {
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(c.R, base.R), G: mix(c.G, base.G), B: mix(c.B, base.B), A: 0xff}
}

// luminance is the WCAG relative luminance of an opaque colour.
func luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG contrast ratio of two opaque colours (1 to 21).
func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// swatchPicker chooses a tag's colour from the palette: a row of swatches,
// the chosen one ringed. A colour stored before the palette (any #rrggbb)
// is offered too, so keeping it is the default; "" is no colour. With the
// focus, ←/→ move the choice; Esc and Enter are the dialog's.
type swatchPicker struct {
	widget.BaseWidget
	ui       *UI
	options  []string // "" (no colour), the palette, and a stored other
	selected string
	focused  bool
	swatches []*swatch
	row      *fyne.Container
}

func (u *UI) newSwatchPicker(current string) *swatchPicker {
	p := &swatchPicker{ui: u, selected: strings.ToLower(current)}
	p.options = append([]string{""}, tagPalette...)
	if !slices.Contains(p.options, p.selected) {
		if _, ok := parseHexColor(p.selected); ok {
			p.options = append(p.options, p.selected)
		} else {
			p.selected = ""
		}
	}
	var objs []fyne.CanvasObject
	for _, hex := range p.options {
		s := newSwatch(hex, func() { p.choose(hex) })
		p.swatches = append(p.swatches, s)
		objs = append(objs, s.area)
	}
	p.row = container.NewHBox(objs...)
	p.ExtendBaseWidget(p)
	p.paint()
	return p
}

func (p *swatchPicker) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(lineRowLayout{}, p.row))
}

// lineRowLayout gives its one object a line of text's height at least, as
// a label's or a field's, and centres it in that height: a form puts its
// label on a row's first line, and the swatches, shorter than that line
// and at its top, left "Colour" under them (ui16's report).
type lineRowLayout struct{}

func (lineRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	line := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{Bold: true}).Height + 2*theme.InnerPadding()
	return fyne.NewSize(m.Width, max(m.Height, line))
}

func (lineRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	m := objs[0].MinSize()
	objs[0].Move(fyne.NewPos(0, (size.Height-m.Height)/2))
	objs[0].Resize(fyne.NewSize(size.Width, m.Height))
}

// choose selects a colour.
func (p *swatchPicker) choose(hex string) {
	p.selected = hex
	p.paint()
}

// paint rings the chosen swatch (more boldly with the focus).
func (p *swatchPicker) paint() {
	for i, s := range p.swatches {
		s.ring.StrokeWidth = 0
		if p.options[i] == p.selected {
			s.ring.StrokeColor = theme.Color(theme.ColorNameForeground)
			s.ring.StrokeWidth = 2
			if p.focused {
				s.ring.StrokeColor = theme.Color(theme.ColorNamePrimary)
				s.ring.StrokeWidth = 3
			}
		}
		s.ring.Refresh()
	}
}

func (p *swatchPicker) FocusGained() {
	p.focused = true
	p.paint()
	p.ui.revealFocused(p)
}
func (p *swatchPicker) FocusLost()     { p.focused = false; p.paint() }
func (p *swatchPicker) TypedRune(rune) {}

func (p *swatchPicker) TypedKey(k *fyne.KeyEvent) {
	i := slices.Index(p.options, p.selected)
	switch k.Name {
	case fyne.KeyLeft:
		p.choose(p.options[max(i-1, 0)])
	case fyne.KeyRight:
		p.choose(p.options[min(i+1, len(p.options)-1)])
	default:
		fieldKey(p.ui, k.Name, false)
	}
}

// swatch is one colour of the picker.
type swatch struct {
	area *tapArea
	ring *canvas.Circle
}

func newSwatch(hex string, tap func()) *swatch {
	s := &swatch{ring: canvas.NewCircle(color.Transparent)}
	var dot fyne.CanvasObject
	if c, ok := parseHexColor(hex); ok {
		dot = canvas.NewCircle(c)
	} else { // no colour: an empty circle
		empty := canvas.NewCircle(color.Transparent)
		empty.StrokeColor = theme.Color(theme.ColorNameDisabled)
		empty.StrokeWidth = 1.5
		dot = empty
	}
	inner := container.New(&padLayout{h: 4, v: 4}, dot)
	s.area = newTapArea(container.NewGridWrap(fyne.NewSize(26, 26), container.NewStack(s.ring, inner)), tap)
	return s
}
