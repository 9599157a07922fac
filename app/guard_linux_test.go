//go:build linux

package app

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2/storage"
)

// ourLocks counts this process's locks on the file at path, from
// /proc/locks (Linux): SQLite holds one on the open research file and one
// on its -shm for as long as it has them open.
func ourLocks(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/locks")
	fi, serr := os.Stat(path)
	if err != nil || serr != nil {
		t.Skip("no /proc/locks here")
	}
	ino := ":" + strconv.FormatUint(fi.Sys().(*syscall.Stat_t).Ino, 10)
	pid, n := strconv.Itoa(os.Getpid()), 0
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 8 && f[4] == pid && strings.HasSuffix(f[5], ino) {
			n++
		}
	}
	return n
}

// Fyne's open dialog hands our callback a reader of the chosen file, which
// the callback closes: choosing the research file the window has open
// dropped SQLite's locks on it (closing any descriptor of a file drops all
// of the process's locks on it), and another program closing the file
// could then delete the WAL the window was still writing to. The file is
// not opened at all now; other files are read as before.
func TestOpenDialogLeavesTheOpenFileLocked(t *testing.T) {
	u := newTestUI(t)
	db := u.CurrentStore().Path()
	if ourLocks(t, db) == 0 {
		t.Fatal("SQLite holds no lock on the open research file: nothing to test")
	}
	for _, path := range []string{db, db + "-shm"} {
		rc, err := storage.Reader(storage.NewFileURI(path))
		if err != nil {
			t.Fatalf("storage.Reader(%s): %v", path, err)
		}
		if rc.URI().Path() != path {
			t.Errorf("the reader names %s; want %s", rc.URI().Path(), path)
		}
		if _, err := rc.Read(make([]byte, 16)); err == nil {
			t.Errorf("%s was read as a file", path)
		}
		rc.Close()
		if ourLocks(t, path) == 0 {
			t.Errorf("opening %s in the open dialog dropped SQLite's lock on it", filepath.Base(path))
		}
	}
	if err := storage.Copy(storage.NewFileURI(db), storage.NewFileURI(filepath.Join(t.TempDir(), "copy.dossier"))); err == nil {
		t.Error("the open research file was copied through Fyne's storage")
	}
	if ourLocks(t, db) == 0 {
		t.Error("copying the research file dropped SQLite's lock on it")
	}
	plain := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(plain, []byte("notes"), 0o644)
	rc, err := storage.Reader(storage.NewFileURI(plain))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if b, err := io.ReadAll(rc); err != nil || string(b) != "notes" {
		t.Errorf("an ordinary file read %q, %v", b, err)
	}
}
