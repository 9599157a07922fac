//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// writeDenied asks the system whether this process may write to path (a
// file, or a folder to create files in). Root passes unless the disk itself
// is read-only.
func writeDenied(path string, dir bool) string {
	mode := uint32(unix.W_OK)
	if dir {
		mode |= unix.X_OK
	}
	err := unix.Access(path, mode)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, unix.EROFS):
		return onReadOnlyDisk
	case dir:
		return "you may not create files in its folder (SQLite keeps its journal there)"
	default:
		return "you do not have permission to write to it"
	}
}

// openDenied says whether this process may not open the file at path for
// reading (and writing, if write). Root may, whatever its permissions.
func openDenied(path string, write bool) bool {
	mode := uint32(unix.R_OK)
	if write {
		mode |= unix.W_OK
	}
	return unix.Access(path, mode) != nil
}

// hasOtherNames says whether the file has more than one name (hard links).
func hasOtherNames(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink > 1
}

// freeBytes is the room left to this process on the disk holding dir, or
// -1 when the system cannot say.
func freeBytes(dir string) int64 {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return -1
	}
	return int64(st.Bavail) * int64(st.Bsize)
}

// fileSizeLimit is the largest file this process may write (RLIMIT_FSIZE,
// as set by ulimit -f), or -1 when none is set.
func fileSizeLimit() int64 {
	var r unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_FSIZE, &r) != nil || uint64(r.Cur) >= 1<<62 { // RLIM_INFINITY
		return -1
	}
	return int64(r.Cur)
}

// processRunning says whether a process with id pid runs on this computer.
func processRunning(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}
