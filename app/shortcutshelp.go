package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// shortcutText writes a shortcut as the README and the help write it:
// Ctrl+Shift+G (Ctrl is Cmd on macOS).
func shortcutText(sc fyne.Shortcut) string {
	ks, ok := sc.(fyne.KeyboardShortcut) // custom ones and Fyne's own (Undo)
	if !ok {
		return sc.ShortcutName()
	}
	var b strings.Builder
	if ks.Mod()&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		b.WriteString("Ctrl+")
	}
	if ks.Mod()&fyne.KeyModifierAlt != 0 {
		b.WriteString("Alt+")
	}
	if ks.Mod()&fyne.KeyModifierShift != 0 {
		b.WriteString("Shift+")
	}
	b.WriteString(string(ks.Key()))
	return b.String()
}

// otherKeys are the keys that are no menu command, as the README lists
// them: where they work, then the keys and what they do.
var otherKeys = []struct{ where, keys, does string }{
	{"In the search box", "↓ / ↑", "next / previous result"},
	{"In the search box", "↑ / ↓", "in an empty box: older / newer recent searches"},
	{"In the search box", "Enter", "search now, or open the selected result"},
	{"In the search box", "Esc", "clear it"},
	{"With nothing focused (after a click on a tag chip)", "↓ / ↑", "next / previous result, as in the search box"},
	{"In a dialog", "Enter", "its default action; where it deletes or replaces, Cancel"},
	{"In a dialog", "Ctrl+Enter", "in a multi-line field (a note): the default action"},
	{"In a dialog", "Esc", "cancel"},
	{"In a dialog", "Tab / Shift+Tab", "next / previous field"},
	{"In a dialog", "↑ / ↓, Space", "on its choices: move, choose"},
}

// shortcutsHelp lays out every menu command with keys, by menu, then the
// other keys: read from the menus, so that it cannot fall behind them.
func shortcutsHelp(menu *fyne.MainMenu) fyne.CanvasObject {
	box := container.NewVBox()
	section := func(title string) *fyne.Container {
		box.Add(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		rows := container.New(layout.NewFormLayout())
		box.Add(rows)
		return rows
	}
	row := func(rows *fyne.Container, keys, does string) {
		k := widget.NewLabelWithStyle(keys, fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
		d := widget.NewLabel(does)
		d.Wrapping = fyne.TextWrapWord
		rows.Add(k)
		rows.Add(d)
	}
	var walk func(rows **fyne.Container, title, path string, items []*fyne.MenuItem)
	walk = func(rows **fyne.Container, title, path string, items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				walk(rows, title, path+it.Label+" → ", it.ChildMenu.Items)
			}
			if it.Shortcut == nil {
				continue
			}
			if *rows == nil {
				*rows = section(title)
			}
			row(*rows, shortcutText(it.Shortcut), path+it.Label)
		}
	}
	for _, m := range menu.Items {
		var rows *fyne.Container
		walk(&rows, m.Label, "", m.Items)
	}
	var rows *fyne.Container
	where := ""
	for _, k := range otherKeys {
		if k.where != where {
			where, rows = k.where, section(k.where)
		}
		row(rows, k.keys, k.does)
	}
	// Wrapped: one line at its full width made the whole list that wide,
	// and a small window cut every description at its edge (seen at
	// 800×600, text 1.8).
	note := widget.NewLabel("Ctrl is Cmd on macOS. Search syntax (in the Help menu) lists the keys of the search box and the reader too.")
	note.Wrapping = fyne.TextWrapWord
	box.Add(note)
	return box
}

// showShortcutsHelp shows Help → Keyboard shortcuts.
func (u *UI) showShortcutsHelp() {
	if u.raiseDialog("shortcuts") {
		return
	}
	scroll := container.NewVScroll(shortcutsHelp(u.win.MainMenu()))
	scroll.SetMinSize(fyne.NewSize(560, 420))
	d := u.customDialog("Keyboard shortcuts", "Close", scroll)
	u.trackDialog("shortcuts", d, d.Hide, nil)
	u.keysScroll(scroll)
}
