//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package store

import (
	"os"
	"syscall"
)

// SQLite's lock bytes on Unix (os_unix.c): the pending byte, the reserved
// byte and the 510 shared bytes after them, from 1 GiB on. A connection in
// WAL mode holds a read lock on the shared bytes for as long as it has the
// file open; SQLite's exclusive lock is a write lock on them.
const (
	sqlitePendingByte = 0x40000000
	sqliteLockBytes   = 2 + 510
)

// lockMadeFile takes SQLite's exclusive lock on the file f is open on,
// without waiting: it fails while any connection anywhere has the file
// open, and while it is held no connection can begin to read it (SQLite
// waits, as for a writer). It is a POSIX lock: closing any other
// descriptor of the file in this process lets go of it, so nothing else
// may open the file here while it is held.
func lockMadeFile(f *os.File) bool {
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: sqlitePendingByte, Len: sqliteLockBytes}
	return syscall.FcntlFlock(f.Fd(), syscall.F_SETLK, &lk) == nil
}

// madeLockKnown says lockMadeFile can tell here.
const madeLockKnown = true
