package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// A research file's path too long for its third of the status bar was cut
// at its end, the file's name lost ("/tmp/ui12/x.dossi…"): it is cut in
// its middle, the name kept, and drawn inside its place.
func TestTheStatusBarKeepsTheFilesNameOfALongPath(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join("/home/researcher/projects/foreign-interference-inquiry/second-phase", "interviews.dossier")
	u.do(func() {
		u.w.Resize(fyne.NewSize(1024, 700))
		u.status.setMessage("Bookmarked.")
		u.status.setFile(path)
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		drawn, inside := drawnText(u.status.file)
		if !strings.HasSuffix(drawn, "interviews.dossier") || !strings.HasPrefix(drawn, "/home") || !strings.Contains(drawn, "…") || !inside {
			t.Errorf("the status bar shows the path as %q (inside its place: %v)", drawn, inside)
		}
		if w := measureText(drawn, theme.TextSize(), u.status.file.TextStyle).Width; w > u.status.file.Size().Width {
			t.Errorf("the path drawn is %v pixels wide in %v", w, u.status.file.Size().Width)
		}
	})
}
