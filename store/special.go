package store

import (
	"os"

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
