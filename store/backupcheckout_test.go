//go:build unix

package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"dossier/store"
)

// Backup makes the checks CheckOutput makes, by the same function, and
// refuses with its words (the two made them each its own way), then
// refuses any file that exists: a backup never replaces one. (Unix: it
// makes links and a named pipe.)
func TestBackupRefusesWhatCheckOutputRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "r.dossier")
	s := mustOpenAt(t, db) // WAL mode: -wal and -shm exist while it is open
	if _, err := s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.dossier")
	o, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(db, filepath.Join(dir, "link.dossier")))
	must(os.Link(db, filepath.Join(dir, "hard.dossier")))
	must(os.Symlink(db+"-journal", filepath.Join(dir, "dangling.dossier")))
	must(os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	must(os.Mkdir(filepath.Join(dir, "folder.dossier"), 0o755))
	must(syscall.Mkfifo(filepath.Join(dir, "pipe.dossier"), 0o644))
	a, b := filepath.Join(dir, "a.dossier"), filepath.Join(dir, "b.dossier")
	must(os.Symlink(b, a))
	must(os.Symlink(a, b))
	plain := filepath.Join(dir, "notes.txt")
	must(os.WriteFile(plain, []byte("keep me"), 0o644))
	before := readFile(t, db)

	for out, why := range map[string]string{
		db: "the research file in use",
		filepath.Join(dir, "sub", "..", "r.dossier"): "the research file in use",
		filepath.Join(dir, "link.dossier"):           "the research file in use",
		filepath.Join(dir, "hard.dossier"):           "the research file in use",
		db + "-wal":                                  "write-ahead log",
		db + "-shm":                                  "shared-memory index",
		db + "-journal":                              "rollback journal",
		filepath.Join(dir, "dangling.dossier"):       "rollback journal",
		other:                                        "a Dossier research file",
		other + "-journal":                           "rollback journal of the research file",
		filepath.Join(dir, "folder.dossier"):         "not a file",
		filepath.Join(dir, "pipe.dossier"):           "not a file",
		a:                                            "circle of links",
		dir + "/missing/../x.dossier":                "no such file",
		filepath.Join(dir, "new.dossier") + "/":      "nothing was written",
	} {
		cerr := s.CheckOutput(out)
		if cerr == nil || !strings.Contains(cerr.Error(), why) {
			t.Fatalf("CheckOutput(%s) = %v, want a refusal saying %q", out, cerr, why)
		}
		berr := s.Backup(ctx, out)
		if berr == nil || berr.Error() != cerr.Error() || errors.Is(cerr, store.ErrProtectedFile) != errors.Is(berr, store.ErrProtectedFile) {
			t.Errorf("Backup(%s) = %v;\nwant CheckOutput's refusal: %v", out, berr, cerr)
		}
	}
	// What CheckOutput lets an export replace, a backup does not.
	if err := s.CheckOutput(plain); err != nil {
		t.Fatalf("CheckOutput(%s) = %v", plain, err)
	}
	if err := s.Backup(ctx, plain); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("Backup over an existing file = %v, want 'already exists'", err)
	}
	if string(readFile(t, plain)) != "keep me" || string(readFile(t, db)) != string(before) {
		t.Error("a file was written over")
	}
	for _, name := range []string{"new.dossier", "x.dossier", "missing"} {
		if hasFile(filepath.Join(dir, name)) {
			t.Errorf("%s was made", name)
		}
	}
	if hidden := hiddenFiles(t, dir); len(hidden) > 0 {
		t.Errorf("left behind: %v", hidden)
	}
}
