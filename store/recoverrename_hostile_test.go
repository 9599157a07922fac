package store_test

// Hostile pass on "recover reads renamed columns even with added columns"
// (renamedcols.go, used by commonColumns in recover.go). Each test is a
// file another program changed where recover copied a value into the wrong
// column or lost rows or values, before renamedColumns replayed the renames
// of the tables a table refers to, left renames that only swap places among
// Dossier's names to be read by name column by column, and commonColumns
// stopped reading a column the renames took by name for another.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

func recoverInto(t *testing.T, path string) (string, store.RecoverReport) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), path, out)
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}
	return out, rep
}

// SQLite's RENAME COLUMN of a parent key (documents.id, passages.id) also
// rewrites every child table's REFERENCES clause ("REFERENCES
// passages(pid)"). A child table whose own columns were also renamed (and
// columns added) then no longer matches Dossier's table with its renames
// replayed word for word, so its renames are not mapped: read by name,
// the renamed bookmarks.note loses every note, and a renamed
// passages.document_id or bookmarks.passage_id skips EVERY row of the
// table, and with the passages every tagging and claim on them (50 of 57
// rows lost), and tags.id renamed with passage_tags.state skips every
// tagging, while recover reports success. The replay should rename the
// parent's columns as the file has them (or compare the child's statement
// with the REFERENCES targets as the file names them).
func TestRecoverRenamesInAChildOfARenamedParentKey(t *testing.T) {
	for _, alter := range []string{
		`ALTER TABLE passages RENAME COLUMN id TO pid; ALTER TABLE bookmarks RENAME COLUMN note TO memo; ALTER TABLE bookmarks ADD COLUMN colour TEXT`,
		`ALTER TABLE passages RENAME COLUMN id TO pid; ALTER TABLE bookmarks RENAME COLUMN note TO memo`,
		`ALTER TABLE passages RENAME COLUMN id TO pid; ALTER TABLE bookmarks RENAME COLUMN passage_id TO pas; ALTER TABLE bookmarks ADD COLUMN colour TEXT`,
		`ALTER TABLE documents RENAME COLUMN id TO doc_id; ALTER TABLE passages RENAME COLUMN document_id TO doc; ALTER TABLE passages ADD COLUMN colour TEXT`,
		`ALTER TABLE tags RENAME COLUMN id TO tid; ALTER TABLE passage_tags RENAME COLUMN state TO st; ALTER TABLE passage_tags ADD COLUMN colour TEXT`,
	} {
		t.Run(alter, func(t *testing.T) {
			path, notes := alteredFile(t, alter)
			counts := `SELECT (SELECT count(*) FROM passages), (SELECT count(*) FROM bookmarks), (SELECT count(*) FROM passage_tags), (SELECT count(*) FROM claims)`
			_, want := queryLines(t, rawDB(t, path), counts)
			out, rep := recoverInto(t, path)
			if _, got := queryLines(t, rawDB(t, out), counts); !slices.Equal(got, want) {
				t.Errorf("passages, bookmarks, taggings, claims recovered: %q; the damaged file holds %q (%s)", got, want, rep)
			}
			if got := notesAt(t, out); !slices.Equal(got, notes) {
				t.Errorf("%d bookmarks recovered, notes %q…; want %q… (%s)", len(got), got[:min(1, len(got))], notes[:1], rep)
			}
		})
	}
}

// The guard "names that only change places among Dossier's own are a
// table rebuilt with its columns in another order: read by name" is
// all-or-nothing: one more column renamed in the same rebuild (note to
// memo) and the swapped names are taken for renames in place. Here the
// table was rebuilt the way SQLite's documentation says to change a table
// (CREATE the new one from the old statement, INSERT ... SELECT by name,
// DROP, RENAME TO), with updated_at written before created_at, note
// renamed memo and a column added after. Without the memo rename recover
// reads the dates right; with it, every bookmark's created_at is its
// updated_at and the other way round, and the report calls them renames.
func TestRecoverARebuildWithColumnsReorderedAndOneRenamedSwapsTheDates(t *testing.T) {
	for _, noteName := range []string{"note", "memo"} {
		t.Run(noteName, func(t *testing.T) {
			path, _ := alteredFile(t, `UPDATE bookmarks SET created_at = '2020-01-01T00:00:00Z', updated_at = '2026-12-01T00:00:00Z';
CREATE TABLE bookmarks_new (
    id         INTEGER PRIMARY KEY,
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    span_start INTEGER,
    span_end   INTEGER,
    `+noteName+`       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO bookmarks_new (id, passage_id, span_start, span_end, `+noteName+`, updated_at, created_at)
    SELECT id, passage_id, span_start, span_end, note, updated_at, created_at FROM bookmarks;
DROP TABLE bookmarks;
ALTER TABLE bookmarks_new RENAME TO bookmarks;
CREATE INDEX bookmarks_passage ON bookmarks (passage_id);
ALTER TABLE bookmarks ADD COLUMN colour TEXT`)
			out, rep := recoverInto(t, path)
			got := atkColumn(t, out, "bookmarks", "DISTINCT created_at || ' ' || updated_at")
			if want := []string{"[2020-01-01T00:00:00Z 2026-12-01T00:00:00Z]"}; !slices.Equal(got, want) {
				t.Errorf("bookmarks' created_at and updated_at recovered as %q, want %q (%s)", got, want, rep)
			}
		})
	}
}

// fileAtVersion is a research file at schema version v (each migration applied
// as that Dossier applied it, as in TestOwnSchemaAtEveryVersionIsNotForeign)
// holding one document of two passages, the first a heading, and a tag on
// the second; then alter.
func fileAtVersion(t *testing.T, v int, alter string) string {
	t.Helper()
	names, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.dossier", v))
	db := rawDB(t, path)
	for i, e := range names[:v] {
		body, err := os.ReadFile(filepath.Join("migrations", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("BEGIN; " + string(body) + fmt.Sprintf("; PRAGMA application_id = %d; PRAGMA user_version = %d; COMMIT;", store.ApplicationID, i+1)); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
	}
	if _, err := db.Exec(`INSERT INTO documents (id, title, content_hash, text, imported_at) VALUES (1, 'Report', 'h1', 'Findings' || char(10) || char(10) || 'The committee found nothing.', '2026-12-01T00:00:00Z');
INSERT INTO passages (id, document_id, ordinal, start, end, text, heading) VALUES (1, 1, 0, 0, 8, 'Findings', 1), (2, 1, 1, 10, 38, 'The committee found nothing.', 0);
INSERT INTO passages_fts (rowid, text) SELECT id, text FROM passages;
INSERT INTO tags (id, family, kind, name, created_at) VALUES (1, 'actor', 'person', 'Smith', '2020-01-01T00:00:00Z');
INSERT INTO passage_tags (passage_id, tag_id, origin, state, created_at) VALUES (2, 1, 'manual', 'accepted', '2020-01-01T00:00:00Z');
` + alter + `; PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

// A file of an older schema version, where another program renamed a
// column to a name Dossier gives a column of its own only in a later
// version (passages.heading to lead at version 10, lead added in 11;
// passage_tags.created_at to decided_at at 12; tags.created_at to
// updated_at at 14), and added a column. The rename is mapped by place
// (heading from lead), but the later column of that name is still read by
// name from the same file column: one value copied into two columns.
// Every passage's lead (the text between it and the one before, used to
// put the document's text together) becomes "1" or "0"; every tagging's
// decided_at and every tag's updated_at its created_at. Nothing in the
// report says so. A column the mapping takes should not also be read by
// name for another of Dossier's columns.
func TestRecoverARenameToALaterColumnsNameCopiesTheValueTwice(t *testing.T) {
	for _, c := range []struct {
		v            int
		alter, query string
		want         []string
	}{
		{10, `ALTER TABLE passages RENAME COLUMN heading TO lead; ALTER TABLE passages ADD COLUMN x TEXT`, "id, quote(lead), heading", []string{"[1 '' 1]", "[2 '' 0]"}},
		{12, `ALTER TABLE passage_tags RENAME COLUMN created_at TO decided_at; ALTER TABLE passage_tags ADD COLUMN x TEXT`, "created_at, quote(decided_at)", []string{"[2020-01-01T00:00:00Z NULL]"}},
		{14, `ALTER TABLE tags RENAME COLUMN created_at TO updated_at; ALTER TABLE tags ADD COLUMN x TEXT`, "created_at, quote(updated_at)", []string{"[2020-01-01T00:00:00Z NULL]"}},
	} {
		t.Run(c.alter, func(t *testing.T) {
			path := fileAtVersion(t, c.v, c.alter)
			out, rep := recoverInto(t, path)
			table := strings.Fields(c.alter)[2]
			if got := atkColumn(t, out, table, c.query); !slices.Equal(got, c.want) {
				t.Errorf("%s: %q, want %q (%s)", c.query, got, c.want, rep)
			}
		})
	}
}
