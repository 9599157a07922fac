package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// KeepText writes text the user typed and a change could not keep (a
// refused undo's earlier note, a note whose save failed) into a file of
// its own in the data folder's "kept" folder, and returns the file's
// path. The clipboard alone held it before, and on X11 the clipboard is
// the program's own: it went when Dossier quit, or when anything else was
// copied (a hostile UI pass). what names the text ("bookmark note"); the
// file is named by the local time and what, with spaces, so that a message
// naming it breaks between words ("2026-12-06 13.20.11.123 bookmark
// note.txt"), is readable by its owner only (notes are the user's own),
// and never replaces another.
func KeepText(what, text string) (string, error) {
	data, err := dataDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(data, "kept")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("keeping the %s: %w", what, err)
	}
	stem := time.Now().Format("2006-01-02 15.04.05.000") + " " + strings.Join(strings.FieldsFunc(what, func(r rune) bool { return r == '/' || r == '\\' || unicode.IsSpace(r) }), " ")
	for i := 0; ; i++ {
		name := stem + ".txt"
		if i > 0 {
			name = fmt.Sprintf("%s (%d).txt", stem, i+1)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) && i < 100 {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("keeping the %s: %w", what, err)
		}
		_, err = f.WriteString(text)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path) // a part of it is no copy
			return "", fmt.Errorf("keeping the %s: %w", what, err)
		}
		return path, nil
	}
}
