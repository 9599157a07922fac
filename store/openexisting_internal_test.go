package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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
