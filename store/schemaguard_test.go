package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
			p := filepath.Join(t.TempDir(), "copy.dossier")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(p, b, 0o644)
			db := rawDB(t, p)
			if _, err := db.Exec(c.ddl); err != nil {
				t.Fatal(err)
			}
			db.Close()
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
