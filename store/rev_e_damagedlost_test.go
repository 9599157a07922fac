package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dossier/store"
)

// Pruning now keeps another file's backups, but "a backup whose file
// cannot be told (unreadable …) counts as its own": a lost file's backup
// whose header was damaged (its page size field zeroed, which `dossier
// recover` reads past) is pruned by the new file's backups like one of
// its own, though it may be the only copy of the lost work (review
// 2026-12-05e). Unreadable, it cannot be told to be this file's: kept.
func TestRevALostFilesDamagedBackupIsNotPrunedAsOurs(t *testing.T) {
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
	var damaged string
	for i := range store.KeepBackups {
		out, err := lost.RollingBackup(ctx, start.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		damaged = out // the newest of the lost file's
	}
	lost.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	f, err := os.OpenFile(damaged, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0, 0}, 16); err != nil { // the page size field
		t.Fatal(err)
	}
	f.Close()

	fresh, _ := mustResearchAt(t, path)
	fresh.SetBackupDir(backups)
	for i := range store.KeepBackups {
		if _, err := fresh.RollingBackup(ctx, time.Now().Add(time.Duration(i-store.KeepBackups)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(damaged); err != nil {
		t.Errorf("the lost file's damaged (recoverable) backup was pruned by the new file's backups: %v", err)
	}
}
