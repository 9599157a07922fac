//go:build !linux

package store

// sidesHeldForAnotherFile cannot tell here without opening the -shm, which
// would drop this process's own locks on it (see the Linux version); on
// Windows a file open in SQLite cannot be renamed over anyway.
func sidesHeldForAnotherFile(real string) string { return "" }

// ownSidesAtName cannot tell here (see the Linux version).
func ownSidesAtName(real string) bool { return true }

// heldUnderAnotherName cannot tell here (see the Linux version).
func heldUnderAnotherName(real string) string { return "" }

// hasOpen cannot tell here (see the Linux version): swappedErr then says
// swapped, as before.
func hasOpen(string) bool { return false }
