package app

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"
)

// The report that the index is being tidied passes the throttle even when
// a file's report was shown a moment before. (It was held back: the merge
// of a 20-file import ran for a second under a full bar still naming file
// 19 of 20, and the tidying line only flashed as the dialog closed.)
func TestImportThrottleShowsTheIndexMerge(t *testing.T) {
	// The step itself needs a dialog; what matters is what is passed on.
	th := &progressThrottle{p: &importProgress{}, report: func(func()) {}}
	var passed []importStatus
	send := func(s importStatus) {
		before := th.last
		th.update(s, false)
		if th.last != before {
			passed = append(passed, s)
		}
	}
	th.last = time.Now() // a file's report was just shown
	send(importStatus{name: "mueller-20.txt", pos: 20, files: 20, merging: true})
	if len(passed) != 1 || !passed[0].merging {
		t.Errorf("the merge report right after a file's was not shown: passed %+v", passed)
	}
}

// At the largest text size, in both themes, the progress dialog's lines are
// read whole: a file's line with its passages, the detail line with the
// time left, and the tidying line (they were cut off with "…": the dialog
// kept its 460-pixel width whatever the text size).
func TestImportProgressReadableAtLargestText(t *testing.T) {
	u := newTestUI(t)
	for _, variant := range []string{themeDark, themeLight} {
		u.do(func() { u.setTheme(variant); u.setTextScale(maxTextScale) })
		var p *importProgress
		u.do(func() {
			p = newImportProgress(20, u.w, func() {})
			p.dlg.Show()
		})
		fits := func(l *widget.Label) {
			t.Helper()
			need := widget.NewLabel(l.Text).MinSize().Width
			if got := l.Size().Width; got < need {
				t.Errorf("%s theme: %q is cut off: %v wide, needs %v", variant, l.Text, got, need)
			}
		}
		mid := importStatus{name: "mueller-16.txt", pos: 16, files: 20, fileBytes: 1212272, filePassages: 4461,
			done: 18 << 20, total: 24 << 20, passages: 66979, elapsed: 10 * time.Second}
		u.do(func() { p.show(mid) })
		fits(p.file)
		fits(p.detail)
		mid.merging = true
		u.do(func() { p.show(mid) })
		fits(p.file)
		fits(p.detail)
		u.do(func() { p.dlg.Hide() })
	}
}

// Cancel pressed while the index is being tidied stops the tidying only:
// every file is in, and the summary says the import finished (it said
// "Import cancelled" over "Cancelled: 0 of 2 files were not imported.",
// and a researcher would import everything again).
func TestCancelWhileTidyingFinishesTheImport(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	a := writeFile(t, filepath.Join(dir, "larkspur.txt"), "The Larkspur papers\n\nThe larkspur papers record a meeting.\n")
	b := writeFile(t, filepath.Join(dir, "ledger.txt"), "The Quetzalvane ledger\n\nThe quetzalvane ledger listed payments.\n")
	progressObserver = func(file, _ string, _ float64) {
		if !strings.HasPrefix(file, "Every file is in") {
			return
		}
		for _, o := range u.dialogs.open {
			if o.name == "import-progress" {
				o.d.Hide() // Cancel
			}
		}
	}
	defer func() { progressObserver = nil }()
	u.do(func() { u.importPaths([]string{a, b}) })
	d := u.dialog(t, "Import finished")
	for _, line := range texts(d) {
		if strings.Contains(line, "Cancelled") {
			t.Errorf("the summary says %q, but every file is in", line)
		}
	}
	if got := docTitles(u); !slices.Contains(got, "The Larkspur papers") || !slices.Contains(got, "The Quetzalvane ledger") {
		t.Errorf("library %q", got)
	}
}
