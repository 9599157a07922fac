package app

import (
	"strings"
	"testing"
)

// The Claims ledger's empty message pointed at the command line ("the
// command dossier claims --suggest suggests them in every document") past
// the Find claims button under the groups, said "Claims are suggested for
// the built-in article" of an empty library, and "No claims here yet" when
// the state chosen (Rejected) had none among the file's claims (a hostile
// UI pass, Xvfb). It says what is true and what to do in each case.
func TestClaimsEmptyMessageSaysWhatToDo(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.sidebar.showNamed("claims") })
	if n := len(u.claims.all); n == 0 {
		t.Fatal("the built-in article has no claims to start with")
	}
	said := func(want, avoid string) {
		t.Helper()
		msg := u.claims.message
		if !msg.Visible() || !strings.Contains(msg.Text, want) || (avoid != "" && strings.Contains(msg.Text, avoid)) {
			t.Errorf("the ledger says %q (shown: %v); want %q", msg.Text, msg.Visible(), want)
		}
	}
	u.do(func() { u.claims.state.SetSelected("Rejected") })
	said("No claims are rejected", "here yet")
	u.do(func() { u.claims.state.SetSelected("Not rejected") })
	doc := u.library.docs[0]
	u.do(func() { u.deleteDocument(doc) })
	u.tapDialogButton(t, "Delete document", "Delete")
	u.do(func() { u.sidebar.showNamed("claims") })
	said("the library is empty", "built-in article")
	if strings.Contains(u.claims.message.Text, "dossier claims") {
		t.Errorf("the window's message names the command line: %q", u.claims.message.Text)
	}
}
