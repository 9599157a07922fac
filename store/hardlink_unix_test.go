//go:build unix

package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// A research file with two names (a hard link) is refused through either,
// for reading, checking and writing: SQLite keeps side files by name, so a
// writer through one name and a reader through the other would each use
// their own, the reader seeing pages half-written (and `check` calling a
// sound file damaged), two writers damaging it.
func TestHardLinkedFileIsRefused(t *testing.T) {
	path := seededFile(t)
	ctx := context.Background()
	backup := filepath.Join(t.TempDir(), "backup.dossier")
	b := mustOpenAt(t, path)
	if err := b.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	b.Close()
	other := filepath.Join(t.TempDir(), "same.dossier")
	if err := os.Link(path, other); err != nil {
		t.Skipf("cannot make a hard link here: %v", err)
	}
	before, _ := os.Stat(path)
	for _, name := range []string{path, other} {
		s, err := store.Open(name)
		if err == nil {
			s.Close()
			t.Fatalf("Open of %s, which has another name, succeeded", filepath.Base(name))
		}
		if !errors.Is(err, store.ErrHardLinked) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "Copy it") {
			t.Errorf("Open of a hard-linked file: %v", err)
		}
		if _, err := store.OpenReadOnly(name, "a test"); !errors.Is(err, store.ErrHardLinked) {
			t.Errorf("OpenReadOnly of a hard-linked file: %v", err)
		}
		if _, err := store.CheckFile(ctx, name); !errors.Is(err, store.ErrHardLinked) {
			t.Errorf("CheckFile of a hard-linked file: %v", err)
		}
		// Restoring over one name would leave the other holding the old file.
		if err := store.RestoreFile(ctx, name, backup, t.TempDir()); !errors.Is(err, store.ErrHardLinked) {
			t.Errorf("RestoreFile over a hard-linked file: %v", err)
		}
		if _, err := store.Recover(ctx, name, filepath.Join(t.TempDir(), "recovered.dossier")); !errors.Is(err, store.ErrHardLinked) {
			t.Errorf("Recover from a hard-linked file: %v", err)
		}
		for _, side := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(name + side); err == nil {
				t.Errorf("the refused open left %s", filepath.Base(name+side))
			}
		}
	}
	if after, err := os.Stat(other); err != nil || !os.SameFile(before, after) {
		t.Errorf("a refusal changed the file behind the names: %v", err)
	}
	// With one name again, it opens and takes writes.
	if err := os.Remove(other); err != nil {
		t.Fatal(err)
	}
	w := mustOpenAt(t, path)
	if w.ReadOnly() {
		t.Fatalf("a file with one name opened read-only: %s", w.ReadOnlyReason())
	}
	importText(t, w, "new.txt", "A new document about Derkach.\n")
}

// A research file reached through a symbolic link keeps its side files
// beside the file itself, as SQLite does: when that file goes, the store
// lets go of them there (here made to by opening the link again in the
// same process), and nothing written through the link afterwards reaches
// the moved file. (The hostile test's second scenario: the moved file was
// overwritten through the link.)
func TestLinkedResearchFileMovedWhileOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	real := filepath.Join(dir, "real.dossier")
	link := filepath.Join(dir, "t.dossier")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	s, err := store.Open(link)
	if err != nil {
		t.Fatal(err)
	}
	importText(t, s, "first.txt", "A first document.\n\nAbout harbours.")
	if _, err := os.Stat(real + "-wal"); err != nil {
		t.Fatalf("no WAL beside the linked file: %v", err)
	}
	moved := filepath.Join(dir, "moved.dossier")
	if err := os.Rename(real, moved); err != nil {
		t.Fatal(err)
	}
	n, err := store.Open(link)
	if err != nil {
		t.Fatalf("opening the link again: %v", err)
	}
	if docs, _ := n.Documents(ctx); len(docs) != 0 {
		t.Errorf("the new file through the link holds %d documents", len(docs))
	}
	importText(t, n, "new.txt", "A new file's document.\n\nAbout ferries.")
	path := filepath.Join(t.TempDir(), "late.txt")
	os.WriteFile(path, []byte("A late document.\n\nAbout ferries."), 0o644)
	if err := s.ImportFiles(ctx, []string{path}, nil); !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("import into the store whose file moved: %v", err)
	}
	n.Close()
	s.Close()
	for _, f := range []string{moved, real} {
		if problems, err := store.CheckFile(ctx, f); err != nil || len(problems) > 0 {
			t.Fatalf("%s is damaged: %v %v", filepath.Base(f), problems, err)
		}
		r := mustOpenAt(t, f)
		if docs, _ := r.Documents(ctx); len(docs) != 1 {
			t.Errorf("%s holds %d documents, want 1", filepath.Base(f), len(docs))
		}
	}
}

// Side files left where a link leads, without their file: a new file is
// not created there under them.
func TestNoNewFileThroughALinkUnderLeftSideFiles(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.dossier")
	link := filepath.Join(dir, "t.dossier")
	if err := os.Symlink("real.dossier", link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	if err := os.WriteFile(real+"-wal", []byte("frames of a file that went elsewhere"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(link)
	if err == nil {
		s.Close()
		t.Fatal("a new file was created through the link under side files left there")
	}
	if !strings.Contains(err.Error(), "real.dossier-wal") || !strings.Contains(err.Error(), "its side file ") {
		t.Errorf("message: %v", err)
	}
	if _, err := os.Lstat(real); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused open made %s: %v", real, err)
	}
}

// A link leading into a folder that does not exist yet: the folder is made
// where the link leads, as for a plain path, and the file created there.
func TestLinkIntoAMissingFolder(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "t.dossier")
	if err := os.Symlink(filepath.Join("newdir", "new.dossier"), link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	mustOpenAt(t, link)
	if _, err := os.Stat(filepath.Join(dir, "newdir", "new.dossier")); err != nil {
		t.Errorf("no file where the link leads: %v", err)
	}
}

// One file has one backups folder, whichever name it is opened by.
func TestBackupDirFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real", "r.dossier")
	os.MkdirAll(filepath.Dir(real), 0o755)
	l1, l2 := filepath.Join(dir, "L1"), filepath.Join(dir, "L2")
	if err := os.Symlink(real, l1); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	os.Symlink(l1, l2)
	want, _ := store.DefaultBackupDir(real)
	for _, name := range []string{l1, l2} { // before the file exists, and after
		if got, _ := store.DefaultBackupDir(name); got != want {
			t.Errorf("backups of %s go to %s, of the file itself to %s", filepath.Base(name), got, want)
		}
	}
	mustOpenAt(t, real)
	for _, name := range []string{l1, l2} {
		if got, _ := store.DefaultBackupDir(name); got != want {
			t.Errorf("backups of %s go to %s, of the file itself to %s", filepath.Base(name), got, want)
		}
	}
}

// Backups made before links were resolved sit in a folder named after the
// link: they are moved to the file's own folder, and stay listed.
func TestBackupsUnderALinksNameAreKept(t *testing.T) {
	ctx := context.Background()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := t.TempDir()
	real := filepath.Join(dir, "r.dossier")
	link := filepath.Join(dir, "L1.dossier")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	seed := store.Seed{ArticleName: "a.txt", Article: []byte("Kilimnik met Manafort.")}
	s, err := store.OpenResearchFile(real, seed)
	if err != nil {
		t.Fatal(err)
	}
	// The folder an earlier release used: named and hashed after the link.
	sum := sha256.Sum256([]byte(link))
	legacy := filepath.Join(os.Getenv("XDG_DATA_HOME"), "dossier", "backups", "L1-"+hex.EncodeToString(sum[:4]))
	if err := os.MkdirAll(legacy, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, filepath.Join(legacy, "20261130-101500.dossier")); err != nil {
		t.Fatal(err)
	}
	s.Close() // open, it is not read (that would drop its locks), and nothing moves

	// Another file's backups under the link's name (its folder renamed
	// away, a link put in its place) stay where they are (found by a
	// hostile pass: they were moved, and listed, restored and pruned as
	// the link's target's).
	otherLink := filepath.Join(dir, "L2.dossier")
	other := filepath.Join(t.TempDir(), "o.dossier")
	o, err := store.OpenResearchFile(other, seed)
	if err != nil {
		t.Fatal(err)
	}
	osum := sha256.Sum256([]byte(otherLink))
	otherLegacy := filepath.Join(os.Getenv("XDG_DATA_HOME"), "dossier", "backups", "L2-"+hex.EncodeToString(osum[:4]))
	os.MkdirAll(otherLegacy, 0o755)
	if err := o.Backup(ctx, filepath.Join(otherLegacy, "20261130-101500.dossier")); err != nil {
		t.Fatal(err)
	}
	o.Close()
	time.Sleep(1100 * time.Millisecond) // seeded in another second
	third := filepath.Join(t.TempDir(), "t.dossier")
	if th, err := store.OpenResearchFile(third, seed); err != nil {
		t.Fatal(err)
	} else {
		th.Close()
	}
	os.Symlink(third, otherLink)
	if _, err := store.DefaultBackupDir(otherLink); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(otherLegacy); err != nil {
		t.Errorf("another file's backups were moved: %v", err)
	}

	got, err := store.DefaultBackupDir(link)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := store.DefaultBackupDir(real); got != want {
		t.Fatalf("backups of the link go to %s, of the file to %s", got, want)
	}
	list, err := store.ListBackups(ctx, got)
	if err != nil || len(list) != 1 {
		t.Fatalf("backups listed after the move: %v (%v), want the earlier one", list, err)
	}
	if _, err := os.Stat(legacy); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the link's old folder is still there: %v", err)
	}
}
