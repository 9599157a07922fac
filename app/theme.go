package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme choices offered in View → Theme.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// dossierTheme wraps the default theme with a chosen light/dark variant and
// a text-size scale, and adds the colours the reader uses for hits.
type dossierTheme struct {
	variant string  // themeSystem, themeLight or themeDark
	scale   float32 // text size multiplier
}

var _ fyne.Theme = (*dossierTheme)(nil)

// glContextRunner is Fyne's desktop window: RunWithContext runs a function
// with the window's OpenGL context current (an exported method of the
// driver's unexported window type; Fyne itself changes the content so).
type glContextRunner interface{ RunWithContext(func()) }

// setThemeInContext installs t with w's OpenGL context current where the
// driver offers one. A theme change makes Fyne 2.7.1 drop every cached
// text texture (RescaleContext) and delete it from OpenGL with no context
// current, where glDeleteTextures does nothing: each theme or text size
// change leaked every line of text drawn in the past minute (about 5 MB
// a switch with one passage shown, 50-100 MB after a minute of reading,
// under Mesa). Not needed once Fyne deletes them in the context. Elsewhere
// (the test driver, a closing window) it is just SetTheme.
func setThemeInContext(a fyne.App, w fyne.Window, t fyne.Theme) {
	set := false
	if r, ok := w.(glContextRunner); ok {
		r.RunWithContext(func() {
			a.Settings().SetTheme(t)
			set = true
		})
	}
	if !set {
		a.Settings().SetTheme(t)
	}
}

// Colour names of our own, resolved by dossierTheme.
const (
	colorNameHit        fyne.ThemeColorName = "dossierHit"
	colorNameCurrentHit fyne.ThemeColorName = "dossierCurrentHit"
	colorNameFocus      fyne.ThemeColorName = "dossierFocusPassage"
	colorNameSpan       fyne.ThemeColorName = "dossierMarkedSpan" // a bookmarked or tagged part of a passage
	colorNameClaim      fyne.ThemeColorName = "dossierClaim"      // the line under a claim's words
	// A claim's stance as text: the Corroboration table's ✓, ✗ and ✓ ✗
	// marks, "repeated", "disputed", and the ledger's "denies".
	colorNameAsserts fyne.ThemeColorName = "dossierAsserts"
	colorNameDenies  fyne.ThemeColorName = "dossierDenies"
	colorNameBoth    fyne.ThemeColorName = "dossierAssertsAndDenies"
)

func (t *dossierTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case themeLight:
		v = theme.VariantLight
	case themeDark:
		v = theme.VariantDark
	}
	dark := v == theme.VariantDark
	switch name {
	case colorNameHit:
		if dark {
			return color.NRGBA{R: 0xff, G: 0xc8, B: 0x57, A: 0xff}
		}
		return color.NRGBA{R: 0x9a, G: 0x4a, B: 0x00, A: 0xff}
	case colorNameCurrentHit:
		if dark {
			return color.NRGBA{R: 0xff, G: 0x7a, B: 0x59, A: 0xff}
		}
		return color.NRGBA{R: 0xc0, G: 0x1c, B: 0x28, A: 0xff}
	case colorNameFocus:
		if dark {
			return color.NRGBA{R: 0x2a, G: 0x3b, B: 0x55, A: 0xff}
		}
		return color.NRGBA{R: 0xfd, G: 0xf3, B: 0xd0, A: 0xff}
	case colorNameSpan: // translucent, over the passage (and focus) background
		if dark {
			return color.NRGBA{R: 0x9a, G: 0x7b, B: 0x1f, A: 0x70}
		}
		return color.NRGBA{R: 0xf2, G: 0xc4, B: 0x3d, A: 0x66}
	case colorNameClaim:
		// Purple: unlike the hits' orange and red, the bookmarks' yellow
		// and the selection's blue; at least 4.5:1 on the background and
		// on the focused passage's colour, in either theme.
		if dark {
			return color.NRGBA{R: 0xd0, G: 0x9c, B: 0xf5, A: 0xff}
		}
		return color.NRGBA{R: 0x7b, G: 0x1f, B: 0xa2, A: 0xff}
	// Fyne's success, error and warning colours read on the dark
	// background, but on white its green ✓ had a contrast of 1.5:1 and
	// its orange 2.2:1, nearly invisible (a UI pass); these darker ones
	// meet WCAG's 4.5:1 on white.
	case colorNameAsserts:
		if dark {
			return theme.DefaultTheme().Color(theme.ColorNameSuccess, v)
		}
		return color.NRGBA{R: 0x1b, G: 0x7a, B: 0x2f, A: 0xff}
	case colorNameDenies:
		if dark {
			return theme.DefaultTheme().Color(theme.ColorNameError, v)
		}
		return color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	case colorNameBoth:
		if dark {
			return theme.DefaultTheme().Color(theme.ColorNameWarning, v)
		}
		return color.NRGBA{R: 0xa3, G: 0x52, B: 0x00, A: 0xff}
	case theme.ColorNameInputBorder:
		// The outline of an unchecked check box or radio button, and of
		// an entry: Fyne's (#e3e3e3 on white) left the boxes of the export
		// and tag dialogs nearly invisible in the light theme (found by a
		// UI pass). These meet WCAG's 3:1 for controls on either
		// background.
		if dark {
			return color.NRGBA{R: 0x6c, G: 0x6c, B: 0x70, A: 0xff}
		}
		return color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8e, A: 0xff}
	case theme.ColorNameDisabled:
		// Low-importance labels (passage numbers, tag lines, counts) use
		// this colour, and Fyne's (#e3e3e3 on white, #39393a on near-black)
		// is too faint to read. This grey still reads as secondary, and
		// meets WCAG AA contrast on both backgrounds.
		if dark {
			return color.NRGBA{R: 0x8e, G: 0x8e, B: 0x93, A: 0xff}
		}
		return color.NRGBA{R: 0x73, G: 0x73, B: 0x73, A: 0xff}
	}
	if name == theme.ColorNameForeground {
		return shortcutSafe(toNRGBA(theme.DefaultTheme().Color(name, v)))
	}
	return theme.DefaultTheme().Color(name, v)
}

// shortcutSafe is an opaque colour, to the eye, whose 16-bit alpha is
// chosen for Fyne 2.7.1's menus: they draw an item's shortcut in the
// foreground colour at 95% (widget/menu_item.go, shortcutColor) but keep
// only the low byte of each 16-bit value, so an opaque foreground's
// shortcuts came out at 50/255, about 20% (a hostile UI pass: "Ctrl+F"
// beside Find was barely legible). With this alpha (99.9%) 95% of it is
// 0xf2f2, whose low byte is 95% of 255, and each channel is given as a
// byte repeated (0xf3 → 0xf3f3), so its low byte is the channel itself.
// Nothing else in Fyne truncates so; every other use sees the same colour.
type shortcutSafe color.NRGBA

const shortcutSafeAlpha = 0xffbc

func (c shortcutSafe) RGBA() (r, g, b, a uint32) {
	// Premultiplied, a channel may not exceed the alpha: 0xfe at most.
	ch := func(v uint8) uint32 { return uint32(min(v, 0xfe)) * 0x101 }
	return ch(c.R), ch(c.G), ch(c.B), shortcutSafeAlpha
}

func (t *dossierTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *dossierTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *dossierTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText:
		return s * t.scale
	case theme.SizeNameInlineIcon:
		// Icons grow with the text, half as fast: at the largest text they
		// stayed at the usual size beside it and looked tiny (a UI pass),
		// and as fast they made every button row taller than it reads.
		return s * (1 + (t.scale-1)/2)
	}
	return s
}
