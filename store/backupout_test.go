package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// A backup's name is followed as the system follows it, as export's and
// recover's are (found by hostile passes): a dangling link is written
// where it leads, not called "already exists"; a circle of links and a
// name asking for a folder are refused for what they are; and the refusal
// of the research file's own log names the log.
func TestBackupFollowsItsNameAsTheSystemDoes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links")
	}
	s, _ := mustSeed(t)
	ctx := context.Background()
	dir := t.TempDir()

	// A dangling link: the backup is made where it leads, the link kept.
	target := filepath.Join(dir, "kept", "b.dossier")
	os.Mkdir(filepath.Dir(target), 0o755)
	link := filepath.Join(dir, "link.dossier")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, link); err != nil {
		t.Fatalf("backup through a dangling link: %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	notes(t, target) // fails unless a research file is where the link leads
	if leftovers := hiddenFiles(t, filepath.Dir(target)); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// Refusals: each says why, and nothing is made.
	a, b := filepath.Join(dir, "a.dossier"), filepath.Join(dir, "b.dossier")
	os.Symlink(b, a)
	os.Symlink(a, b)
	for _, c := range []struct{ out, want string }{
		{a, "circle of links"},
		{filepath.Join(dir, "new.dossier") + "/", "nothing was written"},
		{dir + "/missing/../x.dossier", "no such file"}, // not Join: it tidies the ".." away
		{s.Path() + "-wal", "write-ahead log"},
		{s.Path(), "research file in use"},
	} {
		err := s.Backup(ctx, c.out)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Backup(%s) = %v, want a refusal saying %q", c.out, err, c.want)
		}
	}
	for _, name := range []string{"new.dossier", "x.dossier", "missing"} {
		if hasFile(filepath.Join(dir, name)) {
			t.Errorf("%s was made", name)
		}
	}
}

// A backup into a folder it may not write to names that folder and the
// reason, not the hidden temporary file it tried (found by a hostile pass).
func TestBackupIntoAReadOnlyFolderNamesNoHiddenFile(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a folder this user cannot write to")
	}
	s, _ := mustSeed(t)
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	err := s.Backup(context.Background(), filepath.Join(dir, "b.dossier"))
	if err == nil || strings.Contains(err.Error(), "dossier-part") || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("err = %v, want permission denied without the hidden name", err)
	}
}

func hasFile(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// hiddenFiles lists the files in dir whose names start with a dot.
func hiddenFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var hidden []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			hidden = append(hidden, e.Name())
		}
	}
	return hidden
}

// A cut-short backup is listed as damaged, and why, not with SQLite's raw
// "malformed" (found by a hostile pass).
func TestListedBackupCutShortSaysSo(t *testing.T) {
	s, _ := mustSeed(t)
	s.SetBackupDir(t.TempDir())
	ctx := context.Background()
	made, err := s.RollingBackup(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(made)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(made, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
	list, err := s.Backups(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("Backups = %v, %v", list, err)
	}
	if err := list[0].Err; !errors.Is(err, store.ErrDamagedBackup) || !strings.Contains(err.Error(), "shorter than its header says") {
		t.Errorf("Err = %v, want it damaged, shorter than its header says", err)
	}
}
