package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// ChangedOutside keeps a connection of its own: a store that asked it can
// still back up, and a file it made and left holding the seed alone is
// still removed at CloseRemovingMade, with no side file left at the name.
func TestChangedOutsidesConnectionLetsBackupAndRemovalWork(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.dossier")
	st, err := OpenResearchFileToFill(path, unfilledSeed)
	if err != nil || !st.MadeNow() {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 2 {
		if _, err := st.ChangedOutside(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Backup(ctx, filepath.Join(dir, "copy.dossier")); err != nil {
		t.Fatal(err)
	}
	if c, err := st.ChangedOutside(ctx); err != nil || c.Changed {
		t.Errorf("after its own backup: %+v, %v", c, err)
	}
	if removed, err := st.CloseRemovingMade(); !removed || err != nil {
		t.Fatalf("removed %v, %v", removed, err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Lstat(path + suffix); !os.IsNotExist(err) {
			t.Errorf("%s is there still: %v", path+suffix, err)
		}
	}
}
