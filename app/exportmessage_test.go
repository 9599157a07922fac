package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportOfASearchMatchingNothingSaysSo: an export limited to a search
// that matched none of the user's work said only "Exported to …" (a hostile
// UI pass); the status line says the file holds none, and once there is
// work, how much.
func TestExportOfASearchMatchingNothingSaysSo(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "kilimnik.md")
	u.do(func() { u.writeExport(exportFormats[0], "kilimnik", out) })
	// The suggestions on those passages are not in a Markdown export.
	want := "Exported to " + out + ": no bookmarks, tags or claims on the passages matching the search; "
	if got := u.status.message.Text; !strings.HasPrefix(got, want) || !strings.HasSuffix(got, " suggested claims are left out until accepted") {
		t.Errorf("status %q, want %q, then the suggestions left out", got, want)
	}
	if data, err := os.ReadFile(out); err != nil || !strings.Contains(string(data), "Limited to passages matching `kilimnik`") {
		t.Errorf("the export was not written: %v", err)
	}

	ids := searchedPassages(t, u.CurrentStore(), "kilimnik")
	if _, err := u.CurrentStore().AddBookmark(t.Context(), ids[0], nil, ""); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.writeExport(exportFormats[1], "kilimnik", out) })
	if got, want := u.status.message.Text, "Exported 1 bookmark to "+out; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	u.do(func() { u.writeExport(exportFormats[2], "", filepath.Join(dir, "all.json")) })
	if got := u.status.message.Text; !strings.HasPrefix(got, "Exported 1 bookmark") {
		t.Errorf("status %q after exporting everything", got)
	}
}
