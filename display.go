package main

// noDisplayMessage is what starting the window without a display says.
const noDisplayMessage = "dossier: no display found; the command line still works: dossier --help"

// noDisplay reports whether there is no display to open a window on. On
// Linux and the BSDs the window needs an X11 or Wayland display; without one
// Fyne's driver panics with a GLFW trace, so we check before creating it.
// Windows and macOS always have one.
func noDisplay(goos string, getenv func(string) string) bool {
	switch goos {
	case "windows", "darwin", "ios", "android", "js", "wasip1":
		return false
	}
	return getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == ""
}
