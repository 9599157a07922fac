package app

import (
	"errors"
	"strings"
	"testing"
)

// An import cancelled part-way with a file among those done that failed
// was titled "Import finished with problems" over "Cancelled: 48 of 60
// files were not imported.", and the status line said "Import: 9
// imported, …" (a hostile UI pass, ui5, cancelling a mixed folder at 30%
// under Xvfb). It was not finished: the title and the status line say it
// was cancelled.
func TestACancelledImportWithProblemsSaysCancelled(t *testing.T) {
	u := newTestUI(t)
	outcomes := []importOutcome{
		{path: "/in/binary.txt", err: errors.New("looks like a binary file, not text")},
		{path: "/in/notes.md", title: "Notes", passages: 3},
	}
	u.do(func() { u.showImportSummary(outcomes, 60, true, claimsFound{}, nil) })
	top := texts(u.w.Canvas().Overlays().Top())
	all := strings.Join(top, "\n")
	if strings.Contains(all, "finished") || !strings.Contains(all, "Import cancelled") {
		t.Errorf("the summary of a cancelled import shows %q", top)
	}
	if !strings.Contains(all, "Cancelled: 58 of 60 files were not imported.") {
		t.Errorf("the summary does not say how many were not imported: %q", top)
	}
	if got := u.status.message.Text; !strings.HasPrefix(got, "Import cancelled: 1 imported, 0 already present, 1 failed") {
		t.Errorf("the status line says %q", got)
	}
}
