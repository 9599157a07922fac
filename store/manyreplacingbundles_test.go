package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// One import of a folder of colleagues' bundles (gathered last since
// today, one after another), each replacing what the one before it wrote:
// every bundle that replaces something makes a rolling backup first, and
// prunes the folder to the newest 7. From the eighth on, the backup the
// first bundle's summary names ("the file as it was is kept in the backup
// …"), the only copy of the researcher's own saved search, is pruned by
// the same import; the backups from before the import all went before it.
// Saved search queries and tag descriptions (today) widen what makes such
// backups; notes and tagging decisions did before (review 2026-12-05e).
func TestManyReplacingBundlesInOneImportKeepTheFileAsItWas(t *testing.T) {
	ctx := context.Background()
	b := savedSearchMadeHere(t)
	backups := t.TempDir()
	b.SetBackupDir(backups)
	b.EnableAutoBackups()

	folder := t.TempDir()
	var paths []string
	for i := range store.KeepBackups + 1 {
		time.Sleep(5 * time.Millisecond) // each colleague's bundle exported after the one before
		p := filepath.Join(folder, fmt.Sprintf("colleague-%02d.json", i))
		if err := os.WriteFile(p, colleaguesBundle(t, fmt.Sprintf("putin %d", i)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	var first *store.BundleReport
	err := b.ImportFiles(ctx, paths, func(o store.FileOutcome) {
		if o.Err != nil {
			t.Errorf("%s: %v", o.Path, o.Err)
		}
		if o.Bundle != nil && first == nil {
			rep := *o.Bundle
			first = &rep
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if first == nil || first.KeptBefore == "" {
		t.Fatalf("the first bundle kept nothing: %+v", first)
	}
	t.Logf("first bundle: %s", first)
	if _, err := os.Stat(first.KeptBefore); err != nil {
		t.Errorf("the backup the first bundle's summary names is gone after the same import: %v", err)
	}
	entries, _ := os.ReadDir(backups)
	found := false
	for _, e := range entries {
		if strings.Contains(keptQueries(t, filepath.Join(backups, e.Name())), "main=actor:kilimnik is:bookmarked") {
			found = true
		}
	}
	if !found {
		t.Errorf("no backup among the %d left holds the saved search as it was before the import", len(entries))
	}
}
