package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// Mark as claim at 800×600 and the largest text scrolls its body: Tab from
// the source went to the About field under the dialog's buttons, out of
// sight (a UI pass, under Xvfb). The body follows the focus to each field.
func TestClaimDialogScrollsToTheFocusedField(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(fyne.NewSize(800, 540)) // the window under its menu bar
		u.setTextScale(maxTextScale)
	})
	u.openPassage(t, "manafort", 13)
	u.press(t, fyne.KeyK, ctrl)
	d := u.dialog(t, "Mark as claim")
	var scroll *container.Scroll
	for _, s := range findAll[*container.Scroll](d) {
		if s.Direction == container.ScrollVerticalOnly && (scroll == nil || s.Size().Height > scroll.Size().Height) {
			scroll = s
		}
	}
	if scroll == nil {
		t.Fatal("the claim dialog has no scrolling body")
	}
	drv := u.a.Driver()
	scrolled := false
	for i := 0; i < 8; i++ {
		u.press(t, fyne.KeyTab, 0)
		u.do(func() {
			f := u.w.Canvas().Focused()
			o, ok := f.(fyne.CanvasObject)
			if !ok {
				return
			}
			top, sp := drv.AbsolutePositionForObject(o).Y, drv.AbsolutePositionForObject(scroll).Y
			if top < sp-0.5 || top+o.Size().Height > sp+scroll.Size().Height+0.5 {
				if _, inBody := any(o).(*dialogButton); !inBody {
					t.Errorf("Tab %d: the focused %T (%v to %v) is outside the body's view (%v to %v)", i+1, o, top, top+o.Size().Height, sp, sp+scroll.Size().Height)
				}
			}
			scrolled = scrolled || scroll.Offset.Y > 0
		})
	}
	if !scrolled {
		t.Error("the body never scrolled: this test is of a dialog taller than the window")
	}
	u.press(t, fyne.KeyEscape, 0)
}
