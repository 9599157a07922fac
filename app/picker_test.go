package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/store"
)

// The import picker lists folders first and only importable files, lets
// several be ticked, and imports the ticked ones.
func TestImportPickerMultiSelect(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.txt":      "Alpha notes\n\nThe zebrafinch report mentions a zebrafinch.\n",
		"b.md":       "# Beta\n\nAnother zebrafinch sighting.\n",
		"photo.png":  "not text",
		"notes.json": "{}",
		".hidden.md": "# Hidden\n\nzebrafinch\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := listImportable(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.name)
		if !e.isDir && !store.Importable(e.name) { // one rule for the picker and folder imports
			t.Errorf("the picker lists %s, which a folder import would not take", e.name)
		}
	}
	if len(names) != 4 || names[0] != "sub" || names[1] != "a.txt" || names[2] != "b.md" || names[3] != "notes.json" {
		t.Fatalf("picker lists %q, want [sub a.txt b.md notes.json]", names)
	}

	u := newTestUI(t)
	u.a.Preferences().SetString(prefImportFolder, dir)
	u.do(u.showImportDialog)
	d := u.dialog(t, "Import documents")
	checks := findAll[*fieldCheck](d)
	var ticked int
	for _, c := range checks {
		if c.Visible() && (c.Text == "a.txt" || c.Text == "b.md") {
			u.do(func() { test.Tap(c) })
			ticked++
		}
	}
	if ticked != 2 {
		t.Fatalf("found %d of the 2 file check boxes", ticked)
	}
	b := button(t, d, "Import 2 files")
	u.do(func() { test.Tap(b) })
	if got := len(u.library.docs); got != 3 {
		t.Fatalf("library has %d documents after importing two, want 3", got)
	}
	u.find("zebrafinch")
	if u.results.total != 2 {
		t.Errorf("zebrafinch found in %d passages, want 2 (the hidden file is not offered)", u.results.total)
	}
}
