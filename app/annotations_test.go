package app

// Annotation tests: bookmarks with notes, tags from the gazetteer and the
// tag picker, suggestion decisions, filters, export and restore, undo and
// saved searches — driven through the window's own dialogs, menus and chips
// on Fyne's test driver, and checked against the widgets and the store.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

const (
	kilimnikPassage = "Kilimnik was an associate of Paul Manafort, who served as Trump's 2016 campaign chairman."
	kilimnikActor   = "Konstantin Kilimnik"
	odniReport      = "ODNI report on foreign threats to the 2020 election"
	bookmarkNote    = "Links Kilimnik to the 2016 campaign.\nCheck the Mueller report too."
)

// tree is o and everything under it: a container's children and a widget's
// rendered objects, depth first.
func tree(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case *fyne.Container:
		for _, ch := range c.Objects {
			out = append(out, tree(ch)...)
		}
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			out = append(out, tree(ch)...)
		}
	}
	return out
}

// findAll returns the objects of type T under root.
func findAll[T fyne.CanvasObject](root fyne.CanvasObject) []T {
	var out []T
	for _, o := range tree(root) {
		if v, ok := o.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// texts lists the text shown under root: labels, buttons and drawn text.
func texts(root fyne.CanvasObject) []string {
	var out []string
	for _, o := range tree(root) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		case *dialogButton:
			out = append(out, v.Text)
		case *canvas.Text:
			out = append(out, v.Text)
		}
	}
	return out
}

// dialog returns the top overlay, which must show title.
func (u *testUI) dialog(t *testing.T, title string) fyne.CanvasObject {
	t.Helper()
	top := u.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open; want %q", title)
	}
	if !slices.Contains(texts(top), title) {
		t.Fatalf("the top dialog is not %q: it shows %q", title, texts(top))
	}
	return top
}

// tapDialogButton taps the button labelled label on the top dialog (title).
func (u *testUI) tapDialogButton(t *testing.T, title, label string) {
	t.Helper()
	b := button(t, u.dialog(t, title), label)
	u.do(func() { test.Tap(b) })
}

// button finds the button labelled label under root.
func button(t *testing.T, root fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	for _, b := range findAll[*widget.Button](root) {
		if b.Text == label {
			return b
		}
	}
	for _, b := range findAll[*dialogButton](root) {
		if b.Text == label {
			return &b.Button
		}
	}
	t.Fatalf("no button %q among %q", label, texts(root))
	return nil
}

// tapText taps the innermost tappable under root that shows label (a menu
// item, say).
func (u *testUI) tapText(t *testing.T, root fyne.CanvasObject, label string) {
	t.Helper()
	var best fyne.Tappable
	size := -1
	for _, o := range tree(root) {
		tp, ok := o.(fyne.Tappable)
		if !ok || !slices.Contains(texts(o), label) {
			continue
		}
		if n := len(tree(o)); size < 0 || n < size {
			best, size = tp, n
		}
	}
	if best == nil {
		t.Fatalf("nothing tappable shows %q among %q", label, texts(root))
	}
	u.do(func() { best.Tapped(&fyne.PointEvent{}) })
}

// menuItem finds an item of the window's main menu.
func (u *testUI) menuItem(t *testing.T, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range u.w.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range menuTree(m) {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %s → %s", menu, label)
	return nil
}

// openPassage searches for q and opens the hit on passage ordinal in the
// reader.
func (u *testUI) openPassage(t *testing.T, q string, ordinal int) store.Passage {
	t.Helper()
	u.find(q)
	u.do(func() { u.results.list.Select(hitIndex(t, u, ordinal)) })
	p, ok := u.reader.currentPassage()
	if !ok || p.Ordinal != ordinal {
		t.Fatalf("reader: current passage %+v (ok %v), want passage %d", p, ok, ordinal)
	}
	return p
}

// focusedRow is the reader's row for its current passage.
func (u *testUI) focusedRow(t *testing.T) *passageRow {
	t.Helper()
	row := u.reader.rows[u.reader.focus]
	if row == nil {
		t.Fatal("the focused passage is not laid out")
	}
	return row
}

// chipLabels lists the labels of a reader row's tag chips.
func chipLabels(row *passageRow) []string {
	var out []string
	for _, c := range row.chips.Objects {
		for _, tx := range findAll[*canvas.Text](c) {
			out = append(out, tx.Text)
		}
	}
	return out
}

// chip returns the reader row's chip labelled label.
func chip(t *testing.T, row *passageRow, label string) fyne.Tappable {
	t.Helper()
	for _, c := range row.chips.Objects {
		if slices.Contains(texts(c), label) {
			return c.(fyne.Tappable)
		}
	}
	t.Fatalf("no chip %q among %q", label, chipLabels(row))
	return nil
}

// bookmarkRows renders the Bookmarks view's rows: place, quote, note.
func bookmarkRows(u *testUI) [][3]string {
	l := u.bookmarks.list
	var out [][3]string
	for i := range l.Length() {
		o := l.CreateItem()
		l.UpdateItem(i, o)
		objs := o.(*menuRow).content.(*fyne.Container).Objects
		quote := objs[1].(*fyne.Container).Objects[0].(*widget.Label) // beside the right-to-left quote
		place := objs[0].(*bidiLabel).plain.(*widget.Label)           // it holds the text either way
		out = append(out, [3]string{place.Text, quote.Text, objs[2].(*widget.Label).Text})
	}
	return out
}

// tagRow finds a tag in an Actors or Sources view and renders its row's
// counts.
func tagRow(t *testing.T, v *tagsView, name string) (store.Tag, int, string) {
	t.Helper()
	for i, tg := range v.tags {
		if tg.Name == name {
			o := v.list.CreateItem()
			v.list.UpdateItem(i, o)
			right := o.(*menuRow).content.(*fyne.Container).Objects[2].(*fyne.Container) // kind, counts
			return tg, i, right.Objects[1].(*widget.Label).Text
		}
	}
	t.Fatalf("%s view: no %q among %d tags", familyTitle(v.family), name, len(v.tags))
	return store.Tag{}, -1, ""
}

// bookmarkWithNote bookmarks the reader's current passage through Edit →
// Bookmark passage… and the note dialog.
func (u *testUI) bookmarkWithNote(t *testing.T, note string) {
	t.Helper()
	u.do(u.menuItem(t, "Edit", "Bookmark passage…").Action)
	d := u.dialog(t, "Bookmark passage")
	entries := findAll[*fieldEntry](d)
	if len(entries) != 2 {
		t.Fatalf("the bookmark dialog has %d entries, want note and quote", len(entries))
	}
	u.do(func() { entries[0].SetText(note) })
	u.tapDialogButton(t, "Bookmark passage", "Bookmark")
}

// pickTag tags the reader's current passage through Edit → Tag passage…:
// types text into the picker and either selects the first match or presses
// Enter.
func (u *testUI) pickTag(t *testing.T, text, want string, enter bool) {
	t.Helper()
	u.do(u.menuItem(t, "Edit", "Tag passage…").Action)
	d := u.dialog(t, "Tag with an actor or source")
	entry := findAll[*fieldEntry](d)[0]
	list := &findAll[*dialogList](d)[0].List
	u.do(func() { test.Type(entry, text) })
	if list.Length() == 0 {
		t.Fatalf("the tag picker lists nothing for %q", text)
	}
	o := list.CreateItem()
	list.UpdateItem(0, o)
	if got := o.(*bidiLabel).plain.(*widget.Label).Text; !strings.HasPrefix(got, want+" — ") {
		t.Fatalf("tag picker for %q: first row %q, want %s", text, got, want)
	}
	if enter {
		u.do(func() { entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	} else {
		u.do(func() { list.Select(0) })
	}
	if top := u.w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the tag picker is still open: %q", texts(top))
	}
}

// TestAnnotationWorkflow is the scenario of the annotation issue's "Done
// when", in the window: bookmark a passage with a note, tag it with an actor
// and a source, filter for it, export it, restore it into another research
// file, undo a removal and a deletion, decide suggestions and save a search.
// searchedPassages lists the passages a search finds, as the window runs it
// (for actor:… those the tag is on, accepted or suggested), in its order.
func searchedPassages(t *testing.T, st *store.Store, q string) []int64 {
	t.Helper()
	page, err := st.SearchPage(context.Background(), store.PageRequest{SearchRequest: store.SearchRequest{Query: q, Limit: 500}})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	if page.Total != len(page.Hits) {
		t.Fatalf("search %q: %d of %d hits on the page", q, len(page.Hits), page.Total)
	}
	var ids []int64
	for _, h := range page.Hits {
		ids = append(ids, h.PassageID)
	}
	return ids
}

// taggingState is the state of tag's tagging of passage p ("" for none), as
// an exported bundle records it: the one place rejected taggings show.
func taggingState(t *testing.T, st *store.Store, p store.Passage, tag store.Tag) string {
	t.Helper()
	ctx := context.Background()
	doc, err := st.Document(ctx, p.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := st.ExportJSON(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	var b store.Bundle
	if err := json.Unmarshal(buf.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	for _, pt := range b.PassageTags {
		if pt.Document == doc.Hash && pt.Ordinal == p.Ordinal && pt.Tag.Family == tag.Family && pt.Tag.Name == tag.Name {
			return pt.State
		}
	}
	return ""
}

func TestAnnotationWorkflow(t *testing.T) {
	u := newTestUI(t)
	ctx := context.Background()

	// 1. Bookmark the passage with a note.
	p := u.openPassage(t, "kilimnik", 13)
	if p.Text != kilimnikPassage {
		t.Fatalf("passage 13 is %q", p.Text)
	}
	row := u.focusedRow(t)
	if row.mark.Visible() {
		t.Fatal("the passage shows a bookmark before it has one")
	}
	u.bookmarkWithNote(t, bookmarkNote)
	if got := u.status.message.Text; got != "Bookmarked." {
		t.Errorf("status %q after bookmarking", got)
	}
	row = u.focusedRow(t)
	if !row.mark.Visible() {
		t.Error("the reader row shows no bookmark mark")
	}
	hit := u.results.items[hitIndex(t, u, 13)]
	if !hit.marked {
		t.Error("the result item is not marked as bookmarked")
	}
	resRow := u.results.createRow().(*resultRow)
	u.results.updateRow(hitIndex(t, u, 13), resRow)
	if !resRow.mark.Visible() {
		t.Error("the result row shows no bookmark mark")
	}
	for i, it := range u.results.items {
		if it.hit.Ordinal != 13 && it.marked {
			t.Errorf("result %d (passage %d) is marked too", i, it.hit.Ordinal)
		}
	}
	if len(u.bookmarks.marks) != 1 || u.bookmarks.heading.Text != "Bookmarks (1)" || u.bookmarks.empty.Visible() {
		t.Fatalf("Bookmarks view: %d bookmarks, heading %q, placeholder visible %v", len(u.bookmarks.marks), u.bookmarks.heading.Text, u.bookmarks.empty.Visible())
	}
	bm := u.bookmarks.marks[0]
	if bm.PassageID != p.ID || bm.Note != bookmarkNote || bm.Span != nil {
		t.Errorf("bookmark %+v", bm)
	}
	wantRow := [3]string{seedTitle + " · ¶ 13", kilimnikPassage, wording.Brief(bookmarkNote, 120)}
	if rows := bookmarkRows(u); len(rows) != 1 || rows[0] != wantRow {
		t.Errorf("Bookmarks view rows %q, want %q", rows, wantRow)
	}

	// 2. Tag it with the gazetteer's actor (picking the row) and source
	// (pressing Enter).
	u.pickTag(t, "Kilimnik", kilimnikActor, false)
	if got := u.status.message.Text; got != "Tagged with “"+kilimnikActor+"”." {
		t.Errorf("status %q", got)
	}
	u.pickTag(t, "ODNI report", odniReport, true)
	if got := u.status.message.Text; got != "Tagged with “"+odniReport+"”." {
		t.Errorf("status %q", got)
	}
	chips := chipLabels(u.focusedRow(t))
	for _, want := range []string{kilimnikActor, odniReport} {
		if !slices.Contains(chips, want) {
			t.Errorf("reader chips %q lack %q (accepted, without ?)", chips, want)
		}
		if slices.Contains(chips, want+" ?") {
			t.Errorf("reader chips %q still show %q as a suggestion", chips, want)
		}
	}
	for _, pt := range u.reader.ptags[p.ID] {
		if (pt.Name == kilimnikActor || pt.Name == odniReport) && (pt.State != store.StateAccepted || pt.Document) {
			t.Errorf("reader tag %s: state %s, document %v", pt.Name, pt.State, pt.Document)
		}
	}
	if line := tagLine(u.results.items[hitIndex(t, u, 13)].tags); !strings.Contains(line, kilimnikActor) || strings.Contains(line, kilimnikActor+"?") || !strings.Contains(line, odniReport) {
		t.Errorf("result row tag line %q", line)
	}
	kil, _, counts := tagRow(t, u.actors, kilimnikActor)
	if kil.Accepted != 1 {
		t.Errorf("%s: %d accepted passages, want 1", kilimnikActor, kil.Accepted)
	}
	if want := tagCounts(kil); counts != want || !strings.HasPrefix(counts, "1 ✓") {
		t.Errorf("Actors view shows %q for %s, want %q starting with 1 ✓", counts, kilimnikActor, want)
	}
	odni, _, counts := tagRow(t, u.sources, odniReport)
	if odni.Accepted != 1 || !strings.HasPrefix(counts, "1 ✓") {
		t.Errorf("Sources view: %s has %d accepted, row %q", odniReport, odni.Accepted, counts)
	}

	// 3. Filters in the search box.
	u.do(func() { u.search.onClear() })
	u.do(func() { test.Type(u.search.entry, "actor:kilimnik is:bookmarked") })
	if len(u.results.items) != 1 || u.results.items[0].hit == nil || u.results.items[0].hit.PassageID != p.ID {
		t.Fatalf("actor:kilimnik is:bookmarked: %d items (%+v), want passage 13 alone", len(u.results.items), u.results.items)
	}
	if it := u.results.items[0]; !it.marked || !strings.Contains(tagLine(it.tags), kilimnikActor) {
		t.Errorf("the filtered hit: marked %v, tags %q", it.marked, tagLine(it.tags))
	}
	if !strings.HasPrefix(u.status.message.Text, "1 passage in 1 document") {
		t.Errorf("status %q", u.status.message.Text)
	}

	// 4. Export: Markdown from the store, with the citation of the passage
	// in characters, as the app's own citation counts them.
	u.openPassage(t, "kilimnik", 13)
	var md bytes.Buffer
	if err := u.CurrentStore().ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	doc, text := u.reader.doc, u.reader.docText
	cs, ce := utf8.RuneCountInString(text[:p.Start]), utf8.RuneCountInString(text[:p.End])
	if string([]rune(text)[cs:ce]) != p.Text {
		t.Fatalf("characters %d–%d of the document are not the passage", cs, ce)
	}
	if appCite := store.QuotePassage(doc, p, nil, text, false).Citation(); !strings.Contains(appCite, fmt.Sprintf("characters %d–%d", cs, ce)) {
		t.Errorf("the app's citation %q has other offsets than %d–%d", appCite, cs, ce)
	}
	parts := []string{"“" + doc.Title + "”"}
	for _, v := range []string{doc.Source, doc.Published} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	// Then the passage and characters in parentheses, for tracing (the
	// citation an editor can paste names who and where first).
	cite := strings.Join(parts, ", ") + fmt.Sprintf(" (passage 13, characters %d–%d of %s)", cs, ce, doc.FileName)
	for _, want := range []string{
		"## " + seedTitle,
		"#### Passage 13\n\n> " + kilimnikPassage + "\n",
		"**Note:** Links Kilimnik to the 2016 campaign.  \nCheck the Mueller report too.\n",
		"**Tags:** " + kilimnikActor + " (person), " + odniReport + " (official report)\n",
		"— " + cite + ".\n",
		"\n1 bookmark", // (the store says "1 bookmarks and 1 tagged passages in 1 documents")
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown export lacks %q:\n%s", want, md.String())
		}
	}

	// File → Export…: the format and scope form, then the file dialog, for
	// the JSON bundle of everything.
	dir := t.TempDir()
	u.a.Preferences().SetString(prefSaveFolder, dir) // where the export dialog starts
	u.do(u.menuItem(t, "File", "Export…").Action)
	form := u.dialog(t, "Export your work")
	radios := findAll[*radioField](form)
	if len(radios) != 2 {
		t.Fatalf("the export form has %d choices", len(radios))
	}
	format, scope := radios[0], radios[1]
	if len(format.Options) != len(exportFormats) || format.Selected != exportFormats[0].label {
		t.Errorf("formats %q, selected %q", format.Options, format.Selected)
	}
	if len(scope.Options) != 2 || scope.Options[1] != "Only passages matching the search" || scope.Selected != scope.Options[0] {
		t.Errorf("scopes %q, selected %q", scope.Options, scope.Selected)
	}
	if !slices.Contains(texts(form), "The search: “kilimnik”") {
		t.Errorf("the export form does not quote the search: %q", texts(form))
	}
	u.do(func() { format.SetSelected("Bundle to import elsewhere (.json)") })
	u.tapDialogButton(t, "Export your work", "Choose file…")
	save := u.dialog(t, "Export to")
	name := findAll[*fieldEntry](save)
	if len(name) != 1 || !strings.HasPrefix(name[0].Text, "t-") || !strings.HasSuffix(name[0].Text, ".json") {
		t.Fatalf("export file name %v", name)
	}
	if !slices.Contains(texts(save), dir) {
		t.Fatalf("the export dialog did not start in %s: %q", dir, texts(save))
	}
	bundlePath := filepath.Join(dir, name[0].Text)
	u.press(t, fyne.KeyReturn, 0) // Enter exports
	exported := u.status.message.Text
	data, err := os.ReadFile(bundlePath)
	if err != nil {
		t.Fatal(err)
	}
	var bundle store.Bundle
	if err := json.Unmarshal(data, &bundle); err != nil || bundle.Format != store.BundleFormat {
		t.Fatalf("%s is not a bundle (%v): %.200s", bundlePath, err, data)
	}
	if bundle.Query != "" || len(bundle.Bookmarks) != 1 || bundle.Bookmarks[0].Note != bookmarkNote || bundle.Bookmarks[0].Ordinal != 13 {
		t.Errorf("bundle: query %q, bookmarks %+v", bundle.Query, bundle.Bookmarks)
	}
	accepted := map[string]bool{}
	for _, pt := range bundle.PassageTags {
		if pt.Ordinal == 13 && pt.State == store.StateAccepted {
			accepted[pt.Tag.Name] = true
		}
	}
	if !accepted[kilimnikActor] || !accepted[odniReport] {
		t.Errorf("bundle: accepted tags on passage 13: %v", accepted)
	}
	// The status line counts what the bundle holds of the user's work.
	acceptedPassages := map[int]bool{}
	for _, pt := range bundle.PassageTags {
		if pt.State == store.StateAccepted {
			acceptedPassages[pt.Ordinal] = true
		}
	}
	held := store.ExportCounts{Bookmarks: len(bundle.Bookmarks), TaggedPassages: len(acceptedPassages), SavedSearches: len(bundle.SavedSearches)}
	if len(bundle.DocumentTags) != 0 || held.TaggedPassages == 0 {
		t.Fatalf("the test expects no document tags and a tagged passage: %d, %d", len(bundle.DocumentTags), held.TaggedPassages)
	}
	for _, c := range bundle.Claims {
		if c.State == store.StateAccepted {
			held.Claims++
		}
	}
	if want := "Exported " + held.String() + " to " + bundlePath; exported != want || !strings.HasPrefix(exported, "Exported 1 bookmark and ") {
		t.Errorf("status %q after export, want %q", exported, want)
	}

	// 5. Restore into a fresh research file: the Bookmarks view and the
	// reader show the bookmark, its note and its tags again.
	other := filepath.Join(t.TempDir(), "restored.dossier")
	u.do(func() { u.switchToNew(other) })
	if u.CurrentStore().Path() != other {
		t.Fatalf("store %q after switching", u.CurrentStore().Path())
	}
	if len(u.bookmarks.marks) != 0 || !u.bookmarks.empty.Visible() {
		t.Errorf("after opening a fresh file the Bookmarks view still lists %d bookmarks of the old one", len(u.bookmarks.marks))
	}
	if kil, _, _ := tagRow(t, u.actors, kilimnikActor); kil.Accepted != 0 {
		t.Errorf("after opening a fresh file the Actors view still counts %d accepted for %s", kil.Accepted, kilimnikActor)
	}
	actors, sources := len(u.actors.tags), len(u.sources.tags)
	u.do(func() { u.importPaths([]string{bundlePath}) })
	summary := u.dialog(t, "Import finished")
	if got := strings.Join(texts(summary), "\n"); !strings.Contains(got, filepath.Base(bundlePath)+" — annotation bundle: ") || strings.Contains(got, "✓") || !strings.Contains(got, " 1 bookmark") {
		t.Errorf("import summary %q", got)
	}
	u.tapDialogButton(t, "Import finished", "Close")
	if len(u.actors.tags) != actors || len(u.sources.tags) != sources {
		t.Errorf("the restore duplicated tags: %d actors, %d sources; want %d and %d", len(u.actors.tags), len(u.sources.tags), actors, sources)
	}
	if rows := bookmarkRows(u); len(rows) != 1 || rows[0] != wantRow {
		t.Errorf("restored Bookmarks view rows %q, want %q", rows, wantRow)
	}
	p = u.openPassage(t, "kilimnik", 13)
	row = u.focusedRow(t)
	if !row.mark.Visible() {
		t.Error("restored: the reader row shows no bookmark mark")
	}
	chips = chipLabels(row)
	for _, want := range []string{kilimnikActor, odniReport} {
		if !slices.Contains(chips, want) {
			t.Errorf("restored: reader chips %q lack %q", chips, want)
		}
	}
	if kil, _, _ := tagRow(t, u.actors, kilimnikActor); kil.Accepted != 1 {
		t.Errorf("restored: %s has %d accepted passages", kilimnikActor, kil.Accepted)
	}

	// 6. Undo: remove the bookmark from its dialog, then undo from the
	// status bar; delete a tag from the tag manager, then undo.
	u.do(u.toggleBookmark)
	edit := u.dialog(t, "Bookmark note")
	if e := findAll[*fieldEntry](edit); len(e) != 1 || e[0].Text != bookmarkNote {
		t.Fatalf("the bookmark dialog's note: %v", e)
	}
	u.tapDialogButton(t, "Bookmark note", "Remove bookmark")
	if u.status.message.Text != "Bookmark removed." || !u.status.undo.Visible() {
		t.Fatalf("status %q, undo visible %v after removing", u.status.message.Text, u.status.undo.Visible())
	}
	if len(u.bookmarks.marks) != 0 || u.focusedRow(t).mark.Visible() || u.results.items[hitIndex(t, u, 13)].marked {
		t.Error("the removed bookmark is still shown")
	}
	if top := u.w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog is still open: %q", texts(top))
	}
	u.do(func() { test.Tap(u.status.undo) })
	if u.status.message.Text != "Undone: remove bookmark." || u.status.undo.Visible() {
		t.Errorf("status %q, undo visible %v after undo", u.status.message.Text, u.status.undo.Visible())
	}
	if rows := bookmarkRows(u); len(rows) != 1 || rows[0] != wantRow {
		t.Errorf("after undo the Bookmarks view rows are %q, want %q", rows, wantRow)
	}
	if len(u.bookmarks.marks) == 1 && u.bookmarks.marks[0].Note != bookmarkNote {
		t.Errorf("restored note %q", u.bookmarks.marks[0].Note)
	}
	if !u.focusedRow(t).mark.Visible() || !u.results.items[hitIndex(t, u, 13)].marked {
		t.Error("after undo the reader or the results show no bookmark")
	}

	// Edit the note from the same dialog.
	u.do(u.toggleBookmark)
	edit = u.dialog(t, "Bookmark note")
	u.do(func() { findAll[*fieldEntry](edit)[0].SetText("Revised note") })
	u.tapDialogButton(t, "Bookmark note", "Save note")
	if u.status.message.Text != "Note saved." || len(u.bookmarks.marks) != 1 || u.bookmarks.marks[0].Note != "Revised note" {
		t.Errorf("after editing: status %q, bookmarks %+v", u.status.message.Text, u.bookmarks.marks)
	}

	st := u.CurrentStore()
	kil, idx, _ := tagRow(t, u.actors, kilimnikActor)
	kilQuery := `actor:"` + kilimnikActor + `"`
	before := searchedPassages(t, st, kilQuery)
	if len(before) == 0 {
		t.Fatalf("%s is on no passage", kilimnikActor)
	}
	u.do(func() { u.actors.list.Select(idx) })
	if q := u.search.query(); q != `actor:"Konstantin Kilimnik"` {
		t.Errorf("selecting the actor searched for %q", q)
	}
	if u.actors.manage.Disabled() {
		t.Fatal("Manage… is disabled with an actor selected")
	}
	u.do(func() { test.Tap(u.actors.manage) })
	u.tapDialogButton(t, "Actor: "+kilimnikActor, "Delete")
	if u.status.message.Text != "Deleted “"+kilimnikActor+"”." || !u.status.undo.Visible() {
		t.Fatalf("status %q, undo visible %v after deleting", u.status.message.Text, u.status.undo.Visible())
	}
	for _, tg := range u.actors.tags {
		if tg.Name == kilimnikActor {
			t.Error("the deleted actor is still listed")
		}
	}
	if chips := chipLabels(u.focusedRow(t)); slices.Contains(chips, kilimnikActor) || slices.Contains(chips, kilimnikActor+" ?") {
		t.Errorf("after deleting, the reader chips are %q", chips)
	}
	u.do(func() { test.Tap(u.status.undo) })
	if u.status.message.Text != "Undone: delete actor." {
		t.Errorf("status %q after undo", u.status.message.Text)
	}
	back, _, _ := tagRow(t, u.actors, kilimnikActor)
	if back.ID != kil.ID || back.Accepted != kil.Accepted || back.Pending != kil.Pending || !slices.Equal(back.Aliases, kil.Aliases) || back.Color != kil.Color {
		t.Errorf("restored tag %+v, want %+v", back, kil)
	}
	if after := searchedPassages(t, st, kilQuery); !slices.Equal(after, before) {
		t.Errorf("the restored tag is on passages %v, was on %v", after, before)
	}
	if chips := chipLabels(u.focusedRow(t)); !slices.Contains(chips, kilimnikActor) {
		t.Errorf("after undo the reader chips are %q, want %s accepted", chips, kilimnikActor)
	}

	// 7. Suggestions: accept one from its chip's menu, reject another; the
	// rejected one stays away when suggestions run again.
	row = u.focusedRow(t)
	chips = chipLabels(row)
	if !slices.Contains(chips, "Paul Manafort ?") || !slices.Contains(chips, "Donald Trump ?") {
		t.Fatalf("passage 13 chips %q: want Paul Manafort and Donald Trump suggested", chips)
	}
	manafort, _, _ := tagRow(t, u.actors, "Paul Manafort")
	u.do(func() { chip(t, row, "Paul Manafort ?").Tapped(&fyne.PointEvent{}) })
	menu := u.w.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("tapping a chip opened no menu")
	}
	for _, want := range []string{"Show passages with Paul Manafort", "Accept suggestion", "Reject suggestion", "Manage…"} {
		if !slices.Contains(texts(menu), want) {
			t.Errorf("chip menu %q lacks %q", texts(menu), want)
		}
	}
	u.tapText(t, menu, "Accept suggestion")
	if u.status.message.Text != "Suggestion accepted." {
		t.Errorf("status %q", u.status.message.Text)
	}
	if top := u.w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the chip menu is still open: %q", texts(top))
	}
	row = u.focusedRow(t)
	if chips := chipLabels(row); !slices.Contains(chips, "Paul Manafort") || slices.Contains(chips, "Paul Manafort ?") {
		t.Errorf("after accepting: chips %q", chips)
	}
	if m, _, _ := tagRow(t, u.actors, "Paul Manafort"); m.Accepted != manafort.Accepted+1 || m.Pending != manafort.Pending-1 {
		t.Errorf("Paul Manafort: %d ✓ %d ?, was %d ✓ %d ?", m.Accepted, m.Pending, manafort.Accepted, manafort.Pending)
	}

	trump, _, _ := tagRow(t, u.actors, "Donald Trump")
	u.do(func() { chip(t, row, "Donald Trump ?").Tapped(&fyne.PointEvent{}) })
	u.tapText(t, u.w.Canvas().Overlays().Top(), "Reject suggestion")
	if u.status.message.Text != "Suggestion rejected." {
		t.Errorf("status %q", u.status.message.Text)
	}
	rejectedGone := func(when string) {
		t.Helper()
		if chips := chipLabels(u.focusedRow(t)); slices.ContainsFunc(chips, func(c string) bool { return strings.HasPrefix(c, "Donald Trump") }) {
			t.Errorf("%s: chips %q still show the rejected suggestion", when, chips)
		}
		if state := taggingState(t, st, p, trump); state != store.StateRejected {
			t.Errorf("%s: Donald Trump's tagging of passage 13 is %q, want rejected", when, state)
		}
		if tr, _, _ := tagRow(t, u.actors, "Donald Trump"); tr.Pending != trump.Pending-1 {
			t.Errorf("%s: Donald Trump has %d pending, want %d", when, tr.Pending, trump.Pending-1)
		}
	}
	rejectedGone("after rejecting")
	// Saving the tag unchanged suggests it across the library again.
	if _, _, err := st.EditTag(ctx, trump); err != nil {
		t.Fatal(err)
	}
	u.do(u.annotationsChanged)
	rejectedGone("after suggesting again")

	// 8. Save the search from Edit → Save search…; the Saved view lists it
	// and selecting it runs it.
	const query = "actor:kilimnik is:bookmarked"
	u.find(query)
	u.do(u.menuItem(t, "Edit", "Save search…").Action)
	saveForm := u.dialog(t, "Save search")
	nameEntry := findAll[*fieldEntry](saveForm)
	if len(nameEntry) != 1 || nameEntry[0].Text != query {
		t.Fatalf("save search form entries %v", nameEntry)
	}
	u.do(func() { nameEntry[0].SetText("Kilimnik, bookmarked") })
	u.tapDialogButton(t, "Save search", "Save")
	if u.status.message.Text != "Saved “Kilimnik, bookmarked”." {
		t.Errorf("status %q", u.status.message.Text)
	}
	if sec := u.sidebar.sections[u.sidebar.current]; sec.name != "saved" || !sec.content.Visible() {
		t.Errorf("the sidebar shows %q after saving a search", sec.name)
	}
	if len(u.saved.searches) != 1 || u.saved.heading.Text != "Saved searches (1)" || u.saved.empty.Visible() {
		t.Fatalf("Saved view: %+v, heading %q", u.saved.searches, u.saved.heading.Text)
	}
	o := u.saved.list.CreateItem()
	u.saved.list.UpdateItem(0, o)
	if got := texts(o.(*fyne.Container).Objects[0]); !slices.Contains(got, "Kilimnik, bookmarked") || !slices.Contains(got, query) {
		t.Errorf("Saved view row %q", got)
	}
	u.do(func() { u.search.onClear() })
	u.do(func() { u.saved.list.Select(0) })
	if u.search.query() != query || u.results.query != query {
		t.Errorf("selecting the saved search: entry %q, results for %q", u.search.query(), u.results.query)
	}
	if len(u.results.items) != 1 || u.results.items[0].hit == nil || u.results.items[0].hit.PassageID != p.ID {
		t.Errorf("the saved search lists %d items, want passage 13", len(u.results.items))
	}
	del := o.(*fyne.Container).Objects[1].(*fyne.Container).Objects[1].(*widget.Button) // rename, delete
	u.do(func() { test.Tap(del) })
	if u.status.message.Text != "Deleted saved search “Kilimnik, bookmarked”." || len(u.saved.searches) != 0 || !u.saved.empty.Visible() {
		t.Errorf("after deleting the saved search: status %q, %d searches", u.status.message.Text, len(u.saved.searches))
	}
}

// TestSwitchFileForgetsAnnotations: another research file shows its own
// bookmarks and tags, and an undo offered in the old file is withdrawn (it
// would otherwise change the new file).
func TestSwitchFileForgetsAnnotations(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "kilimnik", 13)
	u.bookmarkWithNote(t, "in the first file")
	if len(u.bookmarks.marks) != 1 {
		t.Fatalf("%d bookmarks", len(u.bookmarks.marks))
	}
	u.do(func() { u.removeBookmark(u.bookmarks.marks[0]) })
	if !u.status.undo.Visible() {
		t.Fatal("no undo offered")
	}
	u.bookmarkWithNote(t, "kept in the first file") // so that the view has something to forget
	first := u.CurrentStore().Path()

	other := filepath.Join(t.TempDir(), "other.dossier")
	u.do(func() { u.switchToNew(other) })
	if u.status.undo.Visible() {
		t.Error("the old file's undo is still offered in the new file")
	}
	if len(u.bookmarks.marks) != 0 || u.bookmarks.heading.Text != "Bookmarks (0)" {
		t.Errorf("Bookmarks view after switching: %d bookmarks, heading %q", len(u.bookmarks.marks), u.bookmarks.heading.Text)
	}
	if u.status.undo.Visible() {
		u.do(func() { test.Tap(u.status.undo) })
		if bms, _ := u.CurrentStore().Bookmarks(context.Background()); len(bms) != 0 {
			t.Errorf("the old file's undo put %d bookmarks into the new file", len(bms))
		}
	}

	u.do(func() { u.switchTo(first) })
	bms, err := u.CurrentStore().Bookmarks(context.Background())
	if err != nil || len(bms) != 1 || bms[0].PassageID != p.ID || bms[0].Note != "kept in the first file" {
		t.Errorf("first file's bookmarks %+v (%v)", bms, err)
	}
	if len(u.bookmarks.marks) != 1 {
		t.Errorf("Bookmarks view back in the first file: %d bookmarks", len(u.bookmarks.marks))
	}
}

func TestQuoteSpan(t *testing.T) {
	passage := "Kilimnik was an associate of Paul Manafort, who served as Trump's 2016 campaign chairman."
	cases := []struct {
		quote   string
		want    *store.Range
		wantErr bool
	}{
		{passage, nil, false},
		{"  " + passage + "\n", nil, false},
		{"", nil, false},
		{"associate of Paul Manafort", &store.Range{Start: 16, End: 42}, false},
		{" Paul Manafort, ", &store.Range{Start: 29, End: 43}, false},
		{"associate of Paul Mueller", nil, true},
	}
	for _, c := range cases {
		got, err := quoteSpan(passage, c.quote)
		if (err != nil) != c.wantErr {
			t.Errorf("quoteSpan(%q) error %v, want error %v", c.quote, err, c.wantErr)
			continue
		}
		if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
			t.Errorf("quoteSpan(%q) = %v, want %v", c.quote, got, c.want)
		}
		if got != nil && passage[got.Start:got.End] != strings.TrimSpace(c.quote) {
			t.Errorf("span %v is %q", got, passage[got.Start:got.End])
		}
	}
}

// Shortening the quote in the bookmark dialog bookmarks that span only.
func TestBookmarkPartOfPassage(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	u.do(u.menuItem(t, "Edit", "Bookmark passage…").Action)
	d := u.dialog(t, "Bookmark passage")
	entries := findAll[*fieldEntry](d)
	if len(entries) != 2 || entries[1].Text != kilimnikPassage {
		t.Fatalf("want a note and a quote prefilled with the passage; got %d entries", len(entries))
	}
	u.do(func() {
		entries[0].SetText("Manafort link")
		entries[1].SetText("associate of Paul Manafort")
	})
	u.tapDialogButton(t, "Bookmark passage", "Bookmark")
	marks, err := u.CurrentStore().Bookmarks(context.Background())
	if err != nil || len(marks) != 1 {
		t.Fatalf("bookmarks %v, %v", marks, err)
	}
	if got := marks[0].Quote(); got != "associate of Paul Manafort" || marks[0].Note != "Manafort link" {
		t.Errorf("bookmark quote %q note %q", got, marks[0].Note)
	}
}

// A result's tag line works like chips: tapping it offers its tags as
// filters, and choosing one searches for that tag's passages.
func TestResultTagLineFilters(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	var row *resultRow
	for _, r := range findAll[*resultRow](u.w.Content()) {
		if r.body.Visible() && strings.Contains(r.tags.Text, "Konstantin Kilimnik") {
			row = r
			break
		}
	}
	if row == nil {
		t.Fatal("no visible result row lists Konstantin Kilimnik among its tags")
	}
	u.do(func() { test.Tap(row.tagArea) })
	menu := u.w.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("tapping the tag line opened no menu")
	}
	u.tapText(t, menu, "Show passages with Konstantin Kilimnik (actor)")
	if got := u.search.query(); got != `actor:"Konstantin Kilimnik"` {
		t.Fatalf("query %q after choosing the tag", got)
	}
	if u.results.total != 2 {
		t.Errorf("actor filter lists %d passages, want 2", u.results.total)
	}
}

// Every row of the Bookmarks list fits the height the list gives it (its
// template's): a long quote wrapped over three lines ran into the rows
// below it, its note drawn over the next row's heading. At the default and
// the largest text.
func TestBookmarkRowsFitTheirHeight(t *testing.T) {
	u := newTestUI(t)
	u.w.Resize(fyne.NewSize(1280, 800))
	long := "The plumtwist committee heard that the campaign chairman shared internal polling data with a person the report describes as tied to Russian intelligence, and that the meetings continued through the summer."
	importFile(t, u.CurrentStore(), writeFile(t, filepath.Join(t.TempDir(), "long.txt"), "Long passages\n\n"+long+"\n"))
	u.openPassage(t, "plumtwist", 1)
	u.press(t, fyne.KeyD, ctrl)
	u.press(t, fyne.KeyReturn, fyne.KeyModifierControl)
	u.do(func() { u.sidebar.showNamed("bookmarks") })
	l := u.bookmarks.list
	if l.Length() != 1 || len([]rune(u.bookmarks.marks[0].Quote())) < 100 {
		t.Fatalf("%d bookmarks; want one with a long quote", l.Length())
	}
	for _, scale := range []float32{defaultTextScale, maxTextScale} {
		u.do(func() { u.setTextScale(scale) })
		u.do(func() { u.w.Canvas().Capture() })
		row := l.CreateItem()
		height := row.MinSize().Height // every row's, as the list lays them out
		l.UpdateItem(0, row)
		row.Resize(fyne.NewSize(l.Size().Width, height))
		if got := row.MinSize().Height; got > height {
			t.Errorf("text ×%v: a bookmark row needs %v px in a %v px wide list, and is given %v", scale, got, l.Size().Width, height)
		}
	}
}

// The reader keeps its place when its width changes (the split dragged, or
// the claims ledger widening its pane as a row is clicked): wrapped text
// grows taller as the reader narrows, and the same scroll offset showed
// earlier passages, the one opened below the fold (UI pass #11).
func TestReaderKeepsItsPlaceWhenNarrowed(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.w.Resize(fyne.NewSize(1280, 800)) })
	u.openPassage(t, "putin", 6)
	u.do(func() { u.w.Canvas().Capture() })
	r := u.reader
	if top := r.topRow(); top != r.focus {
		t.Fatalf("the opened passage (row %d) is not at the top: row %d is", r.focus, top)
	}
	for _, width := range []float32{900, 1280, 760} {
		u.do(func() { u.w.Resize(fyne.NewSize(width, 800)) })
		u.do(func() { u.w.Canvas().Capture() })
		if top := r.topRow(); top != r.focus {
			t.Errorf("at %v px the reader shows row %d at its top, not the opened passage (row %d)", width, top, r.focus)
		}
	}
}

// The first ledger row clicked after the Claims section opens (narrowing
// the reader) brings its passage to the top of the reader, once the rows
// just built have been drawn (found by a hostile pass: ¶ 6–7 showed for
// ¶ 11, until the row was clicked again).
func TestFirstLedgerClickShowsItsPassageAtTheTop(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.w.Resize(fyne.NewSize(1280, 800)) })
	var b strings.Builder
	b.WriteString("Long report\n\n")
	for i := range 60 {
		fmt.Fprintf(&b, "Paragraph %d. %s\n\n", i+1, strings.Repeat("The committee heard that the campaign chairman shared internal polling data with a person tied to intelligence services. ", 4))
	}
	st := u.CurrentStore()
	importFile(t, st, writeFile(t, filepath.Join(t.TempDir(), "long.txt"), b.String()))
	source := "Reuters"
	p := u.openPassage(t, `"paragraph 50"`, 50)
	if _, err := st.MarkClaim(context.Background(), p.ID, store.Range{Start: 0, End: 12}, store.ClaimEdit{Source: &source}); err != nil {
		t.Fatal(err)
	}
	u.openPassage(t, `"paragraph 1"`, 1) // the reader at the document's top, wide
	u.do(func() { u.w.Canvas().Capture() })
	u.openClaims(t)
	u.do(func() { u.w.Canvas().Capture() })
	row := shownRow(t, u, rowOf(t, u, "Paragraph 50"))
	u.do(func() { row.Tapped(&fyne.PointEvent{}) })
	u.work.wait()
	u.do(func() { u.w.Canvas().Capture() })
	u.work.wait()
	r := u.reader
	var top, focus int
	u.do(func() { top, focus = r.topRow(), r.focus })
	if top != focus {
		t.Errorf("after the first ledger click the reader shows row %d at its top, not the claim's passage (row %d)", top, focus)
	}
}

// "Show earlier passages" keeps the passage at the top of the reader where
// it was; the passages added above pushed it 40 down (found by a UI pass).
func TestShowingEarlierPassagesKeepsTheReadersPlace(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.w.Resize(fyne.NewSize(1280, 800)) })
	var b strings.Builder
	b.WriteString("Long report\n\n")
	for i := range 150 {
		fmt.Fprintf(&b, "Paragraph %d. The committee heard that the campaign chairman shared internal polling data.\n\n", i+1)
	}
	importFile(t, u.CurrentStore(), writeFile(t, filepath.Join(t.TempDir(), "long.txt"), b.String()))
	u.openPassage(t, `"paragraph 120"`, 120)
	u.do(func() { u.w.Canvas().Capture() })
	u.work.wait()
	r := u.reader
	var top, lo int
	u.do(func() { top, lo = r.topRow(), r.lo })
	if top != r.focus || lo == 0 {
		t.Fatalf("opened: row %d at the top, first row %d; want the opened row %d, earlier ones hidden", top, lo, r.focus)
	}
	u.do(func() { r.widen(-readerWindow) })
	u.do(func() { u.w.Canvas().Capture() })
	u.work.wait()
	u.do(func() { top, lo = r.topRow(), r.lo })
	if top != r.focus || lo >= r.focus-readerWindow/3 {
		t.Errorf("after showing earlier passages: row %d at the top (first row %d), want row %d still there", top, lo, r.focus)
	}
	// Scrolled to the top, the button in view: the first passage stays at
	// the same pixel, not a button's height higher (found by a UI pass).
	var first int
	var before, after float32
	u.do(func() {
		r.scroll.ScrollToOffset(fyne.NewPos(0, 0))
		first = r.lo
		before = r.rows[first].content.Position().Y - r.scroll.Offset.Y
	})
	u.do(func() { r.widen(-readerWindow) })
	u.do(func() { u.w.Canvas().Capture() })
	u.work.wait()
	u.do(func() { after = r.rows[first].content.Position().Y - r.scroll.Offset.Y })
	if math.Abs(float64(after-before)) > 1 {
		t.Errorf("after showing earlier passages from the top, row %d is %v px into the view; it was %v", first, after, before)
	}
}
