package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// In an 800×600 window at the largest text, with the sidebar, a result's
// title had the room between its bookmark button and its place ("¶ 1403")
// for "…" alone. It goes on a line of its own under them there, as wide
// as the row; the snippet follows it, inside the row. At the usual size
// it is beside them again.
func TestResultTitleKeepsRoomInASmallWindow(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(fyne.NewSize(800, 600))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	u.find("manafort")
	u.do(func() { u.w.Canvas().Capture() })
	rows := 0
	u.do(func() {
		size := theme.TextSize()
		for _, row := range findAll[*resultRow](u.w.Content()) {
			if row.Size().Height <= 0 || !row.mark.Visible() || !row.body.Visible() {
				continue
			}
			rows++
			title, place, mark := row.titleTip, row.ordinal, row.mark
			full := measureText(row.title.Text, size, row.title.TextStyle).Width + 2*theme.InnerPadding()
			if w := title.Size().Width; w < min(full, 4*size) {
				t.Errorf("title %q has %v px (it needs %v) in a %v px row", row.title.Text, w, full, row.Size().Width)
			}
			tx, ty := title.Position().X, title.Position().Y
			for _, o := range []fyne.CanvasObject{place, mark} {
				ox, oy := o.Position().X, o.Position().Y
				if tx < ox+o.Size().Width-1 && ox < tx+title.Size().Width-1 && ty < oy+o.Size().Height-1 && oy < ty+title.Size().Height-1 {
					t.Errorf("title %q (%v, %v) lies over the button or the place (%v, %v)", row.title.Text, title.Position(), title.Size(), o.Position(), o.Size())
				}
			}
			abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
			if bottom, end := abs(row.snippet).Y+row.snippet.Size().Height, abs(row).Y+row.Size().Height; bottom > end+1 {
				t.Errorf("title %q: the snippet ends at %v, its row at %v", row.title.Text, bottom, end)
			}
			if abs(row.snippet).Y < abs(title).Y+title.Size().Height-1 {
				t.Errorf("title %q: the snippet (y %v) starts over the title (y %v, %v high)", row.title.Text, abs(row.snippet).Y, abs(title).Y, title.Size().Height)
			}
		}
	})
	if rows == 0 {
		t.Fatal("no result rows shown")
	}
	u.do(func() { u.setTextScale(defaultTextScale) })
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		for _, row := range findAll[*resultRow](u.w.Content()) {
			if row.Size().Height > 0 && row.mark.Visible() && row.body.Visible() && row.titleTip.Position().Y != row.ordinal.Position().Y {
				t.Errorf("at the usual text size, title %q is on a line of its own", row.title.Text)
			}
		}
	})
}
