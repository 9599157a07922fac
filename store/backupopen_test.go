package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// A rolling backup opened as a research file (--db, File → Open…, a
// double-click) is read-only: work saved into it was deleted with it when
// newer backups pruned it (found by a hostile pass). A copy taken out of
// the backups folder, or a file merely named like a backup, is writable.
func TestRollingBackupsOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	st := mustOpenAt(t, filepath.Join(t.TempDir(), "r.dossier"))
	backup, err := st.RollingBackup(ctx, time.Date(2026, 2, 3, 4, 5, 6, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	b, err := store.Open(backup)
	if err != nil {
		t.Fatal(err)
	}
	if !b.ReadOnly() || !strings.Contains(b.ReadOnlyReason(), "rolling backups") {
		t.Errorf("a rolling backup opened read-only %v: %q", b.ReadOnly(), b.ReadOnlyReason())
	}
	if _, err := b.ImportText(ctx, "Notes", "", "Work that would be pruned."); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("importing into a rolling backup: %v", err)
	}
	b.Close()
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(backup)) // the same name, out of the folder
	os.WriteFile(out, data, 0o644)
	c := mustOpenAt(t, out)
	if c.ReadOnly() {
		t.Errorf("a copy out of the backups folder is read-only: %q", c.ReadOnlyReason())
	}
}

// Backups are named in UTC: named in local time, those made after a move
// west (or in the hour a clock goes back) sorted before older ones, so
// pruning deleted the newest and the latest offered was an old one (found
// by a hostile pass). Names of the local-time kind still list, in order.
func TestBackupsAfterATimeZoneChangeKeepTheNewest(t *testing.T) {
	ctx := context.Background()
	s := mustOpenAt(t, filepath.Join(t.TempDir(), "r.dossier"))
	dir := t.TempDir()
	s.SetBackupDir(dir)
	tokyo, la := time.FixedZone("Tokyo", 9*3600), time.FixedZone("Los Angeles", -8*3600)
	start := time.Date(2026, 3, 1, 20, 0, 0, 0, tokyo)
	// An old backup named in local time, an hour before the first.
	local := start.Add(-time.Hour).In(time.Local).Format("20060102-150405") + ".dossier"
	if err := s.Backup(ctx, filepath.Join(dir, local)); err != nil {
		t.Fatal(err)
	}
	var made []string
	for i := range store.KeepBackups + 2 {
		zone := tokyo
		if i >= store.KeepBackups-1 {
			zone = la // the laptop flew east to west
		}
		p, err := s.RollingBackup(ctx, start.Add(time.Duration(i)*time.Minute).In(zone))
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
	}
	list, err := s.Backups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != store.KeepBackups {
		t.Fatalf("%d backups kept, want %d", len(list), store.KeepBackups)
	}
	for i, b := range list {
		if want := made[len(made)-1-i]; b.Path != want {
			t.Errorf("backup %d is %s, want %s (newest first)", i, filepath.Base(b.Path), filepath.Base(want))
		}
	}
}

// A backup's time is local time, as the window and the command line show
// it, whether its name is in UTC or (before) in local time.
func TestBackupTimesAreLocal(t *testing.T) {
	ctx := context.Background()
	s := mustOpenAt(t, filepath.Join(t.TempDir(), "r.dossier"))
	s.SetBackupDir(t.TempDir())
	if _, err := s.RollingBackup(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	list, err := s.Backups(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("%+v, %v", list, err)
	}
	if list[0].Time.Location() != time.Local {
		t.Errorf("a backup's time is in %v, not local time", list[0].Time.Location())
	}
}
