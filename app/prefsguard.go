package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
)

// appID is the window's Fyne app ID, which names its preferences folder.
const appID = "io.github.dossier"

// preferencesPath is where Fyne keeps the app's preferences (its
// rootConfigDir, then the app ID).
func preferencesPath() (string, error) {
	if runtime.GOOS == "darwin" {
		home, err := os.UserHomeDir()
		return filepath.Join(home, "Library", "Preferences", "fyne", appID, "preferences.json"), err
	}
	dir, err := os.UserConfigDir()
	return filepath.Join(dir, "fyne", appID, "preferences.json"), err
}

// guardPreferences keeps a copy of the last preferences that loaded, and
// puts it back when the file is found empty or cut short. Fyne writes the
// file in place (emptied, then written), and quitting while it did (after
// a large import) left it empty: theme, text size, search history and
// recent files were lost (found by a UI pass). Run before Fyne reads it.
func guardPreferences() {
	path, err := preferencesPath()
	if err != nil {
		return
	}
	kept := path + ".last-good"
	if b, err := os.ReadFile(path); err == nil && len(b) > 0 && json.Valid(b) {
		writeWhole(kept, b)
		return
	} else if err != nil && !os.IsNotExist(err) {
		return // unreadable: leave it to Fyne to say so
	}
	if b, err := os.ReadFile(kept); err == nil && len(b) > 0 && json.Valid(b) {
		writeWhole(path, b)
	}
}

// writeWhole writes b to path under a temporary name, then renames it: the
// file is the old one or the new one, never half of either.
func writeWhole(path string, b []byte) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}
