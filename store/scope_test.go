package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// TestFilteredSearchScopes checks full-text search under filters in each of
// the store's plans: a filter of a few runs of passage ids (one range per
// run), and a scattered one (membership test), both ranked (≤ RankAll
// matches) and in reading order, with paging and document counts.
func TestFilteredSearchScopes(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenAt(t, filepath.Join(dir, "research.dossier"))
	ctx := context.Background()

	// 40 documents of 60 passages: set-a-0…19 and set-b-0…19.
	var paths []string
	for _, set := range []string{"a", "b"} {
		for n := range 20 {
			var b strings.Builder
			fmt.Fprintf(&b, "Set %s report %d\n\n", set, n)
			for p := range 60 {
				fmt.Fprintf(&b, "Passage %d of set-%s-%d says alpha; the others say nothing.\n\n", p, set, n)
			}
			path := filepath.Join(dir, fmt.Sprintf("set-%s-%d.txt", set, n))
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, path)
		}
	}
	if err := s.ImportFiles(ctx, paths, func(o store.FileOutcome) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
	}); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fileOf := map[int64]string{}
	for _, d := range docs {
		fileOf[d.ID] = strings.TrimSuffix(d.FileName, ".txt")
	}

	// Bookmark every other passage of set a: 600 runs of one id each.
	bookmarked := map[int64]bool{}
	for _, d := range docs {
		if !strings.HasPrefix(d.FileName, "set-a-") {
			continue
		}
		ps, err := s.Passages(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(ps); i += 2 {
			if _, err := s.AddBookmark(ctx, ps[i].ID, nil, ""); err != nil {
				t.Fatal(err)
			}
			bookmarked[ps[i].ID] = true
		}
	}

	cases := []struct {
		query  string
		total  int
		docs   int
		ranked bool
		keep   func(h store.Hit) bool
	}{
		// 20 runs, 1,200 matches: reading order.
		{"doc:set-a alpha", 1200, 20, false, func(h store.Hit) bool { return strings.HasPrefix(fileOf[h.DocumentID], "set-a-") }},
		// set-a-1 and set-a-10…19: 11 runs, 660 matches: ranked.
		{"doc:set-a-1 alpha", 660, 11, true, func(h store.Hit) bool {
			f := fileOf[h.DocumentID]
			return f == "set-a-1" || strings.HasPrefix(f, "set-a-1")
		}},
		// 600 scattered passages: ranked, by membership.
		{"is:bookmarked alpha", 600, 20, true, func(h store.Hit) bool { return bookmarked[h.PassageID] }},
		// Both: the intersection is still scattered.
		{"is:bookmarked doc:set-a-1 alpha", 330, 11, true, func(h store.Hit) bool {
			return bookmarked[h.PassageID] && strings.HasPrefix(fileOf[h.DocumentID], "set-a-1")
		}},
		// No passage passes both filters.
		{"is:bookmarked doc:set-b alpha", 0, 0, true, nil},
	}
	for _, c := range cases {
		seen := map[int64]bool{}
		var lastID int64
		for offset := 0; ; offset += 500 {
			res, err := s.Search(ctx, store.SearchRequest{Query: c.query, Limit: 500, Offset: offset})
			if err != nil {
				t.Fatalf("%s: %v", c.query, err)
			}
			if res.Total != c.total || (c.total > 0 && res.Ranked != c.ranked) {
				t.Fatalf("%s: total %d ranked %v, want %d %v", c.query, res.Total, res.Ranked, c.total, c.ranked)
			}
			if len(res.Hits) == 0 {
				break
			}
			for _, h := range res.Hits {
				if !c.keep(h) {
					t.Fatalf("%s: passage %d of %s does not pass the filter", c.query, h.PassageID, fileOf[h.DocumentID])
				}
				if seen[h.PassageID] {
					t.Fatalf("%s: passage %d listed twice (offset %d)", c.query, h.PassageID, offset)
				}
				seen[h.PassageID] = true
				if !c.ranked && h.PassageID < lastID {
					t.Fatalf("%s: reading order broken: %d after %d", c.query, h.PassageID, lastID)
				}
				lastID = h.PassageID
				if len(h.Matches) == 0 {
					t.Fatalf("%s: passage %d has no highlighted match", c.query, h.PassageID)
				}
			}
		}
		if len(seen) != c.total {
			t.Errorf("%s: paged through %d passages, want %d", c.query, len(seen), c.total)
		}
		n, err := s.MatchingDocuments(ctx, c.query)
		if err != nil || n != c.docs {
			t.Errorf("%s: MatchingDocuments %d, %v; want %d", c.query, n, err, c.docs)
		}
	}
}
