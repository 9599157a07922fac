package app

import (
	"strings"
	"testing"

	"dossier/store"
)

// When the total is capped, the documents are counted among the first
// matches only: the status line must not give that count as the whole.
// ("More than 10,000 passages in 14 documents" for "of the" over 21 copies
// of the Mueller report, every one of which matches.)
func TestCappedCountDoesNotUnderstateDocuments(t *testing.T) {
	res := &store.Results{Total: store.CountCap, Capped: true, Ranked: false}
	line := countLine(res, 14, "")
	if strings.Contains(line, " in 14 documents") {
		t.Errorf("status %q gives the documents among the first %d matches as all of them", line, store.CountCap)
	}
	if !strings.Contains(line, "14") {
		t.Errorf("status %q drops the documents counted", line)
	}
	exact := countLine(&store.Results{Total: 12, Ranked: true}, 3, "")
	if !strings.HasPrefix(exact, "12 passages in 3 documents") {
		t.Errorf("uncapped status %q", exact)
	}
}
