package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// press types a key as the desktop driver delivers it: Tab moves the focus
// unless the focused widget accepts tabs; a key with Ctrl goes to the main
// menu's shortcuts, then to the focused widget as a shortcut; other keys go
// to the focused widget, or to the window when none is focused.
func (u *testUI) press(t *testing.T, k fyne.KeyName, mod fyne.KeyModifier) {
	t.Helper()
	c := u.w.Canvas()
	ev := &fyne.KeyEvent{Name: k}
	u.do(func() {
		focused := c.Focused()
		switch {
		case k == fyne.KeyTab && mod&^fyne.KeyModifierShift == 0:
			if tb, ok := focused.(fyne.Tabbable); ok && tb.AcceptsTab() {
				focused.TypedKey(ev)
			} else if mod == fyne.KeyModifierShift {
				c.FocusPrevious()
			} else {
				c.FocusNext()
			}
		case mod != 0:
			sc := &desktop.CustomShortcut{KeyName: k, Modifier: mod}
			if it := u.shortcutItem(sc); it != nil {
				it.Action()
			} else if f, ok := focused.(fyne.Shortcutable); ok {
				f.TypedShortcut(sc)
			}
		case focused != nil:
			focused.TypedKey(ev)
		case c.OnTypedKey() != nil:
			c.OnTypedKey()(ev)
		}
	})
}

// shortcutItem is the main menu item with shortcut sc, or nil.
func (u *testUI) shortcutItem(sc fyne.Shortcut) *fyne.MenuItem {
	for _, it := range menuItems(u.w) {
		if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
			return it
		}
	}
	return nil
}

func (u *testUI) overlays() int { return len(u.w.Canvas().Overlays().List()) }

// ctrl is Ctrl (Cmd on macOS), as the menus' shortcuts use it.
const ctrl = fyne.KeyModifierShortcutDefault

// Esc closes the import picker, also with a check box focused; a second
// Ctrl+O keeps the open picker instead of stacking another; Enter imports.
func TestImportPickerKeys(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Alpha notes\n\nThe zebrafinch report.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t)
	u.a.Preferences().SetString(prefImportFolder, dir)
	u.press(t, fyne.KeyO, ctrl)
	u.dialog(t, "Import documents")
	u.press(t, fyne.KeyO, ctrl)
	if n := u.overlays(); n != 1 {
		t.Fatalf("%d dialogs after a second Ctrl+O, want the one picker", n)
	}
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Esc left %d dialogs open", n)
	}

	u.press(t, fyne.KeyO, ctrl)
	var check *fieldCheck
	for _, c := range findAll[*fieldCheck](u.dialog(t, "Import documents")) {
		if c.Visible() && c.Text == "a.txt" {
			check = c
		}
	}
	if check == nil {
		t.Fatal("the picker does not list a.txt")
	}
	u.do(func() { test.Tap(check); u.w.Canvas().Focus(check) })
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Esc with a check box focused left %d dialogs open", n)
	}

	u.press(t, fyne.KeyO, ctrl)
	for _, c := range findAll[*fieldCheck](u.dialog(t, "Import documents")) {
		if c.Visible() && c.Text == "a.txt" {
			u.do(func() { test.Tap(c); u.w.Canvas().Focus(c) })
		}
	}
	u.press(t, fyne.KeyReturn, 0)
	if got := len(u.library.docs); got != 2 {
		t.Errorf("Enter in the picker: the library has %d documents, want 2", got)
	}
}

// The Save-search name has the focus, Enter saves, Esc cancels.
func TestSaveSearchKeys(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.press(t, fyne.KeyS, ctrl)
	u.dialog(t, "Save search")
	name, ok := u.w.Canvas().Focused().(*fieldEntry)
	if !ok || name.Text != "kilimnik" {
		t.Fatalf("focused %T, want the name field holding the query", u.w.Canvas().Focused())
	}
	u.do(func() { test.Type(name, "Kilimnik notes") })
	u.press(t, fyne.KeyReturn, 0)
	if len(u.saved.searches) != 1 || u.saved.searches[0].Name != "Kilimnik notes" || u.overlays() != 0 {
		t.Fatalf("after Enter: saved %+v, %d dialogs open", u.saved.searches, u.overlays())
	}
	u.press(t, fyne.KeyS, ctrl)
	u.press(t, fyne.KeyEscape, 0)
	if len(u.saved.searches) != 1 || u.overlays() != 0 {
		t.Errorf("after Esc: saved %+v, %d dialogs open", u.saved.searches, u.overlays())
	}
}

// In the bookmark dialog the note has the focus, Enter starts a new line,
// Tab moves to the quote (no tab typed into the note), Ctrl+Enter
// bookmarks; Esc closes the note editor without saving.
func TestBookmarkDialogKeys(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	u.press(t, fyne.KeyD, ctrl)
	d := u.dialog(t, "Bookmark passage")
	fields := findAll[*fieldEntry](d)
	if len(fields) != 2 {
		t.Fatalf("%d fields in the bookmark dialog, want note and quote", len(fields))
	}
	note, quote := fields[0], fields[1]
	if u.w.Canvas().Focused() != note {
		t.Fatalf("focused %T, want the note", u.w.Canvas().Focused())
	}
	u.do(func() { test.Type(note, "Why") })
	u.press(t, fyne.KeyReturn, 0)
	u.do(func() { test.Type(note, "it matters") })
	u.press(t, fyne.KeyTab, 0)
	if u.w.Canvas().Focused() != quote {
		t.Errorf("Tab from the note focused %T, want the quote", u.w.Canvas().Focused())
	}
	u.press(t, fyne.KeyTab, fyne.KeyModifierShift)
	if u.w.Canvas().Focused() != note {
		t.Errorf("Shift+Tab from the quote focused %T, want the note", u.w.Canvas().Focused())
	}
	if note.Text != "Why\nit matters" {
		t.Errorf("note %q, want two lines and no tab", note.Text)
	}
	if u.overlays() != 1 {
		t.Fatal("Enter in the note closed the dialog")
	}
	u.press(t, fyne.KeyReturn, fyne.KeyModifierControl)
	if len(u.bookmarks.marks) != 1 || u.bookmarks.marks[0].Note != "Why\nit matters" || u.overlays() != 0 {
		t.Fatalf("after Ctrl+Enter: bookmarks %+v, %d dialogs open", u.bookmarks.marks, u.overlays())
	}

	u.press(t, fyne.KeyD, ctrl)
	edit := u.dialog(t, "Bookmark note")
	u.do(func() { test.Type(findAll[*fieldEntry](edit)[0], " more") })
	u.press(t, fyne.KeyEscape, 0)
	if u.overlays() != 0 || u.bookmarks.marks[0].Note != "Why\nit matters" {
		t.Errorf("after Esc: %d dialogs open, note %q", u.overlays(), u.bookmarks.marks[0].Note)
	}
}

// Every dialog opens once however often it is asked for, with its first
// field focused, and Esc closes it; Enter in a form does its action.
func TestEveryDialogKeys(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	joe, _, _ := tagRow(t, u.actors, "Joe Biden")
	for _, c := range []struct {
		title string
		open  func()
		field bool // a text field has the focus
	}{
		{"Import documents", u.showImportDialog, true}, // its path field
		{"Save search", u.showSaveSearch, true},
		{"Bookmark passage", u.toggleBookmark, true},
		{"Tag with an actor or source", u.showTagPicker, true},
		{"New actor or source", func() { u.showNewTagDialog("", nil) }, true},
		{"Actor: Joe Biden", func() { u.showTagManager(joe) }, true},
		{"Merge “Joe Biden” into…", func() { u.showMergeDialog(joe) }, true},
		{"Export your work", u.showExportDialog, false},
		{"Search syntax", u.showSearchHelp, false},
		{"Keyboard shortcuts", u.showShortcutsHelp, false},
		{"About Dossier", u.showAbout, false},
	} {
		u.do(c.open)
		u.do(c.open)
		u.dialog(t, c.title)
		if n := u.overlays(); n != 1 {
			t.Errorf("%s: %d dialogs after asking twice, want 1", c.title, n)
		}
		focused := u.w.Canvas().Focused()
		switch focused.(type) {
		case *fieldEntry, *fieldSelectEntry, *locationField:
			if !c.field {
				t.Errorf("%s: a text field is focused", c.title)
			}
		default:
			if c.field {
				t.Errorf("%s: focused %T, want its first field", c.title, focused)
			}
		}
		u.press(t, fyne.KeyEscape, 0)
		if n := u.overlays(); n != 0 {
			t.Fatalf("%s: Esc left %d dialogs open", c.title, n)
		}
	}

	// The research-file dialogs, one at a time.
	u.do(u.showOpenFileDialog)
	u.do(u.showNewFileDialog)
	if n := u.overlays(); n != 1 {
		t.Errorf("%d file dialogs open, want 1", n)
	}
	u.do(func() { u.w.Canvas().Overlays().Top().Hide() })

	// Enter creates a new tag from its form.
	u.do(func() { u.showNewTagDialog("", nil) })
	u.do(func() { test.Type(u.w.Canvas().Focused().(*fieldEntry), "Zelda Quarrington") })
	u.press(t, fyne.KeyReturn, 0)
	tagRow(t, u.actors, "Zelda Quarrington") // fails the test if it was not created
	if u.overlays() != 0 {
		t.Errorf("Enter left %d dialogs open", u.overlays())
	}
}

// Esc cancels from a drop-down and a check box as from a text field, and
// Tab moves from the name to the kind.
func TestDialogKeysBeyondTextFields(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.showNewTagDialog("", nil) })
	u.press(t, fyne.KeyTab, 0)
	if _, ok := u.w.Canvas().Focused().(*fieldSelect); !ok {
		t.Fatalf("Tab from the name focused %T, want the kind", u.w.Canvas().Focused())
	}
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Esc on the kind left %d dialogs open", n)
	}
	u.openPassage(t, "kilimnik", 13)
	u.do(u.showTagPicker)
	whole := findAll[*fieldCheck](u.dialog(t, "Tag with an actor or source"))
	if len(whole) != 1 {
		t.Fatalf("%d check boxes in the tag picker, want 1", len(whole))
	}
	u.do(func() { u.w.Canvas().Focus(whole[0]) })
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Errorf("Esc on a check box left %d dialogs open", n)
	}
}

// File → Quit has Ctrl+Q, and it quits.
func TestQuitShortcut(t *testing.T) {
	u := newTestUI(t)
	var quit int
	defer func(q func(*UI)) { quitApp = q }(quitApp)
	quitApp = func(*UI) { quit++ }
	it := u.menuItem(t, "File", "Quit")
	if it.Shortcut == nil || it.Shortcut.ShortcutName() != shortcut(fyne.KeyQ, 0).ShortcutName() || !it.IsQuit {
		t.Fatalf("File → Quit has shortcut %v", it.Shortcut)
	}
	u.press(t, fyne.KeyQ, ctrl)
	if quit != 1 {
		t.Errorf("Ctrl+Q quit %d times, want once", quit)
	}
	if !slices.ContainsFunc(u.w.MainMenu().Items[0].Items, func(m *fyne.MenuItem) bool { return strings.EqualFold(m.Label, "Quit") }) {
		t.Error("Quit is not in the first menu")
	}
}

// Tab reaches a dialog's buttons; there Esc still cancels the dialog and
// Enter presses the focused button (Fyne's button answers only Space).
func TestDialogKeysOnAButton(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	focusButton := func(label string) {
		t.Helper()
		for range 6 {
			if b, ok := u.w.Canvas().Focused().(*dialogButton); ok && b.Text == label {
				return
			}
			u.press(t, fyne.KeyTab, 0)
		}
		t.Fatalf("Tab never focused the %q button; focused %T", label, u.w.Canvas().Focused())
	}

	u.press(t, fyne.KeyD, ctrl)
	u.dialog(t, "Bookmark passage")
	focusButton("Cancel")
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Esc on the Cancel button left %d dialogs open", n)
	}

	u.press(t, fyne.KeyD, ctrl)
	u.dialog(t, "Bookmark passage")
	focusButton("Cancel")
	u.press(t, fyne.KeyReturn, 0)
	if n := u.overlays(); n != 0 || len(u.bookmarks.marks) != 0 {
		t.Fatalf("Enter on Cancel: %d dialogs open, %d bookmarks", n, len(u.bookmarks.marks))
	}

	u.press(t, fyne.KeyD, ctrl)
	u.dialog(t, "Bookmark passage")
	focusButton("Bookmark")
	u.press(t, fyne.KeyReturn, 0)
	if n := u.overlays(); n != 0 || len(u.bookmarks.marks) != 1 {
		t.Fatalf("Enter on Bookmark: %d dialogs open, %d bookmarks", n, len(u.bookmarks.marks))
	}

	for _, c := range []struct {
		title, button string
		open          func()
	}{
		{"Search syntax", "Close", u.showSearchHelp},
		{"Tag with an actor or source", "Cancel", u.showTagPicker},
	} {
		u.do(c.open)
		u.dialog(t, c.title)
		focusButton(c.button)
		u.press(t, fyne.KeyEscape, 0)
		if n := u.overlays(); n != 0 {
			t.Errorf("%s: Esc on %q left %d dialogs open", c.title, c.button, n)
		}
	}
}

// While a dialog is open the menus' shortcuts wait: none stacks another
// dialog on it or moves the search or the reader behind it. Text size and
// theme still change.
func TestShortcutsWaitForTheOpenDialog(t *testing.T) {
	u := newTestUI(t)
	before := u.openPassage(t, "kilimnik", 13)
	u.press(t, fyne.KeyD, ctrl)
	u.dialog(t, "Bookmark passage")
	for _, k := range []struct {
		key fyne.KeyName
		mod fyne.KeyModifier
	}{
		{fyne.KeyT, ctrl}, {fyne.KeyO, ctrl}, {fyne.KeyI, ctrl}, {fyne.KeyE, ctrl}, {fyne.KeyS, ctrl},
		{fyne.KeyN, ctrl | fyne.KeyModifierShift}, {fyne.KeyO, ctrl | fyne.KeyModifierShift},
		{fyne.KeyN, ctrl}, {fyne.KeyP, ctrl}, {fyne.KeyG, ctrl}, {fyne.KeyG, ctrl | fyne.KeyModifierShift},
		{fyne.KeyL, ctrl}, {fyne.KeyF, ctrl}, {fyne.KeyD, ctrl},
	} {
		u.press(t, k.key, k.mod)
		if n := u.overlays(); n != 1 {
			t.Fatalf("%v+%s with the bookmark dialog open: %d dialogs", k.mod, k.key, n)
		}
		u.dialog(t, "Bookmark passage")
		if p, _ := u.reader.currentPassage(); p.ID != before.ID || u.search.entry.Text != "kilimnik" {
			t.Fatalf("%v+%s behind the dialog: reader at ¶ %d, search %q", k.mod, k.key, p.Ordinal, u.search.entry.Text)
		}
	}
	u.press(t, fyne.KeyEqual, ctrl)
	if u.theme.scale <= defaultTextScale {
		t.Errorf("Ctrl+= with a dialog open left the text scale at %v", u.theme.scale)
	}
	u.press(t, fyne.KeyEscape, 0)
	u.press(t, fyne.KeyT, ctrl)
	u.dialog(t, "Tag with an actor or source")
}

// The backup dialogs take Esc and Enter like the others: File → Restore
// from backup… ignored Esc, and its shortcuts-blocking did not see it.
func TestRestoreDialogsKeys(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	st.SetBackupDir(t.TempDir())
	if _, err := st.RollingBackup(context.Background(), time.Date(2026, 2, 3, 4, 5, 6, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	u.do(u.showRestoreDialog)
	u.dialog(t, "Restore from backup")
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Esc left %d dialogs open", n)
	}
	u.do(u.showRestoreDialog)
	u.press(t, fyne.KeyReturn, 0)
	u.dialog(t, "Restore backup")
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 || u.CurrentStore() != st {
		t.Fatalf("Esc on the confirmation: %d dialogs open, store replaced %v", n, u.CurrentStore() != st)
	}

	// Tab focuses the list of backups: Esc and Enter still work there.
	u.do(u.showRestoreDialog)
	u.press(t, fyne.KeyTab, 0)
	if u.w.Canvas().Focused() == nil {
		t.Fatal("Tab focused nothing, want the list of backups")
	}
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Esc on the focused list left %d dialogs open", n)
	}
	u.do(u.showRestoreDialog)
	u.press(t, fyne.KeyTab, 0)
	u.press(t, fyne.KeyReturn, 0)
	u.dialog(t, "Restore backup")
	u.press(t, fyne.KeyEscape, 0)
}

// A cancelled import's summary says so in its title, not "Import finished"
// with a tick.
func TestCancelledImportSummary(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.showImportSummary(nil, 2, true, claimsFound{}, nil) })
	d := u.dialog(t, "Import cancelled")
	if !slices.Contains(texts(d), "Cancelled: 2 of 2 files were not imported.") {
		t.Errorf("summary shows %q", texts(d))
	}
}

// At the largest text size a dialog grows with its text: the bookmark
// dialog's quote field ran under its buttons, its hint past its edge.
func TestDialogsGrowWithTheText(t *testing.T) {
	u := newTestUI(t)
	u.w.Resize(fyne.NewSize(1280, 800))
	u.openPassage(t, "kilimnik", 13)
	u.do(func() { u.setTextScale(maxTextScale) })
	drv := u.a.Driver()
	for _, open := range []func(){
		func() { u.press(t, fyne.KeyD, ctrl) },
		func() { u.press(t, fyne.KeyT, ctrl) },
	} {
		open()
		d := u.w.Canvas().Overlays().Top()
		buttons := findAll[*dialogButton](d)
		if len(buttons) == 0 {
			t.Fatalf("no buttons in %q", texts(d))
		}
		last := buttons[len(buttons)-1] // Cancel or the default action, under the body
		top := drv.AbsolutePositionForObject(last).Y
		for _, o := range tree(d) {
			if _, ok := o.(*fieldEntry); !ok {
				continue
			}
			f := o.(*fieldEntry)
			if f.Size().Height < f.MinSize().Height {
				t.Errorf("%q: a field is %v high, needs %v", texts(d)[0], f.Size().Height, f.MinSize().Height)
			}
			if bottom := drv.AbsolutePositionForObject(f).Y + f.Size().Height; bottom > top {
				t.Errorf("%q: a field ends at %v, below the buttons' top %v", texts(d)[0], bottom, top)
			}
		}
		u.press(t, fyne.KeyEscape, 0)
	}
}

// Passage numbers stay whole at every text size: the number column was 44
// wide whatever the text, so "1150" showed as "150" at the largest size.
func TestPassageNumbersFitAtEveryTextSize(t *testing.T) {
	u := newTestUI(t)
	var b strings.Builder
	for i := 1; i <= 1200; i++ {
		fmt.Fprintf(&b, "Paragraph %d mentions marker%d.\n\n", i, i)
	}
	path := writeFile(t, filepath.Join(t.TempDir(), "long.txt"), b.String())
	importFile(t, u.CurrentStore(), path)
	for _, scale := range []float32{minTextScale, defaultTextScale, maxTextScale} {
		u.do(func() { u.setTextScale(scale) })
		u.openPassage(t, "marker1150", 1150)
		row := u.focusedRow(t)
		if w, need := row.ordinal.Size().Width, row.ordinal.MinSize().Width; w < need {
			t.Errorf("text scale %v: passage number %q is %v wide, needs %v", scale, row.ordinal.Text, w, need)
		}
	}
}

// Changing the text size keeps the reader's place: the passage at the top
// of the view stays there (it slid away, the offset staying as rows grew).
func TestTextSizeKeepsTheReadersPlace(t *testing.T) {
	u := newTestUI(t)
	u.w.Resize(fyne.NewSize(1280, 800))
	var b strings.Builder
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&b, "Paragraph %d mentions marker%d and runs on for a while so that it wraps over more than one line in the reader.\n\n", i, i)
	}
	path := writeFile(t, filepath.Join(t.TempDir(), "long.txt"), b.String())
	importFile(t, u.CurrentStore(), path)
	u.openPassage(t, "marker120", 120)
	want := u.focusedRow(t)
	for _, scale := range []float32{maxTextScale, minTextScale, defaultTextScale} {
		u.do(func() { u.setTextScale(scale) })
		var top int
		u.do(func() { top = u.reader.topRow() })
		if row := u.reader.rows[top]; row != want {
			t.Errorf("text scale %v: the reader's top passage is %s, want 120", scale, row.ordinal.Text)
		}
	}
}

// A click on a document in the library opens it. The window gives a click
// to the innermost object taking either mouse button: the library row took
// only the right one (its menu), so a left click reached nobody.
func TestLibraryRowClickOpensTheDocument(t *testing.T) {
	u := newTestUI(t)
	u.w.Resize(fyne.NewSize(1280, 800))
	path := writeFile(t, filepath.Join(t.TempDir(), "zebra.txt"), "Zebra notes\n\nStripes all the way down.\n")
	importFile(t, u.CurrentStore(), path)
	u.do(u.refreshLibrary)
	var seed *menuRow
	for _, row := range findAll[*menuRow](u.library.content()) {
		if slices.ContainsFunc(texts(row), func(s string) bool { return strings.HasPrefix(s, "Russian interference") }) {
			seed = row
		}
	}
	if seed == nil {
		t.Fatal("the seed article is not in the library list")
	}
	for _, d := range u.library.docs {
		if strings.HasPrefix(d.Title, "Zebra") {
			u.do(func() { u.reader.openDocument(d.ID) })
		}
	}
	u.work.wait()
	if !strings.HasPrefix(u.reader.doc.Title, "Zebra") {
		t.Fatalf("the reader shows %q, want the zebra notes first", u.reader.doc.Title)
	}
	tappable, ok := any(seed).(fyne.Tappable)
	if !ok {
		t.Fatal("a library row takes right clicks but not left ones: the window gives it a left click and nothing opens")
	}
	u.do(func() { tappable.Tapped(&fyne.PointEvent{}) })
	u.work.wait()
	if !strings.HasPrefix(u.reader.doc.Title, "Russian interference") {
		t.Errorf("clicking the seed article opened %q", u.reader.doc.Title)
	}
}

// The tag picker's list, once Tab has focused it: Esc cancels (Fyne's list
// dropped it and the dialog could not be left from the keyboard), Enter
// tags with the focused row as Space does.
func TestTagPickerListKeys(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	u.do(u.showTagPicker)
	d := u.dialog(t, "Tag with an actor or source")
	u.do(func() { test.Type(findAll[*fieldEntry](d)[0], "joe") })
	u.tabToList(t)
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Esc on the focused list left %d dialogs open", n)
	}
	_, _, before := tagRow(t, u.actors, "Joe Biden")

	u.do(u.showTagPicker)
	d = u.dialog(t, "Tag with an actor or source")
	u.do(func() { test.Type(findAll[*fieldEntry](d)[0], "joe") })
	u.tabToList(t)
	u.press(t, fyne.KeyReturn, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Enter on the focused list left %d dialogs open", n)
	}
	if _, _, after := tagRow(t, u.actors, "Joe Biden"); after == before || !strings.Contains(after, "✓") {
		t.Errorf("Joe Biden's counts %q before, %q after Enter: not tagged", before, after)
	}
}

// tabToList presses Tab until a dialog's list has the focus.
func (u *testUI) tabToList(t *testing.T) {
	t.Helper()
	for range 6 {
		u.press(t, fyne.KeyTab, 0)
		switch u.w.Canvas().Focused().(type) {
		case *dialogList:
			return
		}
	}
	t.Fatalf("Tab never reached the list; focused %T", u.w.Canvas().Focused())
}

// An import the research file stopped part-way (disk full) lists the files
// stored before it, then why the rest were not: the error alone would hide
// which files went in.
func TestImportStoppedPartwayListsWhatWasStored(t *testing.T) {
	u := newTestUI(t)
	stopped := errors.New("research file x.dossier: the disk holding it is full; free some space and try again (the 1 file reported before this stopped the import is stored; 1 file was not imported)")
	first := importOutcome{path: "/tmp/first.txt", docID: 1, title: "First", passages: 12}
	u.do(func() { u.showImportSummary([]importOutcome{first}, 2, false, claimsFound{}, stopped) })
	d := u.dialog(t, "Import stopped")
	shown := strings.Join(texts(d), "\n")
	if !strings.HasPrefix(shown, "Stopped: "+stopped.Error()) || !strings.Contains(shown, first.String()) {
		t.Errorf("summary shows %q", shown)
	}
	if got := u.status.message.Text; got != "Import stopped: 1 imported, 0 already present, 0 failed." {
		t.Errorf("status %q", got)
	}
}

// A format clicked in the export dialog leaves Esc and Enter to the dialog:
// the clicked choice took the focus and swallowed both (found by a UI pass).
func TestExportDialogKeysAfterAChoiceIsClicked(t *testing.T) {
	u := newTestUI(t)
	for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		u.do(u.showExportDialog)
		form := u.dialog(t, "Export your work")
		radios := findAll[*radioField](form)
		if len(radios) == 0 {
			t.Fatal("no choices in the export dialog")
		}
		var csv fyne.Tappable
		walkCanvas(radios[0], func(o fyne.CanvasObject) {
			if tp, ok := o.(fyne.Tappable); ok && o != fyne.CanvasObject(radios[0]) && csv == nil && strings.Contains(fmt.Sprint(o), "csv") {
				csv = tp
			}
		})
		if csv == nil {
			t.Fatal("no spreadsheet choice to click")
		}
		u.do(func() { test.Tap(csv) })
		if radios[0].Selected != "Spreadsheet (.csv)" {
			t.Fatalf("clicking the spreadsheet choice selected %q", radios[0].Selected)
		}
		u.press(t, k, 0)
		switch k {
		case fyne.KeyEscape:
			if n := u.overlays(); n != 0 {
				t.Errorf("Esc after a click left %d dialogs open", n)
			}
		default:
			if texts := overlayTexts(u.w); u.overlays() == 0 || strings.Contains(texts, "Include") {
				t.Errorf("Enter after a click did not go on to the file dialog: %q", texts)
			}
			u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
		}
	}
}

// A message (information or error) closes with Esc or Enter even once Tab
// has moved the focus to its OK button (found by a hostile pass: Fyne's
// button swallowed both, and only Space or the mouse closed it).
func TestMessagesCloseWithEscOrEnterAfterTab(t *testing.T) {
	u := newTestUI(t)
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		for _, show := range []func(){
			func() { u.showInfo("Nothing to paste", "The clipboard holds no text.") },
			func() { u.showError(errors.New("the file could not be read")) },
		} {
			u.do(show)
			if u.w.Canvas().Overlays().Top() == nil {
				t.Fatal("no message shown")
			}
			u.press(t, fyne.KeyTab, 0)
			if _, ok := u.w.Canvas().Focused().(*dialogButton); !ok {
				t.Fatalf("Tab focused %T, not the message's OK button", u.w.Canvas().Focused())
			}
			u.press(t, key, 0)
			if top := u.w.Canvas().Overlays().Top(); top != nil {
				t.Errorf("%s after Tab left the message open: %q", key, texts(top))
				u.do(func() { u.w.Canvas().Overlays().Remove(top) })
			}
		}
	}
}

// The bookmark dialog's quote field takes the room the dialog has: it
// showed three lines over an empty band above the buttons (found by a
// hostile pass).
func TestBookmarkQuoteFillsTheDialog(t *testing.T) {
	u := newTestUI(t)
	u.w.Resize(fyne.NewSize(1280, 800))
	u.openPassage(t, "kilimnik", 13)
	u.press(t, fyne.KeyD, ctrl)
	d := u.dialog(t, "Bookmark passage")
	fields := findAll[*fieldEntry](d)
	buttons := findAll[*dialogButton](d)
	if len(fields) != 2 || len(buttons) == 0 {
		t.Fatalf("%d fields, %d buttons", len(fields), len(buttons))
	}
	drv := u.a.Driver()
	var quoteBottom, buttonsTop float32
	u.do(func() {
		quote := fields[1]
		quoteBottom = drv.AbsolutePositionForObject(quote).Y + quote.Size().Height
		buttonsTop = drv.AbsolutePositionForObject(buttons[0]).Y
	})
	if gap := buttonsTop - quoteBottom; gap < 0 || gap > 4*theme.Padding() {
		t.Errorf("%v px between the quote field and the buttons", gap)
	}
}

// The window's focused widget kept its focus ring under a dialog: the
// search box's border stayed in the focus colour behind New actor or
// source (ui16's report, 800×600 and 1280×800). It shows no focus while a
// dialog is open, and has the focus back, shown, when it closes.
func TestNoFocusRingBehindADialog(t *testing.T) {
	u := newTestUI(t)
	ringed := func() bool { // the entry's border in the focus colour
		primary := theme.Color(theme.ColorNamePrimary)
		for _, r := range findAll[*canvas.Rectangle](u.search.entry) {
			if r.StrokeWidth > 0 && r.StrokeColor == primary {
				return true
			}
		}
		return false
	}
	u.do(func() { u.w.Canvas().Focus(u.search.entry) })
	u.do(func() {
		if !ringed() {
			t.Fatal("the focused search box shows no focus: this test reads its border")
		}
		u.showNewTagDialog("", nil)
	})
	u.dialog(t, "New actor or source")
	u.do(func() {
		if ringed() {
			t.Error("the search box behind the dialog shows the focus")
		}
	})
	u.press(t, fyne.KeyEscape, 0)
	u.do(func() {
		if u.overlays() > 0 {
			t.Fatal("Esc left the dialog open")
		}
		if u.w.Canvas().Focused() != u.search.entry || !ringed() {
			t.Errorf("after the dialog the search box has the focus %v, shown %v; want both", u.w.Canvas().Focused() == u.search.entry, ringed())
		}
	})
}
