package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// openOneConn opens a research file whose pool has a single connection, so
// that per-connection pragmas set by the test hold for every statement.
func openOneConn(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.id.mu.Lock() // lostFile's own connection would be the only one
	if s.id.reserve != nil {
		s.id.reserve.Close()
		s.id.reserve = nil
	}
	s.id.mu.Unlock()
	s.db.SetMaxOpenConns(1)
	return s
}

// A full disk names the research file, says it is full, and is not
// reported against the file being imported.
func TestDiskFullNamesTheResearchFile(t *testing.T) {
	s := openOneConn(t)
	ctx := context.Background()
	var pages int
	if err := s.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	// SQLite reports SQLITE_FULL when the file may grow no further, as on
	// a full disk.
	if _, err := s.db.DB.ExecContext(ctx, `PRAGMA max_page_count = `+strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(t.TempDir(), "big.txt")
	os.WriteFile(doc, []byte("Big\n\n"+strings.Repeat("Words about Kilimnik and Derkach. ", 4000)+"\n"), 0o644)
	var blamed []FileOutcome
	err := s.ImportFiles(ctx, []string{doc}, func(o FileOutcome) {
		if o.Err != nil {
			blamed = append(blamed, o)
		}
	})
	if !IsFileError(err) || !strings.Contains(err.Error(), "research file "+s.Path()+": the disk holding it is full") {
		t.Errorf("import onto a full disk: %v", err)
	}
	if len(blamed) != 0 {
		t.Errorf("the input file was blamed: %+v", blamed)
	}
	err = s.SaveSearch(ctx, "n", strings.Repeat("kilimnik ", 100))
	if err != nil && !strings.Contains(err.Error(), s.Path()) {
		t.Errorf("a write on a full disk does not name the research file: %v", err)
	}
}

// "database is locked" names the research file.
func TestLockedNamesTheResearchFile(t *testing.T) {
	s := openOneConn(t)
	ctx := context.Background()
	if _, err := s.db.DB.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", "file:"+s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `ROLLBACK`)
	err = s.SaveSearch(ctx, "n", "kilimnik")
	if !IsFileError(err) || !strings.HasPrefix(err.Error(), "research file "+s.Path()+": is locked by another program") {
		t.Errorf("a write while another program writes: %v", err)
	}
	if !errors.Is(err, ErrBusy) || sqliteCode(err) == 0 {
		t.Errorf("a write while another program writes is not ErrBusy, with SQLite's code: %v", err)
	}
	doc := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(doc, []byte("A\n\nText.\n"), 0o644)
	err = s.ImportFiles(ctx, []string{doc}, func(o FileOutcome) {
		if o.Err != nil {
			t.Errorf("the input file was blamed: %v", o.Err)
		}
	})
	if !IsFileError(err) || !strings.Contains(err.Error(), s.Path()) {
		t.Errorf("import while another program writes: %v", err)
	}
}

// An import that fills the disk after some files were stored says which
// are stored, instead of "nothing was changed".
func TestDiskFullPartwaySaysWhatWasStored(t *testing.T) {
	s := openOneConn(t)
	ctx := context.Background()
	dir := t.TempDir()
	var paths []string
	for i, n := range []int{bulkPassages + 200, 300, 300} { // the first fills a batch of its own
		var text strings.Builder
		for j := range n {
			fmt.Fprintf(&text, "File %d paragraph %d on the ferry timetable.\n\n", i, j)
		}
		p := filepath.Join(dir, fmt.Sprintf("f%d.txt", i))
		os.WriteFile(p, []byte(text.String()), 0o644)
		paths = append(paths, p)
	}
	var reported []FileOutcome
	err := s.ImportFiles(ctx, paths, func(o FileOutcome) {
		reported = append(reported, o)
		if len(reported) > 1 {
			return
		}
		var pages int
		if err := s.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
			t.Error(err)
		}
		if _, err := s.db.DB.ExecContext(ctx, `PRAGMA max_page_count = `+strconv.Itoa(pages)); err != nil {
			t.Error(err)
		}
	})
	if !IsFileError(err) {
		t.Fatalf("import filling the disk part-way returned %v; want the research file's error", err)
	}
	if len(reported) != 1 || reported[0].Err != nil {
		t.Fatalf("reported %+v; want the first file stored", reported)
	}
	msg := err.Error()
	want := "the disk holding it is full; free some space and try again (the 1 file reported before this stopped the import is stored; 2 files were not imported)"
	if !strings.Contains(msg, want) {
		t.Errorf("message %q\nwant it to say %q", msg, want)
	}
	docs, _ := s.Documents(ctx)
	if len(docs) != 1 {
		t.Errorf("%d documents stored, want the first file's", len(docs))
	}
}

// A backup reads through the pool's small page cache (SQLite's default:
// dsn sets none) and hands the connection back to the pool as it was.
func TestBackupLeavesThePoolsCacheAsItWas(t *testing.T) {
	s := openOneConn(t)
	ctx := context.Background()
	var before int64
	if err := s.db.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, filepath.Join(t.TempDir(), "copy.dossier")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RollingBackup(ctx, s.now()); err != nil {
		t.Fatal(err)
	}
	var after int64
	if err := s.db.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != before || before != -2000 {
		t.Errorf("cache_size %d before the backups, %d after (want SQLite's -2000 both times)", before, after)
	}
}

// The index merge after an import runs with a large page cache on its
// connection, and hands the connection back to the pool with the small one
// searches use.
func TestMergeRaisesItsCacheAndPutsItBack(t *testing.T) {
	s := openOneConn(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "doc.txt")
	if err := os.WriteFile(path, []byte("Report\n\nThe campaign sanctions Moscow.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.ImportFiles(ctx, []string{path}, nil); err != nil {
		t.Fatal(err)
	}
	var during []int64
	afterMergeStep = func(conn *sql.Conn) {
		var n int64
		if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&n); err != nil {
			t.Error(err)
		}
		during = append(during, n)
	}
	defer func() { afterMergeStep = nil }()
	if err := s.mergeIndex(ctx, 10); err != nil {
		t.Fatal(err)
	}
	if len(during) == 0 {
		t.Fatal("the merge took no step")
	}
	for _, n := range during {
		if n != -mergeCacheKiB {
			t.Errorf("cache_size %d during a merge step, want %d", n, -mergeCacheKiB)
		}
	}
	var after int64
	if err := s.db.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != -2000 {
		t.Errorf("cache_size %d after the merge, want the pool's -2000", after)
	}
}

// A research file moved away during the index merge: the merge stops and
// reports it, and making the file safe does not wait for the connection
// the merge holds (with a one-connection pool it waited out lostFile's
// minute).
func TestMergeStopsWhenTheFileIsMoved(t *testing.T) {
	s := openOneConn(t)
	ctx := context.Background()
	// Imports merge only levels of usermerge segments: nine imports leave
	// nine segments, so the merge takes more than one step.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('usermerge', 16)`); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i := range 9 {
		path := filepath.Join(dir, fmt.Sprintf("doc%d.txt", i))
		if err := os.WriteFile(path, []byte(fmt.Sprintf("Report %d\n\nThe campaign number %d.\n", i, i)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := s.ImportFiles(ctx, []string{path}, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Now let the merge take them (its first step changes the structure).
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('usermerge', 2)`); err != nil {
		t.Fatal(err)
	}
	steps := 0
	afterMergeStep = func(*sql.Conn) {
		steps++
		if steps == 1 {
			if err := os.Rename(s.path, s.path+".moved"); err != nil {
				t.Error(err)
			}
		}
	}
	defer func() { afterMergeStep = nil }()
	done := make(chan error, 1)
	go func() { done <- s.mergeIndex(ctx, 100000) }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrFileReplaced) {
			t.Errorf("merge after the file moved: %v, want ErrFileReplaced", err)
		}
	case <-time.After(30 * time.Second): // a hang detector, not a speed check
		t.Fatal("the merge did not return within 30 s of the file moving")
	}
	if steps != 1 {
		t.Errorf("%d merge steps, want 1 (none after the file moved)", steps)
	}
}

// A backup that fails leaves no folder it made: the first backup of a file
// whose backup folder (and its parents) did not exist yet used to leave
// them behind, empty.
func TestFailedBackupRemovesTheFoldersItMade(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// Not a research file: vacuumInto copies it, then refuses to publish it.
	db, err := sql.Open("sqlite", dsn(filepath.Join(dir, "other.db"), false))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TABLE t(x); INSERT INTO t VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(dir, "kept")
	if err := os.Mkdir(kept, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(kept, "a", "b", "backups", "x.dossier")
	if _, err := vacuumInto(ctx, db, "", out, nil); err == nil || !strings.Contains(err.Error(), "not a Dossier research file") {
		t.Fatalf("backup of a foreign file: err %v, want a refusal", err)
	}
	if _, err := os.Lstat(filepath.Join(kept, "a")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the failed backup left the folders it made (%v)", err)
	}
	if _, err := os.Lstat(kept); err != nil {
		t.Errorf("the failed backup removed a folder that was there before: %v", err)
	}

	// A folder that gained a file meanwhile is not removed.
	out = filepath.Join(kept, "c", "x.dossier")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	made := missingDirs(filepath.Join(kept, "c", "d"))
	if len(made) != 1 || made[0] != filepath.Join(kept, "c", "d") {
		t.Errorf("missingDirs = %q, want only the missing folder", made)
	}
}

// A restore that stops before replacing the file (here: the file is open in
// another store) leaves no backup folder it made behind.
func TestRefusedRestoreRemovesTheFoldersItMade(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportText(ctx, "A", "a.txt", "The committee met in March."); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.dossier")
	if err := s.Backup(ctx, old); err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "data", "backups", "research")
	err = RestoreFile(ctx, path, old, backups)
	if err == nil || !strings.Contains(err.Error(), "open in another") {
		t.Fatalf("restoring over a file open elsewhere: %v, want a refusal", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "data")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused restore left the folders it made (%v)", err)
	}
	if _, err := os.Lstat(path); err != nil {
		t.Errorf("the research file: %v", err)
	}
}
