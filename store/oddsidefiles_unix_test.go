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
	} {
		path := filepath.Join(dir, name+".dossier")
		os.WriteFile(path, sound, 0o644)
		if err := make(path); err != nil {
			t.Fatal(err)
		}
		s, err := store.Open(path)
		if s != nil {
			s.Close()
		}
		if err == nil || !strings.Contains(err.Error(), "its side file "+name+".dossier-") || !strings.Contains(err.Error(), "not damaged") {
			t.Errorf("%s: open: %v; want the side file named", name, err)
		}
		problems, err := store.CheckFile(context.Background(), path)
		var damaged *store.DamagedError
		if len(problems) > 0 || errors.As(err, &damaged) || err == nil || !strings.Contains(err.Error(), "its side file") {
			t.Errorf("%s: check: %q, %v; want the side file named, the file not called damaged", name, problems, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, sound) {
			t.Errorf("%s: the research file changed", name)
		}
	}
	if got, _ := os.ReadFile(precious); string(got) != "precious" {
		t.Errorf("the file a side file linked to changed: %q", got)
	}
}
