package app

import (
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
