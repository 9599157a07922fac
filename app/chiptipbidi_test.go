package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The tip over a cut chip orders a right-to-left name apart from the words
// around it, as the chip does: it showed the chip's whole text as one
// string, so a claim by “ערוץ 12 (גרסה 2)” was drawn "Claim by 2 גרסה)
// 12 ערוץ), likely ✓", its brackets torn apart, and a Hebrew tag's
// " ? (document)" moved to the left of the name (found by the hostile UI
// pass ui8).
func TestChipTipReadsTheNameInItsOwnOrder(t *testing.T) {
	u := newTestUI(t)
	for _, c := range []struct{ before, name, after, want string }{
		{"Claim by ", "ערוץ 12 (גרסה 2)", ", likely ✓", "Claim by (2 גרסה) 12 ערוץ, likely ✓"},
		{"", "דוח ODNI 2020", " ? (document)", "ODNI 2020 דוח ? (document)"}, // as the chip draws it
	} {
		var got string
		u.do(func() {
			f := newFitTextNamed(c.before, c.name, c.after, theme.SizeNameCaptionText, fyne.TextStyle{Bold: true}, color.Black)
			tip := newFitTip(u.UI, f)
			u.tips.show(tip, tip.text(), fyne.NewPos(10, 10))
			lines, _ := layoutFlow(u.tips.line.flow.spans, 2000, theme.TextSize(), 0)
			if len(lines) == 1 {
				got = visualText(lines[0])
			}
			u.tips.hideAll()
		})
		if got != c.want {
			t.Errorf("the tip of %q is drawn %q, want %q", c.before+c.name+c.after, got, c.want)
		}
	}
}
