package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"dossier/store"
)

// CloseRemovingMade removes only a file its open made and nothing went
// into: a file that was there, or a new one holding a document of the
// user's, is kept.
func TestCloseRemovingMadeRemovesOnlyAnEmptyNewFile(t *testing.T) {
	seed := store.Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")}
	open := func(t *testing.T, path string) *store.Store {
		t.Helper()
		st, err := store.OpenResearchFile(path, seed)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "new.dossier")
	if removed, err := open(t, path).CloseRemovingMade(); !removed || err != nil {
		t.Errorf("a new file holding the seed alone: removed %v, %v", removed, err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	// The folders made for it go too (the default data folder, on a first
	// run); the one that was there stays.
	if removed, _ := open(t, filepath.Join(dir, "data", "dossier", "research.dossier")).CloseRemovingMade(); !removed {
		t.Error("a new file in new folders was kept")
	}
	if left, err := os.ReadDir(dir); err != nil || len(left) != 0 {
		t.Errorf("left behind: %v, %v", left, err)
	}

	// Made by an earlier open: kept.
	st := open(t, path)
	st.Close()
	if removed, err := open(t, path).CloseRemovingMade(); removed || err != nil {
		t.Errorf("a file there before the open: removed %v, %v", removed, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("a file there before the open: %v", err)
	}

	// New, with a document of the user's: kept.
	other := filepath.Join(t.TempDir(), "other.dossier")
	st = open(t, other)
	doc := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(doc, []byte("Notes\n\nThe kumquat harvest was late.\n"), 0o644)
	if err := st.ImportFiles(context.Background(), []string{doc}, nil); err != nil {
		t.Fatal(err)
	}
	if removed, err := st.CloseRemovingMade(); removed || err != nil {
		t.Errorf("a new file holding a document: removed %v, %v", removed, err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a new file holding a document: %v", err)
	}
}

// What another store (another dossier import, a window) put in a new file
// while it was open, and had closed again, keeps it: the documents were
// counted before the close, and a document imported in the built-in
// article's place, or a note on the article, went with the file (hostile
// data pass data21).
func TestCloseRemovingMadeKeepsWhatAnotherPutIn(t *testing.T) {
	seed := store.Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")}
	ctx := context.Background()
	for name, work := range map[string]func(t *testing.T, other *store.Store){
		"a document in the article's place": func(t *testing.T, other *store.Store) {
			docs, err := other.Documents(ctx)
			if err != nil || len(docs) != 1 {
				t.Fatal(docs, err)
			}
			if _, err := other.RemoveDocument(ctx, docs[0].ID); err != nil {
				t.Fatal(err)
			}
			doc := filepath.Join(t.TempDir(), "mine.txt")
			os.WriteFile(doc, []byte("Mine\n\nThe kumquat harvest was late.\n"), 0o644)
			if err := other.ImportFiles(ctx, []string{doc}, nil); err != nil {
				t.Fatal(err)
			}
		},
		"a note on the article": func(t *testing.T, other *store.Store) {
			if _, err := other.AddBookmark(ctx, 1, nil, "my own note"); err != nil {
				t.Fatal(err)
			}
		},
		"the article renamed": func(t *testing.T, other *store.Store) {
			docs, _ := other.Documents(ctx)
			if _, err := other.RenameDocument(ctx, docs[0].ID, "My title"); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.dossier")
			st, err := store.OpenResearchFile(path, seed)
			if err != nil {
				t.Fatal(err)
			}
			other, err := store.OpenResearchFile(path, seed)
			if err != nil {
				t.Fatal(err)
			}
			work(t, other)
			if err := other.Close(); err != nil {
				t.Fatal(err)
			}
			if removed, err := st.CloseRemovingMade(); removed || err != nil {
				t.Errorf("removed %v, %v", removed, err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Fatal(err)
			}
		})
	}
}
