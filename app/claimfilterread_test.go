package app

import (
	"strings"
	"testing"
)

// The Claims pane's filter says a name it read as a tag's other form, as
// the search's count line does: "about:Россия" gave Russia's claims and
// nothing said it was read as Russia (ui20's pass). A reload under the same
// filter (after an edit) leaves the status line to the edit's message.
func TestClaimsFilterSaysANameReadAsAnotherForm(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	filter := func(text string) {
		u.do(func() {
			u.claims.filter.SetText(text)
			u.claims.filter.OnSubmitted(text)
		})
	}
	filter("about:Russia")
	n := len(u.claims.all)
	if n == 0 {
		t.Fatal("no claim is about Russia in the test library")
	}
	if got := u.status.message.Text; strings.Contains(got, "Reading") {
		t.Errorf("about:Russia, a tag's own name: status %q", got)
	}
	filter("about:Россия")
	if len(u.claims.all) != n {
		t.Errorf("about:Россия lists %d claims, about:Russia %d", len(u.claims.all), n)
	}
	want := "Reading about:Россия as about:Russia · " + plural(n, "claim")
	if got := u.status.message.Text; !strings.HasPrefix(got, want) {
		t.Errorf("status %q, want %q", got, want)
	}
	u.do(func() { u.status.setMessage("Accepted the claim") })
	u.do(u.claims.refresh)
	if got := u.status.message.Text; !strings.HasPrefix(got, "Accepted the claim") {
		t.Errorf("a reload under the same filter replaced the status with %q", got)
	}
}
