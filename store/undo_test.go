package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// dump lists every row of every table of the research file (the full-text
// index's shadow tables aside: their layout depends on write history), so
// that a test can compare the whole database before and after.
func dump(t *testing.T, s *store.Store) string {
	t.Helper()
	db := rawDB(t, s.Path())
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'passages_fts%' AND name NOT LIKE 'sqlite_%'
		AND name NOT IN (SELECT value FROM json_each(?)) ORDER BY name`, dumpSkipJSON())
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tb := range tables {
		cols, lines := queryLines(t, db, `SELECT * FROM `+tb+` `+stampLeftOut(tb))
		slices.Sort(lines)
		fmt.Fprintf(&b, "%s %v\n%s\n", tb, cols, strings.Join(lines, "\n"))
	}
	return b.String()
}

// dumpSkip are tables dump leaves out (set by a test, put back after it).
var dumpSkip []string

func dumpSkipJSON() string {
	b, _ := json.Marshal(append([]string{}, dumpSkip...))
	return string(b)
}

// sameDB fails the test if the database differs from want.
func sameDB(t *testing.T, s *store.Store, want, when string) {
	t.Helper()
	if got := dump(t, s); got != want {
		t.Fatalf("%s: the database differs:\n%s", when, lineDiff(want, got))
	}
}

// lineDiff shows the lines only in a and only in b.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for _, l := range al {
		if !slices.Contains(bl, l) {
			out = append(out, "- "+clip(l))
		}
	}
	for _, l := range bl {
		if !slices.Contains(al, l) {
			out = append(out, "+ "+clip(l))
		}
	}
	return strings.Join(out, "\n")
}

// roundTrip does a change, undoes it (the database must be as before),
// redoes it (as after the change) and undoes it again.
func roundTrip(t *testing.T, s *store.Store, name string, do func() error, undo, redo func() error) {
	t.Helper()
	before := dump(t, s)
	if err := do(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	after := dump(t, s)
	if after == before {
		t.Fatalf("%s changed nothing", name)
	}
	if err := undo(); err != nil {
		t.Fatalf("undo %s: %v", name, err)
	}
	sameDB(t, s, before, "after undo "+name)
	if err := redo(); err != nil {
		t.Fatalf("redo %s: %v", name, err)
	}
	sameDB(t, s, after, "after redo "+name)
	if err := undo(); err != nil {
		t.Fatalf("second undo %s: %v", name, err)
	}
	sameDB(t, s, before, "after the second undo of "+name)
	if err := redo(); err != nil {
		t.Fatalf("second redo %s: %v", name, err)
	}
}

func TestUndoRedoBookmarks(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	p := passageAt(t, s, doc, 7)
	// One time for every change: a redone removal is remembered at the
	// time of the redo, and the dumps compare the whole file.
	store.SetClock(s, func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) })
	// An undo of an added bookmark remembers its removal then (the test
	// TestUndoneNewBookmarkStaysAwayFromAnOlderBundle): exact but for those.
	dumpSkip = []string{"bookmark_removals"}
	t.Cleanup(func() { dumpSkip = nil })

	var b store.Bookmark
	roundTrip(t, s, "add bookmark", func() (err error) {
		b, err = s.AddBookmark(ctx, p.ID, &store.Range{Start: 0, End: 8}, "first note")
		return err
	}, func() error { return s.UnaddBookmark(ctx, b.ID) },
		func() error { return s.RestoreBookmark(ctx, b) })

	var before, after store.Bookmark
	roundTrip(t, s, "edit note", func() (err error) {
		before, after, err = s.EditBookmarkNote(ctx, b.ID, "second thoughts")
		return err
	}, func() error { return s.RestoreBookmark(ctx, before) },
		func() error { return s.RestoreBookmark(ctx, after) })
	if before.Note != "first note" || after.Note != "second thoughts" {
		t.Errorf("EditBookmarkNote: before %q, after %q", before.Note, after.Note)
	}

	var removed store.Bookmark
	roundTrip(t, s, "remove bookmark", func() (err error) {
		removed, err = s.DeleteBookmark(ctx, b.ID)
		return err
	}, func() error { return s.RestoreBookmark(ctx, removed) },
		func() error { _, err := s.DeleteBookmark(ctx, removed.ID); return err })
	if _, _, err := s.EditBookmarkNote(ctx, 98765, "x"); err == nil {
		t.Error("EditBookmarkNote of no bookmark: no error")
	}
}

func TestUndoRedoTaggings(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	// An undo or redo that takes a tagging away remembers its removal then
	// (the tests *OutlivesBundleFromBetween): exact but for those.
	store.SetClock(s, func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) })
	dumpSkip = []string{"passage_tag_removals", "document_tag_removals"}
	t.Cleanup(func() { dumpSkip = nil })
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	pending, err := s.TagPassages(ctx, kil.ID, store.StatePending)
	if err != nil || len(pending) != 2 {
		t.Fatalf("Kilimnik's suggestions: %v, %v", pending, err)
	}
	plain := passageAt(t, s, doc, 2)
	track := func(name string, do func() (store.TaggingChange, error)) {
		t.Helper()
		var c store.TaggingChange
		roundTrip(t, s, name, func() (err error) { c, err = do(); return err },
			func() error { return s.UndoTaggings(ctx, c) },
			func() error { return s.RedoTaggings(ctx, c) })
	}
	// A new tagging, a suggestion accepted by tagging, one accepted and
	// one rejected from the chip, a removal, a document tag and its removal.
	track("tag passage", func() (store.TaggingChange, error) {
		return s.TagPassageUndoable(ctx, plain.ID, kil.ID, nil)
	})
	track("remove tag", func() (store.TaggingChange, error) { return s.UntagPassageUndoable(ctx, plain.ID, kil.ID) })
	track("tag a suggested passage", func() (store.TaggingChange, error) {
		return s.TagPassageUndoable(ctx, pending[0].PassageID, kil.ID, nil)
	})
	track("accept suggestion", func() (store.TaggingChange, error) {
		return s.SetTaggingStateUndoable(ctx, pending[1].PassageID, kil.ID, store.StateAccepted)
	})
	track("reject suggestion", func() (store.TaggingChange, error) {
		return s.SetTaggingStateUndoable(ctx, pending[1].PassageID, kil.ID, store.StateRejected)
	})
	track("remove suggested tag", func() (store.TaggingChange, error) {
		return s.UntagPassageUndoable(ctx, pending[0].PassageID, kil.ID)
	})
	track("tag document", func() (store.TaggingChange, error) { return s.TagDocumentUndoable(ctx, doc, kil.ID) })
	track("untag document", func() (store.TaggingChange, error) { return s.UntagDocumentUndoable(ctx, doc, kil.ID) })

	trump := tagNamed(t, s, store.FamilyActor, "Donald Trump")
	if trump.Pending < 2 {
		t.Fatalf("Trump has %d suggestions", trump.Pending)
	}
	track("accept all", func() (store.TaggingChange, error) {
		return s.DecideSuggestionsUndoable(ctx, trump.ID, store.StateAccepted)
	})
	iran := tagNamed(t, s, store.FamilyActor, "Iran")
	track("reject all", func() (store.TaggingChange, error) {
		return s.DecideSuggestionsUndoable(ctx, iran.ID, store.StateRejected)
	})
	if _, err := s.SetTaggingStateUndoable(ctx, plain.ID, trump.ID, "maybe"); err == nil {
		t.Error("an unknown state: no error")
	}
}

func TestUndoRedoTagManagement(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	// One time for every change: a merge redone gives up the loser's name
	// at the time of the redo. An undo or redo that takes a name or a
	// tagging away remembers it then (the tests *OutlivesBundleFromBetween):
	// exact but for those (an alias it takes off too).
	store.SetClock(s, func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) })
	dumpSkip = []string{"passage_tag_removals", "document_tag_removals", "tag_former_names", "tag_removals", "tag_alias_removals"}
	t.Cleanup(func() { dumpSkip = nil })

	var created store.Tag
	var snap *store.TagSnapshot
	roundTrip(t, s, "create tag", func() (err error) {
		created, snap, err = s.CreateTagUndoable(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "The campaign chairman", Aliases: []string{"chairman"}})
		return err
	}, func() error { _, err := s.DeleteTag(ctx, created.ID); return err },
		func() error { return s.Restore(ctx, snap) })

	var before, after *store.TagSnapshot
	edited := created
	edited.Name, edited.Aliases, edited.Color = "Campaign chair", []string{"chairman", "campaign"}, "#c0392b"
	roundTrip(t, s, "edit tag", func() (err error) {
		before, after, err = s.EditTag(ctx, edited)
		return err
	}, func() error { return s.Restore(ctx, before) }, func() error { return s.Restore(ctx, after) })

	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	roundTrip(t, s, "merge", func() (err error) {
		snap, err = s.MergeTags(ctx, created.ID, kil.ID)
		return err
	}, func() error { return s.Restore(ctx, snap) },
		func() error { _, err := s.MergeTags(ctx, created.ID, kil.ID); return err })
	roundTrip(t, s, "delete tag", func() (err error) {
		snap, err = s.DeleteTag(ctx, created.ID) // with the merged taggings
		return err
	}, func() error { return s.Restore(ctx, snap) },
		func() error { _, err := s.DeleteTag(ctx, created.ID); return err })
}

func TestUndoRedoSavedSearches(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	// Undo and redo are dated as changes made then (bundles date saved
	// searches by their export only), and a name they give up is
	// remembered as removed then: exact but for those, which
	// TestSavedSearchRedoAfterExport and TestSavedSearchUndoAfterExport check.
	store.SetClock(s, func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) })
	dumpSkip = []string{"saved_search_removals"}
	t.Cleanup(func() { dumpSkip = nil })
	var c store.SavedSearchChange
	undo := func() error { return s.UndoSavedSearch(ctx, c) }
	redo := func() error { return s.RedoSavedSearch(ctx, c) }
	roundTrip(t, s, "save", func() (err error) { c, err = s.SaveSearchUndoable(ctx, "Kilimnik", "kilimnik"); return err }, undo, redo)
	roundTrip(t, s, "save again by name", func() (err error) {
		c, err = s.SaveSearchUndoable(ctx, "kilimnik", "kilimnik -trump")
		return err
	}, undo, redo)
	if c.Before == nil || c.After == nil || c.Before.ID != c.After.ID {
		t.Errorf("saving over a name: %+v", c)
	}
	id := c.ID
	roundTrip(t, s, "rename", func() (err error) { c, err = s.RenameSavedSearch(ctx, id, "K. without Trump"); return err }, undo, redo)
	roundTrip(t, s, "delete", func() (err error) { c, err = s.DeleteSavedSearchUndoable(ctx, id); return err }, undo, redo)

	if _, err := s.SaveSearchUndoable(ctx, "Other", "iran"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RenameSavedSearch(ctx, 9999, "x"); err == nil {
		t.Error("renaming no saved search: no error")
	}
	ss, _ := s.SavedSearches(ctx)
	if _, err := s.RenameSavedSearch(ctx, ss[0].ID, "OTHER"); ss[0].Name != "Other" || err != nil {
		t.Errorf("renaming to its own name in another case: %v", err)
	}
	c, _ = s.SaveSearchUndoable(ctx, "Second", "china")
	if _, err := s.RenameSavedSearch(ctx, c.ID, "other"); err == nil || !strings.Contains(err.Error(), "already a saved search") {
		t.Errorf("renaming onto another's name: %v", err)
	}
}

func TestDeleteDocumentUndo(t *testing.T) {
	s, seed := mustResearch(t)
	ctx := context.Background()
	other := importText(t, s, "other.txt", "Other report\n\nKilimnik met Manafort in Madrid.\n\nA second paragraph on sanctions.\n")
	// Annotate the seed: a bookmark, a tag, accepted and rejected
	// suggestions, a document tag.
	p := passageAt(t, s, seed, 7)
	if _, err := s.AddBookmark(ctx, p.ID, nil, "note"); err != nil {
		t.Fatal(err)
	}
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	if err := s.TagPassage(ctx, passageAt(t, s, seed, 2).ID, kil.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTaggingState(ctx, p.ID, kil.ID, store.StateAccepted); err != nil {
		t.Fatal(err)
	}
	if err := s.TagDocument(ctx, seed, kil.ID); err != nil {
		t.Fatal(err)
	}
	counts, err := s.DocumentAnnotations(ctx, seed)
	if err != nil || counts.Bookmarks != 1 || counts.Tags != 2 || counts.DocumentTags != 1 || counts.Suggestions == 0 {
		t.Fatalf("DocumentAnnotations: %+v, %v", counts, err)
	}
	search := func() int {
		res, err := s.Search(ctx, store.SearchRequest{Query: "kilimnik"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	hitsBefore := search()

	var snap *store.DocumentSnapshot
	roundTrip(t, s, "delete document", func() (err error) {
		snap, err = s.RemoveDocument(ctx, seed)
		if err == nil && search() != 1 {
			t.Errorf("after the delete, kilimnik matches %d passages; want 1 (the other document's)", search())
		}
		return err
	}, func() error { return s.RestoreDocument(ctx, snap) },
		func() (err error) { snap, err = s.RemoveDocument(ctx, seed); return err })
	ftsIntegrity(t, s.Path())

	if err := s.RestoreDocument(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if got := search(); got != hitsBefore {
		t.Errorf("after undoing the delete, kilimnik matches %d passages; want %d", got, hitsBefore)
	}
	ftsIntegrity(t, s.Path())

	// Undo is refused, changing nothing, when the same file came back by
	// import, or when a later import took the deleted document's ids.
	if snap, err = s.RemoveDocument(ctx, other.DocumentID); err != nil {
		t.Fatal(err)
	}
	again := importText(t, s, "other.txt", "Other report\n\nKilimnik met Manafort in Madrid.\n\nA second paragraph on sanctions.\n")
	before := dump(t, s)
	if err := s.RestoreDocument(ctx, snap); err == nil || !strings.Contains(err.Error(), "imported again") {
		t.Errorf("restoring a re-imported document: %v", err)
	}
	sameDB(t, s, before, "after a refused restore")
	if snap, err = s.RemoveDocument(ctx, again.DocumentID); err != nil {
		t.Fatal(err)
	}
	importText(t, s, "third.txt", "Third\n\nSomething else entirely.\n")
	before = dump(t, s)
	if err := s.RestoreDocument(ctx, snap); err == nil || !strings.Contains(err.Error(), "took its place") {
		t.Errorf("restoring onto taken ids: %v", err)
	}
	sameDB(t, s, before, "after a refused restore")
	if _, err := s.RemoveDocument(ctx, 9999); err == nil {
		t.Error("removing no document: no error")
	}
}

// Every table that refers to documents or passages is saved with a deleted
// document, so that undo brings all of it back (a table added by a later
// migration must be added to the snapshot).
func TestDocumentSnapshotCoversEveryTable(t *testing.T) {
	s := mustOpen(t)
	db := rawDB(t, s.Path())
	rows, err := db.Query(`SELECT m.name, f."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" IN ('documents', 'passages')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	found := 0
	for rows.Next() {
		var table, ref string
		rows.Scan(&table, &ref)
		found++
		if !slices.Contains(store.DocumentTables(), table) {
			t.Errorf("table %s refers to %s but is not in a deleted document's snapshot", table, ref)
		}
	}
	if found < 4 { // passages, passage_tags, document_tags, bookmarks
		t.Errorf("found %d references to documents and passages; the check reads the schema wrong", found)
	}
}

func TestRenameDocument(t *testing.T) {
	s, seed := mustResearch(t)
	ctx := context.Background()
	// A rename gives the new title a version, never given again, and the
	// document keeps the one it had under the old (docversions.go): exact
	// but for those memories (its version itself comes back).
	dumpSkip = []string{"document_former_versions", "title_versions"}
	t.Cleanup(func() { dumpSkip = nil })
	before := dump(t, s)
	old, err := s.RenameDocument(ctx, seed, "  A  new\ttitle ")
	if err != nil || old != seedTitle {
		t.Fatalf("RenameDocument: %q, %v", old, err)
	}
	if d, _ := s.Document(ctx, seed); d.Title != "A new title" {
		t.Errorf("title %q", d.Title)
	}
	if err := s.SetDocumentTitle(ctx, seed, old); err != nil {
		t.Fatal(err)
	}
	sameDB(t, s, before, "after undoing the rename")
	// Bytes that are not UTF-8 (a shell's argument to docs --rename) are
	// refused: stored, they became U+FFFD in every JSON export.
	for _, bad := range []string{"", "  ", strings.Repeat("x", 501), "bad \xff\xfe title"} {
		if _, err := s.RenameDocument(ctx, seed, bad); err == nil {
			t.Errorf("RenameDocument(%q): no error", clip(bad))
		}
	}
	if d, _ := s.Document(ctx, seed); d.Title != seedTitle {
		t.Errorf("after the refused renames the title is %q", d.Title)
	}
	if _, err := s.RenameDocument(ctx, 9999, "x"); err == nil {
		t.Error("renaming no document: no error")
	}
}
