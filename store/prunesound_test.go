package store_test

import (
	"context"
	"testing"
	"time"

	"dossier/store"
)

// A file that check calls damaged, though PRAGMA quick_check passes it,
// opened day after day as the window does (QuickCheck, then the daily
// AutoBackup when it found nothing): each day's backup was of the damaged
// file, and pruning to KeepBackups deleted the sound ones made before,
// until restore refused every backup left (found by a hostile pass). A
// missing index is made again on opening; a missing table keeps the file
// read-only, and a read-only file is not backed up again; rows referring
// to rows that are gone fail QuickCheck.
func TestDamagedFileDoesNotPruneTheSoundBackups(t *testing.T) {
	ctx := context.Background()
	for _, damage := range []string{
		`DROP INDEX passages_page`,
		`DROP TABLE bookmark_removals`,
		`PRAGMA foreign_keys = OFF; INSERT INTO passage_tags (passage_id, tag_id, origin, state, created_at) SELECT min(id), 987654, 'manual', 'accepted', '2026-01-01T00:00:00Z' FROM passages`,
	} {
		t.Run(damage[:20], func(t *testing.T) {
			s, _ := mustSeed(t)
			dir := t.TempDir()
			s.SetBackupDir(dir)
			day := time.Now().Add(-30 * 24 * time.Hour)
			for i := 0; i < store.KeepBackups; i++ {
				day = day.Add(25 * time.Hour)
				if _, err := s.AutoBackup(ctx, day); err != nil {
					t.Fatal(err)
				}
			}
			base := s.Path()
			s.Close()
			p := copyWithSQL(t, base, damage)
			for i := 0; i < store.KeepBackups; i++ {
				live := mustOpenAt(t, p)
				live.SetBackupDir(dir)
				live.EnableAutoBackups()
				problems, err := live.QuickCheck(ctx) // as the window's afterOpen
				if err != nil {
					t.Fatal(err)
				}
				if len(problems) == 0 {
					day = day.Add(25 * time.Hour)
					if _, err := live.AutoBackup(ctx, day); err != nil {
						t.Fatal(err)
					}
				}
				live.Close()
			}
			list, err := store.ListBackups(ctx, dir)
			if err != nil {
				t.Fatal(err)
			}
			restorable := 0
			for _, b := range list {
				into := mustSeed2(t)
				if ns, err := into.RestoreBackup(ctx, b.Path); err == nil {
					restorable++
					ns.Close()
				}
			}
			if restorable == 0 {
				t.Errorf("after a week of opening the damaged file, none of %d backups can be restored", len(list))
			}
		})
	}
}
