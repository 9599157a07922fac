package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dossier/store"
)

// A research file lost (deleted by mistake, moved away by a sync) leaves
// its backups in the folder of its name, the only copies of its work. A
// new research file made at that name shares the folder, and its rolling
// backups pruned the lost file's, one per backup: seven large imports, or
// a week of openings, and every backup of the lost work was gone (found by
// a hostile data pass: `dossier import` into the new file pruned backups
// holding 3,825 bookmarks). Backups of another file are not pruned.
func TestANewFileAtALostFilesNameKeepsItsBackups(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	backups := filepath.Join(dir, "backups")
	start := time.Now().Add(-30 * 24 * time.Hour)

	lost, seed := mustResearchAt(t, path)
	lost.SetBackupDir(backups)
	if _, err := lost.AddBookmark(ctx, passageAt(t, lost, seed, 2).ID, nil, "the lost work"); err != nil {
		t.Fatal(err)
	}
	for i := range store.KeepBackups {
		if _, err := lost.RollingBackup(ctx, start.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	lost.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}

	fresh, _ := mustResearchAt(t, path) // "made a new research file"
	fresh.SetBackupDir(backups)
	for i := range store.KeepBackups {
		if _, err := fresh.RollingBackup(ctx, time.Now().Add(time.Duration(i-store.KeepBackups)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	list, err := store.ListBackups(ctx, backups)
	if err != nil {
		t.Fatal(err)
	}
	withWork := 0
	for _, b := range list {
		if b.Bookmarks == 1 {
			withWork++
		}
	}
	if withWork != store.KeepBackups {
		t.Errorf("%d of the lost file's %d backups are left after the new file's %d backups (%d listed)", withWork, store.KeepBackups, store.KeepBackups, len(list))
	}
}
