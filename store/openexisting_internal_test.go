package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// OpenExisting makes nothing at the name of a research file no longer
// there, not even when it goes between the open's look and SQLite's open
// (a hostile pass: the window's open of a recent file deleted in that
// instant made a new one, with the starter documents only, and showed it
// as the user's).
func TestOpenExistingMakesNothingWhereTheFileWent(t *testing.T) {
	dir := t.TempDir()
	gone := filepath.Join(dir, "folder", "gone.dossier")
	if st, err := OpenExistingResearchFile(gone, Seed{}); !errors.Is(err, fs.ErrNotExist) {
		if st != nil {
			st.Close()
		}
		t.Fatalf("open of a file not there: %v; want an error wrapping fs.ErrNotExist", err)
	}
	if _, err := os.Stat(filepath.Dir(gone)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the open made the missing folder (%v)", err)
	}

	path := filepath.Join(dir, "research.dossier")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err := OpenExisting(path); err != nil {
		t.Fatalf("open of the file there: %v", err)
	} else {
		st.Close()
	}

	old := openWritableHook
	t.Cleanup(func() { openWritableHook = old })
	openWritableHook = func(stage string) {
		if stage == "opening" { // looked at, not yet opened by SQLite
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(path + suffix)
			}
		}
	}
	st, err = OpenExisting(path)
	if st != nil {
		st.Close()
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("open of a file deleted just before SQLite opened it: %v; want an error wrapping fs.ErrNotExist", err)
	}
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file was made where the deleted one was (%v)", err)
	}
}

// A research file deleted (not replaced) in the instant SQLite opened it,
// as a dossier import that imported nothing deletes the new file it made,
// is refused as deleted: it was said "another file was put in its place"
// (hostile data pass data21). So is one whose side files alone went (that
// import deletes them after the file: in between, another command made the
// file anew, and its -shm was the one deleted). Still an
// ErrSwappedWhileOpening, whose handling it needs.
func TestAFileDeletedWhileOpeningIsSaidDeleted(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the look at the side files that notices is Linux's")
	}
	for _, c := range []struct{ stage, first, want string }{
		{"attached", "", ": it was deleted just as Dossier was opening it"},
		{"wal", "", ": it was deleted just as Dossier was opening it"},
		{"attached", "-shm", ": its side file research.dossier-shm was deleted just as Dossier was opening it"},
	} {
		stage := c.stage
		path := filepath.Join(t.TempDir(), "research.dossier")
		if st, err := Open(path); err != nil {
			t.Fatal(err)
		} else {
			st.Close()
		}
		old := openWritableHook
		openWritableHook = func(s string) {
			if s == stage { // opened by SQLite, not yet looked at
				for _, suffix := range []string{c.first, "-wal", "-shm"} {
					os.Remove(path + suffix)
				}
			}
		}
		st, err := Open(path)
		openWritableHook = old
		if st != nil {
			st.Close()
		}
		if !errors.Is(err, ErrSwappedWhileOpening) || !strings.Contains(err.Error(), path+c.want) ||
			strings.Contains(err.Error(), "put in its place") {
			t.Errorf("%s: open of a file deleted as SQLite opened it: %v; want it said deleted", stage, err)
		}
	}
}
