package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// A table or index of Dossier's dropped by another program is damage that
// check names and recover repairs: every such file passed check as "ok",
// and the first change that needed the table failed with SQLite's "no
// such table" (a hostile pass). Restore refuses such a backup.
func TestCheckNamesMissingTablesAndIndexes(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	bookmarkFirst(t, s, doc, "kept")
	base := s.Path()
	s.Close()
	for _, c := range []struct{ drop, want string }{
		{`DROP TABLE bookmark_removals`, "(table bookmark_removals)"},
		{`DROP TABLE saved_searches`, "(table saved_searches)"},
		{`DROP TABLE claim_links`, "(table claim_links)"},
		{`DROP INDEX passage_tags_tag`, "(index passage_tags_tag)"},
		{`DROP TABLE passages_fts`, "(table passages_fts)"},
	} {
		t.Run(c.drop, func(t *testing.T) {
			p := copyWithSQL(t, base, c.drop)
			problems, err := store.CheckFile(ctx, p)
			if err != nil || len(problems) == 0 || !strings.Contains(problems[0], "lacks part of Dossier's schema "+c.want) ||
				store.IsForeignSQLProblem(problems[0]) {
				t.Fatalf("CheckFile = %q, %v; want the missing object named first, as damage", problems, err)
			}
			into := mustSeed2(t)
			_, err = into.RestoreBackup(ctx, p)
			if !errors.Is(err, store.ErrDamagedBackup) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("RestoreBackup of such a backup = %v; want it refused as damaged", err)
			}
			live := mustOpenAt(t, p)
			if strings.HasPrefix(c.want, "(index") {
				// An index alone is made again from its table on opening
				// (the file opened read-only, said to be damaged).
				if got, err := live.Check(ctx); err != nil || len(got) > 0 || live.ReadOnly() {
					t.Errorf("opened: read-only %v; check %q, %v; want the index made again", live.ReadOnly(), got, err)
				}
			} else {
				// Opened read-only, saying why: it opened writable, and a
				// change needing the table failed "no such table".
				if !live.ReadOnly() || "("+live.MissingSchema()+")" != c.want || !strings.Contains(live.ReadOnlyReason(), "recover") {
					t.Errorf("opened: read-only %v, missing %q, reason %q", live.ReadOnly(), live.MissingSchema(), live.ReadOnlyReason())
				}
				if got, err := live.Check(ctx); err != nil || len(got) == 0 || got[0] != problems[0] {
					t.Errorf("Store.Check = %q, %v; CheckFile said %q", got, err, problems)
				}
			}
			live.Close()
			out := filepath.Join(t.TempDir(), "recovered.dossier")
			if _, err := store.Recover(ctx, p, out); err != nil {
				t.Fatalf("Recover: %v", err)
			}
			if problems, err := store.CheckFile(ctx, out); err != nil || len(problems) != 0 {
				t.Errorf("the recovered file: %q, %v; want it sound", problems, err)
			}
			if bms, err := mustOpenAt(t, out).Bookmarks(ctx); err != nil || len(bms) != 1 {
				t.Errorf("the recovered file's bookmarks: %v, %v", bms, err)
			}
		})
	}
}

// mustSeed2 is a seeded store whose backups go to a folder of the test's.
func mustSeed2(t *testing.T) *store.Store {
	t.Helper()
	s, _ := mustSeed(t)
	s.SetBackupDir(t.TempDir())
	return s
}

// An export of a file lacking one of Dossier's tables says so and how to
// get a whole file, not SQLite's "SQL logic error: no such table:
// bookmarks (1)"; the read-only reason's command is one that runs (found
// by a hostile pass).
func TestExportOfAFileLackingATableSaysWhy(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	base := s.Path()
	s.Close()
	p := copyWithSQL(t, base, `DROP TABLE bookmarks`)
	live := mustOpenAt(t, p)
	defer live.Close()
	var out strings.Builder
	err := live.ExportMarkdown(ctx, &out, "")
	if err == nil || !strings.Contains(err.Error(), "lacks part of Dossier's schema (table bookmarks)") ||
		!strings.Contains(err.Error(), "recover --out NEW") || strings.Contains(err.Error(), "SQL logic error") {
		t.Errorf("export: %v", err)
	}
	if !strings.Contains(live.ReadOnlyReason(), "dossier --db FILE recover --out NEW") {
		t.Errorf("read-only reason: %s", live.ReadOnlyReason())
	}
}

// A column of Dossier's dropped by another program (ALTER TABLE … DROP
// COLUMN) is damage, as a dropped table is: such a file was said to carry
// foreign SQL "which could alter or delete your work". It opens read-only
// saying which table lacks which column and how to recover; check names it
// as damage; recover copies its rows into a sound file. A table rewritten
// otherwise stays foreign SQL.
func TestADroppedColumnIsNamedAsDamage(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	bookmarkFirst(t, s, doc, "kept")
	base := s.Path()
	s.Close()
	const want = "lacks part of Dossier's schema (column note of table bookmarks)"
	p := copyWithSQL(t, base, `ALTER TABLE bookmarks DROP COLUMN note`)
	problems, err := store.CheckFile(ctx, p)
	if err != nil || len(problems) == 0 || !strings.Contains(problems[0], want) || store.IsForeignSQLProblem(problems[0]) {
		t.Fatalf("CheckFile = %q, %v; want the dropped column named first, as damage", problems, err)
	}
	live := mustOpenAt(t, p)
	why := live.ReadOnlyReason()
	if !live.ReadOnly() || live.CarriesForeignSQL() || live.MissingSchema() != "column note of table bookmarks" ||
		!strings.Contains(why, want) || !strings.Contains(why, "dossier --db FILE recover --out NEW") || strings.Contains(why, "never makes") {
		t.Errorf("opened: read-only %v, foreign SQL %v, missing %q, reason %q", live.ReadOnly(), live.CarriesForeignSQL(), live.MissingSchema(), why)
	}
	if got, err := live.Check(ctx); err != nil || len(got) == 0 || got[0] != problems[0] {
		t.Errorf("Store.Check = %q, %v; CheckFile said %q", got, err, problems)
	}
	var md strings.Builder
	if err := live.ExportMarkdown(ctx, &md, ""); err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "SQL logic error") {
		t.Errorf("export: %v", err)
	}
	live.Close()
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	if _, err := store.Recover(ctx, p, out); err != nil {
		t.Fatalf("Recover: %v", err)
	}
	if problems, err := store.CheckFile(ctx, out); err != nil || len(problems) != 0 {
		t.Errorf("the recovered file: %q, %v; want it sound", problems, err)
	}
	if bms, err := mustOpenAt(t, out).Bookmarks(ctx); err != nil || len(bms) != 1 {
		t.Errorf("the recovered file's bookmarks: %v, %v", bms, err)
	}

	// The same table rewritten to lack the column and add a trigger's worth
	// of harm (a cascade) is not a dropped column: foreign SQL, as before.
	q := copyWithSQL(t, base, `PRAGMA writable_schema = ON;
		UPDATE sqlite_schema SET sql = replace(replace(sql, 'note       TEXT NOT NULL DEFAULT '''',', ''), 'ON DELETE CASCADE', 'ON DELETE CASCADE ON UPDATE CASCADE') WHERE name = 'bookmarks';
		PRAGMA writable_schema = OFF;`)
	if problems, err := store.CheckFile(ctx, q); err != nil || len(problems) == 0 || !store.IsForeignSQLProblem(problems[0]) || !strings.Contains(problems[0], "table bookmarks") {
		t.Errorf("CheckFile of a rewritten table = %q, %v; want foreign SQL", problems, err)
	}
}
