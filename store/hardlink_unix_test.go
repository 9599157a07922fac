//go:build unix

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"dossier/store"
)

// A research file with two names (a hard link) opens read-only through
// either: SQLite names the journal after the name a file was opened by, so
// two processes writing through two names would each keep their own and
// damage the file.
func TestHardLinkedFileOpensReadOnly(t *testing.T) {
	path := seededFile(t)
	other := filepath.Join(t.TempDir(), "same.dossier")
	if err := os.Link(path, other); err != nil {
		t.Skipf("cannot make a hard link here: %v", err)
	}
	ctx := context.Background()
	doc := filepath.Join(t.TempDir(), "new.txt")
	if err := os.WriteFile(doc, []byte("A new document about Derkach.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{path, other} {
		s, err := store.Open(name)
		if err != nil {
			t.Fatalf("Open of a hard-linked file: %v", err)
		}
		if !s.ReadOnly() || s.ReadOnlyReason() != store.HardLinked {
			t.Errorf("%s: ReadOnly() = %v, reason %q", filepath.Base(name), s.ReadOnly(), s.ReadOnlyReason())
		}
		if res := search(t, s, "kilimnik"); res.Total != 1 {
			t.Errorf("search through %s found %d passages, want 1", filepath.Base(name), res.Total)
		}
		_, err = s.ImportFile(ctx, doc)
		assertReadOnlyErr(t, "ImportFile", err, name)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// With one name again, it is writable.
	if err := os.Remove(other); err != nil {
		t.Fatal(err)
	}
	w := mustOpenAt(t, path)
	if w.ReadOnly() {
		t.Fatalf("a file with one name opened read-only: %s", w.ReadOnlyReason())
	}
	if _, err := w.ImportFile(ctx, doc); err != nil {
		t.Errorf("import once the other name is gone: %v", err)
	}
}
