package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/app/cli"
)

// A read-only research file (no write bits; honoured for root too) can be
// searched; import says it is read-only, names the research file, blames no
// input file, and nothing is left next to it.
func TestReadOnlyResearchFile(t *testing.T) {
	db := newDB(t)
	if r := run(t, db, "docs"); r.code != cli.ExitOK {
		t.Fatal(r.stderr)
	}
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if r := run(t, db, "search", "kilimnik"); r.code != cli.ExitOK || !strings.Contains(r.stdout, "Kilimnik") {
		t.Errorf("search on a read-only file: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	doc := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(doc, []byte("Notes\n\nSome text.\n"), 0o644)
	r := run(t, db, "import", doc)
	if r.code != cli.ExitError || !strings.HasPrefix(r.stderr, "dossier: this research file is read-only: "+db) ||
		strings.Contains(r.stdout+r.stderr, doc) {
		t.Errorf("import into a read-only file: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, ext := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(db + ext); err == nil {
			t.Errorf("%s left behind", ext)
		}
	}
}

// A .json file that is not valid JSON is a damaged bundle, and the message
// says where; not "unsupported file type".
func TestImportDamagedBundle(t *testing.T) {
	db := newDB(t)
	damaged := filepath.Join(t.TempDir(), "notes.json")
	os.WriteFile(damaged, []byte("{\n  \"format\": \"dossier-annotations\",\n  \"version\": 1,\n  \"tags\": [\n"), 0o644)
	r := run(t, db, "import", damaged)
	if r.code != cli.ExitError || !strings.HasPrefix(r.stdout, "error     "+damaged+": damaged Dossier annotation bundle: it ends early, at line 5") ||
		strings.Contains(r.stdout, "unsupported file type") {
		t.Errorf("damaged bundle: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// Arguments echoed in errors are cut short.
func TestCLIErrorsClipArguments(t *testing.T) {
	db := newDB(t)
	huge := strings.Repeat("x", 1<<20)
	usage := len(run(t, db, "help").stderr)
	for _, args := range [][]string{{huge}, {"export", "--format", huge}} {
		r := run(t, db, args...)
		if r.code != cli.ExitUsage || len(r.stderr) > usage+300 || !strings.Contains(r.stderr, strings.Repeat("x", 80)+"…") {
			t.Errorf("%.20q…: exit %d, %d bytes on stderr: %.200s", args[len(args)-1], r.code, len(r.stderr), r.stderr)
		}
	}
}
