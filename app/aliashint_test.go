package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// New actor or source at 800×600 and the largest text: the Aliases field's
// hint was cut mid-word, "Other names, separated b", a scroll bar under it
// (a UI pass, light theme). It shows the longest of its forms that fits.
func TestNewTagDialogsAliasesHintFits(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(fyne.NewSize(800, 600))
		u.setTextScale(maxTextScale)
		u.showNewTagDialog("", nil)
	})
	d := u.dialog(t, "New actor or source")
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		var aliases *fieldEntry
		for _, f := range findAll[*fieldEntry](d) {
			if slices.Contains(aliasHints, f.PlaceHolder) {
				aliases = f
			}
		}
		if aliases == nil {
			t.Fatal("no Aliases field with one of its hints")
		}
		edges := 2 * (theme.InnerPadding() + theme.InputBorderSize())
		if need := measureText(aliases.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width + edges; need > aliases.Size().Width+0.5 {
			t.Errorf("the Aliases field is %v px wide; its hint %q needs %v", aliases.Size().Width, aliases.PlaceHolder, need)
		}
	})
	u.tapDialogButton(t, "New actor or source", "Cancel")
}
