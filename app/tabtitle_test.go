package app

import (
	"path/filepath"
	"strings"
	"testing"
)

// A text whose first line held a tab ("ODNI<tab>Office of the Director of
// National Intelligence", a line of the Mueller report's glossary) kept it
// in its title: the import summary drew the tab as a box over the next
// letter ("OD I�Office"), and the results' rows as a wide gap (a hostile
// UI pass, ui5, importing a folder cut from the report). A title is one
// line: tabs and runs of spaces in it are one space, as Rename makes them.
func TestImportedTitleWithATabIsOneLine(t *testing.T) {
	u := newTestUI(t)
	path := writeFile(t, filepath.Join(t.TempDir(), "part17.txt"),
		"ODNI\tOffice of the  Director of National Intelligence\n\nPTT\tPresidential Transition Team\n\nRDIF\tRussian Direct Investment Fund\n")
	u.do(func() { u.importPaths([]string{path}) })
	const want = "ODNI Office of the Director of National Intelligence"
	summary := strings.Join(texts(u.dialog(t, "Import finished")), "\n")
	if !strings.Contains(summary, "imported “"+want+"”") {
		t.Errorf("the summary says %q, want the title %q", summary, want)
	}
	found := false
	for _, d := range u.library.docs {
		if strings.ContainsAny(d.Title, "\t\n\r") || strings.Contains(d.Title, "  ") {
			t.Errorf("the library holds the title %q", d.Title)
		}
		found = found || d.Title == want
	}
	if !found {
		t.Errorf("no document is titled %q", want)
	}
}
