package cli_test

import (
	"os"
	"strings"
	"testing"

	"dossier/app/cli"
)

// "--" ends the options: `dossier import -- --notes.txt` imports the file
// named like an option, and only it. "--" was read as a file ("error --:
// no such file", exit 1; a hostile data pass).
func TestImportAfterDoubleDash(t *testing.T) {
	db := newDB(t)
	t.Chdir(t.TempDir())
	if err := os.WriteFile("--notes.txt", []byte("Notes\n\nA source said the meeting took place in Vienna.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, db, "import", "--", "--notes.txt")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "--notes.txt") || strings.Contains(r.stdout+r.stderr, "error") {
		t.Fatalf("import -- --notes.txt: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, db, "search", "vienna"); !strings.Contains(r.stdout, "Notes") {
		t.Errorf("the file imported after -- is not found: %q %q", r.stdout, r.stderr)
	}
}
