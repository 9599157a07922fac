package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// bundleFolder makes a folder of documents holding an annotation bundle
// that bookmarks one of them, other JSON, hidden files and folders and a
// picture; and an empty folder. It returns both.
func bundleFolder(t *testing.T) (dir, empty string) {
	t.Helper()
	ctx := context.Background()
	root := t.TempDir()
	dir, empty = filepath.Join(root, "docs"), filepath.Join(root, "empty")
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if err := os.MkdirAll(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	a := write("a.txt", "Kumquat memo\n\nThe kumquat shipment arrived late.\n")

	// The bundle comes from another research file holding a.txt with a
	// bookmark on it.
	src := mustOpen(t)
	if err := src.ImportFiles(ctx, []string{a}, func(o store.FileOutcome) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
	}); err != nil {
		t.Fatal(err)
	}
	docs, _ := src.Documents(ctx)
	ps, err := src.Passages(ctx, docs[0].ID)
	if err != nil || len(ps) == 0 {
		t.Fatalf("passages: %v, %v", ps, err)
	}
	if _, err := src.AddBookmark(ctx, ps[0].ID, nil, "late again"); err != nil {
		t.Fatal(err)
	}
	var bundle bytes.Buffer
	if err := src.ExportJSON(ctx, &bundle, ""); err != nil {
		t.Fatal(err)
	}
	write("annotations.json", bundle.String())
	write("data.json", `{"a": 1}`)
	write(".hidden.txt", "Hidden\n\nNot offered.\n")
	write(".git/x.txt", "In a hidden folder\n\nNot offered.\n")
	write("image.png", "\x89PNG\x00")
	write("sub/b.md", "# Quince notes\n\nQuinces, too.\n")
	return dir, empty
}

// One rule for folders: documents and bundles, hidden entries left out.
func TestImportableFiles(t *testing.T) {
	dir, empty := bundleFolder(t)
	loose := filepath.Join(t.TempDir(), "report.pdf") // named on its own: kept, to be refused by name
	got := store.ImportableFiles([]string{loose, dir, empty})
	want := []string{loose, filepath.Join(dir, "a.txt"), filepath.Join(dir, "annotations.json"),
		filepath.Join(dir, "data.json"), filepath.Join(dir, "sub", "b.md")}
	if !slices.Equal(got, want) {
		t.Errorf("ImportableFiles:\n got %q\nwant %q", got, want)
	}
	// A link to a folder is followed.
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Skip(err)
	}
	if got := store.ImportableFiles([]string{link}); len(got) != 4 || got[0] != filepath.Join(link, "a.txt") {
		t.Errorf("through a link: %q", got)
	}
	for name, ok := range map[string]bool{"a.TXT": true, "b.json": true, "c.Markdown": true, ".d.txt": false, "e.pdf": true, "README": false} {
		if store.Importable(name) != ok {
			t.Errorf("Importable(%q) = %v", name, !ok)
		}
	}
}

// Importing a folder restores the bundle in it after the documents (all of
// them: one sorted after the bundle is annotated too); other JSON and an
// empty folder are refused with their reasons.
func TestImportFilesFolderWithBundle(t *testing.T) {
	ctx := context.Background()
	dir, empty := bundleFolder(t)
	s := mustOpen(t)
	var got []store.FileOutcome
	files := 0
	err := s.ImportFilesProgress(ctx, []string{dir, empty}, func(o store.FileOutcome) { got = append(got, o) },
		func(p store.ImportProgress) { files = p.Files })
	if err != nil {
		t.Fatal(err)
	}
	if files != 5 || len(got) != 5 {
		t.Fatalf("%d files in progress, %d outcomes, want 5: %+v", files, len(got), got)
	}
	name := func(i int) string { return filepath.Base(got[i].Path) }
	if name(0) != "a.txt" || got[0].Err != nil || got[0].Result.Title != "Kumquat memo" {
		t.Errorf("first: %s %+v %v", name(0), got[0].Result, got[0].Err)
	}
	if name(1) != "b.md" || got[1].Err != nil || got[1].Result.Passages == 0 {
		t.Errorf("in the subfolder: %s %+v %v", name(1), got[1].Result, got[1].Err)
	}
	if got[2].Path != empty || got[2].Err == nil || !strings.Contains(got[2].Err.Error(), empty+": is a folder holding no files Dossier imports (.txt") {
		t.Errorf("empty folder: %s %v", got[2].Path, got[2].Err)
	}
	if b := got[3].Bundle; name(3) != "annotations.json" || got[3].Err != nil || b == nil || b.Bookmarks != 1 || len(b.Skipped) != 0 {
		t.Errorf("bundle: %s %+v %v", name(3), b, got[3].Err)
	}
	if name(4) != "data.json" || got[4].Err == nil || !strings.Contains(got[4].Err.Error(), "not a Dossier annotation bundle") || got[4].Bundle != nil {
		t.Errorf("other JSON: %s %v", name(4), got[4].Err)
	}
	for i, o := range got {
		if o.Index != i {
			t.Errorf("outcome %d has index %d", i, o.Index)
		}
	}
	bms, _ := s.Bookmarks(ctx)
	if len(bms) != 1 || bms[0].Note != "late again" {
		t.Errorf("bookmarks after the import: %+v", bms)
	}
}

// Cancelled after the first document, the import restores no bundle and
// reports none.
func TestImportFilesCancelBeforeBundle(t *testing.T) {
	dir, _ := bundleFolder(t)
	s := mustOpen(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	err := s.ImportFiles(ctx, []string{dir}, func(o store.FileOutcome) {
		got = append(got, filepath.Base(o.Path))
		cancel()
	})
	// (The two documents come before the bundles, and may be stored in one batch.)
	if !errors.Is(err, context.Canceled) || !slices.Equal(got, []string{"a.txt"}) && !slices.Equal(got, []string{"a.txt", "b.md"}) {
		t.Errorf("cancelled import: %v, reported %q", err, got)
	}
	if bms, _ := s.Bookmarks(context.Background()); len(bms) != 0 {
		t.Errorf("a cancelled import restored %d bookmarks", len(bms))
	}
}

// A page saved "complete" by a browser comes with a Report_files folder
// whose .html files are its frames, ads and trackers: a folder import took
// each as a document. The folder is passed over when the page is beside it
// (and only then: a folder merely named "x_files" is read).
func TestImportableSkipsSavedPageResources(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"Report.html", "Report_files/saved_resource.html", "Report_files/ad.htm",
		"notes_files/kept.txt", "Other.HTM", "Other_files/frame.html"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("<html><body><p>x</p></body></html>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := store.ImportableFiles([]string{dir})
	want := []string{filepath.Join(dir, "Other.HTM"), filepath.Join(dir, "Report.html"), filepath.Join(dir, "notes_files", "kept.txt")}
	if !slices.Equal(got, want) {
		t.Errorf("ImportableFiles:\n got %q\nwant %q", got, want)
	}
}
