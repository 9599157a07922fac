package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A failed creation removes only the file it made: a file another program
// put at the name meanwhile (a copy, a sync client, an editor) stays
// (found by a hostile pass: the open was slowed under strace and a text
// file written there was deleted). The made file itself, still empty, goes.
func TestFailedCreationRemovesOnlyWhatItMade(t *testing.T) {
	failed := errors.New("the seed could not be stored")
	for _, c := range []struct {
		name    string
		meddle  func(path string) // another program, between the making and the failure
		removed bool
	}{
		{"left as made", func(string) {}, true},
		{"replaced by another file", func(path string) {
			os.Remove(path)
			os.WriteFile(path, []byte("someone's notes"), 0o644)
		}, false},
		{"written into", func(path string) {
			os.WriteFile(path, []byte("someone's notes"), 0o644) // same file, truncated and written
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.dossier")
			made, ok := makeNewFile(path)
			if !ok {
				t.Fatal("no file made where there was none")
			}
			c.meddle(path)
			err := notCreated(made, failed)
			if !errors.Is(err, failed) {
				t.Errorf("error %v does not carry the cause", err)
			}
			_, serr := os.Stat(path)
			if gone := errors.Is(serr, os.ErrNotExist); gone != c.removed {
				t.Errorf("removed %v, want %v", gone, c.removed)
			}
		})
	}
	// A file already there is never the open's to remove.
	path := filepath.Join(t.TempDir(), "old.dossier")
	os.WriteFile(path, nil, 0o644)
	if _, ok := makeNewFile(path); ok {
		t.Error("a file already there was taken as made")
	}
}
