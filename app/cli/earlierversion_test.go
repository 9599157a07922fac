package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dossier import of an edited file says the library keeps its earlier
// version, as the window's summary does.
func TestImportSaysAnEditedFilesEarlierVersionIsKept(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.dossier")
	memo := filepath.Join(dir, "memo.txt")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(memo, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Memo on the GRU\n\nFirst draft.\n")
	if r := run(t, db, "import", memo); r.code != 0 || strings.Contains(r.stdout, "earlier version") {
		t.Fatalf("first import: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	write("Memo on the GRU\n\nSecond draft, with the indictment.\n")
	r := run(t, db, "import", memo)
	if r.code != 0 {
		t.Fatalf("second import: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, `imported  `+memo+`: "Memo on the GRU" with 1 passage; the library also holds an earlier version (imported `) {
		t.Errorf("the line of the edited memo:\n%s", r.stdout)
	}
}
