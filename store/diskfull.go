package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// A research file on a full disk cannot even be read in WAL mode: SQLite
// must make room beside it for its -shm, and fails with an I/O error that
// the open and check took for damage ("damaged: restore a backup or
// recover"), sending the user to replace a sound file. Found by a hostile
// pass.

// ErrDiskFull is in the chain of every error caused by the research file's
// disk being full.
var ErrDiskFull = errors.New("the disk holding the research file is full")

// lowRoom is the free space below which an I/O error is put down to a
// full disk: a -shm needs 32 KB, a page of the file 4 KB.
const lowRoom = 1 << 20

// diskFull reports whether err, met using the research file at path, is its
// disk being full rather than damage.
func diskFull(path string, err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch {
	case se.Code()&0xff == sqlite3.SQLITE_FULL:
		return true
	case se.Code() == sqlite3.SQLITE_IOERR_SHMSIZE:
		// Growing the -shm failed: no room (or the user's quota).
		return true
	case se.Code()&0xff == sqlite3.SQLITE_IOERR:
		free := freeBytes(filepath.Dir(path))
		return free >= 0 && free < lowRoom
	}
	return false
}

// diskFullErr is the error for a research file that cannot be opened or
// checked because its disk is full.
func diskFullErr(path, doing string, err error) error {
	return &FileError{Path: path, err: fmt.Errorf("%w: %w", ErrDiskFull, err),
		msg: fmt.Sprintf("cannot be %s: the disk holding it is full (SQLite needs a little room beside it, for its -shm file, even to read it); free some space and try again. The file itself is not damaged by this", doing)}
}

// fullDiskError is a failure to write a new file (a backup, a recovered
// file) because its disk is full, said as such: SQLite's words were "database
// or disk is full (13)", or a temporary file's name.
type fullDiskError struct{ msg string }

func (e *fullDiskError) Error() string        { return e.msg }
func (e *fullDiskError) Is(target error) bool { return target == ErrDiskFull }

// noRoomFor is the error for writing what (a backup to …) at path on a
// full disk, or nil when err is not that, or path's disk has room (the
// disk that was full is another's).
func noRoomFor(what, path string, err error) error {
	if err == nil || !diskFull(path, err) && !errors.Is(err, syscall.ENOSPC) && !errors.Is(err, ErrDiskFull) {
		return nil
	}
	if free := freeBytes(filepath.Dir(path)); free >= lowRoom {
		return nil
	}
	return &fullDiskError{fmt.Sprintf("%s failed: the disk holding %s is full; free some space and try again", what, filepath.Dir(path))}
}

// writeFailed reports whether err is a write to a database failing for
// want of room, memory or a working disk (SQLite then rolls the whole
// transaction back), not the row being refused.
func writeFailed(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN:
		return true
	}
	return false
}
