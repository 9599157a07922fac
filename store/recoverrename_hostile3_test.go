package store_test

// A third hostile pass on renamed columns: a swap by renames was taken for
// a rebuild where only UNIQUE, COLLATE or an index showed the renames; a
// quote inside a trigger's string was taken for a name's; check stopped
// at its first query failing on a renamed column. Each test failed before.

import (
	"context"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// alike() compares columns by pragma_table_xinfo (type, notnull, default,
// pk, foreign key), which does not show UNIQUE or COLLATE. saved_searches
// has name TEXT NOT NULL UNIQUE COLLATE NOCASE and query TEXT NOT NULL:
// "alike" by pragma, each named once, so a swap of the two names by
// RENAME COLUMN is taken for a rebuild and read by name. But the statement
// proves renames: RENAME leaves "UNIQUE COLLATE NOCASE" in place (after the
// swap it follows "query"), while a rebuild moves it with the name. Read
// by name, every saved search's name becomes its query and its query its
// name, and the report says nothing was renamed.
func TestRecoverReadsASwapAsRenamesWhereUniqueOrCollateShowsThem(t *testing.T) {
	path, _ := alteredFile(t, `INSERT INTO saved_searches (name, query, created_at) VALUES ('Moscow meetings', 'moscow AND meeting', '2026-12-01T00:00:00Z');
		ALTER TABLE saved_searches RENAME COLUMN name TO x; ALTER TABLE saved_searches RENAME COLUMN query TO name; ALTER TABLE saved_searches RENAME COLUMN x TO query`)
	// In the file, the column at name's place (with UNIQUE COLLATE NOCASE)
	// is now called query and holds the name.
	want := atkColumn(t, path, "saved_searches", "query || ' => ' || name")
	out, rep := recoverInto(t, path)
	got := atkColumn(t, out, "saved_searches", "name || ' => ' || query")
	if !slices.Equal(got, want) {
		t.Errorf("saved searches (name => query) recovered %q, want %q (%s)", got, want, rep)
	}
}

// documents.title and imported_at are both TEXT NOT NULL and each named
// once in the CREATE TABLE, so alike() takes their swap for a rebuild and
// reads them by name. But Dossier's index documents_title_file (title,
// file_name) tells the two apart: RENAME COLUMN rewrote it to (imported_at,
// file_name), while a table editor rebuilding the table would have made it
// again on title. alike() looks only at the table's statement. Result:
// every recovered document's title is its import date, and its import date
// its title. On top of that, renamedSchema does not replay the swap (the
// cycle was dropped), so check and open call the rewritten index SQL that
// "SQLite would run with every change ... recover makes a copy without it".
func TestRecoverReadsASwapAsRenamesWhereAnIndexShowsThem(t *testing.T) {
	path, _ := alteredFile(t, `ALTER TABLE documents RENAME COLUMN title TO x; ALTER TABLE documents RENAME COLUMN imported_at TO title; ALTER TABLE documents RENAME COLUMN x TO imported_at`)
	_, idx := queryLines(t, rawDB(t, path), `SELECT sql FROM sqlite_schema WHERE name = 'documents_title_file'`)
	t.Logf("file's index: %q", idx)
	want := atkColumn(t, path, "documents", "imported_at")
	out, rep := recoverInto(t, path)
	if got := atkColumn(t, out, "documents", "title"); !slices.Equal(got, want) {
		t.Errorf("titles recovered %q, want %q (%s)", got, want, rep)
	}
	problems, err := store.CheckFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(problems, "\n"); strings.Contains(all, "makes a copy without it") {
		t.Errorf("CheckFile calls the index SQLite rewrote with the renames foreign SQL recover drops: %q", problems)
	}
}

// changedTables compares the file's trigger with Dossier's after
// unquoted(), whose regex takes the quotes off "word" anywhere, inside
// string literals too. A passage_tags_decided trigger whose strftime is
// given '"now"' instead of 'now' compares equal, with no rename at all: it
// is not Dossier's (ownObject compares exactly), but CheckFile and Open
// call it "changed by another program ... recover copies its rows into
// tables as Dossier makes them", the words for a renamed column. The
// trigger stamps every decision NULL ("not known"), so an older bundle's
// decision then replaces a newer one made here: SQL that alters work, which
// must be described as such ("SQLite would run it with every change").
func TestCheckDoesNotTakeAQuotedStringInATriggerForAName(t *testing.T) {
	path, _ := alteredFile(t, `SELECT 1`)
	db := rawDB(t, path)
	var sqlText string
	if err := db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'passage_tags_decided'`).Scan(&sqlText); err != nil {
		t.Fatal(err)
	}
	evil := strings.Replace(sqlText, `'now'`, `'"now"'`, 1)
	if evil == sqlText {
		t.Fatal("no 'now' in the trigger")
	}
	if _, err := db.Exec(`DROP TRIGGER passage_tags_decided; ` + evil + `; PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	var stamp any
	if err := db.QueryRow(`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', '"now"')`).Scan(&stamp); err != nil || stamp != nil {
		t.Fatalf("the trigger's stamp: %v %v", stamp, err)
	}
	db.Close()
	problems, err := store.CheckFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(problems, "\n")
	if !strings.Contains(all, "trigger passage_tags_decided") || strings.Contains(all, "changed by another program") {
		t.Errorf("CheckFile on a file whose trigger stamps every decision NULL: %q", problems)
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.ReadOnly() {
		t.Fatal("opened writable")
	}
	if r := s.ReadOnlyReason(); strings.Contains(r, "changed by another program") || s.ChangedTables() != "" {
		t.Errorf("Open: read-only because %q (ChangedTables %q)", r, s.ChangedTables())
	}
}

// cannotRead drops every later check once one of check's own queries fails
// with an "altered schema" error on a file with foreign SQL: before 416c255
// check at least said "cannot be read"; now it is silent. A file with
// passages.id renamed (check's first query fails: no such column: p.id)
// AND genuine damage the later checks find (an alias of a tag that is
// gone, found by orphanProblems through pragma_foreign_key_check, which
// the rename does not stop) reports only the changed table: the damage
// goes unreported. The same damage without the rename is reported.
func TestCheckNamesDamageBehindARenamedColumn(t *testing.T) {
	const damage = `INSERT INTO tag_aliases (tag_id, alias) VALUES (9999, 'ghost')`
	control, _ := alteredFile(t, damage)
	problems, err := store.CheckFile(context.Background(), control)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(problems, "\n"), "tag_aliases") {
		t.Fatalf("control: the orphan alias is not reported: %q", problems)
	}
	path, _ := alteredFile(t, damage+`; ALTER TABLE passages RENAME COLUMN id TO pid`)
	problems, err = store.CheckFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(problems, "\n"), "tag_aliases") {
		t.Errorf("CheckFile on a renamed passages.id with an orphan alias: %q", problems)
	}
}
