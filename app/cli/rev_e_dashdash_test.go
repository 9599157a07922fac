package cli_test

import (
	"os"
	"strings"
	"testing"

	"dossier/app/cli"
)

// "--" is read as the end of options only as import's first argument:
// after a file (`dossier import notes.txt -- --draft.txt`, as getopt and
// the shell's own tools take it) it is a file again, "error --: no such
// file", the message the change meant to end (review 2026-12-05e).
func TestRevImportDoubleDashAfterAFile(t *testing.T) {
	db := newDB(t)
	t.Chdir(t.TempDir())
	for name, text := range map[string]string{
		"notes.txt":   "Notes\n\nA source said the meeting took place in Vienna.\n",
		"--draft.txt": "Draft\n\nAnother source said the meeting took place in Geneva.\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := run(t, db, "import", "notes.txt", "--", "--draft.txt")
	if r.code != cli.ExitOK || strings.Contains(r.stdout+r.stderr, "error") {
		t.Errorf("import notes.txt -- --draft.txt: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
}
