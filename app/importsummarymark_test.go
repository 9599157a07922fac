package app

import (
	"path/filepath"
	"strings"
	"testing"
)

// The summary of one file imported showed its ✓ twice, the dialog's icon
// and the line's own "✓ memo.txt — imported …" (ui15's L7): one file's
// line has no mark, the icon says how it went. In a list of several the
// marks tell the files apart, and stay.
func TestImportSummaryMarksOneFileOnce(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	memo := writeFile(t, filepath.Join(dir, "memo.txt"), "Quill notes\n\nThe quillfeather affair.\n")
	u.do(func() { u.importPaths([]string{memo}) })
	got := strings.Join(texts(u.dialog(t, "Import finished")), "\n")
	if !strings.Contains(got, "memo.txt — imported “Quill notes” with 1 passage") || strings.Contains(got, "✓") {
		t.Errorf("the summary of one file says %q: want its line without a ✓ beside the dialog's", got)
	}
	u.tapDialogButton(t, "Import finished", "Close")

	paths := []string{
		writeFile(t, filepath.Join(dir, "a.txt"), "Gravel notes\n\nThe gravelwick affair.\n"),
		memo, // already present
	}
	u.do(func() { u.importPaths(paths) })
	got = strings.Join(texts(u.dialog(t, "Import finished")), "\n")
	for _, want := range []string{"✓ a.txt — imported “Gravel notes”", "= memo.txt — already in the library"} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary of two files says %q: want %q", got, want)
		}
	}
	u.tapDialogButton(t, "Import finished", "Close")
}
