package app

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// What the user saw (a hostile UI pass, Xvfb 800×600, text 1.8, light and
// dark): the Mark as claim dialog was wider than the window, its hint
// "A new claim, marked by hand: say who asserts it and how s|" and its
// fields cut at the window's right edge, the scroll bar over the text; and
// Restore from backup's "Newest first. The current file is kept as a
// backup before it is re|" ran past the edge (the line did not wrap).
// Each dialog fits inside the window an 800×600 screen gives, at text 1
// and at the largest text.
func TestDialogsFitASmallScreensWindow(t *testing.T) {
	budget := fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600))
	for _, scale := range []float32{1, maxTextScale} {
		for _, c := range []struct {
			title string
			open  func(t *testing.T, u *testUI)
		}{
			{"Mark as claim", func(t *testing.T, u *testUI) {
				u.openPassage(t, "manafort", 13)
				u.press(t, fyne.KeyK, ctrl)
			}},
			{"Restore from backup", func(t *testing.T, u *testUI) {
				now := time.Now()
				u.do(func() {
					u.chooseBackup([]store.BackupInfo{
						{Time: now, Size: 4 << 20, Documents: 2, Bookmarks: 1},
						{Time: now.Add(time.Hour), Size: 4 << 20, Documents: 1, Future: true},
					})
				})
			}},
		} {
			t.Run(fmt.Sprint(c.title, "/", scale), func(t *testing.T) {
				u := newTestUI(t)
				u.do(func() {
					u.w.Resize(budget)
					u.setTextScale(scale)
				})
				c.open(t, u)
				d := u.dialog(t, c.title)
				u.do(func() { u.w.Canvas().Capture() })
				room := u.w.Canvas().Size().Width
				drv := u.a.Driver()
				u.do(func() {
					for _, l := range findAll[*widget.Label](d) {
						if !l.Visible() || l.Text == "" || l.Size().Width == 0 {
							continue
						}
						x := drv.AbsolutePositionForObject(l).X
						if right := x + l.Size().Width; x < 0 || right > room+0.5 {
							t.Errorf("%q spans x %v to %v, the window is %v wide", l.Text, x, right, room)
						}
						if w := l.MinSize().Width; l.Wrapping == fyne.TextWrapOff && l.Truncation == fyne.TextTruncateOff && w > l.Size().Width+0.5 {
							t.Errorf("%q needs %v px, has %v", l.Text, w, l.Size().Width)
						}
					}
				})
			})
		}
	}
}

// What the user saw (a hostile UI pass, Xvfb 1024×768, text 1.8, dark):
// the claim dialog, 560 px wide whatever the text size, left its Cue field
// about 130 px, "according" of its hint showing. The dialog widens with the
// text, inside the window: the field shows its hint whole.
func TestClaimDialogsCueFieldShowsItsHintAtLargeText(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(fyne.NewSize(1024, 768))
		u.setTextScale(maxTextScale)
	})
	u.openPassage(t, "manafort", 13)
	u.press(t, fyne.KeyK, ctrl)
	f := u.claimFields(t, "Mark as claim")
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		hint := measureText(f.cue.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width
		if w := f.cue.Size().Width; w < hint {
			t.Errorf("the Cue field is %v px wide, its hint %q %v", w, f.cue.PlaceHolder, hint)
		}
	})
}
