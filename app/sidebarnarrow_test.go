package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// A sidebar shown on an 800×600 screen at the largest text, with only its
// narrow least width (names cut to "An…"), says what gives it room; it
// said nothing (a hostile UI pass). At the usual size nothing is said,
// and hiding it takes the message away.
func TestSidebarShownNarrowSaysWhatGivesItRoom(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() {
		u.setTextScale(maxTextScale)
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setSidebarShown(false)
	})
	u.do(func() { u.showSection(2) })
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		msg := u.status.message.Text
		switch {
		case !u.sidebarPane.Visible():
			if msg != sidebarNoRoomMessage {
				t.Errorf("the sidebar stayed hidden, and the status line says %q", msg)
			}
		case u.narrow && !strings.Contains(msg, "Ctrl+-"):
			t.Errorf("the sidebar is shown narrowed, and the status line says %q", msg)
		case !u.narrow:
			t.Skip("the sidebar has its usual width at this size: nothing to say")
		}
	})
	u.do(func() { u.setSidebarShown(false) })
	u.do(func() {
		if m := u.status.message.Text; m == sidebarNarrowMessage {
			t.Errorf("the sidebar hidden, the status line still says %q", m)
		}
	})
	u.do(func() {
		u.setTextScale(defaultTextScale)
		u.w.Resize(fyne.NewSize(1280, 800))
		u.showSection(2)
	})
	u.do(func() {
		if m := u.status.message.Text; m == sidebarNarrowMessage || u.narrow {
			t.Errorf("at text 1 on 1280×800: narrow %v, status %q", u.narrow, m)
		}
	})
}
