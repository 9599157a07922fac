package store_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

// BenchmarkReadDocument times opening the Mueller report in the reader as
// the window does (store.ReadDocument: its text, passages, bookmarks, tags
// and claims in one read transaction), in a research file made by `dossier
// import` (the gazetteer's suggestions on), with and without a search's
// matches to highlight. Skips when ../shared/corpus/mueller-report.txt is
// absent.
func BenchmarkReadDocument(b *testing.B) {
	src := filepath.Join(corpusDir(), "mueller-report.txt")
	path := filepath.Join(b.TempDir(), "mueller.dossier")
	b.Setenv("XDG_DATA_HOME", b.TempDir()) // the import's backup goes there
	var stderr bytes.Buffer
	if code := cli.Run(path, []string{"import", src}, userSeed, discard{}, &stderr); code != cli.ExitOK {
		b.Skipf("Mueller report not imported (exit %d: %s); set DOSSIER_CORPUS_DIR", code, stderr.String())
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	docs, err := st.Documents(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var mueller store.Document
	for _, d := range docs {
		if d.Passages > mueller.Passages {
			mueller = d
		}
	}
	for _, q := range []string{"", "kilimnik"} {
		name := "plain"
		if q != "" {
			name = "query-" + q
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				rd, err := st.ReadDocument(ctx, store.ReaderRequest{DocumentID: mueller.ID, Query: q})
				if err != nil || len(rd.Passages) != mueller.Passages {
					b.Fatalf("%d passages of %d, %v", len(rd.Passages), mueller.Passages, err)
				}
			}
		})
	}
}
