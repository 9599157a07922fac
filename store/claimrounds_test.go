package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"dossier/store"
)

// One run of the suggester finds every claim it can (found by a hostile
// pass: on the Mueller report a second run found
// "Foresman stating", "Hicks told" and "Priebus said", their speakers known
// only once the first run had made them sources). Skips without the corpus.
func TestSuggestClaimsOnAReportNeedsOneRun(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	src := filepath.Join(corpusDir(), "mueller-report.txt")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("Mueller report absent (%v)", err)
	}
	ctx := context.Background()
	s, _ := mustResearch(t)
	var docID int64
	if err := s.ImportFiles(ctx, []string{src}, func(o store.FileOutcome) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		docID = o.Result.DocumentID
	}); err != nil {
		t.Fatal(err)
	}
	first, err := s.SuggestClaims(ctx, []int64{docID}, nil)
	if err != nil || first < 100 {
		t.Fatalf("the first run added %d claims, %v", first, err)
	}
	if again, err := s.SuggestClaims(ctx, nil, nil); err != nil || again != 0 {
		t.Errorf("a second run added %d claims to the first run's %d (%v)", again, first, err)
	}
}
