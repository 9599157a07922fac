//go:build windows

package cli

import (
	"os"

	"golang.org/x/sys/windows"
)

// isTerminal: a console has a console mode; a file or a pipe has none.
func isTerminal(f *os.File) bool {
	var mode uint32
	return windows.GetConsoleMode(windows.Handle(f.Fd()), &mode) == nil
}
