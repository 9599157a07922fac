package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// The reader's buttons give up their labels, not the claims ledger its
// columns: with a search's hits in the reader, the ledger could not widen
// past the reader's least width (the labelled buttons beside the hit
// count), and its Document column was cut off sideways at 1280 × 800
// (found by a UI pass).
func TestReaderButtonsGiveWayToTheLedger(t *testing.T) {
	u := newTestUI(t)
	u.w.Resize(fyne.NewSize(1280, 800))
	u.openPassage(t, "putin", 1)
	labels := func() (out []string) {
		u.do(func() {
			for _, b := range u.reader.actions.buttons {
				out = append(out, b.Text)
			}
		})
		return out
	}
	if got := labels(); got[0] != "Bookmark" || got[1] != "Tag…" || got[2] != "Cite" {
		t.Fatalf("beside the results the reader's buttons read %q", got)
	}
	u.openClaims(t)
	var middle, ledger, reader float32
	u.do(func() {
		middle = u.claims.pane.Size().Width
		ledger = u.claims.ledger.minWidth()
		reader = u.reader.body.Size().Width
	})
	if middle < ledger {
		t.Errorf("the ledger pane is %.0f wide, its columns need %.0f (the reader keeps %.0f)", middle, ledger, reader)
	}
	if got := labels(); got[0] != "" || got[2] != "" {
		t.Errorf("beside the ledger the reader's buttons read %q; want their icons alone", got)
	}
	// A search brings the results, and the labels, back.
	u.find("kilimnik")
	u.do(func() {})
	if got := labels(); got[0] == "" {
		t.Errorf("beside the results again the reader's buttons read %q", got)
	}
}
