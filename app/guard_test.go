package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"

	"dossier/store"
)

// TestSaveDialogCannotOverwriteResearchFile: the export save dialog writes
// through storage.Writer, which truncates on open. With the window up, a
// writer for the research file, its side files or another research file is
// refused before anything is touched; ordinary files are written as usual.
func TestSaveDialogCannotOverwriteResearchFile(t *testing.T) {
	u := newTestUI(t)
	db := u.CurrentStore().Path()
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "report.md")
	o, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	for _, path := range []string{db, db + "-wal", db + "-shm", other} {
		w, err := storage.Writer(storage.NewFileURI(path))
		if !errors.Is(err, store.ErrProtectedFile) {
			if w != nil {
				w.Close()
			}
			t.Errorf("storage.Writer(%s) = %v; want a refusal", path, err)
		}
		if _, err := storage.Appender(storage.NewFileURI(path)); !errors.Is(err, store.ErrProtectedFile) {
			t.Errorf("storage.Appender(%s) = %v; want a refusal", path, err)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("the research file changed")
	}

	ok := filepath.Join(t.TempDir(), "export.csv")
	w, err := storage.Writer(storage.NewFileURI(ok))
	if err != nil {
		t.Fatalf("ordinary export file refused: %v", err)
	}
	if _, err := w.Write([]byte("type\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(ok); string(data) != "type\n" {
		t.Errorf("export file holds %q", data)
	}
	// Listing folders (the file dialog's job) still works through the guard.
	if _, err := storage.List(storage.NewFileURI(filepath.Dir(ok))); err != nil {
		t.Errorf("List: %v", err)
	}
}
