package store

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// The newest document deleted (by another program) while an import began
// gave its id to the import's first file, which the import's floor (the
// largest id before it began) then took for an earlier document: of
// "a/notes.txt" and "b/notes.txt", the second was said to be a later
// version of the first, imported with it (a hostile pass on 765d797).
func TestAnImportsOwnFileIsNoEarlierVersionWhenTheNewestWasDeleted(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.dossier")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	other := filepath.Join(dir, "other.txt")
	os.WriteFile(other, []byte("Other\n\nSomething else entirely.\n"), 0o644)
	var newest int64
	if err := st.ImportFiles(ctx, []string{other}, func(o FileOutcome) { newest = o.Result.DocumentID }); err != nil || newest == 0 {
		t.Fatal(newest, err)
	}
	for _, d := range []string{"a", "b"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
		os.WriteFile(filepath.Join(dir, d, "notes.txt"), []byte("Notes\n\nThe zebrafinch in folder "+d+".\n"), 0o644)
	}
	elsewhere, err := Open(path) // another program
	if err != nil {
		t.Fatal(err)
	}
	defer elsewhere.Close()
	var once sync.Once
	var outcomes []FileOutcome
	err = st.ImportFilesProgress(ctx, []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}, func(o FileOutcome) {
		outcomes = append(outcomes, o)
	}, func(ImportProgress) {
		once.Do(func() {
			if err := elsewhere.DeleteDocument(ctx, newest); err != nil {
				t.Error(err)
			}
		})
	})
	if err != nil || len(outcomes) != 2 {
		t.Fatalf("%d outcomes, %v", len(outcomes), err)
	}
	if outcomes[0].Result.DocumentID != newest {
		t.Skipf("the first file was given id %d, not the deleted %d: nothing to test", outcomes[0].Result.DocumentID, newest)
	}
	for _, o := range outcomes {
		if o.Err != nil || o.Result.Earlier != nil {
			t.Errorf("%s: earlier version %+v (%v); it has none", o.Path, o.Result.Earlier, o.Err)
		}
	}

	// A later import of one of them still finds it.
	os.WriteFile(filepath.Join(dir, "a", "notes.txt"), []byte("Notes\n\nThe zebrafinch in folder a, edited.\n"), 0o644)
	var again FileOutcome
	if err := st.ImportFiles(ctx, []string{filepath.Join(dir, "a", "notes.txt")}, func(o FileOutcome) { again = o }); err != nil {
		t.Fatal(err)
	}
	if again.Result.Earlier == nil || again.Result.Earlier.DocumentID != outcomes[1].Result.DocumentID {
		t.Errorf("the edited file's earlier version: %+v, want document %d", again.Result.Earlier, outcomes[1].Result.DocumentID)
	}
}
