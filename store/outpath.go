package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"

	"dossier/store/internal/held"
)

// ErrProtectedFile is returned (wrapped, with the path) for an output path
// that must never be written over: the research file in use, one of its
// SQLite side files, or any Dossier research file.
var ErrProtectedFile = errors.New("refusing to overwrite")

// sideSuffixes are the research file itself and the files SQLite keeps
// beside it; writing over any of them destroys or corrupts the database.
var sideSuffixes = []struct{ suffix, what string }{
	{"", "the research file in use"},
	{"-wal", "the research file's write-ahead log"},
	{"-shm", "the research file's shared-memory index"},
	{"-journal", "the research file's rollback journal"},
}

// CheckOutput reports whether out may be created or replaced by an export
// (or any other output) while researchFile is open. It refuses the research
// file and its -wal, -shm and -journal files — compared by file identity
// (os.SameFile), so hard links, symbolic links and other spellings of the
// same file are caught, and by resolved path for side files that do not
// exist yet — and any existing Dossier research file, whatever its name.
// The CLI and the window both ask it before writing.
func CheckOutput(researchFile, out string) error {
	if out == "" {
		return nil
	}
	_, err := checkOutput(researchFile, out)
	return err
}

// checkOutput is CheckOutput of a named output, and the file a write to
// it reaches (writeTarget). Backup asks it too, then refuses any file
// that exists: the two made the same checks each its own way.
func checkOutput(researchFile, out string) (target string, err error) {
	if what := specialFile(out); what != "" {
		return "", fmt.Errorf("%w %s: it is %s, not a file; choose a file name", ErrProtectedFile, out, what)
	}
	outResolved, err := writeTarget(out) // where a write would go, or why none would
	if err != nil {
		return "", err
	}
	outFi, statErr := os.Stat(out) // follows links: the file that would be written
	dbResolved := resolvePath(researchFile)
	for _, sf := range sideSuffixes {
		side := researchFile + sf.suffix
		if statErr == nil {
			if fi, err := os.Stat(side); err == nil && os.SameFile(fi, outFi) {
				return "", fmt.Errorf("%w %s: it is %s; choose another file name", ErrProtectedFile, out, sf.what)
			}
		}
		if samePathName(outResolved, dbResolved+sf.suffix) {
			return "", fmt.Errorf("%w %s: it is %s; choose another file name", ErrProtectedFile, out, sf.what)
		}
	}
	if what := sideOfDatabase(out); what != "" {
		return "", fmt.Errorf("%w %s: it is %s; choose another file name", ErrProtectedFile, out, what)
	}
	if statErr == nil && outFi.Mode().IsRegular() {
		if why := researchFileKind(out); why != "" {
			return "", fmt.Errorf("%w %s: it is %s; choose another file name", ErrProtectedFile, out, why)
		}
	}
	// A file made read-only (chmod a-w) is kept so: renamed into place,
	// an export replaced it all the same, where any other write is refused
	// (a hostile data pass: a report kept read-only went without a word).
	if fi, err := os.Stat(outResolved); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o222 == 0 {
		return "", fmt.Errorf("%w %s: it is read-only; make it writable first, or choose another file name", ErrProtectedFile, out)
	}
	// And the file a write would reach, whatever the name's own answer
	// (the two must never differ, but the research file at stake is worth
	// a second look).
	if fi, err := os.Stat(outResolved); err == nil && fi.Mode().IsRegular() {
		if why := researchFileKind(outResolved); why != "" {
			return "", fmt.Errorf("%w %s: it is %s; choose another file name", ErrProtectedFile, out, why)
		}
	}
	return outResolved, nil
}

// writeTarget is the file a write to out reaches, its links followed as
// the system follows them, or why there is none: a name whose links never
// end (a circle, or more than the system follows; renaming over the link
// replaced it with a plain file, and said "exported"), or one the system
// would refuse (a folder missing on the way, a file named as a folder: a
// tidied guess wrote over other files). Found by hostile passes.
func writeTarget(out string) (string, error) {
	target, err := followLinks(out)
	var pe *fs.PathError
	switch {
	case errors.Is(err, errLinkLoop):
		return "", fmt.Errorf("cannot write %s: a link in its path never reaches a file or folder (a circle of links, or more than %d in a row); choose another file name", out, maxLinks)
	case errors.As(err, &pe):
		return "", fmt.Errorf("cannot write %s: %w (nothing was written)", out, pe.Err)
	case err != nil:
		return "", fmt.Errorf("cannot write %s: %w (nothing was written)", out, err)
	}
	return target, nil
}

// ResolvePath is the file the system reaches through p, its links followed
// as the system follows them (the last part need not exist), or why the
// system would refuse p: a folder missing on the way, a file named as a
// folder, a circle of links.
func ResolvePath(p string) (string, error) { return followLinks(p) }

// CheckOutput is CheckOutput for this research file.
func (s *Store) CheckOutput(out string) error { return CheckOutput(s.path, out) }

// resolvePath makes p absolute and resolves symbolic links as far as they
// exist, as the system does when it opens p: a link to a file not yet
// created resolves to that file's path. A path that cannot be resolved (a
// circle of links) stays as it is, made absolute.
func resolvePath(p string) string {
	if r, err := followLinks(p); err == nil {
		return r
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// maxLinks is how many symbolic links the system follows in one path
// before it gives up (Linux's MAXSYMLINKS).
const maxLinks = 40

// errLinkLoop is followLinks's failure on a path whose links never end.
var errLinkLoop = syscall.ELOOP

// LinkLoopErr says err, a failure to reach path, in words when it is a
// circle of links: the research file, a backup to restore and check's
// file said the system's "stat loop: too many levels of symbolic links"
// (a hostile pass). Other errors are returned as they are.
func LinkLoopErr(path string, err error) error {
	if errors.Is(err, errLinkLoop) {
		return fmt.Errorf("%s is a symbolic link that never reaches a file (a circle of links, or more than %d in a row)", path, maxLinks)
	}
	return err
}

// absPath is p made absolute, tidied only where that names the same file:
// "sub/../f" keeps its "..", which the system applies where sub's link
// leads, not beside sub (filepath.Abs tidies it away first, and so named a
// different file); "x/../f", x a folder, is "f".
func absPath(p string) (string, error) {
	if runtime.GOOS == "windows" {
		return filepath.Abs(p)
	}
	raw := p
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		raw = wd + string(filepath.Separator) + p
	}
	tidy := filepath.Clean(raw)
	parts := strings.Split(raw, string(filepath.Separator))
	if last := parts[len(parts)-1]; !slices.Contains(parts, "..") && last != "" && last != "." {
		return tidy, nil // only inner "." and doubled separators went
	}
	// A "..", or a trailing "/" or "/." (which ask for a folder), may name
	// another file tidied: kept unless it is the same.
	if a, err := followAbs(raw); err == nil {
		if b, err := followAbs(tidy); err == nil && a == b {
			return tidy, nil
		}
	}
	return raw, nil
}

// followLinks is the file the system reaches through p: each part of the
// path in turn, a link followed where it stands (so a ".." after a link to
// a folder leaves the folder the link leads to), up to maxLinks links; the
// last part need not exist (a file to create, or a dangling link's
// target). Tidying p first, or following a fixed few links, named other
// files than the system writes: an export through "sub/../victim.dossier"
// overwrote another research file (found by a hostile pass).
func followLinks(p string) (string, error) {
	abs, err := absPath(p)
	if err != nil {
		return "", err
	}
	if runtime.GOOS == "windows" {
		return filepath.Clean(abs), nil // links there are rare, and named otherwise
	}
	return followAbs(abs)
}

// followAbs is followLinks of an absolute path.
func followAbs(abs string) (string, error) {
	sep := string(filepath.Separator)
	resolved, todo, links := sep, abs, 0
	for todo != "" {
		// inner: a separator follows part, so part must be a folder, as
		// the system requires ("notes.txt/../x", "victim.dossier/" fail
		// there, and were written to x and victim.dossier here).
		part, rest, inner := strings.Cut(todo, sep)
		todo = rest
		switch part {
		case "", ".":
			continue
		case "..":
			resolved = filepath.Dir(resolved)
			continue
		}
		next := filepath.Join(resolved, part)
		fi, err := os.Lstat(next)
		switch {
		case errors.Is(err, fs.ErrNotExist) && makeable(todo, inner):
			// A file to make, or a dangling link's target, perhaps in
			// folders to make (a new research file's are).
			return filepath.Join(next, todo), nil
		case err != nil:
			return "", &fs.PathError{Op: "open", Path: next, Err: pathErrno(err)}
		case fi.Mode()&fs.ModeSymlink == 0:
			if inner && !fi.IsDir() {
				return "", &fs.PathError{Op: "open", Path: next, Err: syscall.ENOTDIR}
			}
			resolved = next
			continue
		}
		if links++; links > maxLinks {
			return "", errLinkLoop
		}
		target, err := os.Readlink(next)
		if err != nil {
			return "", err
		}
		if filepath.IsAbs(target) {
			resolved = sep
		}
		if inner {
			todo = target + sep + todo
		} else {
			todo = target
		}
	}
	return resolved, nil
}

// makeable says whether a missing name followed by rest (inner: after a
// separator) is a file that can be made, in folders that can be made: not
// if a ".." follows (where it leads is unknowable), nor if only "/" or
// "/." follow (they ask for a folder; the system refuses to write a file
// there).
func makeable(rest string, inner bool) bool {
	names := 0
	for _, part := range strings.Split(rest, string(filepath.Separator)) {
		switch part {
		case "..":
			return false
		case "", ".":
		default:
			names++
		}
	}
	return !inner || names > 0
}

// pathErrno is the system's error number in err, or err.
func pathErrno(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno
	}
	return err
}

// samePathName compares resolved paths, ignoring case where the usual file
// systems do (macOS, Windows).
func samePathName(a, b string) bool {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// sideOfDatabase says what the file at path is when it is named as the
// -wal, -shm or -journal of an SQLite database beside it (another research
// file's, say): SQLite reads it with that database, so writing there loses
// the database's last changes, or damages it. "" if it is not.
func sideOfDatabase(path string) string {
	for _, p := range []string{path, resolvePath(path)} {
		for _, sf := range sideSuffixes[1:] {
			base, ok := strings.CutSuffix(p, sf.suffix)
			if !ok || base == "" {
				continue
			}
			what := strings.TrimPrefix(sf.what, "the research file's ")
			if held.Holds(base) { // not opened: that would drop SQLite's lock on it
				return fmt.Sprintf("the %s of %s, which Dossier has open", what, base)
			}
			if !hasSQLiteHeader(base) {
				if sideMagic(p) { // the database's header may be damaged: its log is still its last changes
					return fmt.Sprintf("the %s of %s", what, base)
				}
				continue
			}
			if researchFileKind(base) != "" {
				return fmt.Sprintf("the %s of the research file %s", what, base)
			}
			return fmt.Sprintf("the %s of the SQLite database %s", what, base)
		}
	}
	return ""
}

// sideMagic says whether the file at path begins as an SQLite write-ahead
// log or a rollback journal does.
func sideMagic(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 8)
	if _, err := io.ReadFull(f, b); err != nil {
		return false
	}
	return bytes.Equal(b[:4], []byte{0x37, 0x7f, 0x06, 0x82}) || bytes.Equal(b[:4], []byte{0x37, 0x7f, 0x06, 0x83}) ||
		bytes.Equal(b, journalMagic)
}

// hasSQLiteHeader says whether the regular file at path begins as an SQLite
// database does.
func hasSQLiteHeader(path string) bool {
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	header := make([]byte, len(sqliteMagic))
	_, err = io.ReadFull(f, header)
	return err == nil && string(header) == sqliteMagic
}

// researchFileKind says why the regular file at path must not be replaced
// ("a Dossier research file"), or "" if it may be.
func researchFileKind(path string) string {
	if held.Holds(path) { // not opened: that would drop SQLite's lock on it
		return "a research file Dossier has open"
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	header := make([]byte, 100)
	n, _ := io.ReadFull(f, header)
	f.Close()
	if n < 100 || !bytes.HasPrefix(header, []byte(sqliteMagic)) {
		return ""
	}
	appID := uint32(header[68])<<24 | uint32(header[69])<<16 | uint32(header[70])<<8 | uint32(header[71])
	switch {
	case appID == ApplicationID:
		return "a Dossier research file"
	case appID == 0:
		// A new Dossier file's header is written at the first checkpoint;
		// until then its mark lives in the -wal file.
		if _, err := os.Lstat(path + "-wal"); err == nil {
			return "a SQLite database in use (it may be a Dossier research file)"
		}
	}
	// Any other SQLite database, a research file whose header lost
	// Dossier's mark among them: `dossier recover` can still read all of
	// such a file, and an export written over it lost it (found by a
	// hostile pass).
	return "a SQLite database (perhaps a research file that lost its mark, which `dossier recover` can read)"
}
