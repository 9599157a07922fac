package app

import (
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A menu item's shortcut ("Ctrl+F" beside Find) is drawn in the text's
// colour at 95%, as Fyne means it: Fyne 2.7.1 kept the low byte of a 16-bit
// alpha and drew every shortcut at about 20% with an opaque foreground
// (a hostile UI pass; see shortcutSafe).
func TestMenuShortcutsAreDrawnNearlyOpaque(t *testing.T) {
	u := newTestUI(t)
	for _, variant := range []string{themeLight, themeDark} {
		u.do(func() {
			u.setTheme(variant)
			fg := toNRGBA(theme.Color(theme.ColorNameForeground))
			disabled := toNRGBA(theme.Color(theme.ColorNameDisabled)) // a disabled item's (Undo with nothing to undo)
			seen := 0
			for _, m := range u.w.MainMenu().Items {
				for _, o := range test.LaidOutObjects(widget.NewMenu(m)) {
					text, ok := o.(*canvas.Text)
					if !ok || text.Text != "Ctrl+" {
						continue
					}
					c := toNRGBA(text.Color)
					if c == disabled {
						continue
					}
					seen++
					if c.A < 230 || absDiff(c.R, fg.R) > 2 || absDiff(c.G, fg.G) > 2 || absDiff(c.B, fg.B) > 2 {
						t.Errorf("%s theme, %s menu: a shortcut is drawn %v, want the text's colour %v at about 95%%", variant, m.Label, c, fg)
						return
					}
				}
			}
			if seen == 0 {
				t.Fatalf("%s theme: no menu item showed a Ctrl+ shortcut", variant)
			}
		})
	}
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}
