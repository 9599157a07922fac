package app

import (
	"net"
	"regexp"
	"time"
)

// noDisplayMessage is what starting the window without a display says.
const noDisplayMessage = "dossier: no display found; the command line still works: dossier --help"

// noDisplay reports whether there is no display to open a window on. On
// Linux and the BSDs the window needs an X11 or Wayland display; without one
// Fyne's driver panics with a GLFW trace, so we check before creating it.
// A local X display named in DISPLAY (":0", "unix:1.0") must also answer on
// its socket; remote ones are left to the driver. Windows and macOS always
// have one.
func noDisplay(goos string, getenv func(string) string, reachable func(display string) bool) bool {
	switch goos {
	case "windows", "darwin", "ios", "android", "js", "wasip1":
		return false
	}
	if getenv("WAYLAND_DISPLAY") != "" {
		return false
	}
	d := getenv("DISPLAY")
	return d == "" || !reachable(d)
}

var localDisplay = regexp.MustCompile(`^(?:unix)?:(\d+)(?:\.\d+)?$`)

// x11Reachable tries a local X display's socket (the abstract one Linux X
// servers listen on, then the file); a display on another host is assumed
// reachable.
func x11Reachable(display string) bool {
	m := localDisplay.FindStringSubmatch(display)
	if m == nil {
		return true
	}
	for _, addr := range []string{"@/tmp/.X11-unix/X" + m[1], "/tmp/.X11-unix/X" + m[1]} {
		if c, err := net.DialTimeout("unix", addr, time.Second); err == nil {
			c.Close()
			return true
		}
	}
	return false
}
