package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
)

// A window the refit resizes is centred on the screen again, grown or
// shrunk: shrunk to a 420×480 screen's 403 pixels from the 484 its
// content needed with the sidebar at start, it stayed at x=-32, its left
// edge and menu off the screen (found under Xvfb). One left as it is
// stays where the user put it.
func TestRefitCentresAWindowItResizes(t *testing.T) {
	screen := fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(420, 480))
	for _, c := range []struct {
		size, least, fit, want fyne.Size
		centre                 bool
	}{
		{fyne.NewSize(484, 422), fyne.NewSize(380, 400), screen, screen, true},                                 // shrunk to the screen
		{fyne.NewSize(403, 300), fyne.NewSize(380, 400), fyne.NewSize(403, 300), fyne.NewSize(403, 400), true}, // grown to its content
		{fyne.NewSize(403, 422), fyne.NewSize(380, 400), screen, screen, false},                                // as it is
	} {
		got, centre := refitSize(c.size, c.least, c.fit)
		if got != c.want || centre != c.centre {
			t.Errorf("a %v window needing %v, fitted to %v: %v, centred %v; want %v, centred %v", c.size, c.least, c.fit, got, centre, c.want, c.centre)
		}
	}
}

// A window the user made large (1900×1020 at 0,0 on a 1920×1080 screen,
// as maximized) is left as it is, size and place, by a text-size step or
// a section shown: the refit cut every window to the 96%/88% share a
// window may open at, and re-centred it (a hostile UI pass under Xvfb: it
// shrank to 1843×950 and jumped to 38,65). The inputs are those
// launch.go's refit passes.
func TestRefitLeavesALargeUserWindowOnALargeScreen(t *testing.T) {
	screen := fyne.NewSize(1920, 1080)
	least := fyne.NewSize(900, 560) // text 1.1, sidebar shown: far less than the window
	for _, size := range []fyne.Size{
		fyne.NewSize(1900, 1020), // resized by the user, at 0,0
		fyne.NewSize(1920, 1050), // maximized under a 30-pixel panel
		fyne.NewSize(1280, 1000), // tall, the default width
	} {
		t.Run(fmt.Sprintf("%v×%v", size.Width, size.Height), func(t *testing.T) {
			got, centre := refitSize(size, least, windowRoom(size, screen))
			if got != size || centre {
				t.Errorf("a %v window on a %v screen, its content needing %v, after a text-size step: %v, re-centred %v; want it left at %v where the user put it", size, screen, least, got, centre, size)
			}
		})
	}
}

// Larger text on a large screen grows a small window, so that its reader
// is wide enough, before the sidebar is hidden for it: a 700×500 window
// on a 1920×1080 screen hid its sidebar at text 1.8 (a hostile UI pass).
// Where the window is at the share a window may open at, it cannot grow,
// and the sidebar gives way as before.
func TestGrownForReader(t *testing.T) {
	large, small := fyne.NewSize(1920, 1080), fyne.NewSize(800, 600)
	cases := []struct {
		name         string
		size, screen fyne.Size
		reader, need float32
		want         fyne.Size
		grows        bool
	}{
		{"reader wide enough", fyne.NewSize(700, 500), large, 400, 380, fyne.NewSize(700, 500), false},
		{"small window, large screen", fyne.NewSize(700, 500), large, 200, 400, fyne.NewSize(1401, 950), true},
		{"grown to the share, not past it", fyne.NewSize(1200, 800), large, 200, 600, fyne.NewSize(1843, 950), true},
		{"a tenth at least", fyne.NewSize(1000, 700), large, 399, 400, fyne.NewSize(1101, 771), true},
		{"at the share already", fyne.NewSize(768, 528), small, 200, 400, fyne.NewSize(768, 528), false},
		{"larger than the share: never shrunk", fyne.NewSize(1900, 1020), large, 200, 400, fyne.NewSize(1900, 1020), false},
		{"screen unknown", fyne.NewSize(700, 500), fyne.Size{}, 200, 400, fyne.NewSize(700, 500), false},
		{"reader not laid out yet", fyne.NewSize(700, 500), large, 0, 400, fyne.NewSize(700, 500), false},
	}
	for _, c := range cases {
		got, grows := grownForReader(c.size, c.screen, c.reader, c.need)
		if got != c.want || grows != c.grows {
			t.Errorf("%s: a %v window on a %v screen, reader %v of %v: %v, grows %v; want %v, %v", c.name, c.size, c.screen, c.reader, c.need, got, grows, c.want, c.grows)
		}
	}
}
