package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"dossier/store"
	"dossier/store/query"
)

// SearchPage gives what the separate calls give — hits, document count,
// per-document counts, bookmarks, tags and the open document's matches —
// from one parse, in one transaction (one use of the pool).
func TestSearchPageAgreesWithSeparateCalls(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	importText(t, s, "other.txt", "Other notes\n\nKilimnik wrote again.\n\nNothing here.")
	p13 := passageAt(t, s, doc, 13)
	if _, err := s.AddBookmark(ctx, p13.ID, nil, ""); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"kilimnik", "kilimn", `doc:"other" -nothing`, "actor:kilimnik"} {
		req := store.SearchRequest{Query: q, Limit: 50, CompleteLastWord: true}
		uses, parses := s.PoolUses(), query.ParseCount()
		page, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: req, CountDocuments: true, PerDocument: true, Document: doc})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if got := s.PoolUses() - uses; got != 1 {
			t.Errorf("%s: SearchPage used the pool %d times, want once (one read transaction)", q, got)
		}
		if got := query.ParseCount() - parses; got != 1 {
			t.Errorf("%s: SearchPage parsed %d times, want once", q, got)
		}
		res, err := s.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		run := res.Query.String() // what was run (completed: "kilimn*")
		if page.Query.String() != run || page.Total != res.Total || len(page.Hits) != len(res.Hits) || page.Completed != res.Completed {
			t.Fatalf("%s: page %q total %d (%d hits), Search %q total %d (%d hits)", q, page.Query.String(), page.Total, len(page.Hits), run, res.Total, len(res.Hits))
		}
		ids := make([]int64, len(res.Hits))
		for i, h := range res.Hits {
			if h.PassageID != page.Hits[i].PassageID || !reflect.DeepEqual(h.Matches, page.Hits[i].Matches) {
				t.Errorf("%s: hit %d differs", q, i)
			}
			ids[i] = h.PassageID
		}
		if n, err := s.MatchingDocuments(ctx, run); err != nil || n != page.Documents || n == 0 {
			t.Errorf("%s: page counts %d documents, MatchingDocuments %d (%v)", q, page.Documents, n, err)
		}
		if flat, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: req, CountDocuments: true}); err != nil || flat.Documents != page.Documents || flat.DocumentHits != nil {
			t.Errorf("%s: ungrouped page counts %d documents (per document %v), grouped %d (%v)", q, flat.Documents, flat.DocumentHits, page.Documents, err)
		}
		if per, err := s.DocumentHitCounts(ctx, run); err != nil || !reflect.DeepEqual(per, page.DocumentHits) {
			t.Errorf("%s: page counts %v per document, DocumentHitCounts %v (%v)", q, page.DocumentHits, per, err)
		}
		marks, _ := s.BookmarkedPassages(ctx, ids)
		tags, _ := s.PassageTags(ctx, ids)
		if !reflect.DeepEqual(marks, page.Bookmarked) || !reflect.DeepEqual(tags, page.Tags) {
			t.Errorf("%s: page annotations %v %v, separately %v %v", q, page.Bookmarked, page.Tags, marks, tags)
		}
		matches, _ := s.DocumentMatches(ctx, doc, run)
		if !reflect.DeepEqual(matches, page.DocumentMatches) {
			t.Errorf("%s: page has %d passages' matches in the open document, DocumentMatches %d", q, len(page.DocumentMatches), len(matches))
		}
	}
	page, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: "kilimnik"}})
	if err != nil || page.Documents != -1 || page.DocumentHits != nil || page.DocumentMatches != nil {
		t.Fatalf("counts not asked for: %+v (%v)", page, err)
	}
	var qe *store.QueryError
	if _, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: "foo:bar"}}); !errors.As(err, &qe) {
		t.Errorf("foo:bar: %v, want a query error", err)
	}
	if _, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: "  "}}); !errors.Is(err, store.ErrEmptyQuery) {
		t.Errorf("blank: %v, want ErrEmptyQuery", err)
	}
	if _, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: "zzqqxx"}, CountDocuments: true}); err != nil {
		t.Errorf("nothing found: %v", err)
	}
}

// ReadDocument gives the reader what the separate calls give, in one read
// transaction; with Loaded it reads only the matches and annotations.
func TestReadDocumentAgreesWithSeparateCalls(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	p7 := passageAt(t, s, doc, 7)
	if _, err := s.AddBookmark(ctx, p7.ID, &store.Range{Start: 0, End: 8}, ""); err != nil {
		t.Fatal(err)
	}
	// A tag on the whole document, and another document with its own
	// bookmark and tag, which the reader reads past.
	whole, err := s.CreateTag(ctx, store.Tag{Family: "source", Kind: "report", Name: "Declassified assessment"})
	if err != nil {
		t.Fatal(err)
	}
	other := importText(t, s, "other.txt", "Other report\n\nKilimnik met Manafort in Madrid.\n\nA second passage.\n")
	for _, d := range []int64{doc, other.DocumentID} {
		if err := s.TagDocument(ctx, d, whole.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddBookmark(ctx, passageAt(t, s, other.DocumentID, 1).ID, nil, "elsewhere"); err != nil {
		t.Fatal(err)
	}
	uses, parses := s.PoolUses(), query.ParseCount()
	rd, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: doc, Query: "kilimnik"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.PoolUses() - uses; got != 1 {
		t.Errorf("ReadDocument used the pool %d times, want once", got)
	}
	if got := query.ParseCount() - parses; got != 1 {
		t.Errorf("ReadDocument parsed %d times, want once", got)
	}
	d, _ := s.Document(ctx, doc)
	text, _ := s.DocumentText(ctx, doc)
	ps, _ := s.Passages(ctx, doc)
	matches, _ := s.DocumentMatches(ctx, doc, "kilimnik")
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	marks, _ := s.PassageMarks(ctx, ids)
	tags, _ := s.PassageTags(ctx, ids)
	if !reflect.DeepEqual(rd.Document, d) || rd.Text != text || !reflect.DeepEqual(rd.Passages, ps) {
		t.Error("document, text or passages differ from Document, DocumentText and Passages")
	}
	if len(matches) == 0 || !reflect.DeepEqual(rd.Matches, matches) {
		t.Errorf("matches %v, DocumentMatches %v", rd.Matches, matches)
	}
	if len(marks) == 0 || !reflect.DeepEqual(rd.Marks, marks) || len(tags) == 0 || !reflect.DeepEqual(rd.Tags, tags) {
		t.Errorf("marks %v tags %d, separately %v %d", rd.Marks, len(rd.Tags), marks, len(tags))
	}
	if rd.Problems != nil {
		t.Errorf("an intact document has problems: %v", rd.Problems)
	}

	again, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: doc, Loaded: true})
	if err != nil || again.Passages != nil || again.Text != "" || again.Matches != nil {
		t.Fatalf("Loaded: passages %d, text %d bytes, matches %v (%v); want only annotations", len(again.Passages), len(again.Text), again.Matches, err)
	}
	if !reflect.DeepEqual(again.Marks, marks) || !reflect.DeepEqual(again.Tags, tags) {
		t.Error("Loaded: annotations differ")
	}
	if bad, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: doc, Query: "foo:bar"}); err != nil || bad.Matches != nil {
		t.Errorf("an unreadable query: matches %v (%v), want none and no error", bad.Matches, err)
	}
	if _, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: 987654}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a missing document: %v, want ErrNotFound", err)
	}
}

// A query that matches no passage marks nothing in the open document, even
// where its words stand apart: the reader counted "691 hits in this
// document" beside "No passages match" (found by a UI pass).
func TestSearchPageThatMatchedNothingMarksNothing(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	for _, c := range []struct {
		query string
		marks bool
	}{
		{"kilimnik", true},
		{"kilimnik zzyzxnotaword", false}, // kilimnik is there; the pair is not
	} {
		page, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: c.query, Limit: 50}, Document: doc})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(page.DocumentMatches) > 0; got != c.marks || (page.Total > 0) != c.marks {
			t.Errorf("%s: %d matches, %d passages marked in the open document; want marks %v", c.query, page.Total, len(page.DocumentMatches), c.marks)
		}
	}
}

// A page's hits carry their tags as the results show and filter by them:
// each the tag's id, family, kind, name, colour and description as the
// tag list has them (their counts and aliases, which cost a walk of the
// tag's taggings for every page, are the tag list's and the reader's).
func TestPageHitTagsAreTheTags(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	page, err := s.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: "russian", Limit: 50}})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Tags(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]store.Tag{}
	for _, tag := range all {
		byID[tag.ID] = tag
	}
	seen := 0
	for _, hit := range page.Hits {
		for _, pt := range page.Tags[hit.PassageID] {
			want, ok := byID[pt.ID]
			seen++
			if !ok || pt.Family != want.Family || pt.Kind != want.Kind || pt.Name != want.Name || pt.Color != want.Color || pt.Description != want.Description {
				t.Errorf("passage %d: tag %+v, the tag list's %+v", hit.PassageID, pt.Tag, want)
			}
		}
	}
	if seen < 3 {
		t.Fatalf("only %d tags on %d hits: the test needs tagged passages", seen, len(page.Hits))
	}
}
