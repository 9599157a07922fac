package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// An edited file imported again: the summary says the library keeps its
// earlier version, and the two rows of one title say when each was
// imported (they read the same before, with nothing said).
func TestAnEditedFileImportedAgainIsToldApartFromItsEarlierVersion(t *testing.T) {
	u := newTestUI(t)
	path := writeFile(t, filepath.Join(t.TempDir(), "ledger.txt"), "The Quetzalvane ledger\n\nFirst page of the quetzalvane ledger.\n")
	u.do(func() { u.importPaths([]string{path}) })
	if text := overlayTexts(u.w); strings.Contains(text, "earlier version") {
		t.Fatalf("a first import speaks of an earlier version:\n%s", text)
	}
	for u.overlays() > 0 {
		u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
	}
	if err := os.WriteFile(path, []byte("The Quetzalvane ledger\n\nFirst page, corrected, of the quetzalvane ledger.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.importPaths([]string{path}) })
	// It names the version, as the library's rows do (CLI alike).
	if text := overlayTexts(u.w); !strings.Contains(text, "imported “The Quetzalvane ledger” with 1 passage as v2; v1 is kept as it was") {
		t.Errorf("the summary of the edited file:\n%s", text)
	}
	var rows []string
	for _, d := range u.library.docs {
		if d.Title == "The Quetzalvane ledger" {
			rows = append(rows, u.library.rowTitle(d))
		}
	}
	if len(rows) != 2 || !strings.HasPrefix(rows[0], "The Quetzalvane ledger · v1 · imported ") || !strings.HasPrefix(rows[1], "The Quetzalvane ledger · v2 · imported ") {
		t.Errorf("the two versions' rows: %q", rows)
	}
	// The results pane lists the documents (no query): the second lines of
	// the two versions say when each was imported, and no other's does.
	versions := 0
	for _, it := range u.results.items {
		if it.doc == nil {
			continue
		}
		var v *docVersion
		if dv, ok := u.library.versions[it.doc.ID]; ok {
			v = &dv
		}
		line := documentSummary(it.doc, v)
		if has := strings.Contains(line, "· imported "); has != (it.doc.Title == "The Quetzalvane ledger") {
			t.Errorf("the results pane's line of %q: %q", it.doc.Title, line)
		} else if has {
			versions++
		}
	}
	if versions != 2 {
		t.Errorf("%d rows of the two versions in the results pane", versions)
	}
	// Imported a second apart or more (this test imports both in one),
	// or the same second, the rows differ.
	for _, gap := range []time.Duration{time.Second, 0} {
		a, b := u.library.docs[0], u.library.docs[0]
		b.ID++
		b.ImportedAt = a.ImportedAt.Add(gap)
		l := &libraryView{versions: documentVersions([]store.Document{a, b})}
		if l.rowTitle(a) == l.rowTitle(b) {
			t.Errorf("versions %v apart: both rows read %q", gap, l.rowTitle(a))
		}
	}
	for _, d := range u.library.docs {
		if d.Title != "The Quetzalvane ledger" && u.library.rowTitle(d) != d.Title {
			t.Errorf("a title of its own gained a date: %q", u.library.rowTitle(d))
		}
	}
}
