package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// Claims → Find claims (every document) went on, like an import, after
// Ctrl+Q closed the window, unseen, to the last document, holding the
// research file (found beside TestQuittingStopsAnImport by the hostile UI
// pass ui5). Quitting stops it as its Cancel does, between documents.
func TestQuittingStopsFindingClaims(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	dir := t.TempDir()
	const docs = 30
	for i := range docs {
		var b strings.Builder
		fmt.Fprintf(&b, "Memo number %d\n\n", i)
		for j := range 60 {
			fmt.Fprintf(&b, "According to Reuters, Kilimnik met Manafort in Madrid on day %d of memo %d. Officials said the plumtwist deal was likely.\n\n", j, i)
		}
		importFile(t, st, writeFile(t, filepath.Join(dir, fmt.Sprintf("memo-%02d.txt", i)), b.String()))
	}
	again := u.quitDuring(t, "finding claims", u.findAllClaims)
	cs, err := again.Claims(context.Background(), store.ClaimQuery{State: "all"})
	if err != nil {
		t.Fatal(err)
	}
	with := map[int64]bool{}
	for _, c := range cs {
		with[c.DocumentID] = true
	}
	if len(with) > docs/2 {
		t.Errorf("after quitting at once, claims were found in %d of %d documents", len(with), docs+1)
	}
}
