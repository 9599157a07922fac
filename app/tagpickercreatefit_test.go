package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The tag picker's "Create …" button fits an 800×600 window at the
// largest text: one long word pasted into the filter (60 characters of it
// on the button) made the button and the dialog wider than the window, the
// label cut at both ends, "Create" and the name's start out of view
// (ui22's Xvfb pass). Its name is cut shorter, the button kept within the
// picker's least width.
func TestTagPickerCreateButtonFitsAtTheLargestText(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
	})
	u.openPassage(t, "putin directed", 1)
	u.do(u.menuItem(t, "Edit", "Tag passage…").Action)
	d := u.dialog(t, "Tag with an actor or source")
	entry := findAll[*fieldEntry](d)[0]
	for _, typed := range []string{strings.Repeat("x", 200), strings.Repeat("W", 200), "Ruritania"} {
		u.do(func() { entry.SetText(""); test.Type(entry, typed) })
		u.do(func() {
			for _, b := range findAll[*dialogButton](d) {
				if !b.Visible() || !strings.HasPrefix(b.Text, "Create “") {
					continue
				}
				if w := b.MinSize().Width; w > pickerLeastWidth {
					t.Errorf("%.10s…: %q needs %.0f px, more than the picker's %d", typed, b.Text, w, pickerLeastWidth)
				}
				if typed == "Ruritania" && b.Text != "Create “Ruritania”…" {
					t.Errorf("a short name is offered as %q", b.Text)
				}
			}
		})
	}
}
