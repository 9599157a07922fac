package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// drawnWithEllipsis is whether flow text, as laid out, ends in "…".
func drawnWithEllipsis(f *flowText) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, line := range f.lines {
		for _, r := range line {
			if r.start < 0 {
				return true
			}
		}
	}
	return false
}

// A tip shows a right-to-left title whole exactly when its row draws it
// cut short: within a pixel and a half of fitting, the row drew "…" while
// the tip, measuring the whole text against the label's width, said it
// fitted and never showed (found by the hostile UI pass ui6). So with a
// chip's text (fitText).
func TestTipShowsExactlyWhenARightToLeftTextIsCut(t *testing.T) {
	newSerialApp(t)
	const title = "דוח ועדת המודיעין של הסנאט"
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	tip := &hoverTip{label: l, line: newBidiLabel(l)}
	tip.ExtendBaseWidget(tip)
	tip.line.SetText(title)
	whole := measureText(title, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	h := tip.MinSize().Height

	chip := newFitTextNamed("", title, " ?", theme.SizeNameCaptionText, fyne.TextStyle{Italic: true}, theme.Color(theme.ColorNameForeground))
	chipTip := newFitTipFor(chip)
	chipWhole := chip.whole().Width
	for d := float32(-3); d <= 3; d += 0.25 {
		tip.Resize(fyne.NewSize(whole+d, h))
		test := fmt.Sprintf("%+.2f px", d)
		if cut, drawn := tip.cut(), drawnWithEllipsis(tip.line.flow); cut != drawn {
			t.Errorf("label %s from its whole width: the tip says cut %v, the row draws an ellipsis %v", test, cut, drawn)
		}
		chipTip.Resize(fyne.NewSize(chipWhole+d, chip.MinSize().Height))
		if cut, drawn := chipTip.cut(), drawnWithEllipsis(chip.flow); cut != drawn {
			t.Errorf("chip %s from its whole width: the tip says cut %v, the chip draws an ellipsis %v", test, cut, drawn)
		}
	}
}

// newFitTipFor is newFitTip without a window: a tip that is never shown.
func newFitTipFor(f *fitText) *hoverTip {
	t := &hoverTip{fit: f}
	t.ExtendBaseWidget(t)
	return t
}
