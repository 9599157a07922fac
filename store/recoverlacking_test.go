package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// notesAt reads the bookmark notes of the research file at path.
func notesAt(t *testing.T, path string) []string {
	t.Helper()
	db := rawDB(t, path)
	defer db.Close()
	rows, err := db.Query(`SELECT note FROM bookmarks ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// alteredFile is a research file with bookmarks whose schema another
// program changed with alter (closed, WAL checkpointed).
func alteredFile(t *testing.T, alter string) (path string, notes []string) {
	t.Helper()
	path, notes = bookmarkedFileWithFreePages(t, 20)
	db := rawDB(t, path)
	if _, err := db.Exec(alter + `; PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatalf("%s: %v", alter, err)
	}
	db.Close()
	return path, notes
}

// A file lacking a column every row needs (a date, a tag's kind), dropped
// by another program, is damaged, and every message says recover copies
// its rows into a sound file; recover skipped every row of that table,
// bookmarks and their notes, or tags with their aliases, taggings and
// claim actors (a hostile pass). Now the column is filled in (a date from
// the row's other date), every row is kept, and the report says what the
// file lacked.
func TestRecoverKeepsTheRowsOfATableLackingAColumn(t *testing.T) {
	for _, c := range []struct{ alter, table, column string }{
		{`ALTER TABLE bookmarks DROP COLUMN updated_at`, "bookmarks", "updated_at"},
		{`ALTER TABLE bookmarks DROP COLUMN created_at`, "bookmarks", "created_at"},
		{`ALTER TABLE tags DROP COLUMN created_at`, "tags", "created_at"},
		{`ALTER TABLE tags DROP COLUMN kind`, "tags", "kind"},
	} {
		t.Run(c.alter, func(t *testing.T) {
			path, notes := alteredFile(t, c.alter)
			var tags, taggings int
			if err := rawDB(t, path).QueryRow(`SELECT (SELECT count(*) FROM tags), (SELECT count(*) FROM passage_tags)`).Scan(&tags, &taggings); err != nil {
				t.Fatal(err)
			}
			if problems, err := store.CheckFile(context.Background(), path); err != nil || len(problems) == 0 {
				t.Fatalf("CheckFile: %q, %v; want it damaged", problems, err)
			}
			out := filepath.Join(t.TempDir(), "recovered.dossier")
			rep, err := store.Recover(context.Background(), path, out)
			if err != nil {
				t.Fatalf("Recover: %v", err)
			}
			if got := notesAt(t, out); !slices.Equal(got, notes) {
				t.Errorf("%d of %d bookmarks (with their notes) kept, %d rows skipped", len(got), len(notes), rep.Skipped())
			}
			var gotTags, gotTaggings int
			if err := rawDB(t, out).QueryRow(`SELECT (SELECT count(*) FROM tags), (SELECT count(*) FROM passage_tags)`).Scan(&gotTags, &gotTaggings); err != nil {
				t.Fatal(err)
			}
			if gotTags != tags || gotTaggings != taggings {
				t.Errorf("%d of %d tags and %d of %d taggings kept (%d rows skipped)", gotTags, tags, gotTaggings, taggings, rep.Skipped())
			}
			if s := rep.String(); !strings.Contains(s, "lacks its column "+c.column) {
				t.Errorf("the report does not say the file lacks %s.%s: %s", c.table, c.column, s)
			}
			if p, err := store.CheckFile(context.Background(), out); err != nil || len(p) > 0 {
				t.Errorf("the recovered file: %q, %v", p, err)
			}
		})
	}
}

// recoverAltered recovers alteredFile(alter) into a new file, out.
func recoverAltered(t *testing.T, alter string) (out string, notes []string, rep store.RecoverReport) {
	t.Helper()
	path, notes := alteredFile(t, alter)
	out = filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), path, out)
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}
	return out, notes, rep
}

// A renamed column (bookmarks.note to notes) left every note empty in the
// recovered file while the report said every row was recovered and none
// skipped: the notes were lost without a word (a hostile pass). Recover
// reads a column of the same type at the lacking column's place under its
// new name, and says so.
func TestRecoverReadsARenamedColumn(t *testing.T) {
	out, notes, rep := recoverAltered(t, `ALTER TABLE bookmarks RENAME COLUMN note TO notes`)
	if got := notesAt(t, out); !slices.Equal(got, notes) {
		t.Errorf("recovered notes %q, want %q (%s)", got, notes, rep)
	}
	if s := rep.String(); !strings.Contains(s, "renamed in the damaged file: note (from its column notes)") {
		t.Errorf("the report does not say the notes were read from the renamed column: %s", s)
	}
	if p, err := store.CheckFile(context.Background(), out); err != nil || len(p) > 0 {
		t.Errorf("the recovered file: %q, %v", p, err)
	}
}

// A column another program dropped and added again under its name (here
// bookmarks.note, as INTEGER) lets rows be without it: recover skipped
// every bookmark, since the new file's note needs a value. The bookmarks
// are kept with empty notes, and the report says how many were empty.
func TestRecoverKeepsRowsEmptyInAColumnEveryRowNeeds(t *testing.T) {
	out, notes, rep := recoverAltered(t, `ALTER TABLE bookmarks DROP COLUMN note; ALTER TABLE bookmarks ADD COLUMN note INTEGER`)
	got := notesAt(t, out)
	if len(got) != len(notes) || rep.Skipped() > 0 {
		t.Fatalf("%d of %d bookmarks kept, %d rows skipped: %s", len(got), len(notes), rep.Skipped(), rep)
	}
	want := fmt.Sprintf("empty in the damaged file: note (%d rows without one: left empty)", len(notes))
	if s := rep.String(); !strings.Contains(s, want) {
		t.Errorf("the report does not say %q: %s", want, s)
	}
}

// A column renamed to one of a different type, or at another place, is
// not taken for Dossier's: the report says the file lacks it.
func TestRecoverDoesNotTakeAnotherColumnForALackingOne(t *testing.T) {
	out, notes, rep := recoverAltered(t, `ALTER TABLE bookmarks DROP COLUMN note; ALTER TABLE bookmarks ADD COLUMN notes TEXT`)
	if got := notesAt(t, out); len(got) != len(notes) {
		t.Errorf("%d of %d bookmarks kept: %s", len(got), len(notes), rep)
	}
	if s := rep.String(); !strings.Contains(s, "lacks its column note") || strings.Contains(s, "renamed") {
		t.Errorf("the report does not say the file lacks bookmarks.note: %s", s)
	}
}

// The library of a file lacking a column of documents (another program
// dropped it) said SQLite's "SQL logic error: no such column: d.pages";
// it says what the file lacks and how to recover it (a hostile pass).
func TestDocumentsOfAFileLackingAColumnSaySo(t *testing.T) {
	path, _ := alteredFile(t, `ALTER TABLE documents DROP COLUMN pages`)
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	_, err = s.Documents(context.Background())
	if err == nil || strings.Contains(err.Error(), "SQL logic error") || !strings.Contains(err.Error(), "recover") {
		t.Errorf("Documents of a file lacking documents.pages: %v; want what it lacks and how to recover it", err)
	}
}

// Reads of a file another program altered gave SQLite's or database/sql's
// own words: the library of a file lacking documents.pages ("SQL logic
// error: no such column: d.pages"), an export of one whose bookmarks.note
// was renamed ("no such column: b.note") or dropped and added again as
// INTEGER ("sql: Scan error on column index 9 … converting NULL to string
// is unsupported"). They say what is wrong with the file and how to
// recover it (a hostile pass).
func TestReadsOfAnAlteredFileSayWhy(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		alter, names string
		read         func(*store.Store) error
	}{
		{`ALTER TABLE documents DROP COLUMN pages`, "column pages of table documents",
			func(s *store.Store) error { _, err := s.Documents(ctx); return err }},
		{`ALTER TABLE bookmarks RENAME COLUMN note TO notes`, "table bookmarks",
			func(s *store.Store) error { _, err := s.ExportBundle(ctx, ""); return err }},
		{`ALTER TABLE bookmarks DROP COLUMN note; ALTER TABLE bookmarks ADD COLUMN note INTEGER`, "table bookmarks",
			func(s *store.Store) error { _, err := s.ExportBundle(ctx, ""); return err }},
		{`ALTER TABLE bookmarks DROP COLUMN note; ALTER TABLE bookmarks ADD COLUMN note INTEGER`, "table bookmarks",
			func(s *store.Store) error { _, err := s.Bookmarks(ctx); return err }},
	} {
		t.Run(c.alter, func(t *testing.T) {
			path, _ := alteredFile(t, c.alter)
			s, err := store.Open(path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			err = c.read(s)
			if err == nil {
				t.Fatal("the read succeeded")
			}
			if msg := err.Error(); strings.Contains(msg, "SQL logic error") || strings.Contains(msg, "Scan error") ||
				!strings.Contains(msg, c.names) || !strings.Contains(msg, "recover") {
				t.Errorf("after %s: %v; want Dossier's words naming %s and how to recover it", c.alter, err, c.names)
			}
		})
	}
}

// A table of Dossier's another program changed (a column renamed) was
// said to carry SQL "SQLite would run with every change": that is a
// trigger's danger, not a table's. Check, and the read-only reason, say
// the table was changed by another program; a trigger keeps the old words.
func TestAChangedTableIsSaidToBeChanged(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ alter, want, not string }{
		{`ALTER TABLE bookmarks RENAME COLUMN note TO notes`, "table bookmarks, changed by another program", "SQLite would run"},
		{`CREATE TRIGGER wipe AFTER INSERT ON bookmarks BEGIN DELETE FROM documents; END`, "SQLite would run", "changed by another program"},
	} {
		t.Run(c.alter, func(t *testing.T) {
			path, _ := alteredFile(t, c.alter)
			problems, err := store.CheckFile(ctx, path)
			if err != nil || len(problems) == 0 || !strings.Contains(problems[0], c.want) || strings.Contains(problems[0], c.not) {
				t.Errorf("check: %q, %v; want %q, not %q", problems, err, c.want, c.not)
			}
			s, err := store.Open(path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			if r := s.ReadOnlyReason(); !s.ReadOnly() || !strings.Contains(r, strings.TrimPrefix(c.want, "SQLite ")) || strings.Contains(r, c.not) {
				t.Errorf("read-only %v: %q; want %q, not %q", s.ReadOnly(), r, c.want, c.not)
			}
		})
	}
}

// A column of the damaged file's own is not copied, and the report says
// so (a hostile pass: a column lost was said only to be "empty").
func TestRecoverSaysWhichColumnsOfTheFileItDidNotCopy(t *testing.T) {
	_, _, rep := recoverAltered(t, `ALTER TABLE bookmarks ADD COLUMN colour TEXT`)
	if s := rep.String(); !strings.Contains(s, "the damaged file's own column, not copied: colour") {
		t.Errorf("the report does not say the column colour was not copied: %s", s)
	}
}
