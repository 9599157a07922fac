package store

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// A -wal left beside a new file once it is closed (the close's own, on a
// full disk, which cannot fold it in) is read with the file: it holding
// nothing but what the open put in, the file is still removable. Without
// the read, the new file was kept on a full disk, where it was removed
// before (hostile data pass data21, a 1 MB tmpfs).
func TestHoldsItsPrintReadsALeftWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.dossier")
	st, err := OpenResearchFile(path, Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")})
	if err != nil {
		t.Fatal(err)
	}
	if st.made == nil {
		t.Fatal("the open did not say it made the file")
	}
	made := *st.made
	// A write that changes nothing, left in a -wal.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE meta SET value = value WHERE key = 'file_id'`); err != nil {
		t.Fatal(err)
	}
	wal, err := os.ReadFile(path + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no -wal: %v", err)
	}
	raw.Close()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+"-wal", wal, 0o644); err != nil {
		t.Fatal(err)
	}
	if !made.holdsItsPrint() {
		t.Error("a -wal of no change made the new file another's")
	}
}

// Once the new file is removed, CloseRemovingMade touches nothing at its
// name: another command that made a file there anew in that instant had
// its -wal and -shm deleted with the removed file's (hostile data pass
// data21: it said "another file was put in its place").
func TestCloseRemovingMadeLeavesANewFilesSideFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.dossier")
	st, err := OpenResearchFile(path, Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { afterRemovingMade = nil }()
	afterRemovingMade = func(path string) {
		for _, suffix := range []string{"", "-wal", "-shm"} { // another's, made anew
			if err := os.WriteFile(path+suffix, []byte("another's"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if removed, err := st.CloseRemovingMade(); !removed || err != nil {
		t.Fatalf("removed %v, %v", removed, err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err != nil {
			t.Errorf("another file's %q: %v", suffix, err)
		}
	}
}
