package store

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"dossier/store/ingest"
)

// specialFile says what the existing path is when it is not a regular file
// (after following links) — a folder, device, named pipe or socket — or ""
// for a regular file or nothing there. Such a path is never a research file
// nor an output to replace: renaming a finished export over /dev/null
// replaces the device itself (as root), and opening a named pipe blocks
// forever.
func specialFile(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	return ingest.FileKind(fi.Mode())
}

// oddSideFileErr refuses the research file at path when a side file beside
// real (its -wal, -shm or -journal) is not a plain file: a symbolic link,
// a folder, a named pipe, a device. SQLite cannot use it ("unable to open
// database file", "disk I/O error"; reading a named pipe blocks for
// ever), and check called the sound file damaged, sending the user to
// replace it with a backup (a hostile pass).
func oddSideFileErr(path, real string) error {
	for _, side := range []string{real + "-wal", real + "-shm", real + "-journal"} {
		fi, err := os.Lstat(side)
		if err != nil {
			continue
		}
		what := ingest.FileKind(fi.Mode())
		if fi.Mode()&fs.ModeSymlink != 0 {
			what = "a symbolic link" // SQLite neither follows nor replaces one
		}
		if what != "" {
			return fmt.Errorf("research file %s: its side file %s is %s, not a file SQLite can use; move it away, then open the file again (the research file itself is not damaged by it)", path, filepath.Base(side), what)
		}
		if hasOtherNames(fi) {
			// SQLite writes a -shm over whatever it holds: another file
			// linked there was overwritten (hostile data pass data9).
			b := filepath.Base(side)
			return fmt.Errorf("research file %s: its side file %s is also another file (it has another name, a hard link), which SQLite would write over; give it a file of its own (cp %s %s.own && mv %s.own %s), then open the file again (the research file itself is not damaged by it)", path, b, b, b, b, b)
		}
	}
	return nil
}
