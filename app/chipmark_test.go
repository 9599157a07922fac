package app

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// A chip cut short keeps its state mark after the ellipsis: a suggested
// claim's chip cut to "Claim by Anonymous sour…" lost its "?", so only its
// italics told it from an accepted one (found by the hostile UI pass ui8),
// and a suggested document tag's lost its " ? (document)". Right to left
// too.
func TestCutChipKeepsItsStateMark(t *testing.T) {
	newSerialApp(t)
	for _, c := range []struct{ before, name, after, mark string }{
		{"Claim by ", "Anonymous sources", ", likely ?", " ?"},
		{"Claim by ", "Anonymous sources", ", likely ✓", " ✓"},
		{"Claim by ", "רוסיה 2020 (Russia)", ", likely ?", " ?"},
		{"Claim by ", "רוסיה 2020 (Russia)", ", likely ✓", " ✓"},
		{"", "Anonymous sources of the report", " ? (document)", " ? (document)"},
		{"", "Anonymous sources of the report", " (document)", " (document)"},
		{"", "Anonymous sources of the report", " ?", " ?"},
		{"", "דוח ODNI 2020 של הקהילה", " ? (document)", " ? (document)"},
	} {
		f := newFitTextNamed(c.before, c.name, c.after, theme.SizeNameCaptionText, fyne.TextStyle{Italic: true}, color.Black)
		f.Resize(fyne.NewSize(f.whole().Width*0.6, f.MinSize().Height))
		if !f.cut() {
			t.Fatalf("%q at 60%% of its width is not cut", f.full)
		}
		var drawn string
		if f.flow != nil {
			f.flow.mu.Lock()
			drawn = visualText(f.flow.lines[0])
			f.flow.mu.Unlock()
		} else {
			drawn = f.text.Text
		}
		if !strings.Contains(drawn, "…") || !strings.Contains(drawn, strings.TrimSpace(c.mark)) {
			t.Errorf("%q cut short is drawn %q: want an ellipsis and its mark %q", f.full, drawn, c.mark)
		}
	}
	// A chip with no mark at its end is cut as before.
	f := newFitTextNamed("", "Anonymous sources of the report", "", theme.SizeNameCaptionText, fyne.TextStyle{Bold: true}, color.Black)
	f.Resize(fyne.NewSize(f.whole().Width*0.6, f.MinSize().Height))
	if f.mark != "" || !strings.HasSuffix(f.text.Text, "…") {
		t.Errorf("%q cut short is drawn %q (mark %q): want it to end in the ellipsis", f.full, f.text.Text, f.mark)
	}
}
