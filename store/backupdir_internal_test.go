package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A backup that fails before anything is kept (a full disk, here a closed
// connection) leaves no empty backups folder behind: an empty folder looked
// as if backups were being kept. A folder that was already there stays.
func TestFailedFirstBackupLeavesNoEmptyFolder(t *testing.T) {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close() // every statement now fails
	parent := t.TempDir()
	dir := filepath.Join(parent, "backups")
	if _, err := vacuumInto(context.Background(), db, filepath.Join(dir, "b.dossier"), nil); err == nil {
		t.Fatal("a backup through a closed connection succeeded")
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the failed first backup left its folder: %v", err)
	}

	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := vacuumInto(context.Background(), db, filepath.Join(dir, "b.dossier"), nil); err == nil {
		t.Fatal("a backup through a closed connection succeeded")
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Fatalf("the folder that was there before: %v, %d entries", err, len(entries))
	}
}
