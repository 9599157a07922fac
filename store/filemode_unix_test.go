//go:build unix

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dossier/store"
)

func permOf(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// A private research file's copies stay private: backups, a recovered
// file, and the file a restore puts in its place (found by a hostile
// pass: they were all 0644).
func TestCopiesOfAPrivateResearchFileStayPrivate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "private.dossier")
	s, _ := mustResearchAt(t, path)
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "copy.dossier")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "backups")
	s.SetBackupDir(backups)
	rolling, err := s.RollingBackup(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	recovered := filepath.Join(dir, "recovered.dossier")
	if _, err := store.Recover(ctx, path, recovered); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{out, rolling, recovered} {
		if m := permOf(t, f); m&0o077 != 0 {
			t.Errorf("%s: mode %v, want no more than the research file's 0600", filepath.Base(f), m)
		}
	}

	// A world-readable backup restored over the private file.
	if err := os.Chmod(out, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := store.RestoreFile(ctx, path, out, backups); err != nil {
		t.Fatal(err)
	}
	if m := permOf(t, path); m != 0o600 {
		t.Errorf("after a restore the research file is %v, want 0600 as before", m)
	}
}

// Without a private research file the copies follow the umask, as files
// the user makes do.
func TestFileModeForFollowsTheUmask(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "probe")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	want := permOf(t, path) // 0666 less the umask, by the kernel
	if got := store.FileModeFor(filepath.Join(dir, "new"), ""); got != want {
		t.Errorf("a new file: %v, want %v as the kernel gives", got, want)
	}
	os.Chmod(path, 0o640)
	if got := store.FileModeFor(path, ""); got != 0o640 {
		t.Errorf("an existing file: %v, want its own 0640", got)
	}
}
