//go:build unix

package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/store"
)

// A research file whose -wal or -shm is not a plain file (a symbolic link,
// a folder, a named pipe, a device) is refused with the side file named,
// and check does not call the sound file damaged: the open said SQLite's
// "unable to open database file (14)", "disk I/O error (4618)", or that
// another file had been swapped in, and check sent the user to restore a
// backup over the sound file (found by a hostile pass).
func TestOddSideFilesAreSaid(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.dossier")
	mustOpenAt(t, base).Close()
	sound, _ := os.ReadFile(base)
	precious := filepath.Join(dir, "precious.txt")
	os.WriteFile(precious, []byte("precious"), 0o644)
	for name, make := range map[string]func(side string) error{
		"wal link":   func(string) error { return os.Symlink(precious, filepath.Join(dir, "wal link.dossier-wal")) },
		"shm link":   func(string) error { return os.Symlink(precious, filepath.Join(dir, "shm link.dossier-shm")) },
		"wal folder": func(string) error { return os.Mkdir(filepath.Join(dir, "wal folder.dossier-wal"), 0o755) },
		"shm folder": func(string) error { return os.Mkdir(filepath.Join(dir, "shm folder.dossier-shm"), 0o755) },
		"wal fifo":   func(string) error { return syscall.Mkfifo(filepath.Join(dir, "wal fifo.dossier-wal"), 0o644) },
		"shm device": func(string) error { return os.Symlink("/dev/zero", filepath.Join(dir, "shm device.dossier-shm")) },
		// A named pipe as the journal blocked every command for ever.
		"journal fifo":   func(string) error { return syscall.Mkfifo(filepath.Join(dir, "journal fifo.dossier-journal"), 0o644) },
		"journal folder": func(string) error { return os.Mkdir(filepath.Join(dir, "journal folder.dossier-journal"), 0o755) },
		"journal link":   func(string) error { return os.Symlink(precious, filepath.Join(dir, "journal link.dossier-journal")) },
	} {
		path := filepath.Join(dir, name+".dossier")
		os.WriteFile(path, sound, 0o644)
		if err := make(path); err != nil {
			t.Fatal(err)
		}
		var s *store.Store
		var err error
		inTime(t, name+": open", func() { s, err = store.Open(path) })
		if s != nil {
			s.Close()
		}
		if err == nil || !strings.Contains(err.Error(), "its side file "+name+".dossier-") || !strings.Contains(err.Error(), "not damaged") {
			t.Errorf("%s: open: %v; want the side file named", name, err)
		}
		var problems []string
		inTime(t, name+": check", func() { problems, err = store.CheckFile(context.Background(), path) })
		var damaged *store.DamagedError
		if len(problems) > 0 || errors.As(err, &damaged) || err == nil || !strings.Contains(err.Error(), "its side file") {
			t.Errorf("%s: check: %q, %v; want the side file named, the file not called damaged", name, problems, err)
		}
		inTime(t, name+": restore", func() { err = store.RestoreFile(context.Background(), path, base, filepath.Join(dir, "backups")) })
		if err == nil || !strings.Contains(err.Error(), "its side file") {
			t.Errorf("%s: restore: %v; want the side file named", name, err)
		}
		inTime(t, name+": recover", func() { _, err = store.Recover(context.Background(), path, filepath.Join(dir, "rescued.dossier")) })
		if err == nil || !strings.Contains(err.Error(), "its side file") {
			t.Errorf("%s: recover: %v; want the side file named", name, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, sound) {
			t.Errorf("%s: the research file changed", name)
		}
	}
	if got, _ := os.ReadFile(precious); string(got) != "precious" {
		t.Errorf("the file a side file linked to changed: %q", got)
	}
}

// inTime runs f, failing the test if it has not returned within ten
// seconds (a named pipe opened for reading blocks for ever).
func inTime(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not return within ten seconds", what)
	}
}
