package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

// `dossier import FOLDER` takes what the window takes from a folder: its
// documents and annotation bundles (restored after all the documents, so
// the bundle's bookmark finds its document), hidden files and
// other files left out. A folder with nothing to import is an error.
func TestImportFolderWithBundle(t *testing.T) {
	inbox := filepath.Join(t.TempDir(), "inbox")
	write := func(name, content string) string {
		p := filepath.Join(inbox, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	travel := write("a-travel.txt", "Travel notes\n\nMet Kilimnik in Zürich.\n")
	notes := write("sub/notes.md", "# Meeting notes\n\nThe quince report was late.\n")
	write(".hidden.txt", "Hidden\n\nNever imported.\n")
	write("image.png", "\x89PNG\x00")

	// The bundle: a bookmark on the travel notes, from another research file.
	bundle := travelBundle(t, newDB(t), travel, filepath.Join(inbox, "annotations.json"))

	b := newDB(t)
	r := run(t, b, "import", inbox)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != cli.ExitOK || len(lines) != 3 ||
		!strings.HasPrefix(lines[0], "imported  "+travel+": ") ||
		!strings.HasPrefix(lines[1], "imported  "+notes+": ") ||
		!strings.HasPrefix(lines[2], "restored  "+bundle+": ") || !strings.Contains(lines[2], "1 bookmark") {
		t.Errorf("import of the folder: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	withStore(t, b, func(ctx context.Context, st *store.Store, seed int64) {
		bms, _ := st.Bookmarks(ctx)
		if len(bms) != 1 || bms[0].Note != "in Zürich" {
			t.Errorf("bookmarks: %+v", bms)
		}
		if docs, _ := st.Documents(ctx); len(docs) != 3 { // the seed, the travel notes, the meeting notes
			t.Errorf("%d documents, want 3", len(docs))
		}
	})

	empty := t.TempDir()
	r = run(t, b, "import", empty)
	if r.code != cli.ExitError || !strings.Contains(r.stdout, "error     "+empty+": is a folder holding no files Dossier imports (.txt, ") ||
		!strings.Contains(r.stderr, "1 of 1 file could not be imported") {
		t.Errorf("import of an empty folder: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// travelBundle imports the travel notes into research file db, bookmarks
// their first passage ("in Zürich") and exports db's annotation bundle to
// out.
func travelBundle(t *testing.T, db, travel, out string) string {
	t.Helper()
	if r := run(t, db, "import", travel); r.code != cli.ExitOK {
		t.Fatal(r.stdout, r.stderr)
	}
	withStore(t, db, func(ctx context.Context, st *store.Store, seed int64) {
		docs, _ := st.Documents(ctx)
		for _, d := range docs {
			if d.Title == "Travel notes" {
				if _, err := st.AddBookmark(ctx, passage(t, st, d.ID, 1).ID, nil, "in Zürich"); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	if r := run(t, db, "export", "--format", "json", "--out", out); r.code != cli.ExitOK {
		t.Fatal(r.stderr)
	}
	return out
}

// A bundle whose name sorts before the documents it annotates, in the
// folder it is shared in with them, is restored after them: restored in
// its place, its annotations were skipped as "not in this research file",
// and the next line imported that very document (found by a hostile data
// pass).
func TestImportFolderRestoresItsBundleAfterItsDocuments(t *testing.T) {
	share := filepath.Join(t.TempDir(), "share")
	if err := os.MkdirAll(share, 0o755); err != nil {
		t.Fatal(err)
	}
	travel := filepath.Join(share, "z-travel.txt")
	if err := os.WriteFile(travel, []byte("Travel notes\n\nMet Kilimnik in Zürich.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	travelBundle(t, newDB(t), travel, filepath.Join(share, "a-annotations.json"))

	b := newDB(t)
	r := run(t, b, "import", share)
	if r.code != cli.ExitOK || strings.Contains(r.stdout, "skipped") {
		t.Errorf("import of the shared folder: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	withStore(t, b, func(ctx context.Context, st *store.Store, _ int64) {
		if bms, _ := st.Bookmarks(ctx); len(bms) != 1 || bms[0].Note != "in Zürich" {
			t.Errorf("the bundle's bookmark on the document imported with it: %+v", bms)
		}
	})
}
