package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// What the user saw (a hostile UI pass, Xvfb 800×600, text 1.8, the
// Mueller report open, Ctrl+5; before d28b7cf and after it):
// since the selects' least widths are their
// placeholders' ("Group", "State"), the Claims sidebar narrowed so far
// that the grouping select shows "Grouped …": "Grouped by source" and
// "Grouped by actor" look the same, the user cannot tell how the claims
// are grouped (before: "Grouped by so…"); the section icons also went to
// two rows and the groups list lost a row. A select's shown text should
// at least tell its choices apart (now by their first letters).
func TestClaimsSelectsTellTheirChoicesApart(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "corpus", "mueller-report.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no shared corpus:", err)
	}
	u := newTestUI(t)
	importFile(t, u.CurrentStore(), path)
	u.do(func() { u.refreshLibrary() })
	var doc int64
	u.do(func() {
		for _, d := range u.library.docs {
			if d.Title == "Mueller report" {
				doc = d.ID
			}
		}
	})
	u.do(func() { u.reader.openDocument(doc) })
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	u.do(func() { u.sidebar.showNamed("claims") })
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		if !u.sidebarPane.Visible() {
			t.Fatal("set-up: the sidebar is not shown")
		}
		// The least width a select needs to show its choice up to the
		// letter that tells it from the others, then "…".
		need := func(distinct string) float32 {
			s := widget.NewSelect([]string{"x"}, nil)
			s.PlaceHolder = distinct + "…"
			return s.MinSize().Width
		}
		for _, c := range []struct {
			name     string
			sel      *widget.Select
			distinct string
		}{
			{"grouping", u.claims.grouping, "By s"}, // source / actor
			{"state", u.claims.state, "Acc"},        // Accepted / All
		} {
			if got, want := c.sel.Size().Width, need(c.distinct); got < want {
				t.Errorf("the %s select (showing %q) is %v pixels wide, less than the %v that show %q…: its choices look alike (sidebar %v, narrow %v)", c.name, c.sel.Selected, got, want, c.distinct, u.sidebarPane.Size().Width, u.narrow)
			}
		}
	})
}

// The matrix button's shorter form keeps the name the pane it opens
// ("Corroboration — …") and the README give it: narrowed, it read
// "Matrix…", one control under two names (a hostile UI pass).
func TestMatrixButtonKeepsItsName(t *testing.T) {
	for _, f := range matrixForms {
		if !strings.HasPrefix(f, "Corrob") {
			t.Errorf("the matrix button's form %q does not name the pane it opens", f)
		}
	}
}
