package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"dossier/internal/wording"

	"dossier/store/internal/held"
)

// ReadRegular reads the regular file at path (after following links), at
// most limit bytes. Anything else — a named pipe, a device such as
// /dev/zero, a socket, a folder, a link loop — is refused with a reason
// before it is read, so that an import never blocks on a pipe or reads
// without end. The limit is enforced while reading too, since stat's size
// can be wrong (files in /proc say 0) or change under us.
func ReadRegular(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Reason: statReason(path, err)}
	}
	if reason := notRegular(fi); reason != "" {
		return nil, &Error{File: path, Reason: reason}
	}
	if fi.Size() > limit {
		return nil, &Error{File: path, Reason: tooLargeFor(fi.Size(), limit)}
	}
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &Error{File: path, Reason: err.Error()}
	}
	if int64(len(data)) > limit {
		return nil, &Error{File: path, Reason: tooLargeFor(int64(len(data)), limit) + " (it grew while being read)"}
	}
	return data, nil
}

// OpenRegular opens path for reading if it is a regular file. The file may
// have been swapped for a pipe since the caller's Stat: it is opened without
// blocking (see openFlags), then what was actually opened is checked.
func OpenRegular(path string) (*os.File, error) {
	if held.Holds(path) {
		// Reading it would do no good, and closing it would drop SQLite's
		// lock on it (see package held).
		return nil, &Error{File: path, Reason: "is a research file Dossier has open (or one of its side files), not a document"}
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, &Error{File: path, Reason: statReason(path, err)}
	}
	fi, err := f.Stat()
	if err == nil {
		if reason := notRegular(fi); reason != "" {
			err = &Error{File: path, Reason: reason}
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// notRegular says why a file that is not a regular file cannot be read, or
// returns "".
func notRegular(fi fs.FileInfo) string {
	switch kind := FileKind(fi.Mode()); kind {
	case "":
		return ""
	case "a folder":
		return "is a folder, not a file"
	case "not an ordinary file":
		return "is not an ordinary file; Dossier imports only ordinary files"
	default:
		return "is " + kind + ", not a file; Dossier imports only ordinary files"
	}
}

// FileKind names what a file of mode m is when it is not a regular file
// ("a folder", "a named pipe (FIFO)", "a socket", "a device", "not an
// ordinary file"), or "" for a regular file.
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not an ordinary file"
}

func statReason(path string, err error) string {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "is a symbolic link that never reaches a file (a circle of links, or too many in a row)"
	case errors.Is(err, fs.ErrNotExist):
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return "is a broken link (what it points to does not exist)"
		}
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (Dossier may not read it)"
	}
	// A socket cannot be opened at all (ENXIO, "no such device or
	// address", which read as if it were missing): say what it is.
	if fi, serr := os.Stat(path); serr == nil {
		if reason := notRegular(fi); reason != "" {
			return reason
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// tooLargeFor is tooLarge for any limit.
func tooLargeFor(n, limit int64) string {
	if limit == MaxFileSize {
		return tooLarge(n)
	}
	return fmt.Sprintf("is %s; the limit is %s", wording.Bytes(n), wording.Bytes(limit))
}

// headLen is how much of a file RefusedByHead reads: all formatFor looks at
// of a file that is no zip archive (sniffLen, and sniffMarked's 4 KB).
const headLen = max(sniffLen, 4096)

// RefusedByHead says why the regular file f (opened from path by
// OpenRegular) cannot be imported, when its first few kilobytes tell it, with
// the error its import would give: it is empty, it cannot be read
// (/proc/self/mem), or neither its content nor its name is of a format
// Dossier reads (notes.xyz). It returns nil when they do not tell: a file
// that may be read, or a zip archive (told by its members, at its end) not
// read whole. Cheap (one read of a few kilobytes), so that an import into a
// research file not made yet can refuse such files before making it.
func RefusedByHead(f *os.File, path string) error {
	head := make([]byte, headLen)
	n, err := io.ReadFull(f, head)
	whole := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
	if err != nil && !whole {
		return &Error{File: path, Reason: err.Error()} // as ReadRegular says it
	}
	head = head[:n]
	switch {
	case whole && n == 0:
		return &Error{File: path, Reason: "the file is empty"}
	case !whole && bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil
	}
	if _, why := formatFor(filepath.Base(path), head); why != "" {
		return &Error{File: path, Reason: clipLine(why, maxReasonLen)}
	}
	return nil
}
