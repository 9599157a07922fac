package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dossier/store"
)

// orphanBackup is a backup of s holding a row of passage_tags whose tag is
// gone, written as the sqlite3 shell would with foreign keys off.
func orphanBackup(t *testing.T, s *store.Store) string {
	t.Helper()
	backup := filepath.Join(t.TempDir(), "orphan.dossier")
	if err := s.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+backup+"?_pragma=foreign_keys(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO passage_tags (passage_id, tag_id, origin, state, created_at)
		SELECT min(id), 999999, 'manual', 'accepted', '2026-01-01T00:00:00Z' FROM passages`); err != nil {
		t.Fatal(err)
	}
	return backup
}

// A backup that check calls damaged is refused by restore, in one line
// that says what to do; the research file is left as it was. A quick
// check restored a backup with a row whose tag was gone, which check then
// called damaged (a hostile pass).
func TestRestoreRefusesWhatCheckCallsDamaged(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	s.SetBackupDir(t.TempDir())
	backup := orphanBackup(t, s)
	bookmarkFirst(t, s, doc, "kept")

	problems, err := store.CheckFile(ctx, backup)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "passage_tags") {
		t.Fatalf("CheckFile of the backup = %q, %v; want the row of passage_tags named", problems, err)
	}
	wantSaid := func(what string, err error) {
		t.Helper()
		msg := fmt.Sprint(err)
		if !errors.Is(err, store.ErrDamagedBackup) || strings.Contains(msg, "\n") ||
			!strings.Contains(msg, "is itself damaged (1 row of passage_tags refers to rows of tags that are gone)") ||
			!strings.Contains(msg, "recover") {
			t.Errorf("%s of a backup check calls damaged = %v; want a one-line refusal naming the problem and recover", what, err)
		}
	}
	got, err := s.RestoreBackup(ctx, backup)
	if got != s {
		t.Fatalf("RestoreBackup replaced the store on a refusal")
	}
	wantSaid("RestoreBackup", err)
	path := s.Path()
	s.Close()
	wantSaid("RestoreFile", store.RestoreFile(ctx, path, backup, t.TempDir()))
	if problems, err := store.CheckFile(ctx, path); err != nil || len(problems) != 0 {
		t.Fatalf("research file after the refusals: %q, %v", problems, err)
	}
	if bms, err := mustOpenAt(t, path).Bookmarks(ctx); err != nil || len(bms) != 1 {
		t.Fatalf("research file after the refusals: bookmarks %v, %v", bms, err)
	}
}

// restore's summary of a damaged backup counts as many problems as check
// lists, each on a line of its own: check counted SQLite's "*** in
// database main ***" result as one problem, restore (a quick check) others.
func TestRestoreCountsTheProblemsCheckLists(t *testing.T) {
	ctx := context.Background()
	damaged := damagedFile(t)
	problems, err := store.CheckFile(ctx, damaged)
	if err != nil || len(problems) < 2 {
		t.Fatalf("CheckFile of a damaged file = %q, %v; want several problems", problems, err)
	}
	for _, p := range problems {
		if strings.Contains(p, "\n") || strings.Contains(p, "***") {
			t.Errorf("CheckFile problem %q: want one line, without SQLite's heading", p)
		}
	}
	s, _ := mustSeed(t)
	s.SetBackupDir(t.TempDir())
	_, err = s.RestoreBackup(ctx, damaged)
	m := regexp.MustCompile(`\((.*) and (\d+) more problems?\)`).FindStringSubmatch(fmt.Sprint(err))
	if m == nil {
		t.Fatalf("RestoreBackup of a damaged backup = %v; want its first problem and how many more", err)
	}
	if more, _ := strconv.Atoi(m[2]); m[1] != problems[0] || more != len(problems)-1 {
		t.Errorf("RestoreBackup said %q and %s more; CheckFile listed %d: %q", m[1], m[2], len(problems), problems)
	}
}
