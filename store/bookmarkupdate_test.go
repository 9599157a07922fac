package store_test

import (
	"context"
	"errors"
	"testing"

	"dossier/store"
)

// UpdateBookmark sets span and note together, checks the span like
// AddBookmark, and says when the bookmark is gone.
func TestUpdateBookmark(t *testing.T) {
	s, docID := mustSeed(t)
	ctx := context.Background()
	ps, err := s.Passages(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	b, err := s.AddBookmark(ctx, p.ID, nil, "draft")
	if err != nil {
		t.Fatal(err)
	}
	span := &store.Range{Start: 0, End: 5}
	if err := s.UpdateBookmark(ctx, b.ID, span, "final"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Bookmark(ctx, b.ID)
	if err != nil || got.Note != "final" || got.Span == nil || *got.Span != *span || got.Quote() != p.Text[:5] {
		t.Fatalf("after update: %+v, %v", got, err)
	}
	if err := s.UpdateBookmark(ctx, b.ID, nil, "whole"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Bookmark(ctx, b.ID); got.Span != nil || got.Note != "whole" {
		t.Fatalf("back to the whole passage: %+v", got)
	}
	if err := s.UpdateBookmark(ctx, b.ID, &store.Range{Start: 3, End: len(p.Text) + 1}, "x"); err == nil {
		t.Error("a span past the passage was accepted")
	}
	if got, _ := s.Bookmark(ctx, b.ID); got.Note != "whole" {
		t.Errorf("a refused update changed the note to %q", got.Note)
	}
	if err := s.UpdateBookmark(ctx, 987654, nil, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing bookmark: %v", err)
	}
}
