//go:build unix

package store

import (
	"os"
	"syscall"
)

// umask is the process's file mode creation mask, read once at start (it
// can only be read by setting it, which is safe before other goroutines).
var umask = func() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}()
