package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// The Claims section's ledger showed an empty pane under its header for
// seconds on its first open under load, saying nothing (ui15's L4): till
// the claims are read, the pane says so, as the results pane says
// "Opening …" till a file's documents come; the ledger takes its place
// once they are read.
func TestClaimsPaneSaysItIsReadingTheClaims(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.w.Resize(fyne.NewSize(1280, 800)) })
	v := u.claims
	u.do(func() {
		u.sidebar.showNamed("claims")
		// The claims are read off the UI goroutine: their rows cannot have
		// come within this turn of it.
		if !v.loading.Visible() || !strings.HasPrefix(v.loading.Text, "Reading the claims…") || !v.ledgerBox.Visible() {
			t.Errorf("while the claims are read the pane shows %v %q, over the ledger (shown: %v)", v.loading.Visible(), v.loading.Text, v.ledgerBox.Visible())
		}
	})
	u.do(func() {
		if v.loading.Visible() || v.messageLine.Visible() || !v.ledgerBox.Visible() || len(v.ledger.rows) == 0 {
			t.Errorf("once read: loading %v, message %v %q, the ledger %v with %d rows", v.loading.Visible(), v.messageLine.Visible(), v.message.Text, v.ledgerBox.Visible(), len(v.ledger.rows))
		}
	})

	// A later reload (another state chosen) keeps the rows shown till the
	// new ones come: the message is for a pane with nothing of the file's.
	u.do(func() {
		v.state.SetSelected("All")
		if v.loading.Visible() || v.messageLine.Visible() || !v.ledgerBox.Visible() {
			t.Errorf("reloading: loading %v, message %v %q, the ledger %v", v.loading.Visible(), v.messageLine.Visible(), v.message.Text, v.ledgerBox.Visible())
		}
	})
}
