package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"dossier/store"
)

// ledger is the text of a document titled "Ledger", told apart by n.
func ledger(n int) string { return fmt.Sprintf("Ledger\n\nPage %d of the quetzalvane ledger.\n", n) }

// importLedgers imports n documents titled "Ledger" into s, ledger1.txt
// to ledgern.txt (versions 1 to n), and gives their ids.
func importLedgers(t *testing.T, s *store.Store, n int) []int64 {
	t.Helper()
	var ids []int64
	for i := 1; i <= n; i++ {
		ids = append(ids, importText(t, s, fmt.Sprintf("ledger%d.txt", i), ledger(i)).DocumentID)
	}
	return ids
}

// importOther imports a document titled "Other" into s, and gives its id.
func importOther(t *testing.T, s *store.Store) int64 {
	t.Helper()
	return importText(t, s, "other.txt", "Other\n\nSomething else.\n").DocumentID
}

// versionOf is document id's version, failing t if it is gone.
func versionOf(t *testing.T, s *store.Store, id int64) int {
	t.Helper()
	d, err := s.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Version
}

// versionsOf is each listed document's version, in the order given.
func versionsOf(t *testing.T, s *store.Store, ids ...int64) []int {
	t.Helper()
	var got []int
	for _, id := range ids {
		got = append(got, versionOf(t, s, id))
	}
	return got
}

// A document's version is given once and never to another document of
// its title: deleting v2 leaves v1 and v3, the next import is v4, undoing
// the delete brings v2 back, and the newest deleted leaves its number
// unused (numbered by place among those standing, v3 read "v2", the label
// of the document just deleted; a UI pass).
func TestVersionsOutliveDeletes(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	ids := importLedgers(t, s, 3)
	if got := versionsOf(t, s, ids...); !slices.Equal(got, []int{1, 2, 3}) {
		t.Fatalf("versions at import: %v, want [1 2 3]", got)
	}
	snap, err := s.RemoveDocument(ctx, ids[1])
	if err != nil {
		t.Fatal(err)
	}
	if got := versionsOf(t, s, ids[0], ids[2]); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("versions after deleting v2: %v, want [1 3]", got)
	}
	fourth := importText(t, s, "ledger4.txt", ledger(4)).DocumentID
	if v := versionOf(t, s, fourth); v != 4 {
		t.Errorf("imported after deleting v2: v%d, want v4", v)
	}
	if err := s.RestoreDocument(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if got := versionsOf(t, s, ids[0], ids[1], ids[2], fourth); !slices.Equal(got, []int{1, 2, 3, 4}) {
		t.Errorf("versions after undoing the delete: %v, want [1 2 3 4]", got)
	}
	if _, err := s.RemoveDocument(ctx, fourth); err != nil {
		t.Fatal(err)
	}
	if v := versionOf(t, s, importText(t, s, "ledger5.txt", ledger(5)).DocumentID); v != 5 {
		t.Errorf("imported after deleting v4, the newest: v%d, want v5 (v4 named the deleted one)", v)
	}
	// Another title counts its own.
	if v := versionOf(t, s, importOther(t, s)); v != 1 {
		t.Errorf("the first of another title: v%d, want v1", v)
	}
}

// A document renamed into another title takes the next number of that
// title, and leaves the rest of its old title as they were; renamed back
// (an undo, by either way a title is given), it takes its old number
// again.
func TestVersionsThroughRenames(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	ids := importLedgers(t, s, 3)
	other := importOther(t, s)
	old, err := s.RenameDocument(ctx, ids[0], "Other")
	if err != nil || old != "Ledger" {
		t.Fatalf("rename: %q, %v", old, err)
	}
	if got := versionsOf(t, s, ids[0], other, ids[1], ids[2]); !slices.Equal(got, []int{2, 1, 2, 3}) {
		t.Errorf("versions after renaming Ledger v1 to Other: %v, want [2 1 2 3] (Other's next; Ledger's kept)", got)
	}
	if err := s.SetDocumentTitleOver(ctx, ids[0], "Ledger", "Other"); err != nil {
		t.Fatal(err)
	}
	if got := versionsOf(t, s, ids[0], other); !slices.Equal(got, []int{1, 1}) {
		t.Errorf("versions after undoing the rename: %v, want [1 1]", got)
	}
	if err := s.SetDocumentTitle(ctx, ids[0], "Other"); err != nil {
		t.Fatal(err)
	}
	if v := versionOf(t, s, ids[0]); v != 2 {
		t.Errorf("redone: v%d, want v2, its number there", v)
	}
	if err := s.SetDocumentTitle(ctx, ids[0], "Ledger"); err != nil {
		t.Fatal(err)
	}
	// Document details: a title edited there is a rename too.
	was, err := s.EditDocumentDetails(ctx, ids[2], store.DocumentDetails{Title: "Ledger"}, store.DocumentDetails{Title: "Fresh"})
	if err != nil {
		t.Fatal(err)
	}
	if v := versionOf(t, s, ids[2]); v != 1 {
		t.Errorf("the first of a new title: v%d, want v1", v)
	}
	d, err := s.Document(ctx, ids[2])
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutDocumentDetails(ctx, ids[2], was, d.Details()); err != nil {
		t.Fatal(err)
	}
	if got := versionsOf(t, s, ids[0], ids[1], ids[2]); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("Ledger after the details' undo: %v, want [1 2 3]", got)
	}
	// An edit leaving the title as it was keeps the number.
	if _, err := s.SetDocumentDetails(ctx, ids[1], store.DocumentDetails{Title: "Ledger", Author: "A. Clerk"}); err != nil {
		t.Fatal(err)
	}
	if v := versionOf(t, s, ids[1]); v != 2 {
		t.Errorf("an author given: v%d, want v2", v)
	}
	// Deleted with its former numbers, and brought back: renamed back, it
	// still takes its own.
	if _, err := s.RenameDocument(ctx, ids[1], "Other"); err != nil {
		t.Fatal(err)
	}
	snap, err := s.RemoveDocument(ctx, ids[1])
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreDocument(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDocumentTitle(ctx, ids[1], "Ledger"); err != nil {
		t.Fatal(err)
	}
	if v := versionOf(t, s, ids[1]); v != 2 {
		t.Errorf("renamed back after a delete and its undo: v%d, want v2", v)
	}
}

// A file of schema 17 (before versions) numbers its documents as the
// library did, by import time, then id, within each title, and goes on
// from there; it checks clean.
func TestVersionMigrationNumbersOldDocuments(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.dossier")
	s := mustOpenAt(t, path)
	ids := importLedgers(t, s, 3)
	other := importOther(t, s)
	s.Close()
	db := rawDB(t, path)
	// The first imported last (its time earlier than the others'), as a
	// file whose ids and times disagree: the time comes first.
	execAll(t, db, append([]string{`UPDATE documents SET imported_at = '2001-01-01T00:00:00Z' WHERE id = ` + fmt.Sprint(ids[2])},
		store.UndoDocumentVersions()...)...)
	db.Close()
	migratesClean(t, path, "a file of schema 17")
	s = mustOpenAt(t, path)
	defer s.Close()
	if got := versionsOf(t, s, ids[2], ids[0], ids[1], other); !slices.Equal(got, []int{1, 2, 3, 1}) {
		t.Errorf("versions after the migration: %v, want [1 2 3 1]", got)
	}
	if _, err := s.RemoveDocument(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	if v := versionOf(t, s, importText(t, s, "ledger4.txt", ledger(4)).DocumentID); v != 4 {
		t.Errorf("imported after the migration and a delete of v3: v%d, want v4", v)
	}
}

// An annotation bundle carries each annotated document's version, and a
// file holding the same documents takes them on restore where no other
// document of the title had that number there.
func TestBundleCarriesVersions(t *testing.T) {
	ctx := context.Background()
	a := mustOpen(t)
	ids := importLedgers(t, a, 3)
	if _, err := a.RemoveDocument(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{ids[0], ids[2]} { // a bundle names the documents its work is on
		ps, err := a.Passages(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.AddBookmark(ctx, ps[0].ID, nil, "see v"+fmt.Sprint(versionOf(t, a, id))); err != nil {
			t.Fatal(err)
		}
	}
	data := exportJSON(t, a, "")
	var bundle store.Bundle
	if err := json.Unmarshal(data, &bundle); err != nil {
		t.Fatal(err)
	}
	var carried []int
	for _, d := range bundle.Documents {
		carried = append(carried, d.Version)
	}
	if slices.Sort(carried); !slices.Equal(carried, []int{1, 3}) {
		t.Errorf("versions in the bundle: %v, want [1 3]", carried)
	}

	// B holds v1 and v3's files, numbered 1 and 2 at their import.
	b := mustOpen(t)
	first, third := importText(t, b, "ledger1.txt", ledger(1)).DocumentID, importText(t, b, "ledger3.txt", ledger(3)).DocumentID
	if got := versionsOf(t, b, first, third); !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("B before the restore: %v", got)
	}
	if _, err := b.ImportBundle(ctx, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if got := versionsOf(t, b, first, third); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("B after the restore: %v, want [1 3], A's", got)
	}
	if v := versionOf(t, b, importText(t, b, "ledger4.txt", ledger(4)).DocumentID); v != 4 {
		t.Errorf("imported into B after the restore: v%d, want v4", v)
	}

	// C numbered them the other way round: its v1 (ledger3) takes the
	// bundle's v3, which C never gave; ledger1 keeps C's v2, as the
	// bundle's v1 was ledger3's here.
	c := mustOpen(t)
	cThird, cFirst := importText(t, c, "ledger3.txt", ledger(3)).DocumentID, importText(t, c, "ledger1.txt", ledger(1)).DocumentID
	if _, err := c.ImportBundle(ctx, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if got := versionsOf(t, c, cFirst, cThird); !slices.Equal(got, []int{2, 3}) {
		t.Errorf("C after the restore: %v, want [2 3]", got)
	}
}

// Recover keeps each document's version and its title's count; a
// document whose version another of its title has too (salvaged, its
// columns after the text lost, it reads the default; or written so by
// another program) is numbered anew, the next of its title.
func TestRecoverKeepsVersions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s := mustOpenAt(t, path)
	ids := importLedgers(t, s, 4)
	if _, err := s.RemoveDocument(ctx, ids[3]); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db := rawDB(t, path)
	execAll(t, db, fmt.Sprintf(`UPDATE documents SET version = 1 WHERE id = %d`, ids[2]))
	db.Close()
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	if _, err := store.Recover(ctx, path, out); err != nil {
		t.Fatal(err)
	}
	r := mustOpenAt(t, out)
	defer r.Close()
	if got := versionsOf(t, r, ids[0], ids[1], ids[2]); !slices.Equal(got, []int{1, 2, 5}) {
		t.Errorf("recovered versions: %v, want [1 2 5] (the second v1 the next after the deleted v4)", got)
	}
	if v := versionOf(t, r, importText(t, r, "ledger6.txt", ledger(6)).DocumentID); v != 6 {
		t.Errorf("imported into the recovered file: v%d, want v6", v)
	}
}

// A title whose documents another program numbered past any count (SQLite's
// largest integer, one more is a float) still takes imports and renames:
// they were refused, "a fault in Dossier", reading the next number.
func TestAHugeVersionLeavesItsTitleNumbered(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s := mustOpenAt(t, path)
	first := importText(t, s, "ledger1.txt", ledger(1)).DocumentID
	huge := importText(t, s, "ledger2.txt", ledger(2)).DocumentID
	other := importOther(t, s)
	s.Close()
	db := rawDB(t, path)
	execAll(t, db, fmt.Sprintf(`UPDATE documents SET version = 9223372036854775807 WHERE id = %d`, huge),
		`UPDATE title_versions SET last = 9223372036854775807 WHERE title = 'Ledger'`)
	db.Close()
	s = mustOpenAt(t, path)
	defer s.Close()
	next := importText(t, s, "ledger3.txt", ledger(3)).DocumentID
	if _, err := s.RenameDocument(ctx, other, "Ledger"); err != nil {
		t.Fatalf("renaming into the title: %v", err)
	}
	if got := versionsOf(t, s, first, next, other); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("versions beside the huge one: %v, want [1 2 3]", got)
	}
	if v := versionOf(t, s, huge); v != 9223372036854775807 {
		t.Errorf("the huge version became %d; another program's number is kept", v)
	}
}
