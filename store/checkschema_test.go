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
			live := mustOpenAt(t, p)
			// Opened read-only, saying why: it opened writable, and a
			// change needing the table failed "no such table".
			if !live.ReadOnly() || "("+live.MissingSchema()+")" != c.want || !strings.Contains(live.ReadOnlyReason(), "recover") {
				t.Errorf("opened: read-only %v, missing %q, reason %q", live.ReadOnly(), live.MissingSchema(), live.ReadOnlyReason())
			}
			if got, err := live.Check(ctx); err != nil || len(got) == 0 || got[0] != problems[0] {
				t.Errorf("Store.Check = %q, %v; CheckFile said %q", got, err, problems)
			}
			into := mustSeed2(t)
			_, err = into.RestoreBackup(ctx, p)
			if !errors.Is(err, store.ErrDamagedBackup) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("RestoreBackup of such a backup = %v; want it refused as damaged", err)
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
