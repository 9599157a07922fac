package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// At the largest text size a claim chip (or a tag chip) wider than the
// reader is narrowed to the reader and its words end in "…", shown whole
// when the pointer rests on them: never cut off at the reader's edge.
func TestClaimChipsFitAtLargestText(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.setTextScale(maxTextScale)
		u.w.Resize(fyne.NewSize(900, 800))
	})
	u.openPassage(t, "putin directed", 1)
	row := u.focusedRow(t)
	u.do(func() { u.w.Canvas().Capture() }) // lay out at the new size
	for _, chips := range []*fyne.Container{row.claims, row.chips} {
		chipsFit(t, u, chips)
	}
}

func chipsFit(t *testing.T, u *testUI, chips *fyne.Container) {
	t.Helper()
	tips := findAll[*hoverTip](chips)
	if len(tips) < 2 {
		t.Fatalf("%d chips with tips, want 2 or more", len(tips))
	}
	cut := 0
	for _, tip := range tips {
		var right, room float32
		var shown string
		u.do(func() {
			abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(tip)
			right = abs.X + tip.Size().Width
			room = fyne.CurrentApp().Driver().AbsolutePositionForObject(chips).X + chips.Size().Width
			shown = tip.fit.text.Text
		})
		if right > room+0.5 {
			t.Errorf("chip %q ends at %v, past the reader's %v", tip.fit.full, right, room)
		}
		if shown != tip.fit.full {
			cut++
			if !strings.HasSuffix(shown, "…"+tip.fit.mark) { // a state mark after it (TestCutChipKeepsItsStateMark)
				t.Errorf("chip %q cut to %q without an ellipsis (and its mark %q)", tip.fit.full, shown, tip.fit.mark)
			}
			if ok, text, _, _ := u.hover(tip); !ok || text != tip.fit.full {
				t.Errorf("resting on the cut chip shows %v %q, want %q", ok, text, tip.fit.full)
			}
		}
	}
	if cut == 0 {
		t.Error("no chip is cut at the largest text size: the test shows nothing")
	}
}
