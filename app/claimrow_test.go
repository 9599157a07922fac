package app

import (
	"testing"
)

// Rejecting a passage's last claim takes its chip row away in the reader:
// the tag chips move up under the text, leaving no empty row.
func TestLastClaimRejectedLeavesNoChipRow(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "putin directed", 1)
	row := u.focusedRow(t)
	if !row.claims.Visible() || len(row.claims.Objects) == 0 || len(row.chips.Objects) == 0 {
		t.Fatal("the passage should show claim chips over tag chips to start with")
	}
	for _, c := range storedClaims(t, u, p.ID, "") {
		u.do(func() { u.rejectClaim(c) })
	}
	if cs := storedClaims(t, u, p.ID, ""); len(cs) != 0 {
		t.Fatalf("claims left: %+v", cs)
	}
	row = u.focusedRow(t)
	u.do(func() {
		if row.claims.Visible() {
			t.Error("the claim chip row is still shown")
		}
		if y := row.chips.Position().Y; y != 0 {
			t.Errorf("the tag chips are %v below an empty claim row", y)
		}
		if text, room := row.text.MinSize().Height, row.text.Size().Height; room < text {
			t.Errorf("the text has %v of the %v it needs", room, text)
		}
	})
}
