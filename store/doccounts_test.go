package store_test

import (
	"context"
	"errors"
	"testing"

	"dossier/store"
)

// DocumentHitCounts counts every match per document, beyond the page a
// search lists, and agrees with Search's total.
func TestDocumentHitCounts(t *testing.T) {
	s, seed := mustSeed(t)
	ctx := context.Background()
	var para string
	for range 60 {
		para += "The zebrafinch report names Kilimnik again.\n\n"
	}
	other := importText(t, s, "zebra.txt", "Zebrafinch notes\n\n"+para)
	counts, err := s.DocumentHitCounts(ctx, "kilimnik")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, store.SearchRequest{Query: "kilimnik", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 2 || counts[seed] != 2 || counts[other.DocumentID] < 60 {
		t.Errorf("counts %v; want 2 in the seed article (%d) and at least 60 in %d", counts, seed, other.DocumentID)
	}
	sum := 0
	for _, n := range counts {
		sum += n
	}
	if sum != res.Total || len(res.Hits) >= sum {
		t.Errorf("counts sum to %d; Search total %d, page %d", sum, res.Total, len(res.Hits))
	}
	// Filters alone, exclusions and errors behave as in Search.
	if c, err := s.DocumentHitCounts(ctx, `doc:zebra -kilimnik`); err != nil || len(c) != 0 {
		t.Errorf("doc:zebra -kilimnik: %v, %v; want no counts", c, err)
	}
	if c, err := s.DocumentHitCounts(ctx, `doc:zebra`); err != nil || c[other.DocumentID] == 0 || len(c) != 1 {
		t.Errorf("doc:zebra: %v, %v", c, err)
	}
	if _, err := s.DocumentHitCounts(ctx, "  "); !errors.Is(err, store.ErrEmptyQuery) {
		t.Errorf("empty query: %v, want ErrEmptyQuery", err)
	}
	if _, err := s.DocumentHitCounts(ctx, `actor:"nobody at all"`); err == nil {
		t.Error("an unknown actor gave no error")
	}
}
