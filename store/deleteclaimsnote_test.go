package store_test

import (
	"context"
	"testing"

	"dossier/store"
)

// Deleting a document says how many claims go with it: accepted ones,
// and one rejected here but annotated (a note written on it, kept when it
// was rejected), which was not counted: the window said "It has no
// bookmarks, tags or accepted claims." and the CLI printed nothing of it
// (review 2026-12-05e).
func TestDeletingADocumentCountsAnAnnotatedRejectedClaim(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	p := passageAt(t, s, seed, 2)
	src, note := "Ann Example", "why I rejected it: the source retracted this"
	c, err := s.MarkClaim(ctx, p.ID, store.Range{Start: 0, End: min(20, len(p.Text))}, store.ClaimEdit{Source: &src, Note: &note})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetClaimStateUndoable(ctx, c.ID, store.ClaimRejected); err != nil {
		t.Fatal(err)
	}
	got, err := s.Claim(ctx, c.ID)
	if err != nil || got.Note != note {
		t.Fatalf("the rejected claim: %+v, %v", got, err)
	}
	counts, err := s.DocumentAnnotations(ctx, seed)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Claims == 0 {
		t.Errorf("deleting the document would delete a claim with a note written here, and counts %+v say nothing of it", counts)
	}
}

// Deleting a document counts its suggested claims apart: they go with it
// (the window named the 7,520 suggested tags of the Mueller report and not
// its 910 suggested claims, ui15's L3), and one with a note written on it
// is counted once, among the claims annotated.
func TestDeletingADocumentCountsItsSuggestedClaims(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	if _, err := s.SuggestClaims(ctx, []int64{seed}, nil); err != nil {
		t.Fatal(err)
	}
	suggested, err := s.Claims(ctx, store.ClaimQuery{DocumentID: seed, State: store.ClaimSuggested})
	if err != nil || len(suggested) < 2 {
		t.Fatalf("the seed article's suggested claims: %d, %v", len(suggested), err)
	}
	note := "check this against the filing"
	if _, err := s.EditClaim(ctx, suggested[0].ID, store.ClaimEdit{Note: &note}); err != nil {
		t.Fatal(err)
	}
	counts, err := s.DocumentAnnotations(ctx, seed)
	if err != nil {
		t.Fatal(err)
	}
	if counts.SuggestedClaims != len(suggested)-1 || counts.Claims != 1 {
		t.Errorf("counts %+v: want %d suggested claims and 1 annotated", counts, len(suggested)-1)
	}
}
