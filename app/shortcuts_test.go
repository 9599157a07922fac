package app

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// shortcutRows reads the README's keyboard shortcuts table: keys → what.
func shortcutRows(t *testing.T) [][2]string {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "### Keyboard shortcuts\n")
	if !ok {
		t.Fatal("README.md has no Keyboard shortcuts section")
	}
	var rows [][2]string
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "#") {
			break
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if !strings.HasPrefix(line, "|") || len(cells) != 2 || cells[0] == "keys" || strings.HasPrefix(cells[0], "---") {
			continue
		}
		rows = append(rows, [2]string{cells[0], cells[1]})
	}
	return rows
}

// Every menu command with a shortcut is in the README's table, with its
// keys; a row that names a menu command gives the keys it has.
func TestReadmeListsEveryShortcut(t *testing.T) {
	u := newTestUI(t)
	rows := shortcutRows(t)
	keysOf := map[string]string{} // "Menu → Item" → its keys
	n := 0
	var walk func(path string, items []*fyne.MenuItem) // submenus named "Menu → Submenu → Item"
	walk = func(path string, items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				walk(path+" → "+it.Label, it.ChildMenu.Items)
			}
			if it.Shortcut == nil {
				continue
			}
			n++
			what, keys := path+" → "+it.Label, shortcutText(it.Shortcut)
			keysOf[what] = keys
			found := false
			for _, r := range rows {
				found = found || (r[0] == keys && r[1] == what)
			}
			if !found {
				t.Errorf("README's shortcuts table lacks | %s | %s |", keys, what)
			}
		}
	}
	for _, m := range u.w.MainMenu().Items {
		walk(m.Label, m.Items)
	}
	if keysOf["Edit → Undo"] != "Ctrl+Z" || keysOf["Edit → Redo"] != "Ctrl+Shift+Z" {
		t.Errorf("Undo and Redo read as %q and %q", keysOf["Edit → Undo"], keysOf["Edit → Redo"])
	}
	if n < 15 {
		t.Fatalf("only %d menu items with shortcuts found", n)
	}
	for _, r := range rows {
		if keys, ok := keysOf[r[1]]; ok && keys != r[0] {
			t.Errorf("README lists %s as %s; the menu has %s", r[1], r[0], keys)
		}
	}
	// The keys that are not menu commands are there too.
	for _, want := range []string{"Esc", "Enter", "Ctrl+Enter", "Tab / Shift+Tab", "↑ / ↓"} {
		found := false
		for _, r := range rows {
			found = found || r[0] == want
		}
		if !found {
			t.Errorf("README's shortcuts table lacks %s", want)
		}
	}
}

// Ctrl+1 … Ctrl+6 open the sidebar's sections, in the order of its buttons.
func TestCtrlDigitOpensSidebarSections(t *testing.T) {
	u := newTestUI(t)
	for i := len(u.sidebar.sections) - 1; i >= 0; i-- {
		u.shortcut(shortcut(fyne.KeyName(strconv.Itoa(i+1)), 0))
		if u.sidebar.current != i || !u.sidebar.sections[i].content.Visible() {
			t.Errorf("Ctrl+%d: section %d (%s) shown, want %d (%s)", i+1, u.sidebar.current,
				u.sidebar.sections[u.sidebar.current].name, i, u.sidebar.sections[i].name)
		}
	}
}

// Help → Keyboard shortcuts lists every menu command with keys, under its
// menu, with the keys the menu gives it, and the keys that are no menu
// command (there was no such list in the window; a UI pass).
func TestKeyboardShortcutsHelpListsEveryShortcut(t *testing.T) {
	u := newTestUI(t)
	var open func()
	for _, m := range u.w.MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == "Help" && it.Label == "Keyboard shortcuts" {
				open = it.Action
			}
		}
	}
	if open == nil {
		t.Fatal("no Help → Keyboard shortcuts")
	}
	u.do(open)
	d := u.dialog(t, "Keyboard shortcuts")
	shown := texts(d)
	at := func(s string) int {
		for i, x := range shown {
			if x == s {
				return i
			}
		}
		return -1
	}
	n := 0
	var walk func(menu, path string, items []*fyne.MenuItem)
	walk = func(menu, path string, items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				walk(menu, path+it.Label+" → ", it.ChildMenu.Items)
			}
			if it.Shortcut == nil {
				continue
			}
			n++
			keys, what := shortcutText(it.Shortcut), path+it.Label
			i := at(what)
			if i < 1 || shown[i-1] != keys {
				t.Errorf("the list lacks %s beside %s", keys, what)
			}
			if i < at(menu) {
				t.Errorf("%s is listed above its menu's heading %s", what, menu)
			}
		}
	}
	for _, m := range u.w.MainMenu().Items {
		walk(m.Label, "", m.Items)
	}
	if n < 15 {
		t.Fatalf("only %d shortcuts in the menus", n)
	}
	for _, k := range otherKeys {
		if at(k.where) < 0 || at(k.does) < 0 {
			t.Errorf("the list lacks %s: %s %s", k.where, k.keys, k.does)
		}
	}
	u.press(t, fyne.KeyEscape, 0)
	if u.overlays() != 0 {
		t.Error("Esc left the shortcuts dialog open")
	}
}

// The shortcuts list fits the width of a small window at the largest text:
// one unwrapped line made it as wide as that line, and the window cut every
// description at its edge (800×600, text 1.8, under Xvfb).
func TestKeyboardShortcutsHelpFitsASmallWindow(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
	})
	u.do(u.showShortcutsHelp)
	d := u.dialog(t, "Keyboard shortcuts")
	u.do(func() {
		var scroll *container.Scroll
		for _, s := range findAll[*container.Scroll](d) {
			if s.Direction == container.ScrollVerticalOnly {
				scroll = s
			}
		}
		if scroll == nil {
			t.Fatal("no scroll in the dialog")
		}
		if need, has := scroll.Content.MinSize().Width, scroll.Size().Width; need > has+0.5 {
			t.Errorf("the list needs %v pixels of width, its scroll has %v: its lines are cut", need, has)
		}
	})
}
