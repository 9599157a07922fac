package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Tab in a claim dialog (Mark as claim, a suggested claim) went About's
// Add… → Cue → Stance → Likelihood: the Stance row's objects held the Cue
// field first, as container.NewBorder puts its middle (ui19's pass,
// 800×600 text 1.8). Tab follows the row as drawn: Stance, then Cue.
func TestClaimDialogTabsToStanceBeforeCue(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "putin directed", 1)
	u.press(t, fyne.KeyK, ctrl)
	f := u.claimFields(t, "Suggested claim")
	var order []fyne.Focusable
	u.do(func() {
		c := u.w.Canvas()
		c.Focus(f.addActor)
		for range 3 {
			c.FocusNext()
			order = append(order, c.Focused())
		}
	})
	want := []fyne.Focusable{f.stance, f.cue, f.likelihood}
	names := map[fyne.Focusable]string{f.stance: "Stance", f.cue: "Cue", f.likelihood: "Likelihood", f.addActor: "Add…", f.about: "About", f.note: "Note", f.confidence: "Confidence"}
	for i := range want {
		if order[i] != want[i] {
			t.Errorf("Tab %d from Add… reached %q; want %q", i+1, names[order[i]], names[want[i]])
		}
	}
}
