package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"dossier/store"
)

// The "Opening “PATH”…" banner named the whole path: at the largest text
// in a window on an 800×600 screen a long one wrapped over more lines than
// the window had room for, and the window needed more height than the
// screen gives it. The path is cut in its middle, its file name kept.
func TestALongPathOpeningFitsASmallScreenAtTheLargestText(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	budget := fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600))
	dir := t.TempDir()
	for _, d := range []string{"research-projects-for-the-foreign-interference-inquiry", "second-phase-interviews-and-supporting-materials", "working-copies-shared-with-the-review-team"} {
		dir = filepath.Join(dir, d)
	}
	path := filepath.Join(dir, "russia-interference-investigation-notes-and-sources.dossier")
	u, _ := newTestUIOpening(t, path, time.Now())
	u.do(func() {
		u.w.Resize(budget)
		u.setTextScale(maxTextScale)
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		if h := u.w.Content().MinSize().Height; h > budget.Height {
			t.Errorf("while %d characters' path opens the window needs %v pixels of height, more than the %v an 800×600 screen gives it", len(path), h, budget.Height)
		}
		_, msg := u.banner.visible()
		if !strings.Contains(msg, filepath.Base(path)+"”") || !strings.Contains(msg, "…") {
			t.Errorf("the banner says %q", msg)
		}
	})
}

// The same for the banner of a file that could not be opened, whose
// messages name its path (with its ways out, which must stay in sight).
func TestALongPathThatCannotBeOpenedFitsASmallScreenAtTheLargestText(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	budget := fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600))
	dir := t.TempDir()
	for _, d := range []string{"research-projects-for-the-foreign-interference-inquiry", "second-phase-interviews-and-supporting-materials", "working-copies-shared-with-the-review-team"} {
		dir = filepath.Join(dir, d)
	}
	path := filepath.Join(dir, "russia-interference-investigation-notes-and-sources.dossier")
	u := newTestUIOnStandIn(t, BrokenFile{Path: path, Err: store.ErrDiskFull}, "")
	u.do(func() {
		u.w.Resize(budget)
		u.setTextScale(maxTextScale)
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		if h := u.w.Content().MinSize().Height; h > budget.Height {
			_, msg := u.banner.visible()
			t.Errorf("the window needs %v pixels of height, more than the %v an 800×600 screen gives it, for the banner %q", h, budget.Height, msg)
		}
	})
}
