package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// A database/sql Scan error on a file whose every value is of a kind
// Dossier writes is Dossier's own fault: it is not blamed on another
// program, nor is recovering the file advised (it would not mend it). On a
// file where another program wrote text into a column of whole numbers, it
// is the file's, with the way out.
func TestScanErrorBlamesTheFileOnlyWhenItHoldsForeignValues(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportText(ctx, "A report", "", "Officials said the campaign met Kilimnik."); err != nil {
		t.Fatal(err)
	}
	scan := errors.New(`sql: Scan error on column index 2, name "text_length": converting driver.Value type string ("soon") to a int64: invalid syntax`)
	err = s.fileErr(scan)
	if IsFileError(err) || strings.Contains(err.Error(), "another program") || strings.Contains(err.Error(), "recover") ||
		!strings.Contains(err.Error(), "a fault in Dossier") || !errors.Is(err, scan) {
		t.Errorf("a Scan error on a sound file: %v; want it said to be Dossier's fault", err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE documents SET text_length = 'soon'`); err != nil {
		t.Fatal(err)
	}
	err = s.fileErr(scan)
	if !IsFileError(err) || !strings.Contains(err.Error(), "holds a value in its column text_length of a kind Dossier never writes") ||
		!strings.Contains(err.Error(), "recover it into a new file") {
		t.Errorf("a Scan error on a file holding text where Dossier writes numbers: %v; want the file blamed, and recover advised", err)
	}
}
