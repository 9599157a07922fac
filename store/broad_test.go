package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"testing"

	"dossier/store"
	"dossier/store/ingest"
)

// importGenerated imports one document whose passages are given.
func importGenerated(t *testing.T, s *store.Store, title string, passages []string) {
	t.Helper()
	doc := &ingest.Document{Title: title, FileName: title + ".txt", Format: "text"}
	var b strings.Builder
	for i, p := range passages {
		if i > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		doc.Passages = append(doc.Passages, ingest.Span{Start: start, End: b.Len()})
	}
	doc.Text = b.String()
	sum := sha256.Sum256([]byte(doc.Text))
	doc.Hash = hex.EncodeToString(sum[:])
	if _, err := s.ImportDocument(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
}

// A query matching more than RankAll passages lists them in reading order,
// unranked, with an exact total up to CountCap; a narrower query mixing a
// common and a rare word is ranked (by its rare word) and holds only
// passages with both.
func TestBroadQueriesAndRareTermRanking(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	n := store.CommonDF + 500
	passages := make([]string, n)
	for i := range passages {
		passages[i] = fmt.Sprintf("Filler passage %d mentions the ubiquitous term.", i)
		if i%1000 == 7 {
			// Rare word, repeated more in some passages: those rank first.
			passages[i] = fmt.Sprintf("Passage %d: ubiquitous and %s.", i, strings.Repeat("zanzibar ", 1+i/1000))
		}
	}
	// Last in reading order, first by bm25 for "term".
	passages = append(passages, "Term, term and term.")
	importGenerated(t, s, "generated", passages)

	res, err := s.Search(ctx, store.SearchRequest{Query: "ubiquitous", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Capped || res.Total != store.CountCap || res.Ranked {
		t.Fatalf("broad query: total %d capped %v ranked %v; want %d, capped, unranked", res.Total, res.Capped, res.Ranked, store.CountCap)
	}
	if !sort.SliceIsSorted(res.Hits, func(i, j int) bool { return res.Hits[i].PassageID < res.Hits[j].PassageID }) || res.Hits[0].Ordinal != 1 {
		t.Errorf("broad query hits are not in reading order: first ordinal %d", res.Hits[0].Ordinal)
	}

	// Asked for full ranking, the same broad query is ranked by bm25: the
	// short passages with the word come first, whatever their position.
	res, err = s.Search(ctx, store.SearchRequest{Query: "term", Limit: 20, FullRanking: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Ranked || res.Total != store.CountCap || len(res.Hits) != 20 || res.Hits[0].Text != "Term, term and term." {
		t.Fatalf("fully ranked broad query: total %d hits %d ranked %v, first %q", res.Total, len(res.Hits), res.Ranked, res.Hits[0].Text)
	}
	for i, h := range res.Hits {
		if i > 0 && h.Score < res.Hits[i-1].Score {
			t.Fatalf("hit %d (%q, score %v) out of bm25 order", i, h.Text, h.Score)
		}
	}
	page2, err := s.Search(ctx, store.SearchRequest{Query: "term", Limit: 20, Offset: 20, FullRanking: true})
	if err != nil || len(page2.Hits) != 20 || page2.Hits[0].Score < res.Hits[19].Score {
		t.Fatalf("second fully ranked page: %v, %d hits", err, len(page2.Hits))
	}

	res, err = s.Search(ctx, store.SearchRequest{Query: "ubiquitous zanzibar", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	want := (n + 992) / 1000
	if !res.Ranked || res.Total != want || len(res.Hits) != want {
		t.Fatalf("mixed query: total %d hits %d ranked %v; want %d ranked", res.Total, len(res.Hits), res.Ranked, want)
	}
	for i, h := range res.Hits {
		if !strings.Contains(h.Text, "zanzibar") || !strings.Contains(h.Text, "ubiquitous") {
			t.Errorf("hit %q lacks a query word", h.Text)
		}
		if i > 0 && h.Score < res.Hits[i-1].Score {
			t.Errorf("hits not ordered by score: %v then %v", res.Hits[i-1].Score, h.Score)
		}
	}
	// The passage repeating the rare word most ranks first.
	if top := res.Hits[0].Text; strings.Count(top, "zanzibar") != 1+(n-1)/1000 {
		t.Errorf("top hit %q is not the one with the most mentions", top)
	}
	for _, h := range res.Hits {
		if len(h.Matches) == 0 {
			t.Errorf("hit %d has no highlighted matches", h.PassageID)
		}
	}
}
