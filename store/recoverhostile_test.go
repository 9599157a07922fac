package store_test

// Regression tests from a hostile pass (re-2026-12-05c) on recover: each
// comment says what went wrong before the fix.

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// A document another program inserted with the largest rowid SQLite allows
// (9223372036854775807). keyBounds returns max(id)+1 as the end of the
// range, which overflows to math.MinInt64: the range loop never runs and
// recover copies no document at all, so every passage then fails its
// foreign key. The report counts the documents as neither recovered nor
// skipped: the user's whole library is lost after "recover".
func TestRecoverKeepsDocumentsBesideTheLargestRowid(t *testing.T) {
	path, _ := alteredFile(t, `INSERT INTO documents (id, title, content_hash, text, imported_at)
		VALUES (9223372036854775807, 'far', 'far-hash', 'far text', '2026-12-01T00:00:00Z')`)
	var want int
	if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM documents`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), path, out)
	if err != nil {
		t.Fatal(err)
	}
	var got, passages int
	if err := rawDB(t, out).QueryRow(`SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM passages)`).Scan(&got, &passages); err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("recovered %d of %d documents (%d passages): %s", got, want, passages, rep)
	}
}

// One bookmark another program stored with a far-off id (1<<40; any
// rowid is allowed). recoverTable reads bookmarks' ids in ranges of 512
// from min(id) to max(id): two billion queries over empty ranges, so
// recover never finishes (it was still running after a minute for a file
// of 20 bookmarks). The same holds for one passage_tags row with a
// passage_id of -9e18, or a document with id 1<<40 (ranges of 4).
func TestRecoverFinishesWithAFarOffId(t *testing.T) {
	path, _ := alteredFile(t, `UPDATE bookmarks SET id = 1099511627776 WHERE id = (SELECT max(id) FROM bookmarks)`)
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	began := time.Now()
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatalf("Recover of a file of 20 bookmarks, one with id 1<<40: %v after %s (%s)", err, time.Since(began).Round(time.Second), rep)
	}
}

// Another program rebuilt bookmarks (the usual CREATE new / INSERT …
// SELECT by name / DROP / RENAME that SQLite's docs give, and that DB
// tools do to reorder columns) with created_at and updated_at in each
// other's place; every value is in its right column by name. Dossier's
// table with "created_at renamed to updated_at and updated_at to
// created_at" gives the same statement word for word, so recover takes it
// for two renames and copies every bookmark's created_at from updated_at
// and back: the dates are silently swapped, and the report claims columns
// were renamed that never were. Same for span_start/span_end of bookmarks,
// passage_tags and bookmark_removals (no CHECK tells them apart).
func TestRecoverDoesNotSwapColumnsOfATableRebuiltInAnotherOrder(t *testing.T) {
	path, _ := alteredFile(t, `UPDATE bookmarks SET updated_at = '2030-01-01T00:00:00Z'`)
	db := rawDB(t, path)
	var stmt string
	if err := db.QueryRow(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'bookmarks'`).Scan(&stmt); err != nil {
		t.Fatal(err)
	}
	swapped := strings.NewReplacer("created_at", "updated_at", "updated_at", "created_at").Replace(stmt)
	swapped = strings.Replace(swapped, "CREATE TABLE bookmarks", "CREATE TABLE bookmarks_new", 1)
	if swapped == stmt || !strings.Contains(swapped, "bookmarks_new") {
		t.Fatalf("could not build the rebuilt statement from %q", stmt)
	}
	want := atkColumn(t, path, "bookmarks", "id, created_at, updated_at")
	if _, err := db.Exec(`PRAGMA foreign_keys = OFF; ` + swapped + `;
		INSERT INTO bookmarks_new (id, passage_id, span_start, span_end, note, created_at, updated_at)
			SELECT id, passage_id, span_start, span_end, note, created_at, updated_at FROM bookmarks;
		DROP TABLE bookmarks;
		ALTER TABLE bookmarks_new RENAME TO bookmarks;
		PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if got := atkColumn(t, path, "bookmarks", "id, created_at, updated_at"); !slices.Equal(got, want) {
		t.Fatalf("the rebuild itself changed the values: %q, want %q", got[:1], want[:1])
	}
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), path, out)
	if err != nil {
		t.Fatal(err)
	}
	if got := atkColumn(t, out, "bookmarks", "id, created_at, updated_at"); !slices.Equal(got, want) {
		t.Errorf("recovered bookmarks (id, created_at, updated_at) %q,\nthe damaged file's %q\n(%s)", got[:min(2, len(got))], want[:min(2, len(want))], rep)
	}
}

// A fraction another program wrote into a column that refers to another
// row (bookmarks.passage_id = 3.5 where passage 3 exists: the bookmark
// referred to no passage) is "cut" to 3 by recover's CASE … CAST: the
// bookmark, with its note, is silently attached to a different passage
// than the one it was written for (if any). A reference that is not a
// whole number names no row: the bookmark should be skipped (and counted),
// not moved. Likewise passages.document_id 2.5 moves a passage into
// document 2.
func TestRecoverDoesNotMoveARowWhoseReferenceIsAFraction(t *testing.T) {
	path, _ := alteredFile(t, `UPDATE bookmarks SET passage_id = passage_id + 0.5, note = 'moved' WHERE id = (SELECT min(id) FROM bookmarks)`)
	var bad string
	if err := rawDB(t, path).QueryRow(`SELECT passage_id FROM bookmarks WHERE note = 'moved'`).Scan(&bad); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), path, out)
	if err != nil {
		t.Fatal(err)
	}
	if got := atkColumn(t, out, "bookmarks", "passage_id, note"); slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "moved") }) {
		t.Errorf("a bookmark of passage %s (no such passage) was recovered onto another passage: %q (%s)", bad,
			slices.DeleteFunc(got, func(s string) bool { return !strings.Contains(s, "moved") }), rep)
	}
}

// '1e999' (or 1e300) written into a whole-number column is stored by
// SQLite as a real (infinity); recover's CASE … CAST turns it into
// 9223372036854775807 and the report calls it a fraction cut: a page
// number of nine quintillion is written into the recovered file, which
// check then passes as sound. A value no whole number stands for should be
// emptied like text is, not made the largest integer.
func TestRecoverDoesNotTurnInfinityIntoTheLargestInteger(t *testing.T) {
	path, _ := alteredFile(t, `UPDATE passages SET page = '1e999' WHERE id = (SELECT min(id) FROM passages)`)
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), path, out)
	if err != nil {
		t.Fatal(err)
	}
	if got := atkColumn(t, out, "passages", "DISTINCT page"); slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "9223372036854775807") }) {
		t.Errorf("a passage's page 1e999 recovered as 9223372036854775807: %q (%s)", got, rep)
	}
}
