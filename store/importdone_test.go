package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"dossier/store"
)

// An import cancelled once every file has its outcome is done, not
// cancelled: `dossier import` said "the rest not" of no file (found by a
// hostile pass, Ctrl+C as the last batch committed). Here the signal comes
// as the last file, a bundle, is reported.
func TestImportCancelledAfterTheLastFileIsDone(t *testing.T) {
	s, _ := mustResearch(t)
	dir := t.TempDir()
	paths := writeReports(t, dir, 2, 5)
	var bundle bytes.Buffer
	if err := s.ExportJSON(context.Background(), &bundle, ""); err != nil {
		t.Fatal(err)
	}
	b := filepath.Join(dir, "notes.json")
	if err := os.WriteFile(b, bundle.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	all := append(paths, b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reported := 0
	err := s.ImportFiles(ctx, all, func(o store.FileOutcome) {
		if o.Err != nil {
			t.Errorf("%s: %v", o.Path, o.Err)
		}
		if reported++; reported == len(all) {
			cancel()
		}
	})
	if err != nil || reported != len(all) {
		t.Errorf("every file reported (%d of %d), then cancelled: %v; want no error", reported, len(all), err)
	}
}
