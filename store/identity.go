package store

import (
	"errors"
	"os"
)

// ErrFileReplaced is in the chain of every write refused because the
// research file's name no longer leads to the file this store opened.
var ErrFileReplaced = errors.New("the research file was moved, deleted or replaced while open")

// noteIdentity remembers which file the store opened, once it exists.
func (s *Store) noteIdentity() {
	if fi, err := os.Stat(s.path); err == nil {
		s.opened = fi
	}
}

// stillAtPath refuses writes once another program has renamed a file over
// the research file, moved it or deleted it. SQLite would go on writing
// into the old file through its open handle: an import would report
// documents stored that nobody can open again, and the old file's WAL,
// found beside the new file by name, would damage it.
func (s *Store) stillAtPath() error {
	if s.opened == nil {
		return nil
	}
	if fi, err := os.Stat(s.path); err == nil && os.SameFile(fi, s.opened) {
		return nil
	}
	return &FileError{Path: s.path, err: ErrFileReplaced,
		msg: "was moved, deleted or replaced by another program while Dossier had it open, so nothing more is saved to it; open it again to go on"}
}
