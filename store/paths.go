package store

import (
	"os"
	"path/filepath"
	"runtime"
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
	switch runtime.GOOS {
	case "windows", "darwin", "ios":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "Dossier", DefaultFileName), nil
	}
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "dossier", DefaultFileName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "dossier", DefaultFileName), nil
}
