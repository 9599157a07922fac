//go:build unix

package cli

import (
	"os"

	"golang.org/x/sys/unix"
)

// isTerminal: a terminal answers the window-size request; a file, a pipe
// or /dev/null does not.
func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	return err == nil
}
