package store

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"dossier/store/ingest"
)

// BundleExt is the extension of annotation bundles (dossier export --format
// json), which an import restores rather than reads as a document.
const BundleExt = ".json"

// Importable is the one rule for what Dossier takes from a folder and
// offers in its file picker: a file, not hidden, whose extension is a
// document format's (see ingest.Formats) or an annotation bundle's. A file
// named on its own is always tried, and refused with a reason if it is not
// importable.
func Importable(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	return ingest.Importable(name) || strings.EqualFold(filepath.Ext(name), BundleExt)
}

// ImportExtensions lists the extensions Importable takes, for messages.
func ImportExtensions() []string { return append(ingest.Supported(), BundleExt) }

// ImportableFiles expands the folders among paths into the importable files
// they hold, at any depth (hidden folders left out), each folder's sorted by
// path; other paths are kept as given, in order, so that a file that cannot
// be imported is named in the outcome with its reason. A folder holding no
// importable file adds nothing.
func ImportableFiles(paths []string) []string {
	return expandPaths(paths, false)
}

// expandPaths is ImportableFiles; keepEmpty keeps a folder that holds
// nothing importable, so that importing it says so.
func expandPaths(paths []string, keepEmpty bool) []string {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			out = append(out, p)
			continue
		}
		files := filesIn(p)
		if len(files) == 0 && keepEmpty {
			files = []string{p}
		}
		out = append(out, files...)
	}
	return out
}

// filesIn lists the importable files under dir. Folders that cannot be read
// are passed over: what can be read is still imported.
func filesIn(dir string) []string {
	var out []string
	walkImportable(dir, func(path string) bool {
		out = append(out, path)
		return true
	})
	sort.Strings(out)
	return out
}

// walkImportable calls found with each importable file under dir, while it
// returns true.
func walkImportable(dir string, found func(path string) bool) {
	// "dir/." so that a link to a folder is followed (WalkDir does not
	// follow a root that is a link); the paths it gives are clean.
	root := dir + string(filepath.Separator) + "."
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || savedPageResources(path)):
			return filepath.SkipDir
		case !d.IsDir() && Importable(d.Name()):
			if !found(path) {
				return filepath.SkipAll
			}
		}
		return nil
	})
}

// savedPageResources reports a browser's resource folder for a page saved
// complete ("Report_files" beside "Report.html"): its .html files are the
// page's frames, ads and trackers, not documents of their own.
func savedPageResources(dir string) bool {
	stem, ok := strings.CutSuffix(filepath.Base(dir), "_files")
	if !ok || stem == "" {
		return false
	}
	for _, ext := range []string{".html", ".htm", ".xhtml", ".HTML", ".HTM"} {
		if fi, err := os.Stat(filepath.Join(filepath.Dir(dir), stem+ext)); err == nil && fi.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// emptyFolder is the reason given for a folder with nothing to import.
func emptyFolder(path string) error {
	return &ingest.Error{File: path, Reason: fmt.Sprintf("is a folder holding no files Dossier imports (%s)", strings.Join(ImportExtensions(), ", "))}
}

// UnreadableInput says why path, given to an import, cannot be imported
// at all, as far as that is cheap to tell: missing, a broken link, not
// permitted, not an ordinary file, a folder that cannot be listed, a
// document over the size limit, a database's side file, or a file whose
// first kilobytes say it (see ingest.RefusedByHead); else it returns nil.
// It reads at most those kilobytes of the file: an import given only such
// paths (`dossier import MISSING`) need not open its research file, nor
// make a new one to import nothing into.
func UnreadableInput(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		f, err := os.Open(path)
		if err != nil {
			return &ingest.Error{File: path, Reason: "is a folder Dossier may not read (permission denied)"}
		}
		_, err = f.ReadDir(1)
		f.Close()
		if err != nil && err != io.EOF {
			return &ingest.Error{File: path, Reason: "is a folder that cannot be read: " + err.Error()}
		}
		if !holdsImportable(path) {
			return emptyFolder(path)
		}
		return nil
	}
	f, err := ingest.OpenRegular(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// A document over the limit is refused by its size alone ("dossier
	// import huge.log.txt" made a research file to hold nothing); a bundle
	// has a limit of its own, and a .json file that is no bundle is read
	// as a document, so .json files are left to the import.
	bundle := strings.EqualFold(filepath.Ext(path), BundleExt)
	if fi, err := f.Stat(); err == nil && fi.Size() > ingest.MaxFileSize && !bundle {
		return ingest.TooLarge(path, fi.Size())
	}
	if what := sideOfDatabase(path); what != "" {
		return &ingest.Error{File: path, Reason: "is " + what + ", not a document"} // as readImport says it
	}
	if bundle {
		return nil
	}
	// An empty file, one that fails to read, one of no format Dossier
	// reads (import notes.xyz): each made a research file to hold nothing
	// (a hostile data pass). Their first kilobytes tell.
	return ingest.RefusedByHead(f, path)
}

// holdsImportable reports whether dir holds a file filesIn would list,
// stopping at the first.
func holdsImportable(dir string) bool {
	found := false
	walkImportable(dir, func(string) bool { found = true; return false })
	return found
}
