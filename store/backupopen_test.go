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
