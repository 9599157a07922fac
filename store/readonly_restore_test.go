package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"dossier/store"
)

// readOnlyFile makes a closed research file with the seed article and a
// bookmark, and removes write permission from it.
func readOnlyFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kept.dossier")
	s := mustOpenAt(t, path)
	importText(t, s, "a.txt", "A title\n\nOne paragraph.\n")
	s.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o644) })
	return path
}

// check on a read-only file left a read-only -shm and -wal beside it.
func TestCheckFileLeavesNothingBesideAReadOnlyFile(t *testing.T) {
	path := readOnlyFile(t)
	if problems, err := store.CheckFile(context.Background(), path); err != nil || len(problems) != 0 {
		t.Fatalf("CheckFile = %q, %v", problems, err)
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + side); err == nil {
			t.Errorf("%s left beside the read-only file", side)
		}
	}
}

// restore replaced a file made read-only (as root, or by rename in a
// writable folder), leaving a writable one in its place.
func TestRestoreRefusesAReadOnlyResearchFile(t *testing.T) {
	ctx := context.Background()
	path := readOnlyFile(t)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := mustSeed(t)
	backup := filepath.Join(t.TempDir(), "b.dossier")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	err = store.RestoreFile(ctx, path, backup, t.TempDir())
	if !errors.Is(err, store.ErrReadOnly) {
		t.Fatalf("RestoreFile over a read-only file = %v, want a read-only refusal", err)
	}
	after, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if !bytes.Equal(before, after) || fi.Mode().Perm() != 0o444 {
		t.Errorf("the read-only file changed (mode %v)", fi.Mode())
	}
}

// Restoring through a symbolic link to the research file replaced the link
// with a regular file and left the real file unrestored.
func TestRestoreThroughASymlinkRestoresTheRealFile(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	backup := filepath.Join(t.TempDir(), "b.dossier")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	seed, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "real.dossier")
	os.MkdirAll(filepath.Dir(real), 0o755)
	r := mustOpenAt(t, real)
	importText(t, r, "a.txt", "A title\n\nOne paragraph.\n")
	r.Close()
	link := filepath.Join(dir, "link.dossier")
	if err := os.Symlink(filepath.Join("data", "real.dossier"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := store.RestoreFile(ctx, link, backup, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	got := mustOpenAt(t, real)
	docs, err := got.Documents(ctx)
	if err != nil || len(docs) != 1 || docs[0].Title != seed[0].Title {
		t.Fatalf("the real file holds %+v (%v), want the backup's one document", docs, err)
	}
}
