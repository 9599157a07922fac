package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Every menu opens whole, without scrolling, at the largest text in the
// window a 1366×768 screen gives, and an 800×600 one: at text 1.8 the View
// menu ran past the window's foot and scrolled, its last sections out of
// sight (a UI pass), and on the smaller screen File and Edit did, Edit's
// Document details… and Delete document… out of sight. The menus open
// below the menu bar, inside the window; the bar's titles fit its width.
func TestMenusFitASmallScreenAtTheLargestText(t *testing.T) {
	u := newTestUI(t) // one window: the menus' size depends on the text size only
	for _, screen := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 800, Height: 600}} {
		budget := fitToScreen(fyne.NewSize(1280, 800), screen)
		u.do(func() {
			u.w.Resize(budget)
			u.setTextScale(maxTextScale)
		})
		u.do(func() {
			// The menu bar's height, as Fyne's desktop driver makes it (its text
			// and an inner padding); the test driver has no menu bar.
			bar := canvas.NewText("View", nil).MinSize().Height + theme.InnerPadding()
			room := budget.Height - bar
			var titles float32
			for _, m := range u.w.MainMenu().Items {
				titles += canvas.NewText(m.Label, nil).MinSize().Width + 2*theme.InnerPadding()
				open := widget.NewMenu(m)
				if h := open.MinSize().Height; h > room {
					t.Errorf("at text %v the %s menu is %v pixels tall, more than the %v below the menu bar of a %v window", maxTextScale, m.Label, h, room, budget)
				}
				for _, it := range m.Items {
					if it.ChildMenu != nil {
						if h := widget.NewMenu(it.ChildMenu).MinSize().Height; h > room {
							t.Errorf("the %s → %s submenu is %v pixels tall, more than %v", m.Label, it.Label, h, room)
						}
					}
				}
			}
			if titles > budget.Width {
				t.Errorf("at text %v the menu bar's titles take %v pixels of a %v window", maxTextScale, titles, budget)
			}
		})
	}
}
