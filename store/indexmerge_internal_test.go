package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Imports write their index segments with FTS5's automerge off and merge
// at the end: the setting must never stay off in the file, and segments
// must not pile up import after import.
func TestImportsMergeTheirIndexSegments(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "r.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir := t.TempDir()
	const imports = 9
	for i := range imports {
		path := filepath.Join(dir, fmt.Sprintf("doc%d.txt", i))
		text := fmt.Sprintf("Report %d\n\nThe campaign number %d sanctions Moscow.\n\nA second paragraph about election %d.\n", i, i, i)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var failed error
		if err := s.ImportFiles(ctx, []string{path}, func(o FileOutcome) { failed = o.Err }); err != nil || failed != nil {
			t.Fatalf("import %d: %v, %v", i, err, failed)
		}
		var automerge string
		if err := s.db.QueryRowContext(ctx, `SELECT v FROM passages_fts_config WHERE k = 'automerge'`).Scan(&automerge); err != nil || automerge != "4" {
			t.Fatalf("after import %d automerge is %q (%v), want 4 as before the import", i, automerge, err)
		}
	}
	var segments int
	if err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM passages_fts_idx`).Scan(&segments); err != nil {
		t.Fatal(err)
	}
	// One segment per import unmerged (9); FTS5 merges 4 segments of a
	// level into one, so merged there are at most 4.
	if segments > 4 {
		t.Errorf("%d index segments after %d imports: not merged", segments, imports)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("index integrity after merging: %v", err)
	}
	res, err := s.Search(ctx, SearchRequest{Query: "campaign", Limit: 50})
	if err != nil || res.Total != imports {
		t.Fatalf("campaign: %d hits (%v), want %d", res.Total, err, imports)
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.Text, "campaign") {
			t.Errorf("hit %q does not hold the word", h.Text)
		}
	}
}

// A backup taken beside an import's index merge may hold the import's
// segments unmerged; restoring it merges them before the file is put in
// place.
func TestRestoreMergesTheIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "r.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Imports merge only levels of usermerge segments: at its maximum,
	// nine imports leave nine segments, as an interrupted merge would.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('usermerge', 16)`); err != nil {
		t.Fatal(err)
	}
	const imports = 9
	for i := range imports {
		path := filepath.Join(dir, fmt.Sprintf("doc%d.txt", i))
		text := fmt.Sprintf("Report %d\n\nThe campaign number %d sanctions Moscow.\n", i, i)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := s.ImportFiles(ctx, []string{path}, nil); err != nil {
			t.Fatalf("import %d: %v", i, err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('usermerge', 4)`); err != nil {
		t.Fatal(err)
	}
	segments := func(db querier) int {
		t.Helper()
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM passages_fts_idx`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := segments(s.db); n < imports {
		t.Fatalf("%d segments before the backup, want %d unmerged: the set-up no longer works", n, imports)
	}
	backup := filepath.Join(dir, "backup.dossier")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	restored := filepath.Join(dir, "restored.dossier")
	if err := RestoreFile(ctx, restored, backup, filepath.Join(dir, "backups")); err != nil {
		t.Fatal(err)
	}
	r, err := Open(restored)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n := segments(r.db); n > 4 {
		t.Errorf("%d index segments in the restored file: not merged", n)
	}
	if _, err := r.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("index integrity after restoring: %v", err)
	}
	if res, err := r.Search(ctx, SearchRequest{Query: "campaign", Limit: 50}); err != nil || res.Total != imports {
		t.Fatalf("campaign in the restored file: %d hits (%v), want %d", res.Total, err, imports)
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, ".restored.dossier.restore-*")); len(matches) > 0 {
		t.Errorf("left behind: %v", matches)
	}
}

// Each merge step of the index stamps meta (stampconn.go) as every other
// change does: after an import large enough for SQLite to fold its -wal
// into the file and start it again, the merge steps that follow wrote a
// -wal of index pages alone, without the page of meta naming the file, and
// another research file's such -wal, left at this file's name by a crash
// of its Dossier, was folded in (hostile data pass data8).
func TestAMergeStepStampsTheFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	b := filepath.Join(dir, "b.dossier")
	s, err := Open(b)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Segments left unmerged by the imports, as by a large one.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('usermerge', 16)`); err != nil {
		t.Fatal(err)
	}
	for i := range 9 {
		path := filepath.Join(dir, fmt.Sprintf("doc%d.txt", i))
		if err := os.WriteFile(path, []byte(fmt.Sprintf("Report %d\n\nThe campaign number %d sanctions Moscow.\n", i, i)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := s.ImportFiles(ctx, []string{path}, nil); err != nil {
			t.Fatalf("import %d: %v", i, err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('usermerge', 4)`); err != nil {
		t.Fatal(err)
	}
	// Everything so far folded into the file and the -wal started again,
	// as SQLite does after a large import.
	if _, err := s.db.DB.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	// a: the same file as b's so far, but another research file.
	a := filepath.Join(dir, "a.dossier")
	data, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(a, data, 0o644)
	raw, err := sql.Open("sqlite", a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE meta SET value = 'another file' WHERE key = ?`, fileIDKey); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	var wal []byte // b's -wal after one merge step, as a crash then leaves it
	afterMergeStep = func(*sql.Conn) {
		if wal == nil {
			wal, _ = os.ReadFile(b + "-wal")
		}
	}
	defer func() { afterMergeStep = nil }()
	if err := s.mergeIndex(ctx, mergeWork); err != nil {
		t.Fatal(err)
	}
	if len(wal) == 0 {
		t.Fatal("no -wal after a merge step: the set-up no longer works")
	}
	os.WriteFile(a+"-wal", wal, 0o644)
	r, err := Open(a)
	if r != nil {
		r.Close()
		t.Fatal("Open with b's -wal of a merge step beside a opened it; want ErrForeignWAL")
	}
	if !errors.Is(err, ErrForeignWAL) {
		t.Errorf("Open with b's -wal of a merge step beside a: %v; want ErrForeignWAL", err)
	}
}
