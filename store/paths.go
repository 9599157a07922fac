package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// DefaultFileName is the research file's name inside the data folder.
const DefaultFileName = "research.dossier"

// DefaultPath is where the research file lives unless --db or DOSSIER_DB say
// otherwise: the per-user application data folder —
// $XDG_DATA_HOME/dossier (default ~/.local/share/dossier) on Linux and BSD,
// ~/Library/Application Support/Dossier on macOS, %AppData%\Dossier on Windows.
func DefaultPath() (string, error) {
	if p := os.Getenv("DOSSIER_DB"); p != "" {
		return p, nil
	}
	dir, err := dataDir()
	if dir == "" {
		return "", err
	}
	return filepath.Join(dir, DefaultFileName), err // with the error too, for the help to show
}

// dataDir is the per-user application data folder (see DefaultPath), which
// also holds the automatic backups. $DOSSIER_DB does not move it. The
// folder is returned with the error too (for showing where it would be).
func dataDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin", "ios":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(dir, "Dossier")
		return dir, dataDirErr(dir, "the system's folder for settings", "Move")
	}
	// A relative one is ignored, as the XDG spec says: it put the research
	// file under the current folder, so started from another folder
	// Dossier showed a new, empty library (a hostile pass).
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		dir = filepath.Join(dir, "dossier")
		return dir, dataDirErr(dir, "XDG_DATA_HOME", "Set XDG_DATA_HOME to a folder (or leave it unset), or move")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(home, ".local", "share", "dossier")
	return dir, dataDirErr(dir, "HOME", "Move")
}

// dataDirErr says in words why the data folder dir cannot be made, where
// its place comes from (from), and what to do (first the other way, if
// any, then moving the obstacle away): a file, or a circle of links,
// where it or a folder above it should be. The system's words
// were "mkdir …: not a directory" (a hostile pass). A folder not there
// yet is made when needed; other failures are left to what uses it.
func dataDirErr(dir, from, todo string) error {
	vol := filepath.VolumeName(dir)
	p := vol + string(filepath.Separator)
	for _, part := range strings.Split(strings.TrimPrefix(dir[len(vol):], string(filepath.Separator)), string(filepath.Separator)) {
		p = filepath.Join(p, part)
		fi, err := os.Stat(p)
		what := ""
		switch {
		case errors.Is(err, errLinkLoop):
			what = fmt.Sprintf("a symbolic link that never reaches a folder (a circle of links, or more than %d in a row)", maxLinks)
		case err != nil:
			return nil
		case !fi.IsDir():
			what = "a file, not a folder"
		default:
			continue
		}
		return fmt.Errorf("the data folder %s (its place comes from %s) cannot be made: %s is %s. %s %s away", dir, from, p, what, todo, p)
	}
	return nil
}

// readOnlyReason says why the existing research file at path must be opened
// read-only, or "" if it may be written. It is decided from what the file
// system says, not by trying a write, so that opening never changes or
// leaves anything next to a read-only file. Permission bits count even for
// root (who could write anyway): a file nobody may write to, or in a folder
// nobody may create files in, is read-only for everyone.
func readOnlyReason(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return "" // does not exist yet: it is created
	}
	dir := filepath.Dir(path)
	di, err := os.Stat(dir)
	switch {
	case fi.Mode().Perm()&0o222 == 0:
		return "its permissions do not allow writing to it"
	case err == nil && di.Mode().Perm()&0o222 == 0:
		return "its folder does not allow creating files (SQLite keeps its journal there)"
	}
	if why := writeDenied(path, false); why != "" {
		return why
	}
	return writeDenied(dir, true)
}

// rollingBackupReason says why the file at real (links resolved) opens
// read-only when it is one of the rolling backups in Dossier's backups
// folder, or "": work saved into one was deleted with it when newer
// backups pruned it (found by a hostile pass).
func rollingBackupReason(real string) string {
	if _, ok := parseBackupName(filepath.Base(real)); !ok {
		return ""
	}
	data, err := dataDir()
	if err != nil || filepath.Dir(filepath.Dir(real)) != filepath.Join(resolvePath(data), "backups") {
		return ""
	}
	return "it is one of the rolling backups Dossier keeps, which are deleted as newer ones are made: restore it (File → Restore from backup…, or dossier restore), or copy it out of the backups folder to work in the copy"
}

// cannotCreate says why a research file that does not exist yet cannot be
// created at path, or "" if it can (or exists).
func cannotCreate(path string) string {
	if _, err := os.Lstat(path); err == nil {
		return ""
	}
	dir := filepath.Dir(path)
	if di, err := os.Stat(dir); err == nil && di.Mode().Perm()&0o222 == 0 {
		return "its folder does not allow creating files"
	}
	if why := writeDenied(dir, true); why != "" {
		return why
	}
	return ""
}

// onReadOnlyDisk is writeDenied's reason for a file or folder on a disk
// mounted read-only.
const onReadOnlyDisk = "it is on a read-only disk"

// CannotCreateIn says why no file can be made in the folder dir (a save
// dialog's), or "" if one can, as far as the system says without making
// one. Root passes unless the disk is read-only or the folder lacks every
// write permission.
func CannotCreateIn(dir string) string {
	if di, err := os.Stat(dir); err == nil && di.Mode().Perm()&0o222 == 0 {
		return "it does not allow creating files"
	}
	switch why := writeDenied(dir, true); why {
	case "", onReadOnlyDisk:
		return why
	default:
		return "you may not create files in it"
	}
}
