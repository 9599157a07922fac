//go:build !wasm && !js && !android && !ios && !mobile

package app

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// screenSize is the primary screen's size in the window's units (pixels
// over the scale Fyne draws w at), or zero if it cannot be known. Fyne has
// no call for it, so this asks GLFW, which Fyne's desktop driver has set up
// by the time a window exists. It must run on the main thread, as every
// GLFW call must: call it from the UI goroutine once the app has started.
func screenSize(w fyne.Window) fyne.Size {
	monitor := glfw.GetPrimaryMonitor()
	if monitor == nil {
		return fyne.Size{}
	}
	mode := monitor.GetVideoMode()
	scale := w.Canvas().Scale()
	if mode == nil || scale <= 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(float32(mode.Width)/scale, float32(mode.Height)/scale)
}
