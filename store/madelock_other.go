//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package store

import "os"

// lockMadeFile cannot take SQLite's lock here (see the Unix version), so
// it cannot be told that no other program has the file open: a new file
// CloseRemovingMade would remove is kept.
func lockMadeFile(*os.File) bool { return false }

// madeLockKnown says lockMadeFile can tell here.
const madeLockKnown = false
