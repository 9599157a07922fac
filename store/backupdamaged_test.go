package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// The automatic backup after a large import, and the one made before a
// bundle replaces notes, look for rows referring to rows that are gone
// (Store.RowProblems) first, as `dossier backup` and Back up now do: a
// damaged file's backup pushed a sound one out of the rolling set. The
// file here is damaged by another program after its check on opening.
// The import is kept and the skipped backup said; the bundle, which would
// replace a note with no backup of it, is refused and changes nothing.
func TestBackupsAfterAnImportOrBeforeABundleSkipADamagedFile(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	dir := t.TempDir()
	s.SetBackupDir(dir)
	s.EnableAutoBackups()
	bookmarkFirst(t, s, doc, "mine")
	sound, err := s.RollingBackup(ctx, time.Now().Add(-48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if problems, err := s.QuickCheck(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("QuickCheck: %q, %v", problems, err)
	}
	// (A removal's row: a bundle's export and an import leave it be.)
	if _, err := rawDB(t, s.Path()).Exec(`PRAGMA foreign_keys = OFF; INSERT INTO passage_tag_removals (passage_id, tag_id, removed_at)
		SELECT min(id), 987654, '2026-01-01T00:00:00Z' FROM passages`); err != nil {
		t.Fatal(err)
	}
	backups := func() []string {
		list, err := store.ListBackups(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, b := range list {
			paths = append(paths, b.Path)
		}
		return paths
	}

	var b strings.Builder
	for i := range store.LargeImport + 10 {
		fmt.Fprintf(&b, "Paragraph %d about the campaign.\n\n", i)
	}
	txt := filepath.Join(t.TempDir(), "large.txt")
	if err := os.WriteFile(txt, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.ImportFiles(ctx, []string{txt}, nil); err != nil {
		t.Fatalf("the import: %v", err)
	}
	if docs, err := s.Documents(ctx); err != nil || len(docs) != 2 {
		t.Errorf("documents after the import: %d, %v; want it kept", len(docs), err)
	}
	err = s.TakeAutoBackupFailure()
	if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "push a sound one out") ||
		!strings.Contains(err.Error(), "passage_tag_removals") {
		t.Errorf("the skipped backup after the import: %v; want it said, and why", err)
	}
	if got := backups(); !slices.Equal(got, []string{sound}) {
		t.Errorf("backups after the import: %q; want only the sound one", got)
	}

	newer := bundleWithNote(t, s, "theirs", time.Now().Add(time.Minute))
	_, err = s.ImportBundle(ctx, bytes.NewReader(newer))
	if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("a bundle replacing a note in a damaged file: %v; want it refused, saying why", err)
	}
	if got := liveNotes(t, s); !slices.Equal(got, []string{"mine"}) {
		t.Errorf("notes after the refused bundle: %q", got)
	}
	if got := backups(); !slices.Equal(got, []string{sound}) {
		t.Errorf("backups after the bundle: %q; want only the sound one", got)
	}
}
