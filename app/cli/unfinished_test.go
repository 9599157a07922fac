package cli_test

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// The window's import killed while it found the new documents' claims
// leaves a note saying so (a hostile data pass: it was said by nothing);
// dossier import says it as it says an import that stopped, with the
// command that reads the rest.
func TestImportSaysAWindowsImportKilledFindingClaims(t *testing.T) {
	db := newDB(t)
	first := filepath.Join(t.TempDir(), "first.txt")
	os.WriteFile(first, []byte("The zebrafinch report.\n"), 0o644)
	if r := run(t, db, "import", first); r.code != 0 {
		t.Fatalf("import: %d %q", r.code, r.stderr)
	}
	host, _ := os.Hostname()
	note, _ := json.Marshal(store.UnfinishedImport{Files: 12, Named: []string{"/home/x/interviews"}, PID: 1<<22 + 17, Host: host,
		FindsClaims: true, FilesDone: true})
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`INSERT INTO meta(key, value) VALUES ('import_unfinished:1:1', ?)`, string(note)); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	second := filepath.Join(t.TempDir(), "second.txt")
	os.WriteFile(second, []byte("The quetzalvane ledger.\n"), 0o644)
	r := run(t, db, "import", second)
	for _, want := range []string{"“/home/x/interviews” (12 files) stored its documents but stopped while finding claims in them", "dossier claims --suggest"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("dossier import says %q; want %q in it", r.stderr, want)
		}
	}
	if r := run(t, db, "import", second); strings.Contains(r.stderr, "finding claims") {
		t.Errorf("said twice: %q", r.stderr)
	}
}
