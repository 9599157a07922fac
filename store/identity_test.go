package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// replaceWith renames a fresh research file over path, as a sync tool or a
// careless script might while Dossier has path open.
func replaceWith(t *testing.T, path string) {
	t.Helper()
	other := filepath.Join(t.TempDir(), "other.dossier")
	o, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
}

// Once another file has been renamed over the research file, nothing is
// written to the old one (whose documents nobody could open again), and
// every write says why.
func TestWritesStopWhenTheResearchFileIsReplaced(t *testing.T) {
	s, doc := mustSeed(t)
	ctx := context.Background()
	replaceWith(t, s.Path())
	ps, err := s.Passages(ctx, doc)
	if err != nil || len(ps) == 0 {
		t.Fatalf("reading after the replacement: %v", err)
	}
	_, err = s.AddBookmark(ctx, ps[0].ID, nil, "lost?")
	if !errors.Is(err, store.ErrFileReplaced) || !store.IsFileError(err) {
		t.Fatalf("bookmark after the file was replaced: %v; want ErrFileReplaced", err)
	}
	if !strings.Contains(err.Error(), s.Path()) || !strings.Contains(err.Error(), "open it again") {
		t.Errorf("message %q should name the file and say what to do", err)
	}
	path := filepath.Join(t.TempDir(), "new.txt")
	os.WriteFile(path, []byte("A document about the ferry schedule.\n\nSecond paragraph."), 0o644)
	var reported []store.FileOutcome
	err = s.ImportFiles(ctx, []string{path}, func(o store.FileOutcome) { reported = append(reported, o) })
	if !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("import after the file was replaced: %v", err)
	}
	if len(reported) != 0 {
		t.Errorf("files reported although nothing could be stored: %+v", reported)
	}
}

// The file is replaced while a batch is being stored: the batch is not
// committed into the old file, and its documents are not reported.
func TestImportStopsWhenTheResearchFileIsReplacedMidBatch(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	dir := t.TempDir()
	var paths []string
	for i := range 3 {
		var text strings.Builder
		for j := range 300 {
			fmt.Fprintf(&text, "File %d paragraph %d on the ferry timetable and harbour fees.\n\n", i, j)
		}
		p := filepath.Join(dir, fmt.Sprintf("f%d.txt", i))
		os.WriteFile(p, []byte(text.String()), 0o644)
		paths = append(paths, p)
	}
	replaced := false
	var reported []store.FileOutcome
	err := s.ImportFilesProgress(ctx, paths, func(o store.FileOutcome) { reported = append(reported, o) },
		func(p store.ImportProgress) {
			if !replaced && p.FilePassages > 0 {
				replaced = true
				replaceWith(t, s.Path())
			}
		})
	if !replaced {
		t.Fatal("no progress report came while passages were stored")
	}
	if !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("import whose file was replaced part-way returned %v; want ErrFileReplaced", err)
	}
	for _, o := range reported {
		if o.Err == nil {
			t.Errorf("%s reported imported into a file that was replaced before the commit", filepath.Base(o.Path))
		}
	}
}
