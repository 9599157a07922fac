package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// A right-to-left chip given the width it asks for shows its whole text:
// its width was the whole string's as Fyne measures it, and the flow text
// drawing it lays it out word by word, each word and space measured apart,
// which for an italic suggestion holding an emoji ("🕵️ מקורות 123 ?") is
// wider, so a chip with room to spare ended in "…" and cut off its "?"
// (found by the hostile UI pass ui8).
func TestRightToLeftChipAtItsOwnWidthIsWhole(t *testing.T) {
	newTestUI(t)
	names := []string{"🕵️ מקורות 123", "רוסיה 2020 (Russia)", "ערוץ 12 (גרסה 2)", "إيران", "הקרמלין “הרשמי”", "تقرير عن روسيا وإيران 2020 דוח ישראלי"}
	for _, style := range []fyne.TextStyle{{Bold: true}, {Italic: true}} {
		for _, name := range names {
			for _, parts := range [][2]string{{"", ""}, {"", " ?"}, {"", " ? (document)"}, {"Claim by ", ", likely ?"}} {
				f := newFitTextNamed(parts[0], name, parts[1], theme.SizeNameCaptionText, style, color.Black)
				test.TempWidgetRenderer(t, f)
				f.Resize(f.MinSize())
				f.flow.mu.Lock()
				f.flow.breakLines(f.flow.Size().Width)
				cut := f.flow.truncated
				f.flow.mu.Unlock()
				if cut {
					t.Errorf("%v %q at the width it asks for (%.2f) is drawn cut short", style, f.full, f.Size().Width)
				}
			}
		}
	}
}
