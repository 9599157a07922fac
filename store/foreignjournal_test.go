package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"dossier/store"
)

// A rollback journal beside a research file (which keeps its changes in a
// -wal file) is another database's: Dossier refuses to open the file,
// rather than let SQLite play that database's pages into it, and check and
// recover say so rather than advise opening it. Found by a hostile pass:
// every bookmark and tag of the file was lost.
func TestAnotherDatabasesJournalIsNotPlayedBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "a.dossier")
	st := mustOpenAt(t, path)
	if _, err := st.ImportText(ctx, "Report", "", "First paragraph.\n\nSecond paragraph."); err != nil {
		t.Fatal(err)
	}
	st.Close()
	before, _ := os.ReadFile(path)
	// What SQLite plays back: a journal that begins with its magic number
	// (the rest of a stranger's journal does not matter: it is not read).
	journal := append([]byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}, make([]byte, 4096)...)
	if err := os.WriteFile(path+"-journal", journal, 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := store.Open(path); !errors.Is(err, store.ErrForeignJournal) {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open: %v", err)
	}
	if _, err := store.CheckFile(ctx, path); !errors.Is(err, store.ErrForeignJournal) {
		t.Errorf("CheckFile: %v", err)
	}
	if _, err := store.Recover(ctx, path, filepath.Join(dir, "out.dossier")); !errors.Is(err, store.ErrForeignJournal) {
		t.Errorf("Recover: %v", err)
	}
	backup := filepath.Join(t.TempDir(), "b.dossier")
	os.WriteFile(backup, before, 0o644) // a sound research file to restore
	if err := store.RestoreFile(ctx, path, backup, t.TempDir()); !errors.Is(err, store.ErrForeignJournal) {
		t.Errorf("RestoreFile: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the research file changed")
	}
	if j, err := os.ReadFile(path + "-journal"); err != nil || !bytes.Equal(j, journal) {
		t.Errorf("the journal was not left as it was: %v", err)
	}
	// Moved away, the file opens as it was.
	os.Remove(path + "-journal")
	s := mustOpenAt(t, path)
	if res, err := s.Search(ctx, store.SearchRequest{Query: "paragraph"}); err != nil || res.Total != 2 {
		t.Errorf("after the journal was moved away: %+v, %v", res, err)
	}
}
