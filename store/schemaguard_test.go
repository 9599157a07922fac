package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/store"
)

// A research file carrying SQL Dossier never makes opens read-only: a
// trigger, or one of Dossier's own rewritten, runs with Dossier's own
// changes (here: deleting every document when a bookmark is added, and
// renaming an imported document), and check called such a file ok (found
// by a hostile pass). A table definition rewritten through writable_schema
// does the same without a trigger: a cascading foreign key added to
// passage_tags deleted 104 tags with an unrelated document (found by the
// re-attack of the trigger guard); so do an ON CONFLICT REPLACE and an
// extra unique index on one of Dossier's tables. Check names them, and
// recover makes a copy without them.
func TestForeignSQLKeepsAFileReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.dossier")
	st := mustOpenAt(t, path)
	if _, err := st.ImportText(ctx, "Report", "", "First paragraph.\n\nSecond paragraph."); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if p, err := store.CheckFile(ctx, path); err != nil || len(p) != 0 {
		t.Fatalf("a file with Dossier's own triggers: %q, %v", p, err)
	}
	rewrite := func(table, from, to string) string {
		return `PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, '` + from + `', '` + to + `') WHERE name = '` + table + `'; PRAGMA writable_schema = OFF`
	}
	for _, c := range []struct{ name, ddl string }{
		{"trigger wipe", `CREATE TRIGGER wipe AFTER INSERT ON bookmarks BEGIN DELETE FROM documents; END`},
		// One of Dossier's own, rewritten.
		{"trigger passages_ad", `DROP TRIGGER passages_ad; CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    UPDATE documents SET title = 'pwned';
END`},
		{"table passage_tags", rewrite("passage_tags", "PRIMARY KEY (passage_id, tag_id)",
			"PRIMARY KEY (passage_id, tag_id), FOREIGN KEY (tag_id) REFERENCES documents(id) ON DELETE CASCADE")},
		{"table bookmarks", rewrite("bookmarks", "INTEGER PRIMARY KEY,", "INTEGER PRIMARY KEY ON CONFLICT REPLACE,")},
		{"index sneaky", `CREATE UNIQUE INDEX sneaky ON tags (kind)`},
		// FTS5's shadow tables may be worded by another SQLite release, but
		// must not reach the user's rows.
		{"table passages_fts_docsize", rewrite("passages_fts_docsize", "sz BLOB", "sz BLOB REFERENCES passages(id) ON DELETE CASCADE")},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := copyWithSQL(t, path, c.ddl)
			problems, err := store.CheckFile(ctx, p)
			if err != nil || len(problems) == 0 || !strings.Contains(problems[0], "SQL that Dossier never makes") || !strings.Contains(problems[0], c.name) {
				t.Errorf("check: %q, %v; want the %s named", problems, err, c.name)
			}
			s, err := store.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if !s.ReadOnly() || !s.CarriesForeignSQL() || !strings.Contains(s.ReadOnlyReason(), c.name) {
				t.Fatalf("opened read-only %v (%q), foreign SQL %v", s.ReadOnly(), s.ReadOnlyReason(), s.CarriesForeignSQL())
			}
			hits, err := s.Search(ctx, store.SearchRequest{Query: "paragraph"})
			if err != nil || hits.Total != 2 {
				t.Fatalf("search: %+v, %v", hits, err)
			}
			if _, err := s.AddBookmark(ctx, hits.Hits[0].PassageID, nil, "note"); !errors.Is(err, store.ErrReadOnly) {
				t.Errorf("bookmark in a file with foreign triggers: %v", err)
			}
			if docs, _ := s.Documents(ctx); len(docs) != 1 || docs[0].Title != "Report" {
				t.Errorf("documents after the refused bookmark: %+v", docs)
			}
			out := filepath.Join(t.TempDir(), "clean.dossier")
			if _, err := store.Recover(ctx, p, out); err != nil {
				t.Fatal(err)
			}
			if problems, err := store.CheckFile(ctx, out); err != nil || len(problems) != 0 {
				t.Errorf("recovered copy: %q, %v", problems, err)
			}
			r := mustOpenAt(t, out)
			if r.ReadOnly() {
				t.Errorf("the recovered copy is read-only: %s", r.ReadOnlyReason())
			}
		})
	}
}

// No false alarm: a file left at any schema version by an older Dossier
// (each migration applied as that Dossier applied it), then analysed by
// another SQLite tool and given a table, index and view of someone else's
// (which Dossier never reads or writes), opens writable and is upgraded,
// and check finds nothing in it before or after.
func TestOwnSchemaAtEveryVersionIsNotForeign(t *testing.T) {
	ctx := context.Background()
	names, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= len(names); v++ {
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
		if _, err := db.Exec(`ANALYZE; CREATE TABLE my_notes(x); CREATE INDEX my_notes_x ON my_notes(x); CREATE VIEW my_view AS SELECT x FROM my_notes`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if p, err := store.CheckFile(ctx, path); err != nil || len(p) != 0 {
			t.Errorf("version %d: check says %q, %v", v, p, err)
		}
		s, err := store.Open(path)
		if err != nil {
			t.Fatalf("version %d: %v", v, err)
		}
		if s.ReadOnly() {
			t.Errorf("version %d opened read-only: %s", v, s.ReadOnlyReason())
		}
		if _, err := s.ImportText(ctx, "Report", "", "First paragraph.\n\nSecond paragraph."); err != nil {
			t.Errorf("version %d: import: %v", v, err)
		}
		s.Close()
		if p, err := store.CheckFile(ctx, path); err != nil || len(p) != 0 {
			t.Errorf("version %d upgraded: check says %q, %v", v, p, err)
		}
	}
}

// Recovering another application's SQLite database is refused, as every
// other command refuses it: it said "0 rows recovered" and made a new,
// empty research file (found by a hostile pass).
func TestRecoverRefusesAnotherApplicationsDatabase(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ name, sql string }{
		{"tables", `CREATE TABLE t(x); INSERT INTO t VALUES (1)`},
		{"application id", `CREATE TABLE documents(x); PRAGMA application_id = 1234`},
	} {
		dir := t.TempDir()
		other := filepath.Join(dir, "other.db")
		db := rawDB(t, other)
		if _, err := db.Exec(c.sql); err != nil {
			t.Fatal(err)
		}
		db.Close()
		out := filepath.Join(dir, "rescued.dossier")
		if _, err := store.Recover(ctx, other, out); !errors.Is(err, store.ErrNotDossier) || !strings.Contains(err.Error(), "another application") {
			t.Errorf("%s: recover: %v; want it refused as another application's", c.name, err)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: the refused recovery left %s (%v)", c.name, out, err)
		}
	}
}

// A file whose recorded schema version was changed behind Dossier's back
// (its tables those of another version) is named for what it is, not for
// "SQL Dossier never makes" listing Dossier's own indexes, and not left to
// fail in a migration with SQLite's words (found by a hostile pass).
func TestAChangedSchemaVersionIsNamed(t *testing.T) {
	ctx := context.Background()
	made := filepath.Join(t.TempDir(), "made.dossier")
	mustOpenAt(t, made).Close()
	path := copyWithSQL(t, made, `PRAGMA user_version = 3`)
	names, _ := os.ReadDir("migrations")
	want := fmt.Sprintf("records schema version 3, but its tables are those of version %d", len(names))
	if p, err := store.CheckFile(ctx, path); err != nil || len(p) == 0 || !strings.Contains(p[0], want) {
		t.Errorf("check: %q, %v; want %q", p, err, want)
	}
	_, err := store.Open(path)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("tables are those of Dossier's schema version %d, but it records version 3", len(names))) {
		t.Errorf("open: %v", err)
	}
}

// The guard's own holes, found by a re-attack: SQLite's names are not
// case-sensitive, so Dossier's documents table rebuilt as "Documents" with
// an ON CONFLICT REPLACE (no writable_schema needed) passed as someone
// else's table, and importing any file then silently deleted the previous
// document with its bookmarks; a unique index named like SQLite's own, or
// whose tbl_name was changed, passed too; a shadow table rewritten with
// UNIQUE broke the index on the next import; and someone else's table
// with a foreign key to Dossier's made deletes fail or crawl. And a file
// at schema version 0 holding Dossier's tables was "ok" to check.
func TestForeignSQLInDisguiseKeepsAFileReadOnly(t *testing.T) {
	ctx := context.Background()
	base := filepath.Join(t.TempDir(), "base.dossier")
	st := mustOpenAt(t, base)
	st.Close()
	db := rawDB(t, base)
	var docsSQL string
	if err := db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'documents'`).Scan(&docsSQL); err != nil {
		t.Fatal(err)
	}
	db.Close()
	replacing := regexp.MustCompile(`format\s+TEXT NOT NULL DEFAULT 'text'`).ReplaceAllString(
		strings.Replace(docsSQL, "CREATE TABLE documents", "CREATE TABLE Documents", 1), "format TEXT NOT NULL DEFAULT 'text' UNIQUE ON CONFLICT REPLACE")
	if replacing == docsSQL || !strings.Contains(replacing, "ON CONFLICT REPLACE") {
		t.Fatalf("the documents table reads otherwise now: %s", docsSQL)
	}
	writable := func(sql string) string {
		return `PRAGMA writable_schema = ON; ` + sql + `; PRAGMA writable_schema = OFF`
	}
	for _, c := range []struct{ name, ddl string }{
		{"table Documents", `CREATE TABLE d_old AS SELECT * FROM documents; DROP TABLE documents; ` + replacing +
			`; INSERT INTO Documents SELECT * FROM d_old; DROP TABLE d_old; CREATE INDEX documents_title_file ON documents (title, file_name)`},
		{"index sqlite_autoindex_documents_9", `CREATE UNIQUE INDEX zz ON documents(format); ` +
			writable(`UPDATE sqlite_schema SET name = 'sqlite_autoindex_documents_9', sql = replace(sql, 'zz', 'sqlite_autoindex_documents_9') WHERE name = 'zz'`)},
		{"index zz", `CREATE UNIQUE INDEX zz ON documents(format); ` + writable(`UPDATE sqlite_schema SET tbl_name = 'Documents' WHERE name = 'zz'`)},
		{"table passages_fts_docsize", `DROP TABLE passages_fts_docsize; CREATE TABLE 'passages_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB UNIQUE)`},
		{"table my_links", `CREATE TABLE my_links(p INTEGER REFERENCES passages(id) ON DELETE RESTRICT)`},
		// Found by a third re-attack: SQLite's own names did not excuse a
		// foreign key; one of Dossier's triggers dropped left a deleted
		// document's words in the index, found in the next import; and a
		// rank function kept as the index's data reversed every ranking.
		{"table sqlite_stat9", writable(`CREATE TABLE sqlite_stat9(p INTEGER REFERENCES passages(id) ON DELETE CASCADE)`)},
		{"trigger passages_ad, removed", `DROP TRIGGER passages_ad`},
		{"setting rank of passages_fts", `INSERT INTO passages_fts(passages_fts, rank) VALUES ('rank', 'bm25(-1.0)')`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := copyWithSQL(t, base, c.ddl)
			problems, err := store.CheckFile(ctx, p)
			if err != nil || len(problems) == 0 || !strings.Contains(problems[0], c.name) {
				t.Errorf("check: %q, %v; want the %s named", problems, err, c.name)
			}
			s, err := store.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if !s.ReadOnly() || !s.CarriesForeignSQL() {
				t.Fatalf("opened read-only %v (%q)", s.ReadOnly(), s.ReadOnlyReason())
			}
			if _, err := s.ImportText(ctx, "Second", "", "Another paragraph."); !errors.Is(err, store.ErrReadOnly) {
				t.Errorf("import: %v; want it refused", err)
			}
		})
	}
	t.Run("a later migration's name", func(t *testing.T) {
		// Someone else's index under the name migration 9 gives one of
		// Dossier's, in a file of version 8: every open failed on it.
		p := filepath.Join(t.TempDir(), "v8.dossier")
		db := rawDB(t, p)
		names, _ := os.ReadDir("migrations")
		for i, e := range names[:8] {
			body, err := os.ReadFile(filepath.Join("migrations", e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("BEGIN; " + string(body) + fmt.Sprintf("; PRAGMA application_id = %d; PRAGMA user_version = %d; COMMIT;", store.ApplicationID, i+1)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Exec(`CREATE TABLE mine(x); CREATE INDEX claims_source ON mine(x)`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if problems, err := store.CheckFile(ctx, p); err != nil || len(problems) == 0 || !strings.Contains(problems[0], "index claims_source") {
			t.Errorf("check: %q, %v", problems, err)
		}
		if _, err := store.Open(p); err == nil || strings.Contains(err.Error(), "already exists") {
			t.Errorf("open: %v; want it refused in words, not by a migration", err)
		}
	})
	t.Run("version 0", func(t *testing.T) {
		p := copyWithSQL(t, base, `PRAGMA user_version = 0`)
		if problems, err := store.CheckFile(ctx, p); err != nil || len(problems) == 0 || !strings.Contains(problems[0], "records schema version 0") {
			t.Errorf("check: %q, %v", problems, err)
		}
		if _, err := store.Open(p); err == nil || strings.Contains(err.Error(), "already exists") {
			t.Errorf("open: %v; want it refused in words, not by a migration", err)
		}
	})
}

// copyWithSQL is a copy of the research file at path, changed by sql as
// another SQLite program would change it.
func copyWithSQL(t *testing.T, path, sql string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "copy.dossier")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, p)
	if _, err := db.Exec(sql); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return p
}

// A copy made by sqlite3's .dump or .clone (SQLite's usual repair) keeps
// Dossier's tables but not the header's marks: it was "tables of another
// application", with no way out named. It says to recover it, and
// recovering it works (found by a third re-attack).
func TestADumpedCopySaysToRecover(t *testing.T) {
	ctx := context.Background()
	made := filepath.Join(t.TempDir(), "made.dossier")
	mustOpenAt(t, made).Close()
	dumped := copyWithSQL(t, made, `PRAGMA application_id = 0; PRAGMA user_version = 0`)
	_, err := store.Open(dumped)
	if !errors.Is(err, store.ErrNotDossier) || !strings.Contains(err.Error(), ".dump") || !strings.Contains(err.Error(), "dossier recover") {
		t.Fatalf("open: %v", err)
	}
	out := filepath.Join(t.TempDir(), "rescued.dossier")
	if _, err := store.Recover(ctx, dumped, out); err != nil {
		t.Fatal(err)
	}
	if problems, err := store.CheckFile(ctx, out); err != nil || len(problems) > 0 {
		t.Errorf("recovered: %q, %v", problems, err)
	}
}

// A negative schema version is no newer Dossier's ("schema version
// 4294967295", found by a third re-attack): the open says what it is.
func TestANegativeSchemaVersionIsNamed(t *testing.T) {
	made := filepath.Join(t.TempDir(), "made.dossier")
	mustOpenAt(t, made).Close()
	p := copyWithSQL(t, made, `PRAGMA user_version = -1`)
	_, err := store.Open(p)
	if err == nil || !strings.Contains(err.Error(), "schema version -1, which no Dossier writes") || strings.Contains(err.Error(), "newer") {
		t.Errorf("open: %v", err)
	}
}

// Someone else's index under a collating sequence SQLite does not know
// opened writable, while check and import called the file damaged and
// backup failed with SQLite's words (found by a third re-attack): it is
// foreign SQL, named as such.
func TestAnUnknownCollationIsForeign(t *testing.T) {
	ctx := context.Background()
	made := filepath.Join(t.TempDir(), "made.dossier")
	mustOpenAt(t, made).Close()
	p := copyWithSQL(t, made, `CREATE TABLE mine(a); CREATE INDEX mine_a ON mine(a COLLATE NOCASE);
		PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'NOCASE', 'nosuchcoll') WHERE name = 'mine_a'; PRAGMA writable_schema = OFF`)
	s, err := store.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.ReadOnly() || !strings.Contains(s.ForeignSQL(), "index mine_a") {
		t.Errorf("opened read-only %v, foreign SQL %q", s.ReadOnly(), s.ForeignSQL())
	}
	problems, err := store.CheckFile(ctx, p)
	if err != nil || !strings.Contains(strings.Join(problems, "\n"), "SQL that Dossier never makes (index mine_a)") {
		t.Errorf("check: %q, %v", problems, err)
	}
}
