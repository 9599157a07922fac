package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// A banner's button focused by Tab is pressed by Enter, as by Space: Tab
// to "Try again" on the banner of a file that could not be opened, then
// Enter, did nothing (hostile UI pass ui10); a dialog's buttons answer
// Enter.
func TestBannerButtonAnswersEnter(t *testing.T) {
	u := newTestUI(t)
	pressed := 0
	u.do(func() {
		u.banner.show("Could not open the research file.", bannerAction{"Try again", func() { pressed++ }})
	})
	b := u.banner.actions.Objects[0].(fyne.Focusable)
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace} {
		before := pressed
		u.do(func() {
			u.w.Canvas().Focus(b)
			b.TypedKey(&fyne.KeyEvent{Name: k})
		})
		if pressed != before+1 {
			t.Errorf("%s on the focused banner button: pressed %d times; want once", k, pressed-before)
		}
	}
}
