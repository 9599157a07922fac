package app

import (
	"os"
	"path/filepath"
	"testing"
)

// importTwoMoreOfTheSeedsTitle imports a file titled as the built-in
// article, then an edited copy of it (an edited file imported again),
// closing the summaries: three documents of one title, the versions'
// tests' library.
func importTwoMoreOfTheSeedsTitle(t *testing.T, u *testUI) {
	t.Helper()
	path := writeFile(t, filepath.Join(t.TempDir(), "seed-article.txt"), seedTitle+"\n\nFirst page of the quetzalvane ledger.\n")
	for _, text := range []string{"", seedTitle + "\n\nFirst page, corrected, of the quetzalvane ledger.\n"} {
		if text != "" {
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		u.do(func() { u.importPaths([]string{path}) })
		for u.overlays() > 0 {
			u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
		}
	}
}
