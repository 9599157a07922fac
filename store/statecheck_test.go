package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// Migration 0017 makes passage_tags anew with its state's check written
// as comparisons (an IN list of three values cost a third of each
// suggestion's insert): a file of schema 16 keeps every tagging as it was,
// decision dates included (but one of a passage no longer there), the check still refuses other states, the
// trigger still dates decisions, and the file checks clean.
func TestStateCheckMigrationKeepsEveryTagging(t *testing.T) {
	path, db := researchRaw(t)
	execAll(t, db,
		`UPDATE passage_tags SET state = 'accepted' WHERE (passage_id, tag_id) IN (SELECT passage_id, tag_id FROM passage_tags ORDER BY passage_id, tag_id LIMIT 3)`,
		`UPDATE passage_tags SET state = 'rejected', decided_at = '2026-01-02T03:04:05.000Z' WHERE (passage_id, tag_id) IN (SELECT passage_id, tag_id FROM passage_tags WHERE state = 'pending' ORDER BY passage_id, tag_id LIMIT 2)`)
	before := passageTagRows(t, db)
	if n := strings.Count(strings.Join(before, "\n"), "|accepted|"); n != 3 {
		t.Fatalf("%d accepted taggings set up, want 3:\n%s", n, strings.Join(before, "\n"))
	}
	// A tagging of a passage deleted by another program, foreign keys off:
	// not copied, and no reason to refuse the file.
	execAll(t, db, `INSERT INTO passage_tags (passage_id, tag_id, origin, state, created_at) VALUES (999999, 1, 'manual', 'accepted', '2026-01-01T00:00:00.000Z')`)
	execAll(t, db, store.UndoStateCheck(t)...)
	if sql := tableSQL(t, db, "passage_tags"); !strings.Contains(sql, "state IN ('accepted', 'rejected', 'pending')") {
		t.Fatalf("the file was not rolled back to schema 16: %s", sql)
	}
	db.Close()

	migratesClean(t, path, "a file of schema 16")
	db = rawDB(t, path)
	if got := passageTagRows(t, db); !slices.Equal(got, before) {
		t.Errorf("taggings changed by the migration:\n got %q\nwant %q", got, before)
	}
	if sql := tableSQL(t, db, "passage_tags"); !strings.Contains(sql, "state = 'accepted' OR state = 'rejected' OR state = 'pending'") {
		t.Errorf("passage_tags after the migration: %s", sql)
	}
	var p, tag int64
	if err := db.QueryRow(`SELECT passage_id, tag_id FROM passage_tags WHERE state = 'pending' LIMIT 1`).Scan(&p, &tag); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE passage_tags SET state = 'maybe' WHERE passage_id = ? AND tag_id = ?`, p, tag); err == nil || !strings.Contains(err.Error(), "CHECK") {
		t.Errorf("a state outside the three was stored: %v", err)
	}
	if _, err := db.Exec(`UPDATE passage_tags SET state = 'accepted' WHERE passage_id = ? AND tag_id = ?`, p, tag); err != nil {
		t.Fatal(err)
	}
	var decided sql.NullString
	if err := db.QueryRow(`SELECT decided_at FROM passage_tags WHERE passage_id = ? AND tag_id = ?`, p, tag).Scan(&decided); err != nil || !decided.Valid {
		t.Errorf("a decision after the migration was not dated (the trigger): %v, %v", decided, err)
	}
}

// researchRaw is a seeded research file (mustResearchAt), closed, and a
// connection to it bypassing the store: one connection, as the pragmas
// the tests set (ignore_check_constraints) are the connection's.
func researchRaw(t *testing.T) (string, *sql.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, _ := mustResearchAt(t, path)
	s.Close()
	db := rawDB(t, path)
	db.SetMaxOpenConns(1)
	return path, db
}

// execAll runs qs on db in turn, failing t at the first that fails.
func execAll(t *testing.T, db *sql.DB, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// migratesClean opens the file at path (what: what it is), which must
// open, be brought to schema 18, and check clean; then closes it.
func migratesClean(t *testing.T, path, what string) {
	t.Helper()
	ctx := context.Background()
	s := mustOpenAt(t, path)
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v != 18 {
		t.Fatalf("%s: schema version %d, %v after opening, want 18", what, v, err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("%s: check after the migration: %v, %v", what, problems, err)
	}
}

func passageTagRows(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at FROM passage_tags ORDER BY passage_id, tag_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p, tag int64
		var origin, state, created string
		var start, end sql.NullInt64
		var decided sql.NullString
		if err := rows.Scan(&p, &tag, &origin, &state, &start, &end, &created, &decided); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d|%d|%s|%s|%v|%v|%s|%v|", p, tag, origin, state, start, end, created, decided))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("only %d taggings in the seeded file", len(out))
	}
	return out
}

func tableSQL(t *testing.T, db *sql.DB, name string) string {
	t.Helper()
	var sql string
	if err := db.QueryRow(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, name).Scan(&sql); err != nil {
		t.Fatal(err)
	}
	return sql
}

// A file of schema 16 holding a tagging whose state or origin is none of
// Dossier's (written by another program with its checks off, as a
// tagging of a deleted passage is written with foreign keys off) opens:
// copied, the row failed the new table's check, the migration with it,
// and every open of the file ("migration 0017_…: CHECK constraint
// failed"), when check called the file ok and Dossier 16 opened it.
func TestStateCheckMigrationOpensAFileWithAStrayState(t *testing.T) {
	path, db := researchRaw(t)
	execAll(t, db, append(store.UndoStateCheck(t),
		`PRAGMA ignore_check_constraints = ON`,
		`UPDATE passage_tags SET state = 'Accepted' WHERE (passage_id, tag_id) IN (SELECT passage_id, tag_id FROM passage_tags ORDER BY passage_id, tag_id LIMIT 1)`,
		`UPDATE passage_tags SET origin = 'imported' WHERE (passage_id, tag_id) IN (SELECT passage_id, tag_id FROM passage_tags ORDER BY passage_id DESC, tag_id LIMIT 1)`,
	)...)
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM passage_tags`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	db.Close()

	migratesClean(t, path, "a file of schema 16 with a stray state")
	db = rawDB(t, path)
	var left int
	if err := db.QueryRow(`SELECT count(*) FROM passage_tags`).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left != n-2 {
		t.Errorf("%d taggings after the migration, want the %d of Dossier's states and origins", left, n-2)
	}
}

// A view of someone else's over passage_tags (allowed beside Dossier's
// schema) still reads the taggings after migration 0017: renaming the old
// table rewrote the view to read "passage_tags_old", which the migration
// then dropped, so the view failed ("no such table") and every later
// ALTER TABLE … RENAME or DROP COLUMN on the file would have failed with
// it ("error in view …"), a migration's among them (a hostile pass).
func TestStateCheckMigrationLeavesAViewOfTaggingsWorking(t *testing.T) {
	path, db := researchRaw(t)
	const view = `CREATE VIEW my_pending AS SELECT passage_id, tag_id FROM passage_tags WHERE state = 'pending'`
	execAll(t, db, append(store.UndoStateCheck(t), view)...)
	db.Close()

	s := mustOpenAt(t, path)
	if s.ReadOnly() {
		t.Fatalf("the file opened read-only: %s", s.ReadOnlyReason())
	}
	s.Close()
	db = rawDB(t, path)
	var got string
	if err := db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'my_pending'`).Scan(&got); err != nil || got != view {
		t.Errorf("the view after the migration: %q, %v; want it as it was", got, err)
	}
	var inView, pending int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM my_pending), (SELECT count(*) FROM passage_tags WHERE state = 'pending')`).Scan(&inView, &pending); err != nil || inView != pending || pending == 0 {
		t.Errorf("the view reads %d taggings of %d pending: %v", inView, pending, err)
	}
	if _, err := db.Exec(`ALTER TABLE tags RENAME COLUMN description TO about`); err != nil {
		t.Errorf("a later ALTER TABLE fails: %v", err)
	}
}

// Check names the taggings whose state or origin is none of Dossier's
// (another program's, written with its checks off), with what becomes of
// them and how to keep them: SQLite's integrity check does not see them,
// so check said "ok" of a file of schema 16 whose first opening (migration
// 0017) then dropped them unsaid, and of a file of schema 17 whose
// recover left them out (a hostile pass). Taggings of a passage or tag
// gone were already named, and still are.
func TestCheckNamesStrayTaggings(t *testing.T) {
	for _, c := range []struct {
		name     string
		schema16 bool
		sql      []string
		want     []string
	}{
		{"state", false, []string{`UPDATE passage_tags SET state = 'Accepted' WHERE (passage_id, tag_id) IN (SELECT passage_id, tag_id FROM passage_tags ORDER BY passage_id, tag_id LIMIT 1)`},
			[]string{"1 tagging (row of passage_tags) has a state or origin that is none of Dossier's (another program wrote it with its checks off): recover leaves it out; to keep it, set each state to accepted, rejected or pending and each origin to manual or suggested with that program first"}},
		{"origin, schema 16", true, []string{`UPDATE passage_tags SET origin = 'imported' WHERE (passage_id, tag_id) IN (SELECT passage_id, tag_id FROM passage_tags ORDER BY passage_id, tag_id LIMIT 2)`},
			[]string{"2 taggings (rows of passage_tags) have a state or origin that is none of Dossier's (another program wrote them with its checks off): this Dossier drops them when it first opens the file, and recover leaves them out; to keep them, set each state"}},
		{"gone passage and tag", true, []string{
			`INSERT INTO passage_tags (passage_id, tag_id, origin, state, created_at) VALUES (999999, 1, 'manual', 'accepted', '2026-01-01T00:00:00.000Z')`,
			`UPDATE passage_tags SET tag_id = 88888 WHERE (passage_id, tag_id) IN (SELECT passage_id, tag_id FROM passage_tags ORDER BY passage_id, tag_id LIMIT 1)`},
			[]string{"1 row of passage_tags refers to rows of passages that are gone", "1 row of passage_tags refers to rows of tags that are gone"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			path, db := researchRaw(t)
			var qs []string
			if c.schema16 {
				qs = store.UndoStateCheck(t)
			}
			execAll(t, db, append(append(qs, `PRAGMA ignore_check_constraints = ON`, `PRAGMA foreign_keys = OFF`), c.sql...)...)
			db.Close()
			problems, err := store.CheckFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != len(c.want) {
				t.Fatalf("check found %q, want %d problems", problems, len(c.want))
			}
			for i, w := range c.want {
				if !strings.HasPrefix(problems[i], w) {
					t.Errorf("problem %d: %q\nwant it to begin %q", i, problems[i], w)
				}
			}
		})
	}
}
