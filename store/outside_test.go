package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"dossier/store"
)

// A window's store notices another program writing its file (a `dossier
// import` from a shell), and not its own writes: the window re-read nothing
// until it was restarted.
func TestChangedOutsideSeesAnotherStoresWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "research.dossier")
	mine := mustOpenAt(t, path)
	other := mustOpenAt(t, path)
	ctx := context.Background()
	look := outsideLooks(t, mine)
	if c := look("first"); c.Changed {
		t.Fatalf("the first look reports a change: %+v", c)
	}
	if c := look("with nothing written"); c.Changed {
		t.Fatalf("nothing written, yet changed: %+v", c)
	}

	importText(t, other, "a.txt", "The first note, imported by another program.")
	importText(t, other, "b.txt", "The second note, also imported by another program.")
	if c := look("after the other's imports"); !c.Changed || !c.Counted || c.DocumentsAdded != 2 {
		t.Fatalf("after another store imported two documents: %+v, want changed, 2 documents added", c)
	}
	if c := look("again"); c.Changed {
		t.Fatalf("the same change reported twice: %+v", c)
	}

	importText(t, mine, "c.txt", "A note imported by the window itself.")
	if c := look("after its own import"); c.Changed {
		t.Fatalf("its own import reported as another program's: %+v", c)
	}

	docs, err := other.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.RenameDocument(ctx, docs[0].ID, "Renamed elsewhere"); err != nil {
		t.Fatal(err)
	}
	if c := look("after the other's rename"); !c.Changed || c.DocumentsAdded != 0 {
		t.Fatalf("after another store renamed a document: %+v, want changed, none added", c)
	}

	mine.Close()
	if _, err := mine.ChangedOutside(ctx); err == nil {
		t.Fatal("ChangedOutside on a closed store: no error")
	}
}

// Another program's import of files already in the research file writes
// only its own bookkeeping (its note in meta): no change the window should
// re-read or say ("The research file changed outside this window." was
// said of it; a hostile UI pass). A deletion is counted as one.
func TestChangedOutsideQuietForAnImportThatAddedNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	mine := mustOpenAt(t, path)
	other := mustOpenAt(t, path)
	ctx := context.Background()
	look := outsideLooks(t, mine)
	look("first")
	files := []string{writeTestFile(t, dir, "a.txt", "The first note, imported by another program."),
		writeTestFile(t, dir, "b.txt", "The second note, also imported by another program.")}
	importAll := func() {
		t.Helper()
		var outcomes []store.FileOutcome
		if err := other.ImportFiles(ctx, files, func(o store.FileOutcome) { outcomes = append(outcomes, o) }); err != nil {
			t.Fatal(err)
		}
		for _, o := range outcomes {
			if o.Err != nil {
				t.Fatal(o.Err)
			}
		}
	}
	importAll()
	if c := look("after the import"); !c.Changed || c.DocumentsAdded != 2 || c.DocumentsDeleted != 0 {
		t.Fatalf("after another store imported two documents: %+v", c)
	}
	importAll() // both already here
	if c := look("after the same import again"); c.Changed {
		t.Errorf("an import that added nothing is reported: %+v", c)
	}

	docs, err := other.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.RemoveDocument(ctx, docs[0].ID); err != nil {
		t.Fatal(err)
	}
	if c := look("after the other's deletion"); !c.Changed || !c.Counted || c.DocumentsDeleted != 1 || c.DocumentsAdded != 0 {
		t.Errorf("after another store deleted a document: %+v, want 1 deleted, none added", c)
	}
	// Bookkeeping, then a change: the change is seen.
	importAll() // one is new again
	if c := look("after an import adding one"); !c.Changed || c.DocumentsAdded != 1 {
		t.Errorf("after another store imported one document again: %+v", c)
	}
}

// writeTestFile writes content to name in dir, and returns its path.
func writeTestFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// outsideLooks asks s's ChangedOutside, failing the test on an error
// (what names the look).
func outsideLooks(t *testing.T, s *store.Store) func(what string) store.OutsideChange {
	return func(what string) store.OutsideChange {
		t.Helper()
		c, err := s.ChangedOutside(context.Background())
		if err != nil {
			t.Fatalf("ChangedOutside %s: %v", what, err)
		}
		return c
	}
}
