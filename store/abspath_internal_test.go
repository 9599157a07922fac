package store

import (
	"os"
	"path/filepath"
	"testing"
)

// A path is tidied for showing only where that names the same file: a ".."
// after a folder goes, a ".." after a link to a folder stays (the system
// applies it where the link leads).
func TestAbsPathTidiesOnlyWhatNamesTheSameFile(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	os.MkdirAll("real/deep", 0o755)
	if err := os.Symlink("real/deep", "sub"); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for p, want := range map[string]string{
		"r.dossier":            filepath.Join(dir, "r.dossier"),
		"./real//r.dossier":    filepath.Join(dir, "real/r.dossier"),
		"real/../r.dossier":    filepath.Join(dir, "r.dossier"),
		"real/deep/../r.d":     filepath.Join(dir, "real/r.d"),
		"sub/../r.dossier":     dir + "/sub/../r.dossier",
		dir + "/sub/../x.md":   dir + "/sub/../x.md",
		dir + "/real/../x.md":  filepath.Join(dir, "x.md"),
		"missing/../r.dossier": dir + "/missing/../r.dossier", // the system would fail: left as it is
	} {
		got, err := absPath(p)
		if err != nil || got != want {
			t.Errorf("absPath(%q) = %q (%v), want %q", p, got, err, want)
		}
	}
	if r, err := followLinks("sub/../r.dossier"); err != nil || r != filepath.Join(dir, "real/r.dossier") {
		t.Errorf("followLinks(sub/../r.dossier) = %q (%v), want real/r.dossier", r, err)
	}
}
