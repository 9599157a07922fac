package store_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"dossier/store"
)

// KeepText keeps a note in a file of its own under the data folder, whole,
// for its owner alone, and two notes kept at once in two files.
func TestKeepTextKeepsEachNoteInItsOwnFile(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the data folder is the system's there")
	}
	first, err := store.KeepText("bookmark note", "my first thoughts\nwith a second line")
	if err != nil {
		t.Fatal(err)
	}
	second, err := store.KeepText("bookmark note", "another note")
	if err != nil {
		t.Fatal(err)
	}
	if first == second {
		t.Fatalf("two notes kept at the same path %s", first)
	}
	for path, want := range map[string]string{first: "my first thoughts\nwith a second line", second: "another note"} {
		if dir := filepath.Dir(path); dir != filepath.Join(data, "dossier", "kept") {
			t.Errorf("kept in %s; want the data folder's kept folder", dir)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v); want %q", path, got, err, want)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v); want 0600", path, fi.Mode().Perm(), err)
		}
	}
}
