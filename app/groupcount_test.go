package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// Grouped by document, a header said "Mueller report — 105 hits" beside
// the reader's "150 of 157" hits in the same document and the status
// line's "109 passages in 2 documents": the header counted passages, the
// reader words found, both called hits (a hostile UI pass, ui5, View →
// Group by document at 800×600 under Xvfb). The header counts passages
// and says so.
func TestGroupHeaderCountsPassages(t *testing.T) {
	u := newTestUI(t)
	var b strings.Builder
	b.WriteString("Twice each\n\n")
	for i := range 3 {
		fmt.Fprintf(&b, "Paragraph %d: Kilimnik met Kilimnik's plumtwist partner.\n\n", i+1)
	}
	u.do(func() { u.importPaths([]string{writeFile(t, filepath.Join(t.TempDir(), "twice.txt"), b.String())}) })
	u.find("plumtwist")
	u.do(u.menuItem(t, "View", "Group by document").Action)
	if got := strings.Join(headers(t, u.results), "|"); got != "Twice each — 3 passages" {
		t.Errorf("headers %q, want Twice each — 3 passages", got)
	}
}
