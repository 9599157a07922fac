package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A long message beside its button wrapped to eight lines at large text
// on an 800×600 screen, and the window grew past the screen (a UI pass);
// where the button under it takes less height, it goes there.
func TestBannerPutsItsButtonUnderALongMessage(t *testing.T) {
	u := newTestUI(t)
	budget := fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600))
	msg := "Read-only: this research file lacks part of Dossier's schema (table bookmark_removals), so changes would fail. Recover it into a new file to work in it."
	for _, scale := range []float32{1.0, 1.4, maxTextScale} {
		u.do(func() {
			u.w.Resize(budget)
			u.setTextScale(scale)
			u.banner.show(msg, bannerAction{"Recover into a new file…", func() {}})
		})
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() {
			width := u.banner.box.Size().Width
			icon := widget.NewIcon(theme.WarningIcon()).MinSize().Width
			whole := widget.NewLabel(msg)
			whole.Wrapping = fyne.TextWrapWord
			whole.Resize(fyne.NewSize(width-icon-theme.Padding(), 100))
			under := whole.MinSize().Height + theme.Padding() + widget.NewButton("Recover into a new file…", nil).MinSize().Height
			if h := u.banner.box.MinSize().Height; h > under+1 {
				t.Errorf("text %v: the banner is %v px tall at %v px wide; with its button under the message, %v", scale, h, width, under)
			}
		})
	}
}
