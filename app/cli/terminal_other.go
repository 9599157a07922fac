//go:build !unix && !windows

package cli

import "os"

// isTerminal: where a terminal cannot be told, the output is taken as one
// when it is a character device (escaping is then the safe side).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
