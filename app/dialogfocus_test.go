package app

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tab to a dialog's button shows it: Fyne marks a focused button by
// tinting it with the focus colour, a translucent blue, which on the blue
// default button changes nothing, so in Delete document, Cancel (the
// default there) focused by Tab looked just as it did unfocused, and
// Delete focused looked dimmed, as if disabled (found by the hostile UI
// pass ui8). A focused dialog button is ringed.
func TestFocusedDialogButtonShows(t *testing.T) {
	u := newTestUI(t)
	for _, imp := range []widget.Importance{widget.HighImportance, widget.DangerImportance, widget.MediumImportance} {
		var plain, focused image.Image
		u.do(func() {
			b := u.newDialogButton("Cancel", theme.CancelIcon(), func() {})
			b.Importance = imp
			b.Resize(b.MinSize().AddWidthHeight(20, 10))
			plain = software.Render(b, fyne.CurrentApp().Settings().Theme())
			b.FocusGained()
			focused = software.Render(b, fyne.CurrentApp().Settings().Theme())
		})
		if d := maxPixelDiff(plain, focused); d < 96 {
			t.Errorf("importance %v: focused, the button differs from unfocused by at most %d in a colour channel; want it plainly marked", imp, d)
		}
	}
}

func maxPixelDiff(a, b image.Image) int {
	best := 0
	r := a.Bounds().Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			for _, d := range []int{int(ar>>8) - int(br>>8), int(ag>>8) - int(bg>>8), int(ab>>8) - int(bb>>8)} {
				best = max(best, d, -d)
			}
		}
	}
	return best
}
