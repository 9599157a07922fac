package store_test

import (
	"context"
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
	look := func(what string) store.OutsideChange {
		t.Helper()
		c, err := mine.ChangedOutside(ctx)
		if err != nil {
			t.Fatalf("ChangedOutside %s: %v", what, err)
		}
		return c
	}
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
