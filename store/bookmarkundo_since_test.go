package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"dossier/store"
)

// The undo of a note edited here, after a bundle restored a colleague's
// newer note over it, is refused and leaves the colleague's note (it wrote
// over it, without a word or a backup; a hostile data pass). With nothing
// changed since, undo and redo work as before.
func TestUndoingANoteEditLeavesANoteRestoredSince(t *testing.T) {
	ctx := context.Background()
	s, doc := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	store.SetClock(s, store.Ticking(start, time.Millisecond))
	b, err := s.AddBookmark(ctx, passageAt(t, s, doc, 2).ID, nil, "mine")
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	before, after, err := s.EditBookmarkNote(ctx, b.ID, "mine, edited")
	if err != nil {
		t.Fatal(err)
	}
	// Undo and redo with nothing changed since.
	if err := s.RestoreBookmarkOver(ctx, before, after); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreBookmarkOver(ctx, after, before); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Bookmark(ctx, b.ID); got.Note != "mine, edited" {
		t.Fatalf("after undo and redo: %q", got.Note)
	}

	bundle.Bookmarks[0].Note = "the colleague's note"
	bundle.Bookmarks[0].Updated = start.Add(time.Hour)
	bundle.Exported = start.Add(time.Hour)
	store.SetClock(s, store.Ticking(start.Add(2*time.Hour), time.Millisecond))
	data, err := json.Marshal(bundle)
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := s.ImportBundle(ctx, bytes.NewReader(data)); err != nil || rep.NotesReplaced != 1 {
		t.Fatalf("restore: %s, %v", rep, err)
	}
	if err := s.RestoreBookmarkOver(ctx, before, after); !errors.Is(err, store.ErrChangedSince) {
		t.Errorf("undo of the edit after the restore: %v, want ErrChangedSince", err)
	}
	if got, _ := s.Bookmark(ctx, b.ID); got.Note != "the colleague's note" {
		t.Errorf("after the undo: %q, want the colleague's note", got.Note)
	}
}
