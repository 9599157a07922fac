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
	path, backups, _ := lostFileWithBackups(t)
	newFileBacksUp(t, path, backups)
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

// Pruning now keeps another file's backups, but "a backup whose file
// cannot be told (unreadable …) counts as its own": a lost file's backup
// whose header was damaged (its page size field zeroed, which `dossier
// recover` reads past) is pruned by the new file's backups like one of
// its own, though it may be the only copy of the lost work (review
// 2026-12-05e). Unreadable, it cannot be told to be this file's: kept.
func TestALostFilesDamagedBackupIsNotPrunedAsOurs(t *testing.T) {
	path, backups, damaged := lostFileWithBackups(t) // the newest of the lost file's
	f, err := os.OpenFile(damaged, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0, 0}, 16); err != nil { // the page size field
		t.Fatal(err)
	}
	f.Close()

	newFileBacksUp(t, path, backups)
	if _, err := os.Stat(damaged); err != nil {
		t.Errorf("the lost file's damaged (recoverable) backup was pruned by the new file's backups: %v", err)
	}
}

// lostFileWithBackups makes a research file holding a bookmark (the lost
// work), takes store.KeepBackups rolling backups of it a month ago, then
// loses it: the file and its side files are deleted, its backups stay. It
// returns the file's path, its backups folder and its newest backup.
func lostFileWithBackups(t *testing.T) (path, backups, newest string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	path = filepath.Join(dir, "research.dossier")
	backups = filepath.Join(dir, "backups")
	start := time.Now().Add(-30 * 24 * time.Hour)

	lost, seed := mustResearchAt(t, path)
	lost.SetBackupDir(backups)
	if _, err := lost.AddBookmark(ctx, passageAt(t, lost, seed, 2).ID, nil, "the lost work"); err != nil {
		t.Fatal(err)
	}
	for i := range store.KeepBackups {
		out, err := lost.RollingBackup(ctx, start.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		newest = out
	}
	lost.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	return path, backups, newest
}

// newFileBacksUp makes a new research file at path ("made a new research
// file") and takes store.KeepBackups rolling backups of it into backups,
// in the last minutes.
func newFileBacksUp(t *testing.T, path, backups string) {
	t.Helper()
	fresh, _ := mustResearchAt(t, path)
	fresh.SetBackupDir(backups)
	for i := range store.KeepBackups {
		if _, err := fresh.RollingBackup(context.Background(), time.Now().Add(time.Duration(i-store.KeepBackups)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
}
