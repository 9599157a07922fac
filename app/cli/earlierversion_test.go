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
	if !strings.Contains(r.stdout, `imported  `+memo+`: "Memo on the GRU" with 1 passage as v2; v1 is kept as it was`) {
		t.Errorf("the line of the edited memo:\n%s", r.stdout)
	}
	// A third draft is v3, and says so (it said "an earlier version").
	write("Memo on the GRU\n\nThird draft.\n")
	if r := run(t, db, "import", memo); r.code != 0 || !strings.Contains(r.stdout, `imported  `+memo+`: "Memo on the GRU" with 1 passage as v3; v1 and v2 are kept as they were`) {
		t.Errorf("the line of the third draft: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
