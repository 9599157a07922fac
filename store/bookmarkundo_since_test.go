package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
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
	} else if !strings.HasSuffix(err.Error(), "; it is left as it is now") || strings.Count(err.Error(), "changed") != 1 {
		// "…it was changed since…; nothing was changed" said it twice (a UI pass).
		t.Errorf("the refusal says %q", err)
	}
	if got, _ := s.Bookmark(ctx, b.ID); got.Note != "the colleague's note" {
		t.Errorf("after the undo: %q, want the colleague's note", got.Note)
	}
}

// The same for a claim: the undo of its acceptance here, after a bundle
// restored a colleague's newer copy of it (a note, a link to another
// claim), is refused, and the colleague's copy stays; the undo took the
// link off and remembered it as removed here, so that restoring the bundle
// again left it out.
func TestUndoingAClaimDecisionLeavesAClaimRestoredSince(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	store.SetClock(s, store.Ticking(start, time.Millisecond))
	all := claimList(t, s, store.ClaimQuery{})
	a, b := all[0].ID, all[1].ID
	bundle, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.SetClaimStateUndoable(ctx, a, store.ClaimAccepted)
	if err != nil {
		t.Fatal(err)
	}
	// The colleague accepted it later, with a note, and linked it.
	for i := range bundle.Claims {
		if bundle.Claims[i].Span.Start == all[0].Span.Start && bundle.Claims[i].Ordinal == all[0].Ordinal {
			bundle.Claims[i].State, bundle.Claims[i].Note, bundle.Claims[i].Updated = store.ClaimAccepted, "the colleague's note", start.Add(time.Hour)
		}
	}
	ref := func(cl store.Claim) store.BundleClaimRef {
		for _, bc := range bundle.Claims {
			if bc.Ordinal == cl.Ordinal && bc.Span.Start == cl.Span.Start && bc.Span.End == cl.Span.End {
				return store.BundleClaimRef{BundlePassage: bc.BundlePassage, Span: bc.Span}
			}
		}
		t.Fatalf("claim %d is not in the bundle", cl.ID)
		return store.BundleClaimRef{}
	}
	bundle.ClaimLinks = []store.BundleClaimLink{{A: ref(all[0]), B: ref(all[1]), Kind: store.LinkSame, Created: start.Add(time.Hour)}}
	bundle.Exported = start.Add(time.Hour)
	store.SetClock(s, store.Ticking(start.Add(2*time.Hour), time.Millisecond))
	data, err := json.Marshal(bundle)
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := s.ImportBundle(ctx, bytes.NewReader(data)); err != nil || rep.ClaimLinks != 1 {
		t.Fatalf("restore: %s, %v", rep, err)
	}
	if err := s.UndoClaims(ctx, c); !errors.Is(err, store.ErrChangedSince) {
		t.Errorf("undo of the acceptance after the restore: %v, want ErrChangedSince", err)
	} else if !strings.HasSuffix(err.Error(), "; it is left as it is now") || strings.Count(err.Error(), "changed") != 1 {
		// "…it was changed since…; nothing was changed" said it twice (a UI pass).
		t.Errorf("the refusal says %q", err)
	}
	got, err := s.Claim(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if got.Note != "the colleague's note" || got.State != store.ClaimAccepted || len(got.SameAs) != 1 || got.SameAs[0] != b {
		t.Errorf("after the undo: %s %q, same as %v; want the colleague's accepted claim linked to %d", got.State, got.Note, got.SameAs, b)
	}
	if n := store.RowCount(t, s, "claim_link_removals"); n != 0 {
		t.Errorf("%d claim links remembered as removed here", n)
	}
}

// The same for a saved search: the undo of a query changed here, after a
// bundle restored a colleague's newer query for it, is refused and leaves
// the colleague's query (it wrote over it, unsaid).
func TestUndoingASavedSearchChangeLeavesAQueryRestoredSince(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	store.SetClock(s, store.Ticking(start, time.Millisecond))
	if _, err := s.SaveSearchUndoable(ctx, "main", "putin"); err != nil {
		t.Fatal(err)
	}
	bundle, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.SaveSearchUndoable(ctx, "main", "kilimnik")
	if err != nil {
		t.Fatal(err)
	}
	// Undo and redo with nothing changed since.
	if err := s.UndoSavedSearch(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.RedoSavedSearch(ctx, c); err != nil {
		t.Fatal(err)
	}
	bundle.SavedSearches[0].Query = "manafort"
	bundle.Exported = start.Add(time.Hour)
	store.SetClock(s, store.Ticking(start.Add(2*time.Hour), time.Millisecond))
	data, err := json.Marshal(bundle)
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := s.ImportBundle(ctx, bytes.NewReader(data)); err != nil || rep.SearchesReplaced != 1 {
		t.Fatalf("restore: %s, %v", rep, err)
	}
	if err := s.UndoSavedSearch(ctx, c); !errors.Is(err, store.ErrChangedSince) {
		t.Errorf("undo of the query change after the restore: %v, want ErrChangedSince", err)
	}
	if got := savedQueries(t, s); got["main"] != "manafort" {
		t.Errorf("after the undo: %v, want the colleague's query", got)
	}
}
