package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A -shm deleted between walWithoutShmErr's finding it and its look at
// whether it may be opened (another store of this process closing the
// file) is not taken for one that may not be opened: a new file opened by
// several stores at once was refused with the -shm advice (a clean-clone
// run of TestOpenNewFileConcurrently).
func TestShmGoneWhileLookedAtIsNotDenied(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gone.dossier")
	for _, f := range []struct {
		name string
		data string
	}{{path, ""}, {path + "-wal", "a change"}, {path + "-shm", "index"}} {
		if err := os.WriteFile(f.name, []byte(f.data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	looks := 0
	afterShmLook = func() {
		looks++
		if looks == 1 {
			if err := os.Remove(path + "-shm"); err != nil {
				t.Error(err)
			}
		}
	}
	defer func() { afterShmLook = nil }()
	if err := walWithoutShmErr(path, path, true, false); errors.Is(err, ErrWALNeedsShm) {
		t.Fatalf("a -shm gone while looked at: %v; want it looked at again, as absent", err)
	} else if err != nil {
		t.Fatalf("a -shm gone while looked at: %v", err)
	}
	if looks != 1 {
		t.Errorf("the -shm was found %d times, want 1 (the second look finds none)", looks)
	}
}
