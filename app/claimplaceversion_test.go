package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// The Claims pane's "Document ¶" column named a claim's document by its
// title alone, "Same title · ¶ 1", the same for every document of that
// title (ui22's Xvfb pass, five versions): it says the version, as the
// reader, hits and Link claim do; side by side and stacked alike.
func TestClaimsPaneSaysWhichVersion(t *testing.T) {
	u := newTestUI(t)
	importTwoMoreOfTheSeedsTitle(t, u)
	u.work.wait()
	for i, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 800, Height: 600}, {Width: 800, Height: 600}} {
		u.do(func() {
			u.w.Resize(size)
			if i == 2 {
				u.setTextScale(maxTextScale) // stacked: the place on the line under the claim
			}
		})
		u.openClaims(t)
		u.work.wait()
		u.do(func() {
			l := u.claims.ledger
			if len(l.rows) == 0 {
				t.Fatal("no claims listed")
			}
			if i == 2 && !l.stacked() {
				t.Error("the columns are side by side at the largest text in 800x600: the stacked line is not tried")
			}
			c := l.rows[0]
			v, ok := u.library.versions[c.DocumentID]
			if !ok {
				t.Fatalf("the claim's document %d has no version", c.DocumentID)
			}
			row := l.createRow().(*claimRow)
			l.updateRow(0, row)
			var shown []string
			for _, cell := range row.cells {
				if cell.Visible() {
					shown = append(shown, cell.text())
				}
			}
			want := fmt.Sprintf("%s · ¶ %d", v.label(), c.Ordinal)
			if all := strings.Join(shown, " | "); !strings.Contains(all, want) {
				t.Errorf("at %v (stacked %v) the row reads %q; want it to say %q", size, l.stacked(), all, want)
			}
		})
	}
}
