package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"dossier/store/internal/held"
)

// ErrNameTooLong is in the chain of the refusal of a research file whose
// name leaves no room for its side files' names.
var ErrNameTooLong = errors.New("its name is too long for SQLite's side files")

// nameMax is the most bytes a file name may have on the file systems of
// Linux and macOS.
const nameMax = 255

// roomFor reports whether a file named name leaves room, within nameMax
// bytes, for the side file SQLite names after it with suffix added
// ("-wal", "-journal"), and the longest name that does.
func roomFor(name, suffix string) (fits bool, longest int) {
	longest = nameMax - len(suffix)
	return len(name) <= longest, longest
}

// nameTooLongErr refuses, with a way out, a research file SQLite could not
// keep its side files beside: they are named after it ("NAME-wal";
// "NAME-journal" while a new file is made), and SQLite's own word for a
// name a few bytes short of the limit was "unable to open database file
// (14)" (a hostile pass). A file that is new (empty) needs room for
// "-journal", one already made for "-wal". Windows counts a name's length
// otherwise: SQLite says there.
func nameTooLongErr(abs, real string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	name := filepath.Base(real)
	if fits, _ := roomFor(name, "-journal"); fits || held.Holds(abs) {
		// Room for every side file; or this process has the file open,
		// so it opens, and its header must not be read: closing any
		// descriptor of the file drops this process's locks on it (see
		// package held).
		return nil
	}
	suffix, verb, nothing := "-wal", "cannot be opened", "nothing was changed"
	if fi, err := os.Stat(real); err != nil || fi.Size() == 0 {
		suffix, verb, nothing = "-journal", "cannot be created", "nothing was kept"
	} else if !walHeader(real) {
		// Not yet in WAL mode (a backup, which VACUUM INTO leaves in
		// rollback mode): SQLite makes it WAL through NAME-journal, and
		// said "unable to open database file (14)" (hostile data pass
		// data9).
		suffix = "-journal"
	}
	fits, longest := roomFor(name, suffix)
	if fits {
		return nil
	}
	if filepath.Base(real) != filepath.Base(abs) {
		// Through a link: SQLite names the side files after the file it
		// leads to, whose name the message counted as the link's (a
		// hostile data pass, data9).
		return &FileError{Path: abs, err: ErrNameTooLong, msg: fmt.Sprintf(
			"%s: it leads to %s, whose name is %d bytes long, and SQLite keeps a file named after that one with %q added beside it, longer than the %d bytes a file name may have; give that file a name of %d bytes or fewer (%s)",
			verb, real, len(name), suffix, nameMax, longest, nothing)}
	}
	return &FileError{Path: abs, err: ErrNameTooLong, msg: fmt.Sprintf(
		"%s: its name is %d bytes long, and SQLite keeps a file named after it with %q added beside it, longer than the %d bytes a file name may have; give it a name of %d bytes or fewer (%s)",
		verb, len(name), suffix, nameMax, longest, nothing)}
}

// walHeader reports whether the SQLite file at path says in its header
// that it is in WAL mode (read and write versions 2), or cannot be read
// (then not for this check to say).
func walHeader(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true
	}
	defer f.Close()
	var b [2]byte
	if _, err := f.ReadAt(b[:], 18); err != nil {
		return true
	}
	return b[0] == 2 && b[1] == 2
}
