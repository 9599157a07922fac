package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// Cancel (Esc) in the import's progress takes it away at once; until the
// import has stopped and its summary shows, the status line says it is
// stopping: the window showed nothing meanwhile, as if it were over (the
// Mueller report's claims phase ran on for seconds; a UI pass).
func TestCancelledImportSaysItIsStopping(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	var paths []string
	for i := range 3 {
		paths = append(paths, writeFile(t, filepath.Join(dir, fmt.Sprintf("memo-%d.txt", i)), fmt.Sprintf("Memo %d\n\nThe gravelwick shipment was late.\n", i)))
	}
	var said string
	var shown bool
	// In one turn of the UI goroutine: the import's end cannot come between.
	u.do(func() {
		u.importPaths(paths)
		u.dialogKey(fyne.KeyEscape)
		said = u.status.message.Text
		shown = u.dialogOpen()
	})
	if shown || !strings.HasPrefix(said, "Stopping the import") {
		t.Errorf("after Esc in the progress: a dialog open %v, the status line says %q", shown, said)
	}
	// Then the summary, which says what it stored.
	if got := u.status.message.Text; strings.HasPrefix(got, "Stopping") {
		t.Errorf("once the import stopped, the status line still says %q", got)
	}
}
