package store_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"dossier/store"
)

// A QuickCount page counts only to RankAll: a narrower query's page is
// the same as a page counted in full, a broader one's lists the same hits
// in the same order with Total RankAll and Capped, and Count then gives
// the full page's totals. Queries of every kind: a word, a phrase, a
// prefix, several words, a completed last word, a filter with text,
// filters alone.
func TestQuickCountThenCount(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	many := make([]string, store.RankAll+300)
	for i := range many {
		many[i] = fmt.Sprintf("Paragraph %d: the quorbit committee met again.", i)
		if i%7 == 0 {
			many[i] = fmt.Sprintf("Paragraph %d: quorbits and the quorbit committee, quorbit twice.", i)
		}
	}
	importGenerated(t, s, "Alpha", many)
	few := make([]string, 400)
	for i := range few {
		few[i] = fmt.Sprintf("Note %d on the quorbit committee and a zelkova.", i)
	}
	importGenerated(t, s, "Beta", few)

	for _, q := range []string{
		"quorbit",                   // 1,700 passages
		`"quorbit committee"`,       // a phrase in all of them
		"quorb*",                    // a prefix
		"quorbi",                    // completed to quorbi*
		"committee quorbit",         // two words
		"zelkova",                   // 400: ranked, counted in full either way
		`doc:"Beta" quorbit`,        // filtered: 400
		`doc:"Alpha" quorbit`,       // filtered: 1,300
		`doc:"Alpha" OR doc:"Beta"`, // filters alone: counted in full
		"nothingmatchesthis",
	} {
		t.Run(q, func(t *testing.T) {
			req := store.SearchRequest{Query: q, Limit: 20, CompleteLastWord: true}
			full, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: req, CountDocuments: true, PerDocument: true})
			if err != nil {
				t.Fatal(err)
			}
			req.QuickCount = true
			quick, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: req, CountDocuments: true})
			if err != nil {
				t.Fatal(err)
			}
			if slices.Compare(hitIDs(quick.Hits), hitIDs(full.Hits)) != 0 || quick.Ranked != full.Ranked || quick.Completed != full.Completed {
				t.Errorf("quick page %v (ranked %v, completed %v), full %v (ranked %v, completed %v)",
					hitIDs(quick.Hits), quick.Ranked, quick.Completed, hitIDs(full.Hits), full.Ranked, full.Completed)
			}
			switch {
			case full.Total > store.RankAll && full.Query.HasText():
				if quick.Total != store.RankAll || !quick.Capped || quick.Documents > full.Documents {
					t.Errorf("quick count of %d: total %d, capped %v, %d documents (full: %d)", full.Total, quick.Total, quick.Capped, quick.Documents, full.Documents)
				}
			case quick.Total != full.Total || quick.Capped != full.Capped || quick.Documents != full.Documents:
				t.Errorf("quick count %d (capped %v) in %d documents, full %d (capped %v) in %d", quick.Total, quick.Capped, quick.Documents, full.Total, full.Capped, full.Documents)
			}
			if full.Total == 0 {
				return
			}
			c, err := s.Count(ctx, quick.Query, true)
			if err != nil {
				t.Fatal(err)
			}
			if c.Total != full.Total || c.Capped != full.Capped || c.Documents != full.Documents || !maps.Equal(c.DocumentHits, full.DocumentHits) {
				t.Errorf("Count: %d (capped %v) in %d documents %v; the full page: %d (capped %v) in %d %v",
					c.Total, c.Capped, c.Documents, c.DocumentHits, full.Total, full.Capped, full.Documents, full.DocumentHits)
			}
		})
	}

	// FullRanking counts in full whatever QuickCount says.
	res, err := s.Search(ctx, store.SearchRequest{Query: "quorbit", FullRanking: true, QuickCount: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != store.RankAll+700 || res.Capped || !res.Ranked {
		t.Errorf("a full ranking counted quickly: total %d, capped %v, ranked %v", res.Total, res.Capped, res.Ranked)
	}
}

func hitIDs(hits []store.Hit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.PassageID
	}
	return ids
}
