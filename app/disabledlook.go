package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// disabledLook is the theme of an entry that can be disabled (the search
// box, while the window's file opens): it is the app's theme, but a
// disabled entry's border, text and placeholder are faint and its field is
// the window's background. Fyne draws a disabled entry in the Disabled
// colour, which dossierTheme makes darker than Fyne's (low-importance
// labels use it, and must be read), darker even than the placeholder
// colour and the border's: the disabled search box looked as enabled as
// ever (a UI pass), and a user typed into it in vain.
type disabledLook struct {
	entry fyne.Disableable
}

// withDisabledLook gives box, which is or holds entry, the disabled look
// while entry is disabled.
func withDisabledLook(box fyne.CanvasObject, entry fyne.Disableable) fyne.CanvasObject {
	return container.NewThemeOverride(box, &disabledLook{entry: entry})
}

// base is the app's theme as it is now (its text size and variant change).
func (d *disabledLook) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (d *disabledLook) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	base := d.base()
	if !d.entry.Disabled() {
		return base.Color(n, v)
	}
	switch n {
	case theme.ColorNameDisabled:
		// Between the field and the placeholder: still legible up close,
		// plainly not live. The variant is the app theme's, as
		// dossierTheme resolves it: its background says which it is.
		if isDark(base.Color(theme.ColorNameBackground, v)) {
			return color.NRGBA{R: 0x48, G: 0x48, B: 0x4c, A: 0xff}
		}
		return color.NRGBA{R: 0xbb, G: 0xbb, B: 0xbb, A: 0xff}
	case theme.ColorNameInputBackground:
		return base.Color(theme.ColorNameBackground, v)
	}
	return base.Color(n, v)
}

// isDark reports whether c is a dark colour.
func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return (299*r+587*g+114*b)/1000 < 0x8000
}

func (d *disabledLook) Font(s fyne.TextStyle) fyne.Resource     { return d.base().Font(s) }
func (d *disabledLook) Icon(n fyne.ThemeIconName) fyne.Resource { return d.base().Icon(n) }
func (d *disabledLook) Size(n fyne.ThemeSizeName) float32       { return d.base().Size(n) }
