//go:build linux

package store

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// SetSidesOfAnotherFileWait shortens Open's wait for another file's side
// files to go, for tests; it returns the restore.
func SetSidesOfAnotherFileWait(d time.Duration) (restore func()) {
	old := sidesOfAnotherFileWait
	sidesOfAnotherFileWait = d
	return func() { sidesOfAnotherFileWait = old }
}

// SetOpenWritableHook runs f in Open between its look at the side files
// and SQLite's open ("opening"), and once SQLite has them ("attached"),
// for tests; it returns the restore.
func SetOpenWritableHook(f func(stage string)) (restore func()) {
	old := openWritableHook
	openWritableHook = f
	return func() { openWritableHook = old }
}

// HeldUnderAnotherName is heldUnderAnotherName, for the package's tests.
var HeldUnderAnotherName = heldUnderAnotherName

func TestParseLockLine(t *testing.T) {
	for _, c := range []struct {
		line string
		want lockLine
		ok   bool
	}{
		{"1: POSIX  ADVISORY  READ 15251 fe:00:10182716 128 128", lockLine{"15251", "fe:0:10182716", 128, 128, false}, true},
		{"2: POSIX  ADVISORY  READ 15251 08:01:77 1073741826 1073742335", lockLine{"15251", "8:1:77", 1073741826, 1073742335, false}, true},
		{"3: OFDLCK ADVISORY  WRITE -1 00:2d:9 0 EOF", lockLine{"-1", "0:2d:9", 0, ^uint64(0), true}, true},
		{"4: FLOCK  ADVISORY  WRITE 812 103:02:5 0 EOF", lockLine{"812", "103:2:5", 0, ^uint64(0), true}, true},
		{"4: -> FLOCK  ADVISORY  WRITE 813 103:02:5 0 EOF", lockLine{}, false}, // waiting, not held
		{"5: POSIX  ADVISORY  READ 15251 fe:00 128 128", lockLine{}, false},
		{"", lockLine{}, false},
	} {
		got, ok := parseLockLine(c.line)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("parseLockLine(%q) = %+v %v; want %+v %v", c.line, got, ok, c.want, c.ok)
		}
	}
}

// ourLocks counts this process's locks on the file at path (/proc/locks).
func ourLocks(t *testing.T, path string) int {
	t.Helper()
	key, ok := fileKey(path)
	if !ok {
		t.Fatalf("%s is not there", path)
	}
	locks, ok := readLocks()
	if !ok {
		t.Skip("no /proc/locks here")
	}
	pid, n := strconv.Itoa(os.Getpid()), 0
	for _, l := range locks {
		if l.key == key && l.pid == pid {
			n++
		}
	}
	return n
}

// Closing any descriptor of a file drops every lock this process holds on
// it, SQLite's included: reading the open research file's header (a second
// Open, a check, an export or restore pointed at it, importing it as a
// document) dropped the window's lock on it. Another program closing the
// file then took itself for the last one, folded the WAL in and deleted
// it, and the window's next writes went to a deleted WAL: lost. Nothing
// of this process may open and close the open file or its -shm.
func TestNothingDropsSQLiteLocksOnTheOpenFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	if err := s.EnsureDefaultCorpus(ctx, "seed.txt", []byte("A passage about ferries.\n\nAnother about trains.")); err != nil {
		t.Fatal(err)
	}
	if ourLocks(t, path) == 0 || ourLocks(t, path+"-shm") == 0 {
		t.Fatal("SQLite holds no lock on the open file: nothing to test")
	}
	for _, c := range []struct {
		what string
		do   func() error
	}{
		{"opening it again", func() error {
			s2, err := Open(path)
			if err == nil {
				err = s2.Close()
			}
			return err
		}},
		{"opening it read-only", func() error {
			s2, err := OpenReadOnly(path, "looking")
			if err == nil {
				err = s2.Close()
			}
			return err
		}},
		{"checking it", func() error { _, err := CheckFile(ctx, path); return err }},
		{"exporting over it", func() error { return CheckOutput(filepath.Join(dir, "other.dossier"), path) }},
		{"importing it", func() error { return s.ImportFiles(ctx, []string{path, path + "-shm"}, nil) }},
		{"restoring from it", func() error {
			ns, err := s.RestoreBackup(ctx, path)
			s = ns
			return err
		}},
		{"recovering from it", func() error {
			_, err := Recover(ctx, path, filepath.Join(dir, "recovered.dossier"))
			return err
		}},
	} {
		c.do() // refusals are fine: the locks are the point
		if ourLocks(t, path) == 0 {
			t.Errorf("%s dropped this process's lock on the research file", c.what)
		}
		if ourLocks(t, path+"-shm") == 0 {
			t.Errorf("%s dropped this process's lock on its -shm", c.what)
		}
	}
}
