//go:build unix

package ingest

import (
	"os"
	"syscall"
)

// openFlags opens without blocking: opening a named pipe for reading
// otherwise waits for a writer, forever. Regular files ignore the flag.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
