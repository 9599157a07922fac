package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The WAL of a lost file is emptied even while every connection of the pool
// is busy (a long search, the window's other work): no new one may open by
// then, so lostFile must not need one.
func TestLostFileNeedsNoFreeConnection(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportText(ctx, "Note", "", "Foreign influence in the 2020 election."); err != nil {
		t.Fatal(err)
	}
	// The WAL leaves the name once emptied (releaseName): watch it by handle.
	wal, err := os.Open(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	defer wal.Close()
	walSize := func() int64 {
		fi, err := wal.Stat()
		if err != nil {
			return -1
		}
		return fi.Size()
	}
	if walSize() <= 0 {
		t.Fatal("the import left nothing in the WAL: the test cannot tell")
	}
	// Take every connection the pool has, as busy work would.
	var held []*sql.Conn
	for range 3 {
		c, err := s.db.DB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	other := filepath.Join(t.TempDir(), "other.dossier")
	o, err := Open(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	if err := s.stillAtPath(); !errors.Is(err, ErrFileReplaced) {
		t.Fatalf("after the replacement: %v", err)
	}
	if n := walSize(); n != 0 {
		t.Errorf("the old file's WAL still holds %d bytes: lostFile found no connection", n)
	}
}

// The hostile test's first scenario: the file moved away and straight back
// while lostFile checkpointed and backed up; other programs had opened it
// again with its side files. releaseName must look again and leave them.
func TestReleaseNameLeavesTheSideFilesOfAFileThatCameBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportText(ctx, "Note", "", "Foreign influence in the 2020 election."); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path, path+".away"); err != nil {
		t.Fatal(err)
	}
	if s.atPath() {
		t.Fatal("the store did not see its file go")
	}
	if err := os.Rename(path+".away", path); err != nil {
		t.Fatal(err)
	}
	s.releaseName() // as lostFile would, after its checkpoint and backup
	for _, side := range walSides {
		if _, err := os.Stat(path + side); err != nil {
			t.Errorf("%s was taken away although the file is back: %v", side, err)
		}
	}
	if err := s.stillAtPath(); err != nil {
		t.Errorf("the store counts its file lost although it is back: %v", err)
	}
	if _, err := s.ImportText(ctx, "Second", "", "Another note."); err != nil {
		t.Errorf("writing once the file is back: %v", err)
	}
}

// A file moved while the store closes — after its last look at the name,
// before the pool closes — keeps every commit, and no side file stays at
// the old name: SQLite neither checkpoints nor deletes a moved file's WAL
// at close, so its commits stayed there, missing from the moved file and
// replayed into it (damaging it) if it came back changed.
func TestFileMovedWhileClosingKeepsEveryCommit(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.dossier")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(dir, "doc.txt")
	if err := os.WriteFile(doc, []byte("Report\n\nThe zanzibarite campaign.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.ImportFiles(ctx, []string{doc}, nil); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("the import left no commits in the WAL (%v): the test needs some", err)
	}
	moved := filepath.Join(dir, "moved.dossier")
	beforePoolClose = func() {
		if err := os.Rename(path, moved); err != nil {
			t.Error(err)
		}
	}
	err = s.Close()
	beforePoolClose = nil
	if err != nil {
		t.Errorf("close: %v (every commit is in the moved file: nothing to report)", err)
	}
	for _, suffix := range walSides {
		if _, err := os.Lstat(path + suffix); err == nil {
			t.Errorf("%s left at the old name", filepath.Base(path+suffix))
		}
	}
	m, err := Open(moved)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	var check string
	if err := m.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("the moved file checks %q (%v)", check, err)
	}
	res, err := m.Search(ctx, SearchRequest{Query: "zanzibarite"})
	if err != nil || res.Total != 1 {
		t.Errorf("the moved file finds the import %d times (%v), want once", res.Total, err)
	}
}
