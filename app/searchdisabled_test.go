package app

import (
	"image"
	"image/color"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// While the window's file opens the search box is disabled, and must look
// it: with the app's darker Disabled grey (for labels that must be read)
// Fyne's disabled entry looked as live as ever. Its ink (border, hint)
// stands out from its field less than an enabled box's does, in either
// theme.
func TestTheSearchBoxLooksDisabledWhileTheFileOpens(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	u, _ := newTestUIOpening(t, filepath.Join(t.TempDir(), "large.dossier"), time.Now())
	for _, variant := range []string{themeLight, themeDark} {
		u.do(func() { u.setTheme(variant) })
		disabled := u.searchBoxInk(t)
		u.do(func() { u.search.entry.Enable() })
		enabled := u.searchBoxInk(t)
		u.do(func() { u.search.entry.Disable() })
		if !(disabled < 2 && enabled >= 3) {
			t.Errorf("%s theme: the search box's ink stands out %.2f:1 disabled, %.2f:1 enabled", variant, disabled, enabled)
		}
	}
}

// searchBoxInk is the strongest contrast of any pixel of the search box
// (its border, its text or hint) with the box's field, as drawn.
func (u *testUI) searchBoxInk(t *testing.T) float64 {
	t.Helper()
	var img image.Image
	var box image.Rectangle
	u.do(func() {
		e := u.search.entry
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
		size := e.Size()
		img = u.w.Canvas().Capture()
		scale := float32(img.Bounds().Dx()) / u.w.Canvas().Size().Width
		box = image.Rect(int(at.X*scale), int(at.Y*scale), int((at.X+size.Width)*scale), int((at.Y+size.Height)*scale))
	})
	// The field: the colour at the box's middle, right of any hint text.
	field := color.NRGBAModel.Convert(img.At(box.Max.X-box.Dx()/20, box.Min.Y+box.Dy()/2)).(color.NRGBA)
	most := 1.0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			c.A = 0xff
			most = max(most, contrast(c, field))
		}
	}
	return most
}
