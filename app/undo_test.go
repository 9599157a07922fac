package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// annotationState describes everything the user can change and undo —
// documents, bookmarks, tags with their counts and aliases, the taggings
// of every passage, saved searches — read through the store.
func annotationState(t *testing.T, u *testUI) string {
	t.Helper()
	st, ctx := u.CurrentStore(), context.Background()
	var b strings.Builder
	docs, err := st.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, d := range docs {
		fmt.Fprintf(&b, "doc %d %q %d\n", d.ID, d.Title, d.Passages)
		ps, err := st.Passages(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			ids = append(ids, p.ID)
		}
	}
	bms, _ := st.Bookmarks(ctx)
	for _, m := range bms {
		fmt.Fprintf(&b, "bookmark %d ¶%d %q %v %v %v\n", m.ID, m.PassageID, m.Note, m.Span, m.Created, m.Updated)
	}
	tags, _ := st.Tags(ctx, "")
	for _, tg := range tags {
		fmt.Fprintf(&b, "tag %d %s %q %q %d/%d/%d %q\n", tg.ID, tg.Kind, tg.Name, tg.Aliases, tg.Accepted, tg.Pending, tg.Documents, tg.Color)
	}
	_, pts, _ := st.HitAnnotations(ctx, ids)
	for _, id := range ids {
		for _, pt := range pts[id] {
			fmt.Fprintf(&b, "tagging ¶%d %s %s %s %v\n", id, pt.Name, pt.Origin, pt.State, pt.Document)
		}
	}
	saved, _ := st.SavedSearches(ctx)
	for _, ss := range saved {
		fmt.Fprintf(&b, "saved %d %q %q\n", ss.ID, ss.Name, ss.Query)
	}
	return b.String()
}

// shortcut types sc as the desktop driver delivers it: to the main menu
// item with that shortcut first, else to the focused widget.
func (u *testUI) shortcut(sc fyne.Shortcut) {
	u.do(func() {
		if it := u.shortcutItem(sc); it != nil {
			it.Action()
		} else if f, ok := u.w.Canvas().Focused().(fyne.Shortcutable); ok {
			f.TypedShortcut(sc)
		}
	})
}

// ctrlZ and ctrlShiftZ are the keys the desktop driver reports for Ctrl+Z
// and Ctrl+Shift+Z.
func (u *testUI) ctrlZ()      { u.shortcut(&fyne.ShortcutUndo{}) }
func (u *testUI) ctrlShiftZ() { u.shortcut(shortcut(fyne.KeyZ, fyne.KeyModifierShift)) }

// history returns Edit → Undo's and Redo's labels, "(off)" when disabled.
func (u *testUI) history(t *testing.T) [2]string {
	t.Helper()
	var out [2]string
	for _, m := range u.w.MainMenu().Items {
		if m.Label != "Edit" {
			continue
		}
		if len(m.Items) < 2 {
			t.Fatal("the Edit menu has no Undo and Redo")
		}
		for i, it := range m.Items[:2] {
			out[i] = it.Label
			if it.Disabled {
				out[i] += " (off)"
			}
		}
	}
	return out
}

func (u *testUI) wantHistory(t *testing.T, undo, redo string) {
	t.Helper()
	if got := u.history(t); got != [2]string{undo, redo} {
		t.Errorf("Edit menu: %q, want [%q %q]", got, undo, redo)
	}
}

// chipAction opens the menu of the focused passage's chip labelled label
// and taps action.
func (u *testUI) chipAction(t *testing.T, label, action string) {
	t.Helper()
	u.do(func() { chip(t, u.focusedRow(t), label).Tapped(&fyne.PointEvent{}) })
	u.tapText(t, u.w.Canvas().Overlays().Top(), action)
}

// undoStep is a change made through the window, and its label in the menu.
type undoStep struct {
	label string
	do    func()
}

// undoRedoSequence makes the changes, then undoes them one by one with
// Ctrl+Z, each undo leaving the research file as it was before that change
// and the menu naming the next, then redoes them all with Ctrl+Shift+Z.
func (u *testUI) undoRedoSequence(t *testing.T, steps []undoStep) {
	t.Helper()
	states := []string{annotationState(t, u)}
	for i, s := range steps {
		s.do()
		states = append(states, annotationState(t, u))
		if states[i+1] == states[i] {
			t.Fatalf("step %q changed nothing (status %q)", s.label, u.status.message.Text)
		}
		u.wantHistory(t, "Undo "+s.label, "Redo (off)")
	}
	// Undo everything, with the focus in the search box (typed into
	// before the changes: that typing is not undone).
	u.do(u.search.focus)
	for i := len(steps) - 1; i >= 0; i-- {
		u.ctrlZ()
		if got := annotationState(t, u); got != states[i] {
			t.Fatalf("after undoing %q the file differs from before it:\nwant\n%s\ngot\n%s", steps[i].label, states[i], got)
		}
		if u.status.message.Text != "Undone: "+steps[i].label+"." {
			t.Errorf("status %q after undoing %q", u.status.message.Text, steps[i].label)
		}
		undo := "Undo (off)"
		if i > 0 {
			undo = "Undo " + steps[i-1].label
		}
		u.wantHistory(t, undo, "Redo "+steps[i].label)
	}
	u.ctrlZ() // nothing left: changes nothing
	if got := annotationState(t, u); got != states[0] {
		t.Error("Ctrl+Z with nothing to undo changed the file")
	}
	for i := range steps {
		u.ctrlShiftZ()
		if got := annotationState(t, u); got != states[i+1] {
			t.Fatalf("after redoing %q the file differs from after it:\nwant\n%s\ngot\n%s", steps[i].label, states[i+1], got)
		}
	}
}

// Tag management and document tags: create, rename, edit, merge, tag and
// untag a whole document, reject all suggestions — undone and redone.
func TestUndoRedoTagManagement(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	manage := func(name string) {
		_, idx, _ := tagRow(t, u.actors, name)
		u.do(func() { u.actors.list.Select(idx) })
		u.do(func() { test.Tap(u.actors.manage) })
	}
	u.undoRedoSequence(t, []undoStep{
		{"new actor", func() {
			u.do(u.menuItem(t, "Edit", "New actor or source…").Action)
			d := u.dialog(t, "New actor or source")
			fields := findAll[*fieldEntry](d)
			u.do(func() {
				fields[0].SetText("Campaign chairman")
				fields[1].SetText("chairman")
			})
			u.tapDialogButton(t, "New actor or source", "Create")
		}},
		{"rename actor", func() {
			manage("Campaign chairman")
			d := u.dialog(t, "Actor: Campaign chairman")
			u.do(func() { findAll[*fieldEntry](d)[0].SetText("The chairman") })
			u.tapDialogButton(t, "Actor: Campaign chairman", "Save")
		}},
		{"edit actor", func() {
			manage("The chairman")
			d := u.dialog(t, "Actor: The chairman")
			p := findAll[*swatchPicker](d)[0] // the colour, from the palette
			u.do(func() { p.choose("#c0392b") })
			u.tapDialogButton(t, "Actor: The chairman", "Save")
		}},
		{"merge actors", func() {
			_, idx, _ := tagRow(t, u.actors, "The chairman")
			u.do(func() { u.actors.list.Select(idx) })
			u.mergeSelected(t, "The chairman", "paul manafort")
		}},
		{"tag document", func() {
			u.openPassage(t, "kilimnik", 13)
			u.do(u.menuItem(t, "Edit", "Tag passage…").Action)
			d := u.dialog(t, "Tag with an actor or source")
			u.do(func() { test.Tap(findAll[*fieldCheck](d)[0]) })
			entry := findAll[*fieldEntry](d)[0]
			u.do(func() { test.Type(entry, "odni") })
			u.do(func() { entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
		}},
		{"remove document tag", func() { u.chipAction(t, odniReport+" (document)", "Remove from document") }},
		{"reject all suggestions", func() {
			manage(kilimnikActor)
			u.tapDialogButton(t, "Actor: "+kilimnikActor, "Reject 2 suggestions")
		}},
	})
}

// A sequence of different changes is undone one by one with Ctrl+Z, each
// step leaving the research file as it was before that change, then redone
// with Ctrl+Shift+Z; the menu names each change.
func TestUndoRedoEverything(t *testing.T) {
	u := newTestUI(t)
	u.wantHistory(t, "Undo (off)", "Redo (off)")
	u.openPassage(t, "kilimnik", 13)

	steps := []undoStep{
		{"bookmark", func() { u.bookmarkWithNote(t, "first note") }},
		{"bookmark note", func() {
			u.do(u.toggleBookmark)
			d := u.dialog(t, "Bookmark note")
			u.do(func() { findAll[*fieldEntry](d)[0].SetText("second note") })
			u.tapDialogButton(t, "Bookmark note", "Save note")
		}},
		{"tag passage", func() { u.pickTag(t, "odni", odniReport, true) }},
		{"accept suggestion", func() { u.chipAction(t, "Paul Manafort ?", "Accept suggestion") }},
		{"reject suggestion", func() { u.chipAction(t, "Donald Trump ?", "Reject suggestion") }},
		{"remove tag", func() { u.chipAction(t, odniReport, "Remove tag") }},
		{"accept all suggestions", func() {
			_, idx, _ := tagRow(t, u.actors, kilimnikActor)
			u.do(func() { u.actors.list.Select(idx) })
			u.do(func() { test.Tap(u.actors.manage) })
			u.tapDialogButton(t, "Actor: "+kilimnikActor, "Accept 2 suggestions")
		}},
		{"save search", func() {
			u.find("kilimnik")
			u.do(u.showSaveSearch)
			u.tapDialogButton(t, "Save search", "Save")
		}},
		{"rename saved search", func() {
			u.do(func() { u.renameSavedSearch(u.saved.searches[0]) })
			d := u.dialog(t, "Rename saved search")
			u.do(func() { findAll[*fieldEntry](d)[0].SetText("Kilimnik passages") })
			u.tapDialogButton(t, "Rename saved search", "Rename")
		}},
		{"remove bookmark", func() {
			u.openPassage(t, "kilimnik", 13)
			u.do(u.toggleBookmark)
			u.tapDialogButton(t, "Bookmark note", "Remove bookmark")
		}},
		{"delete actor", func() {
			_, idx, _ := tagRow(t, u.actors, "Paul Manafort")
			u.do(func() { u.actors.list.Select(idx) })
			u.do(func() { test.Tap(u.actors.manage) })
			u.tapDialogButton(t, "Actor: Paul Manafort", "Delete")
		}},
		{"delete saved search", func() {
			o := u.saved.list.CreateItem()
			u.saved.list.UpdateItem(0, o)
			del := o.(*fyne.Container).Objects[1].(*fyne.Container).Objects[1].(*widget.Button) // rename, delete
			u.do(func() { test.Tap(del) })
		}},
	}
	u.undoRedoSequence(t, steps)
	u.wantHistory(t, "Undo delete saved search", "Redo (off)")

	// A new change after an undo clears what could be redone.
	u.ctrlZ()
	u.ctrlZ()
	u.wantHistory(t, "Undo remove bookmark", "Redo delete actor")
	u.openPassage(t, "kilimnik", 13)
	u.pickTag(t, "odni", odniReport, true)
	u.wantHistory(t, "Undo tag passage", "Redo (off)")
	u.ctrlShiftZ()
	if !slices.Contains(chipLabels(u.focusedRow(t)), odniReport) {
		t.Error("Ctrl+Shift+Z with nothing to redo undid the tag")
	}

	// The history belongs to the research file: another one starts empty.
	u.do(func() { u.switchToNew(filepath.Join(t.TempDir(), "other.dossier")) })
	u.wantHistory(t, "Undo (off)", "Redo (off)")
}

// Ctrl+Z in a dialog's field undoes typing there, never an annotation;
// typing in the search box after a change is undone before the change.
func TestUndoKeepsTyping(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	u.bookmarkWithNote(t, "kept")
	before := annotationState(t, u)

	u.do(u.toggleBookmark)
	d := u.dialog(t, "Bookmark note")
	note := findAll[*fieldEntry](d)[0]
	u.do(func() {
		u.w.Canvas().Focus(note)
		test.Type(note, " and more")
	})
	u.ctrlZ()
	if note.Text == "kept and more" {
		t.Error("Ctrl+Z in the note field did not undo the typing")
	}
	if annotationState(t, u) != before {
		t.Error("Ctrl+Z in the note field undid an annotation")
	}
	u.dialogKeyEscape()

	// Type in the search box after the bookmark: Ctrl+Z takes back the
	// typing first, then the bookmark.
	u.do(func() {
		u.search.focus()
		test.Type(u.search.entry, " manafort")
	})
	u.ctrlZ()
	if q := u.search.query(); q != "kilimnik" {
		t.Errorf("after Ctrl+Z the search box holds %q, want the typing undone", q)
	}
	if annotationState(t, u) != before {
		t.Fatal("the first Ctrl+Z undid the bookmark, not the typing")
	}
	u.ctrlZ()
	if bms, _ := u.CurrentStore().Bookmarks(context.Background()); len(bms) != 0 {
		t.Errorf("the second Ctrl+Z left %d bookmarks", len(bms))
	}
	if q := u.search.query(); q != "kilimnik" {
		t.Errorf("the second Ctrl+Z changed the query to %q", q)
	}
}

// dialogKeyEscape closes the top dialog as Esc does.
func (u *testUI) dialogKeyEscape() { u.do(func() { u.dialogKey(fyne.KeyEscape) }) }

// A document is renamed and deleted from the library's context menu; the
// confirmation counts what goes with it; both are undone and redone.
func TestDeleteAndRenameDocument(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "kilimnik", 13)
	u.bookmarkWithNote(t, "a note")
	u.pickTag(t, "odni", odniReport, true)
	u.chipAction(t, "Paul Manafort ?", "Accept suggestion")
	before := annotationState(t, u)
	doc := u.library.docs[0]

	// Rename from the context menu.
	row := u.library.list.CreateItem().(*menuRow)
	u.library.list.UpdateItem(0, row)
	u.do(func() { row.TappedSecondary(&fyne.PointEvent{}) })
	u.tapText(t, u.w.Canvas().Overlays().Top(), "Rename…")
	d := u.dialog(t, "Rename document")
	u.do(func() { findAll[*fieldEntry](d)[0].SetText("  Interference   report ") })
	u.tapDialogButton(t, "Rename document", "Rename")
	if got := docTitles(u); !slices.Equal(got, []string{"Interference report"}) {
		t.Errorf("library after renaming: %q", got)
	}
	if u.reader.doc.Title != "Interference report" {
		t.Errorf("the reader's title is %q", u.reader.doc.Title)
	}
	u.wantHistory(t, "Undo rename document", "Redo (off)")
	u.ctrlZ()
	if got := docTitles(u); !slices.Equal(got, []string{seedTitle}) || u.reader.doc.Title != seedTitle {
		t.Errorf("after undoing the rename: library %q, reader %q", got, u.reader.doc.Title)
	}
	u.ctrlShiftZ()
	if got := docTitles(u); !slices.Equal(got, []string{"Interference report"}) {
		t.Errorf("after redoing the rename: %q", got)
	}
	u.ctrlZ()

	// Delete: the confirmation says what goes with it; Cancel keeps it.
	u.do(func() { row.TappedSecondary(&fyne.PointEvent{}) })
	u.tapText(t, u.w.Canvas().Overlays().Top(), "Delete…")
	d = u.dialog(t, "Delete document")
	msg := strings.Join(texts(d), " ")
	for _, want := range []string{"Delete “" + seedTitle + "”", fmt.Sprintf("(%d passages)", doc.Passages), "1 bookmark and 2 tags on passages will be deleted with it.", "So will its ", " suggested tags", "suggestions come back when it is imported again", "Ctrl+Z"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the confirmation %q does not say %q", msg, want)
		}
	}
	u.tapDialogButton(t, "Delete document", "Cancel")
	if annotationState(t, u) != before {
		t.Fatal("Cancel changed the file")
	}
	u.do(func() { row.TappedSecondary(&fyne.PointEvent{}) })
	u.tapText(t, u.w.Canvas().Overlays().Top(), "Delete…")
	u.tapDialogButton(t, "Delete document", "Delete")
	if len(u.library.docs) != 0 || u.reader.passages != nil || len(u.bookmarks.marks) != 0 {
		t.Errorf("after deleting: library %d documents, reader open %v, %d bookmarks", len(u.library.docs), u.reader.passages != nil, len(u.bookmarks.marks))
	}
	if len(u.results.items) != 0 {
		t.Errorf("the results still list %d passages of the deleted document", len(u.results.items))
	}
	if !u.status.undo.Visible() || !strings.HasPrefix(u.status.message.Text, "Deleted “") {
		t.Errorf("status %q, undo offered %v", u.status.message.Text, u.status.undo.Visible())
	}
	u.wantHistory(t, "Undo delete document", "Redo (off)")
	u.ctrlZ()
	if got := annotationState(t, u); got != before {
		t.Fatalf("undoing the delete did not bring everything back:\nwant\n%s\ngot\n%s", before, got)
	}
	if len(u.library.docs) != 1 || len(u.bookmarks.marks) != 1 || len(u.results.items) == 0 {
		t.Errorf("after undo: %d documents, %d bookmarks, %d results", len(u.library.docs), len(u.bookmarks.marks), len(u.results.items))
	}
	if hits, err := u.CurrentStore().Search(context.Background(), store.SearchRequest{Query: "kilimnik"}); err != nil || hits.Total == 0 {
		t.Errorf("the restored document is not searchable: %v, %v", hits, err)
	}
	u.ctrlShiftZ()
	if len(u.library.docs) != 0 {
		t.Error("redo did not delete the document again")
	}
	u.ctrlZ()
	u.openPassage(t, "kilimnik", 13)
	if got, _ := u.reader.currentPassage(); got.ID != p.ID || !u.focusedRow(t).mark.Visible() {
		t.Error("the restored document's passage or bookmark is not shown in the reader")
	}

	// Library → Delete document… acts on the reader's document.
	u.do(u.menuItem(t, "Library", "Delete document…").Action)
	u.dialog(t, "Delete document")
	u.dialogKeyEscape()
}

// Typing in the search box before a change is not taken back before the
// change, even when the box lost the focus in between.
func TestUndoAfterTypingEarlier(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	u.do(func() {
		u.search.focus()
		u.search.entry.CursorColumn = len(u.search.entry.Text)
		test.Type(u.search.entry, " manafort")
	})
	u.do(func() { u.w.Canvas().Unfocus() })
	u.bookmarkWithNote(t, "after typing")
	u.do(u.search.focus)
	u.ctrlZ()
	if bms, _ := u.CurrentStore().Bookmarks(context.Background()); len(bms) != 0 {
		t.Errorf("Ctrl+Z left the bookmark (%d) and undid typing instead: query %q", len(bms), u.search.query())
	}
	if q := u.search.query(); q != "kilimnik manafort" {
		t.Errorf("Ctrl+Z changed the query to %q", q)
	}
}

func TestTrimHistory(t *testing.T) {
	entry := func(label string, size int) *undoEntry {
		return &undoEntry{label: label, undoFns: undoFns{size: func() int { return size }}}
	}
	labels := func(es []*undoEntry) (out []string) {
		for _, e := range es {
			out = append(out, e.label)
		}
		return out
	}
	var many []*undoEntry
	for i := range maxUndo + 5 {
		many = append(many, entry(fmt.Sprint(i), 0))
	}
	if got := trimHistory(many); len(got) != maxUndo || got[0].label != "5" {
		t.Errorf("trimmed %d changes to %d starting at %s", len(many), len(got), got[0].label)
	}
	big := []*undoEntry{entry("old", maxUndoBytes/2), entry("mid", maxUndoBytes/2), entry("new", 10)}
	if got := labels(trimHistory(big)); !slices.Equal(got, []string{"mid", "new"}) {
		t.Errorf("over the memory bound, kept %q", got)
	}
	huge := []*undoEntry{entry("a", 1), entry("huge", maxUndoBytes*2)}
	if got := labels(trimHistory(huge)); !slices.Equal(got, []string{"huge"}) {
		t.Errorf("with one huge change, kept %q", got)
	}
}
