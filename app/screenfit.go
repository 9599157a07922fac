package app

import "fyne.io/fyne/v2"

// The share of the screen a window may open at: room is left for the
// desktop's panels and the window's own title bar, which the screen's size
// includes and the window's does not.
const (
	screenShareWidth  = 0.96
	screenShareHeight = 0.88
)

// fitToScreen is the size to open a window at that asked for want (the
// default, or the size it had when last closed) on a screen of the given
// size, both in Fyne's units: want, cut to what the screen holds. A 1280×800
// default opened past the bottom of a 1366×768 laptop's screen, its status
// line and the foot of every pane out of reach; a size saved on a large
// monitor did the same on a small one. A screen of unknown size (zero)
// changes nothing.
func fitToScreen(want, screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 {
		return want
	}
	return fyne.NewSize(
		min(want.Width, float32(int(screen.Width*screenShareWidth))),
		min(want.Height, float32(int(screen.Height*screenShareHeight))))
}

// The default window size, and the bounds a saved one must be within to
// be used: a saved 40000×40000 crashed the app at every start (X refused
// the window), and a saved 300×200 opened a window a word wide and as tall
// as the screen (found by a hostile pass).
const (
	defaultWindowWidth, defaultWindowHeight = 1280, 800
	minSavedWidth, minSavedHeight           = 640, 480
	maxSavedSide                            = 8192
)

// savedWindowSize is the size a window opens at, before fitToScreen: the
// saved one, or the default where it is not a size a window should have.
func savedWindowSize(saved fyne.Size) fyne.Size {
	// Written so that NaN fails too.
	if saved.Width >= minSavedWidth && saved.Height >= minSavedHeight && saved.Width <= maxSavedSide && saved.Height <= maxSavedSide {
		return saved
	}
	return fyne.NewSize(defaultWindowWidth, defaultWindowHeight)
}
