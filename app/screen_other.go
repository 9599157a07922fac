//go:build wasm || js || android || ios || mobile

package app

import "fyne.io/fyne/v2"

// screenSize is unknown off the desktop: the platform sizes the window.
func screenSize(fyne.Window) fyne.Size { return fyne.Size{} }
