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
	tabKeepsTheFocusInView(t, u, d, 8)
	if scroll.Offset.Y == 0 {
		t.Error("the body never scrolled: this test is of a dialog taller than the window")
	}
	u.press(t, fyne.KeyEscape, 0)
}

// A suggested claim's dialog at 800×600 and the largest text: Tab from the
// Note goes to "Link to another claim…", a button in the body under the
// dialog's buttons. The body followed text fields and choices, not
// buttons, check boxes, radio choices or swatches (ui16's report).
func TestSuggestedClaimDialogScrollsToItsLinkButton(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(fyne.NewSize(800, 540))
		u.setTextScale(maxTextScale)
	})
	u.openPassage(t, "putin directed", 1)
	u.press(t, fyne.KeyK, ctrl)
	d := u.dialog(t, "Suggested claim")
	focused := tabKeepsTheFocusInView(t, u, d, 14)
	if !slices.ContainsFunc(focused, func(o fyne.CanvasObject) bool {
		b, ok := o.(*dialogButton)
		return ok && b.Text == "Link to another claim…"
	}) {
		t.Errorf("14 Tabs did not reach the body's Link button: %T", focused)
	}
	u.press(t, fyne.KeyEscape, 0)
}

// tabKeepsTheFocusInView presses Tab n times in dialog d, each time
// checking that what has the focus shows in every scrolling body of d that
// holds it (whole, or its top if taller than the body's view); it returns
// what was focused.
func tabKeepsTheFocusInView(t *testing.T, u *testUI, d fyne.CanvasObject, n int) []fyne.CanvasObject {
	t.Helper()
	drv := u.a.Driver()
	var focused []fyne.CanvasObject
	for i := 0; i < n; i++ {
		u.press(t, fyne.KeyTab, 0)
		u.do(func() {
			o, ok := u.w.Canvas().Focused().(fyne.CanvasObject)
			if !ok {
				return
			}
			focused = append(focused, o)
			var seen []*container.Scroll // the tree lists some twice
			for _, s := range findAll[*container.Scroll](d) {
				if slices.Contains(seen, s) {
					continue
				}
				seen = append(seen, s)
				if s.Direction != container.ScrollVerticalOnly || !slices.Contains(tree(s.Content), o) {
					continue
				}
				top, sp := drv.AbsolutePositionForObject(o).Y, drv.AbsolutePositionForObject(s).Y
				bottom := min(top+o.Size().Height, top+s.Size().Height)
				if top < sp-0.5 || bottom > sp+s.Size().Height+0.5 {
					t.Errorf("Tab %d: the focused %T (%v to %v) is outside its body's view (%v to %v)", i+1, o, top, top+o.Size().Height, sp, sp+s.Size().Height)
				}
			}
		})
	}
	return focused
}
