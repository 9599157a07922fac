package ingest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store/ingest"
)

// RefusedByHead refuses only what the import would refuse for the same
// reason: a zip archive it has not read whole, and content a format knows
// whatever the name, are let pass.
func TestRefusedByHeadSaysWhatTheImportSays(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, content, want string // want "": let pass
	}{
		{"empty.txt", "", "the file is empty"},
		{"notes.xyz", "plain words", `unsupported file type ".xyz"`},
		{"long.xyz", strings.Repeat("plain words ", 1000), `unsupported file type ".xyz"`},
		{"notes.txt", "plain words", ""},
		{"blank.txt", "   ", ""}, // its reader says why, once it has read it
		{"report.xyz", "%PDF-1.4 " + strings.Repeat("x", 8000), ""},
		{"page.xyz", "<!DOCTYPE html><html><body><p>Hi</p></body></html>", ""},
		{"book.xyz", "PK\x03\x04" + strings.Repeat("z", 8000), ""}, // its members are at its end
	} {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := ingest.OpenRegular(path)
		if err != nil {
			t.Fatal(err)
		}
		err = ingest.RefusedByHead(f, path)
		f.Close()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v; want it let pass", c.name, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), path+": "+c.want)):
			t.Errorf("%s: %v; want %q", c.name, err, c.want)
		}
		if c.want != "" {
			if _, ierr := ingest.ReadFile(path); ierr == nil || ierr.Error() != err.Error() {
				t.Errorf("%s: the import says %v, RefusedByHead %v", c.name, ierr, err)
			}
		}
	}
}
