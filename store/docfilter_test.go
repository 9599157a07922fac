package store_test

import (
	"context"
	"testing"

	"dossier/store"
)

// doc: reads a document's source and author as well as its title and file
// name: `doc:reuters` found no Reuters story whose title did not say so (a
// researcher's pass).
func TestDocFilterReadsSourceAndAuthor(t *testing.T) {
	s, seed := mustResearch(t)
	ctx := context.Background()
	imp, err := s.ImportText(ctx, "Kyiv meeting", "memo.txt", "Derkach met the envoy in Kyiv.\n\nThe envoy left the next day.\n")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetDocumentDetails(ctx, imp.DocumentID, store.DocumentDetails{Title: "Kyiv meeting", Author: "Jane Roe", Source: "Wire Service Ltd"}); err != nil {
		t.Fatal(err)
	}
	docsOf := func(q string) map[int64]int {
		t.Helper()
		res, err := s.Search(ctx, store.SearchRequest{Query: q, Limit: 500})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out := map[int64]int{}
		for _, h := range res.Hits {
			out[h.DocumentID]++
		}
		return out
	}
	for _, q := range []string{"doc:wire", `doc:"jane roe"`, "doc:kyiv", "envoy doc:roe"} {
		if got := docsOf(q); len(got) != 1 || got[imp.DocumentID] == 0 {
			t.Errorf("%s: documents %v, want only the memo (%d)", q, got, imp.DocumentID)
		}
	}
	if got := docsOf("doc:zzzz envoy"); len(got) != 0 {
		t.Errorf("doc:zzzz envoy: %v, want none", got)
	}
	// The seed article names no such source or author.
	if got := docsOf("envoy -doc:roe"); got[imp.DocumentID] != 0 {
		t.Errorf("envoy -doc:roe: %v, want no passage of the memo (seed %d)", got, seed)
	}
}
