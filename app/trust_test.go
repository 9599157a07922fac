package app

// Tests for a window a researcher can trust: the reader follows the search
// box, and no menu command, at any text size or theme, with results, a
// passage and a dialog showing, brings the window down.

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// After a new search, the open document shows the new query's hits and
// count, not the last one's; clearing the search clears them.
func TestReaderFollowsTheQuery(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	r := u.reader
	if len(r.hits) != 2 || !strings.HasPrefix(r.hitLabel.Text(), "Hit ") {
		t.Fatalf("kilimnik: %d hits, label %q", len(r.hits), r.hitLabel.Text())
	}
	focus := r.focus

	u.find("manafort")
	if r.query != "manafort" {
		t.Fatalf("reader highlights %q after searching manafort", r.query)
	}
	if len(r.hits) == 0 {
		t.Fatal("no manafort hits in the open document")
	}
	for _, row := range r.rows {
		for _, b := range boldSpans(row.text.spans) {
			if !strings.EqualFold(b, "manafort") && !strings.EqualFold(b, "manafort's") {
				t.Errorf("reader still highlights %q", b)
			}
		}
	}
	if strings.HasPrefix(r.hitLabel.Text(), "Hit ") || !strings.Contains(r.hitLabel.Text(), "hit") {
		t.Errorf("hit label %q: no hit of the new query is current yet", r.hitLabel.Text())
	}
	if r.focus != focus {
		t.Errorf("focus moved from %d to %d", focus, r.focus)
	}

	u.find("")
	if r.query != "" || len(r.hits) != 0 || r.hitLabel.Text() != "" {
		t.Errorf("after clearing: query %q, %d hits, label %q", r.query, len(r.hits), r.hitLabel.Text())
	}
	for _, row := range r.rows {
		if b := boldSpans(row.text.spans); len(b) > 0 && !row.text.spans[0].bold {
			t.Errorf("still highlighted after clearing: %q", b)
		}
	}
}

// menuItems lists every item of the window's menus, submenus included.
func menuItems(w fyne.Window) []*fyne.MenuItem {
	var out []*fyne.MenuItem
	for _, m := range w.MainMenu().Items {
		out = append(out, menuTree(m)...)
	}
	return out
}

// menuTree lists the items of menu m, its submenus' items after each
// submenu, separators left out.
func menuTree(m *fyne.Menu) []*fyne.MenuItem {
	var out []*fyne.MenuItem
	for _, it := range m.Items {
		if it.IsSeparator {
			continue
		}
		out = append(out, it)
		if it.ChildMenu != nil {
			out = append(out, menuTree(it.ChildMenu)...)
		}
	}
	return out
}

// closeOverlays dismisses every dialog and pop-up.
func closeOverlays(w fyne.Window) {
	for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
		w.Canvas().Overlays().Remove(o)
	}
}

// Every menu command, at every text size from the smallest to the largest
// and in both themes, with results listed, a passage open and a dialog
// showing, a bookmark listed: nothing panics, and the search and its
// results survive. The commands that do nothing while a dialog is open
// (most of File, Edit, Library and Go) run once per text size, and must
// indeed do nothing; the rest run at every size in both themes. The theme
// and text-size commands themselves move the window: each is run from
// every size (in the size's first theme, light and dark by turns), must
// arrive where it says, and the walk goes back
// (by another such command still to run where one leads back: a theme or
// size change costs a re-layout of the whole window, most of this test's
// time).
func TestEveryCommandAtEveryTextSize(t *testing.T) {
	if testing.Short() {
		t.Skip("walks every menu item at every text size")
	}
	u := newTestUI(t)
	// A bookmark listed: growing the text with one listed panicked in
	// Fyne (index out of range in RichText.updateRowBounds: its quote
	// label wrapped and truncated at once, shorter than a line for a
	// moment after the text grew). The walk grows it from every size.
	u.w.Resize(fyne.NewSize(1280, 800))
	u.openPassage(t, "kilimnik", 13)
	u.press(t, fyne.KeyD, ctrl)
	u.press(t, fyne.KeyReturn, fyne.KeyModifierControl)
	if len(u.bookmarks.marks) != 1 {
		t.Fatalf("%d bookmarks, want 1", len(u.bookmarks.marks))
	}
	u.do(func() { u.sidebar.showNamed("bookmarks") })
	u.find("trump")
	u.do(func() { u.results.list.Select(1) })
	var sizes []int // in tenths: the steps are a tenth
	for s := int(math.Round(minTextScale * 10)); s <= int(math.Round(maxTextScale*10)); s++ {
		sizes = append(sizes, s)
	}
	// The window's looks in the order walked: each size in both themes,
	// the theme order turning each size so that one theme change leads
	// from one size's last look to the next one's first.
	var looks []look
	serpentine(sizes, []string{themeLight, themeDark}, func(size int, variant string) {
		looks = append(looks, look{variant, size})
	})
	w := commandWalk{u: u, t: t, ran: map[string]map[look]bool{}}
	for _, name := range slices.Concat(actsWithADialog, appearanceCommands) {
		if w.item(name) == nil {
			t.Fatalf("no menu command %q: the walk's lists are out of date", name)
		}
	}
	w.set(looks[0])
	// The appearance commands run from the first look at each size: a
	// size's first theme alternates along the serpentine, so they run
	// from both themes (from every look they were 132 re-layouts of the
	// whole window, some 1 CPU-s each, for little more).
	var appearanceFrom []look
	for i, at := range looks {
		if w.at() != at {
			t.Fatalf("the walk is at %v, not %v", w.at(), at)
		}
		t.Logf("at %v", at) // where a failure or a hang was, with -v
		w.aboutOpen()
		firstAtItsSize := i == 0 || looks[i-1].size != at.size
		w.commandsAt(at, firstAtItsSize)
		u.a.onUI(func() { u.w.Canvas().Capture() }) // drawn at this look
		next := at                                  // the last look's commands too, ending there
		if i+1 < len(looks) {
			next = looks[i+1]
		}
		if firstAtItsSize {
			appearanceFrom = append(appearanceFrom, at)
		}
		w.moveTo(at, next, firstAtItsSize)
	}
	if len(appearanceFrom) == 0 {
		t.Fatal("the appearance commands ran from no look")
	}
	for _, at := range appearanceFrom {
		for _, name := range appearanceCommands {
			if !w.ran[name][at] {
				t.Errorf("%s never ran at %v", name, at)
			}
		}
	}
	if cut := cutRows(u); len(cut) > 0 {
		t.Errorf("rows cut off: %v", cut)
	}
}

// look is a theme and text size (in tenths) the window is at.
type look struct {
	variant string
	size    int
}

func (l look) String() string { return fmt.Sprintf("%s ×%.1f", l.variant, float64(l.size)/10) }

// appearanceCommands change the window's look: run from every size.
var appearanceCommands = []string{"System theme", "Light theme", "Dark theme", "Larger text", "Smaller text", "Actual size"}

// actsWithADialog are the other commands that act while a dialog is open
// (Undo and Redo by the start of their label); every other command must
// do nothing then.
var actsWithADialog = []string{"Undo", "Redo", "Copy passage with citation", "Clear search history", "Group by document", "Search syntax", "Keyboard shortcuts", "About Dossier"}

// commandWalk runs the menu's commands with the About dialog open, and
// notes which appearance command ran at which look.
type commandWalk struct {
	u   *testUI
	t   *testing.T
	ran map[string]map[look]bool
}

// commandName is an item's label, Undo and Redo without what they undo.
func commandName(it *fyne.MenuItem) string {
	for _, n := range []string{"Undo", "Redo"} {
		if strings.HasPrefix(it.Label, n) {
			return n
		}
	}
	return it.Label
}

// item is the window's menu item called name now (the menu is made anew
// after a theme or size change).
func (w *commandWalk) item(name string) *fyne.MenuItem {
	for _, it := range menuItems(w.u.w) {
		if commandName(it) == name {
			return it
		}
	}
	return nil
}

func (w *commandWalk) at() look {
	var l look
	w.u.do(func() { l = look{w.u.theme.variant, int(math.Round(float64(w.u.theme.scale) * 10))} })
	return l
}

// set puts the window at l, changing only what differs.
func (w *commandWalk) set(l look) {
	w.u.do(func() {
		if w.u.theme.variant != l.variant {
			w.u.setTheme(l.variant)
		}
		w.u.setTextScale(float32(l.size) / 10)
	})
}

// aboutOpen shows the About dialog, and only it, where it is not showing.
func (w *commandWalk) aboutOpen() {
	w.u.closeDialogsAbove(1)
	var names []string
	w.u.do(func() { names = w.u.openDialogNames() })
	if !slices.Equal(names, []string{"about"}) {
		w.u.closeDialogs()
		w.u.do(w.u.showAbout)
	}
	var overlays int
	w.u.do(func() { names, overlays = w.u.openDialogNames(), len(w.u.w.Canvas().Overlays().List()) })
	if !slices.Equal(names, []string{"about"}) || overlays != 1 {
		w.t.Fatalf("the About dialog does not show: dialogs %v, %d overlays", names, overlays)
	}
}

// run runs the command called name at look at, and checks that the
// search, its results and the open passage survive it.
func (w *commandWalk) run(name string, at look) {
	w.t.Helper()
	it := w.item(name)
	if it == nil {
		w.t.Fatalf("%v: no menu command %q", at, name)
	}
	w.u.do(it.Action)
	u := w.u
	var query string
	var hits int
	var open bool
	u.do(func() { query, hits, open = u.search.query(), u.results.hitCount(), u.reader.passages != nil })
	if query != "trump" || hits == 0 || !open {
		w.t.Fatalf("%s at %v: query %q, %d results, reader open %v", name, at, query, hits, open)
	}
}

// commandsAt runs at look at every command but the appearance ones, those
// that do nothing under a dialog only where silentToo (once per size).
func (w *commandWalk) commandsAt(at look, silentToo bool) {
	for _, it := range menuItems(w.u.w) {
		name := commandName(it)
		if it.Action == nil || it.IsQuit || slices.Contains(appearanceCommands, name) {
			continue
		}
		acts := slices.Contains(actsWithADialog, name)
		if !acts && !silentToo {
			continue
		}
		before := w.u.windowState()
		w.run(name, at)
		if acts {
			w.aboutOpen() // a help dialog shown over it is closed
		} else if after := w.u.windowState(); after != before {
			w.t.Errorf("%s with a dialog open at %v changed the window:\n%s\nto\n%s", name, at, before, after)
		}
	}
}

// moveTo runs at look from the appearance commands not run there yet
// (where walk), each followed by the way back, then goes to look to.
func (w *commandWalk) moveTo(from, to look, walk bool) {
	move := ""
	for _, name := range appearanceCommands {
		if !walk || w.ran[name][from] {
			continue
		}
		if move == "" && arrives(name, from) == to {
			move = name // the last: it leads on
			continue
		}
		w.runAppearance(name, from)
		if there := arrives(name, from); there != from {
			w.back(there, from)
		}
	}
	if move != "" {
		w.runAppearance(move, from)
	} else {
		w.set(to)
	}
}

// back goes from look there to look to: by an appearance command still to
// run there that leads to it, if any.
func (w *commandWalk) back(there, to look) {
	if there.variant != themeSystem {
		for _, name := range appearanceCommands {
			if !w.ran[name][there] && arrives(name, there) == to {
				w.runAppearance(name, there)
				return
			}
		}
	}
	w.set(to)
}

// runAppearance runs the appearance command name at look at, and checks
// that it arrives where it says, the About dialog still open.
func (w *commandWalk) runAppearance(name string, at look) {
	w.t.Helper()
	if w.ran[name] == nil {
		w.ran[name] = map[look]bool{}
	}
	w.ran[name][at] = true
	w.run(name, at)
	if got, want := w.at(), arrives(name, at); got != want {
		w.t.Fatalf("%s at %v went to %v, not %v", name, at, got, want)
	}
	w.aboutOpen()
}

// arrives is the look the appearance command name leads to from look at.
func arrives(name string, at look) look {
	lo, hi := int(math.Round(minTextScale*10)), int(math.Round(maxTextScale*10))
	switch name {
	case "System theme":
		at.variant = themeSystem
	case "Light theme":
		at.variant = themeLight
	case "Dark theme":
		at.variant = themeDark
	case "Larger text":
		at.size = min(at.size+1, hi)
	case "Smaller text":
		at.size = max(at.size-1, lo)
	case "Actual size":
		at.size = int(math.Round(defaultTextScale * 10))
	}
	return at
}

// windowState is what a command could change while a dialog is open: the
// look, the dialogs and overlays, the status line, the search, its
// results, the passage open, the sidebar and the keyboard focus.
func (u *testUI) windowState() string {
	var s string
	u.do(func() {
		s = fmt.Sprintf("%s %s, dialogs %v, %d overlays, status %q, query %q, result %d, grouped %v, document %d passage %d, sidebar %v section %d, focus %p",
			u.theme.variant, fmt.Sprint(u.theme.scale), u.openDialogNames(), len(u.w.Canvas().Overlays().List()), u.status.text(),
			u.search.query(), u.results.selected, u.results.grouped, u.reader.doc.ID, u.reader.focus,
			u.sidebarPane.Visible(), u.sidebar.current, u.w.Canvas().Focused())
	})
	return s
}
