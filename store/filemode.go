package store

import "os"

// FileModeFor is the permission a file Dossier writes at path is given (an
// export, a backup, a recovered or restored research file): an existing
// file's own, so replacing it never widens who can read it; else like's
// (the research file copied, "" for none) within what the umask allows, so
// that a copy of a private research file stays private. Files were written
// 0644 whatever the research file's mode and the umask (found by a hostile
// pass: backups of a 0600 research file were world-readable).
func FileModeFor(path, like string) os.FileMode {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return fi.Mode().Perm()
	}
	mode := os.FileMode(0o666) &^ umask
	if like != "" {
		if fi, err := os.Stat(like); err == nil {
			mode &= fi.Mode().Perm()
		}
	}
	return mode
}
