package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store/ingest"
)

// Cancelling while a long file's passages are being stored stops at the
// next passage (the rows' statements do not watch the context themselves:
// see rowContext) and leaves nothing of the file.
func TestImportCancelledMidFileStopsAtOnce(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var b strings.Builder
	const paras = 3000
	for p := range paras {
		fmt.Fprintf(&b, "Paragraph %d notes a campaign by operatives.\n\n", p)
	}
	path := filepath.Join(dir, "long.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const cancelAt = 100
	most := 0
	ctx = withPassageStep(ctx, func(_ *ingest.Document, units int) {
		most = max(most, units)
		if units == cancelAt {
			cancel()
		}
	})
	if err := s.ImportFilesProgress(ctx, []string{path}, nil, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("import after cancel: %v, want context.Canceled", err)
	}
	if most != cancelAt {
		t.Errorf("%d passages were stored, searched or reported after the cancel at %d", most-cancelAt, cancelAt)
	}
	var docs, passages int
	if err := s.db.QueryRowContext(context.Background(), `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM passages)`).Scan(&docs, &passages); err != nil {
		t.Fatal(err)
	}
	if docs != 0 || passages != 0 {
		t.Errorf("after cancel: %d documents, %d passages stored", docs, passages)
	}
}
