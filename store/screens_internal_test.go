package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A search page is read in one transaction: a document imported while it
// is being read (after its hits, before its counts) shows in none of it,
// so its document count and per-document counts agree with its total.
func TestSearchPageIsOneSnapshot(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	importFile := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportFile(ctx, path); err != nil {
			t.Fatal(err)
		}
	}
	importFile("a.txt", "First notes\n\nThe zebrafinch sang.")
	betweenReads = func() { importFile("b.txt", "Second notes\n\nAnother zebrafinch.") }
	defer func() { betweenReads = nil }()
	page, err := s.SearchPage(ctx, PageRequest{SearchRequest: SearchRequest{Query: "zebrafinch"}, CountDocuments: true, PerDocument: true})
	betweenReads = nil
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || page.Documents != 1 || len(page.DocumentHits) != 1 {
		t.Errorf("page: %d matches in %d documents, per document %v; want 1 in 1 (the import came after it began)",
			page.Total, page.Documents, page.DocumentHits)
	}
	if res, err := s.Search(ctx, SearchRequest{Query: "zebrafinch"}); err != nil || res.Total != 2 {
		t.Fatalf("after the import: %v matches (%v), want 2", res, err)
	}
}
