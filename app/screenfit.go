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

// refitSize is the size to give a window of the given size whose content
// needs least, where fit is its size cut to what the screen holds: fit,
// grown to least; and whether to centre it on the screen again. Centred
// whenever its size changes: grown in place, it ran past the screen's
// edge (786 pixels from x=16 on an 800-pixel screen; a UI pass), and
// shrunk it stayed where it was put while wider: on a 420×480 screen at
// the largest text, 403 pixels wide from x=-32, its left edge and menu
// cut off (found under Xvfb). Only a window larger than the screen holds
// is shrunk, so one the user placed on a large screen stays put.
func refitSize(size, least, fit fyne.Size) (fyne.Size, bool) {
	fit = fyne.NewSize(max(fit.Width, least.Width), max(fit.Height, least.Height))
	return fit, fit != size
}

// windowRoom is the size a refit may leave a window of the given size at
// on a screen of the given size: its own where the screen holds it (one
// the user made large, or maximized, on a large screen stays as it is: cut
// to the share a window opens at, it shrank and jumped at every text-size
// step; a hostile pass), else cut to that share (grown past the screen's
// edge by larger text, it is brought back).
func windowRoom(size, screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 || size.Width <= screen.Width && size.Height <= screen.Height {
		return size
	}
	return fitToScreen(size, screen)
}

// grownForReader is the size to grow a window of the given size to, on a
// screen of the given size, so that its reader, readerWidth wide, gets the
// need it lacks after the text grew; false where the window is within
// reach of it already, or cannot grow (the screen's size unknown, or the
// window at the share a window may open at). The panes share the width the
// window gains as they share its width now, so it grows by the reader's
// ratio, and by a tenth at least, so that a few refits reach the share:
// on a 1920×1080 screen a 700×500 window at text 1.8 hid its sidebar
// instead (its reader too narrow to read; a hostile UI pass). Taller too,
// by the same ratio: the panes' rows grew with the text.
func grownForReader(size, screen fyne.Size, readerWidth, need float32) (fyne.Size, bool) {
	if screen.Width <= 0 || screen.Height <= 0 || readerWidth <= 0 || readerWidth >= need {
		return size, false
	}
	ratio := max(need/readerWidth, 1.1)
	share := fitToScreen(screen, screen)
	grown := fyne.NewSize(
		max(size.Width, min(float32(int(size.Width*ratio+1)), share.Width)),
		max(size.Height, min(float32(int(size.Height*ratio+1)), share.Height)))
	return grown, grown.Width > size.Width
}

// windowGrowth is grownForReader for the refit, remembering the size it
// last grew a window from: a window the window manager keeps smaller (a
// dock, a tiling window manager) is not asked to grow again from the same
// size at every refit, which would then never end, nor let the sidebar
// give way (a review's model of the loop). Forgotten at each text-size
// step (forget).
type windowGrowth struct{ from fyne.Size }

func (g *windowGrowth) next(size, screen fyne.Size, readerWidth, need float32) (fyne.Size, bool) {
	if size == g.from {
		return size, false
	}
	grown, ok := grownForReader(size, screen, readerWidth, need)
	if ok {
		g.from = size
	}
	return grown, ok
}

func (g *windowGrowth) forget() { g.from = fyne.Size{} }
