package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"dossier/internal/wording"

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

// fat32Max is the largest file a FAT32 disk holds: 4 GiB less a byte.
const fat32Max = 1<<32 - 1

// Why a write to the research file failed with an I/O error other than a
// full disk (see writeLimit).
const (
	failedWrite = iota // the disk failed, or is gone
	sizeLimit          // a limit set for the process (ulimit -f)
	fat32Limit         // a FAT32 disk's 4 GB
)

// writeLimit says which limit a failed write to the research file at real
// (its links resolved) most likely met: the largest of the file and its
// side files is within a few pages of it, the write that failed would
// have crossed it. limit is the process's limit, for sizeLimit.
func writeLimit(real string) (kind int, limit int64) {
	var largest int64
	for _, suffix := range []string{"", "-wal", "-journal"} {
		if fi, err := os.Stat(real + suffix); err == nil {
			largest = max(largest, fi.Size())
		}
	}
	const near = 1 << 20
	switch limit := fileSizeLimit(); {
	case limit >= 0 && largest+near >= limit:
		return sizeLimit, limit
	case largest+near >= fat32Max:
		return fat32Limit, 0
	}
	return failedWrite, 0
}

// ioFailedErr is the error for an I/O error of the research file at path
// (real, its links resolved) other than a full disk: SQLite's "disk I/O
// error" was passed on as it was, against each document of an import in
// turn ("m1.txt: indexing: disk I/O error (778)", under ulimit -f; a FAT32
// USB stick's 4 GB limit fails alike; a hostile data pass). What SQLite
// was doing failed whole and was rolled back: the message says so, what
// is likely, and what to do.
func ioFailedErr(path, real string, err error) *FileError {
	var se *sqlite.Error
	errors.As(err, &se)
	code := 0
	if se != nil {
		code = se.Code()
	}
	switch code {
	case sqlite3.SQLITE_IOERR_READ, sqlite3.SQLITE_IOERR_SHORT_READ:
		return &FileError{Path: path, err: err, msg: "could not be read: the system failed a read of it (disk I/O error), as when its disk fails or is disconnected. " +
			"Check the disk, copy the research file to another, and try again there" + nothingChanged}
	case sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_FSYNC, sqlite3.SQLITE_IOERR_DIR_FSYNC, sqlite3.SQLITE_IOERR_TRUNCATE:
		return writeFailedErr(path, real, err)
	}
	// A lock, a side file, memory: no write of the file's own.
	return &FileError{Path: path, err: err, msg: fmt.Sprintf("could not be used: the system failed SQLite's work on it (disk I/O error, code %d), as when its disk fails or is disconnected. ", code) +
		"Check the disk, copy the research file to another, and try again there" + nothingChanged}
}

// writeFailedErr is ioFailedErr of a write that failed: the limit it met,
// if its sizes tell one.
func writeFailedErr(path, real string, err error) *FileError {
	var why string
	switch kind, limit := writeLimit(real); kind {
	case sizeLimit:
		why = fmt.Sprintf("it has reached %s, the largest file this program may write (a limit set for it, as by ulimit -f). "+
			"The file itself is not damaged; raise the limit, or run Dossier without it, and try again", wording.Bytes(limit))
	case fat32Limit:
		why = "it has reached 4 GB, the largest file a FAT32 disk (as many USB sticks are) holds. " +
			"The file itself is not damaged; copy it to a disk of another format (NTFS, exFAT, APFS, ext4) and go on there"
	default:
		why = "the system failed a write to it (disk I/O error), as when its disk fails or is disconnected, or the file has reached the largest size its disk holds. " +
			"What it held is kept as it was; check the disk, or copy the research file to another, and try again there"
	}
	return &FileError{Path: path, err: err, msg: "could not be written: " + why + nothingChanged}
}

// notCreatedIO is the error for a research file at path (real, its links
// resolved) that could not be made for an I/O error other than a full
// disk; said before the file made is removed, while its size tells.
func notCreatedIO(path, real string, err error) *FileError {
	why := "the system failed a write to it (disk I/O error), as when its disk fails or is disconnected; check the disk, or make it on another, and try again"
	if kind, limit := writeLimit(real); kind == sizeLimit {
		why = fmt.Sprintf("this program may write files of at most %s (a limit set for it, as by ulimit -f), and a new research file needs more; raise the limit, or run Dossier without it, and try again", wording.Bytes(limit))
	}
	return &FileError{Path: path, err: err, msg: "cannot be created: " + why + " (nothing was kept)"}
}

// copyLimitErr is the error for writing what ("backup to …", "recovering
// into …"), a copy of the research file at src, that failed with an I/O
// error while this process may write no file as large as the research
// file (ulimit -f): SQLite's "disk I/O error (778)" alone was said, as an
// import said it before 275b10b (hostile data pass data21). nil when err
// is not that.
func copyLimitErr(what, src string, err error) error {
	var se *sqlite.Error
	if sqliteCode(err) != sqlite3.SQLITE_IOERR || errors.Is(err, ErrDiskFull) || errors.As(err, new(*copyLimitError)) ||
		errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_IOERR_READ || se.Code() == sqlite3.SQLITE_IOERR_SHORT_READ) {
		return nil
	}
	if src == "" {
		return nil
	}
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(src + suffix); err == nil {
			size += fi.Size()
		}
	}
	return copyPastLimit(what, size, fileSizeLimit(), err)
}

// copyPastLimit is copyLimitErr of a copy of size bytes, limit the
// process's (-1: none): one as large as the limit met it; one of 4 GB, a
// FAT32 disk's (as many USB sticks are), with no limit of the process's
// to meet, met the disk's, and said SQLite's "disk I/O error (778)"
// alone (hostile data pass data22). nil when its size tells neither.
func copyPastLimit(what string, size, limit int64, err error) error {
	const near = 1 << 20
	switch {
	case limit >= 0 && size+near >= limit:
		return &copyLimitError{fmt.Errorf("%s failed: the copy of the research file (%s) would be larger than %s, the largest file this program may write (a limit set for it, as by ulimit -f); raise the limit, or run Dossier without it, and try again (nothing was written): %w",
			what, wording.Bytes(size), wording.Bytes(limit), err)}
	case size+near >= fat32Max:
		return &copyLimitError{fmt.Errorf("%s failed: the copy of the research file (%s) would be larger than 4 GB, the largest file a FAT32 disk (as many USB sticks are) holds; write it to a disk of another format (NTFS, exFAT, APFS, ext4) (nothing was written): %w",
			what, wording.Bytes(size), err)}
	}
	return nil
}

// copyLimitError is copyLimitErr's error, said once.
type copyLimitError struct{ error }

func (e *copyLimitError) Unwrap() error { return e.error }

// copyTooLargeErr is the error for a plain copy of the file at src (what
// it is: "the backup") for doing what ("restoring b.dossier") that failed
// because the system writes no file that large (EFBIG: ulimit -f, or the
// disk's own largest file): a restore said "write
// …/.r.dossier.restore-NNN: copy_file_range: file too large" (hostile data
// pass data21). nil when err is not that.
func copyTooLargeErr(doing, what, src string, err error) error {
	if !errors.Is(err, syscall.EFBIG) {
		return nil
	}
	var size int64
	if fi, err := os.Stat(src); err == nil {
		size = fi.Size()
	}
	return &copyTooLargeError{doing + " failed: the copy of " + what + " " + tooLargeWhy(size, fileSizeLimit()), err}
}

// tooLargeWhy says why a copy of size bytes was too large for the system
// to write (EFBIG), limit the process's (-1: none): past the limit, or
// else past the largest file the disk takes, as a FAT32 disk's 4 GB,
// where the system's "copy_file_range: file too large" was said (hostile
// data pass data22).
func tooLargeWhy(size, limit int64) string {
	const near = 1 << 20
	switch {
	case limit >= 0 && size+near >= limit:
		return fmt.Sprintf("(%s) would be larger than %s, the largest file this program may write (a limit set for it, as by ulimit -f); raise the limit, or run Dossier without it, and try again",
			wording.Bytes(size), wording.Bytes(limit))
	case size+near >= fat32Max:
		return fmt.Sprintf("(%s) would be larger than 4 GB, the largest file a FAT32 disk (as many USB sticks are) holds; copy the research file to a disk of another format (NTFS, exFAT, APFS, ext4) and try again there",
			wording.Bytes(size))
	}
	return fmt.Sprintf("(%s) would be larger than the largest file the disk holding the research file takes; copy the research file to a disk of another format (NTFS, exFAT, APFS, ext4) and try again there",
		wording.Bytes(size))
}

// copyTooLargeError is copyTooLargeErr's error: the system's words are in
// its chain, not in its message.
type copyTooLargeError struct {
	msg string
	err error
}

func (e *copyTooLargeError) Error() string { return e.msg }
func (e *copyTooLargeError) Unwrap() error { return e.err }
