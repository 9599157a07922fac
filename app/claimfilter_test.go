package app

import (
	"strings"
	"testing"
)

// An invalid filter in the Claims section says so in both headings, and
// shows why, rather than leaving the last filter's count up; a valid one
// brings the count back. The same in the corroboration matrix.
func TestClaimsInvalidFilterHeadings(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	filter := func(text string) {
		u.do(func() {
			u.claims.filter.SetText(text)
			u.claims.filter.OnSubmitted(text)
		})
	}
	for _, matrix := range []bool{false, true} {
		if matrix {
			u.do(func() { u.claims.setMatrix(true) })
		}
		filter("stance:denies")
		if !strings.Contains(u.claims.heading.Text, "(3)") {
			t.Fatalf("matrix %v: heading %q for the three denials", matrix, u.claims.heading.Text)
		}
		filter("stance:maybe")
		if h := u.claims.heading.Text; !strings.Contains(h, "invalid filter") || strings.ContainsAny(h, "0123456789") {
			t.Errorf("matrix %v: sidebar heading %q with an invalid filter", matrix, h)
		}
		if h := u.claims.paneHead.Text; !strings.Contains(h, "filter is not valid") || strings.ContainsAny(h, "0123456789") {
			t.Errorf("matrix %v: pane heading %q with an invalid filter", matrix, h)
		}
		if !u.claims.messageLine.Visible() || !strings.Contains(u.claims.message.Text, "stance:maybe is not a stance") {
			t.Errorf("matrix %v: the pane says %q (shown %v), not why", matrix, u.claims.message.Text, u.claims.messageLine.Visible())
		}
	}
	filter("")
	if !strings.Contains(u.claims.paneHead.Text, "Corroboration — All claims") || strings.Contains(u.claims.heading.Text, "invalid") {
		t.Errorf("after clearing the filter: headings %q / %q", u.claims.heading.Text, u.claims.paneHead.Text)
	}
	if !u.claims.matrix.box.Visible() || u.claims.messageLine.Visible() {
		t.Errorf("after clearing the filter the matrix is not shown again (message %q)", u.claims.message.Text)
	}
}
