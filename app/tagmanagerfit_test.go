package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// What the user saw (a hostile UI pass, Xvfb 1024×768, text 1, dark): the
// Manage dialog of an actor (Burisma) had an empty band of about 60 px
// between its Merge into… and Delete buttons and its Close and Save: it
// was given a height of 480 whatever its form needed. It fits its body.
func TestTagManagerHasNoEmptyBand(t *testing.T) {
	u := newTestUI(t) // one window for both sizes; each closes its dialog
	u.do(func() { u.w.Resize(fyne.NewSize(1024, 768)) })
	for _, scale := range []float32{1, maxTextScale} {
		t.Run(fmt.Sprint(scale), func(t *testing.T) {
			t.Cleanup(u.closeDialogs)
			u.do(func() { u.setTextScale(scale) })
			joe, _, _ := tagRow(t, u.actors, "Joe Biden")
			u.do(func() { u.showTagManager(joe) })
			d := u.dialog(t, "Actor: Joe Biden")
			var del, closeB *dialogButton
			for _, b := range findAll[*dialogButton](d) {
				switch b.Text {
				case "Delete":
					del = b
				case "Close":
					closeB = b
				}
			}
			if del == nil || closeB == nil {
				t.Fatal("no Delete or no Close button")
			}
			drv := u.a.Driver()
			var gap float32
			u.do(func() {
				gap = drv.AbsolutePositionForObject(closeB).Y - (drv.AbsolutePositionForObject(del).Y + del.Size().Height)
			})
			if gap > 6*theme.Padding() {
				t.Errorf("%v px between Delete and Close", gap)
			}
		})
	}
}
