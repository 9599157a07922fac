package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dossier/store"
)

// A change made to the research file while a restore is keeping it (found
// by a hostile pass: an import printed "imported" and was in neither the
// restored file nor the kept copy) must end up in one of them, or fail
// with an error: never be reported as saved and lost.
func TestRestoreLosesNothingWrittenWhileItRuns(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	s, docID := mustResearchAt(t, path)
	p := passageAt(t, s, docID, 2)
	backup := filepath.Join(dir, "old.dossier")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()

	type outcome struct {
		bookmark store.Bookmark
		err      error
	}
	done := make(chan outcome, 1)
	defer store.OnRestoreReplacing(func(path string) {
		// Another window (here: another store in this process) saves a
		// bookmark while the restore is under way.
		go func() {
			w, err := store.Open(path)
			if err != nil {
				done <- outcome{err: err}
				return
			}
			// The save itself must say so: the CLI and the window report
			// it before the store is closed.
			b, err := w.AddBookmark(ctx, p.ID, nil, "written during the restore")
			w.Close()
			done <- outcome{b, err}
		}()
		time.Sleep(300 * time.Millisecond) // time enough to open and commit, unhindered
	})()
	kept := filepath.Join(dir, "kept")
	if err := store.RestoreFile(ctx, path, backup, kept); err != nil {
		t.Fatal(err)
	}
	var o outcome
	select {
	case o = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the bookmark was neither saved nor refused")
	}
	if o.err != nil {
		t.Logf("refused, as it may be: %v", o.err)
		return
	}
	files := []string{path}
	list, _ := store.ListBackups(ctx, kept)
	for _, b := range list {
		files = append(files, b.Path)
	}
	for _, f := range files {
		var n int
		rawDB(t, f).QueryRow(`SELECT count(*) FROM bookmarks WHERE note = 'written during the restore'`).Scan(&n)
		if n > 0 {
			return
		}
	}
	entries, _ := os.ReadDir(kept)
	t.Errorf("bookmark %d was reported saved, and is in neither the restored file nor the kept copy (%d files kept)", o.bookmark.ID, len(entries))
}
