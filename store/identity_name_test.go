package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// Side files without their research file (it was moved or deleted while a
// program had it open, or after a crash) are not taken for a new file's:
// Open refuses to create one under them, and leaves them as they are.
func TestNoNewFileUnderLeftSideFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "research.dossier")
	wal := []byte("frames of a research file that went elsewhere")
	if err := os.WriteFile(path+"-wal", wal, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+"-shm", make([]byte, 32768), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(path)
	if err == nil {
		s.Close()
		t.Fatal("a new research file was created under side files left by another")
	}
	for _, want := range []string{path, "research.dossier-wal and research.dossier-shm", "moved or deleted while a program had it open"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused open left a file at %s: %v", path, err)
	}
	if got, err := os.ReadFile(path + "-wal"); err != nil || !bytes.Equal(got, wal) {
		t.Errorf("the left WAL was changed: %q, %v", got, err)
	}
	// Once they are gone, the name is free.
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	mustOpenAt(t, path)
}

// The hostile test's scenario: the research file is moved away while open,
// and another program opens its old name. Once the store has seen the
// loss, its side files are gone from the name, so that program makes a
// file of its own; and nothing it writes reaches the moved file.
func TestLostStoreLeavesTheNameToAnotherProgram(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	bookmarkFirst(t, s, doc, "kept")                                    // in the WAL
	importText(t, s, "late.txt", "A late document.\n\nAbout harbours.") // and this
	path := s.Path()
	moved := filepath.Join(t.TempDir(), "moved.dossier")
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, firstPassage(t, s, doc), nil, "refused"); !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("bookmark after the move: %v", err)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("%s is still at the old name once the loss was seen", side)
		}
	}
	// Another program (plain SQLite, not a store of this process) opens
	// the old name and writes while the lost store is still open.
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for _, stmt := range []string{`CREATE TABLE theirs (x TEXT)`, `INSERT INTO theirs VALUES ('their row')`} {
		if _, err := other.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("the other program's %s: %v", stmt, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Logf("close of the lost store: %v", err)
	}
	if problems, err := store.CheckFile(ctx, moved); err != nil || len(problems) > 0 {
		t.Fatalf("the moved file is damaged: %v %v", problems, err)
	}
	r := mustOpenAt(t, moved)
	if docs, _ := r.Documents(ctx); len(docs) != 2 {
		t.Errorf("the moved file holds %d documents, want 2", len(docs))
	}
	if got := notes(t, moved); len(got) != 1 || got[0] != "kept" {
		t.Errorf("the moved file's notes: %q, want [kept]", got)
	}
	var x string
	if err := other.QueryRowContext(ctx, `SELECT x FROM theirs`).Scan(&x); err != nil || x != "their row" {
		t.Errorf("the other program's file after the lost store closed: %q, %v", x, err)
	}
}

// The window opening the old name again before its store has seen the loss
// (the watch looks once a second): the lost store is made to let go of the
// name first, so the new file is one of its own.
func TestOpeningTheNameAgainRightAfterAMove(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	bookmarkFirst(t, s, doc, "kept")
	path := s.Path()
	moved := filepath.Join(t.TempDir(), "moved.dossier")
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	n, err := store.Open(path)
	if err != nil {
		t.Fatalf("opening the old name again: %v", err)
	}
	importText(t, n, "new.txt", "A new file's document.\n\nAbout ferries.")
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := notes(t, moved); len(got) != 1 || got[0] != "kept" {
		t.Errorf("the moved file's notes: %q, want [kept]", got)
	}
	if problems, err := store.CheckFile(ctx, path); err != nil || len(problems) > 0 {
		t.Fatalf("the new file is damaged: %v %v", problems, err)
	}
	r := mustOpenAt(t, path)
	if docs, _ := r.Documents(ctx); len(docs) != 1 || docs[0].Title == "" {
		t.Errorf("the new file holds %v, want the one document imported into it", docs)
	}
}

// Once its side files have left the name, a store stays lost even if its
// file comes back: another program opening it there would keep a WAL of
// its own beside the store's.
func TestLostStoreStaysLostWhenTheFileComesBack(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	bookmarkFirst(t, s, doc, "kept")
	path := s.Path()
	if err := os.Rename(path, path+".away"); err != nil {
		t.Fatal(err)
	}
	pid := firstPassage(t, s, doc)
	if _, err := s.AddBookmark(ctx, pid, nil, "refused"); !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("bookmark while away: %v", err)
	}
	if err := os.Rename(path+".away", path); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, pid, nil, "still refused"); !errors.Is(err, store.ErrFileReplaced) {
		t.Errorf("bookmark once the file is back: %v; want ErrFileReplaced (open it again)", err)
	}
	s.Close()
	r := mustOpenAt(t, path)
	if _, err := r.AddBookmark(ctx, pid, nil, "reopened"); err != nil {
		t.Errorf("bookmark after opening it again: %v", err)
	}
	r.Close()
	if got := notes(t, path); len(got) != 2 || got[0] != "kept" {
		t.Errorf("notes: %q, want [kept reopened]", got)
	}
}

// A file deleted after the last write, with nothing refused yet: closing
// says so, naming the backup that keeps what it held (dossier import then
// exits 1 instead of reporting the documents stored).
func TestCloseSaysTheFileWasLost(t *testing.T) {
	s, _ := mustSeed(t)
	s.SetBackupDir(t.TempDir())
	s.EnableAutoBackups()
	importText(t, s, "late.txt", "A late document.\n\nAbout harbours.")
	if err := os.Remove(s.Path()); err != nil {
		t.Fatal(err)
	}
	err := s.Close()
	if !errors.Is(err, store.ErrFileReplaced) || !strings.Contains(err.Error(), "kept in the backup ") {
		t.Fatalf("Close after the file was deleted: %v; want ErrFileReplaced naming the backup", err)
	}
	kept := err.Error()[strings.Index(err.Error(), "kept in the backup ")+len("kept in the backup "):]
	kept = kept[:strings.Index(kept, ";")]
	r := mustOpenAt(t, kept)
	if docs, _ := r.Documents(context.Background()); len(docs) != 2 {
		t.Errorf("the backup %s holds %d documents, want 2", kept, len(docs))
	}
	// An ordinary close says nothing.
	o, _ := mustSeed(t)
	if err := o.Close(); err != nil {
		t.Errorf("Close of a file still in place: %v", err)
	}
}
