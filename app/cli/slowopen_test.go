package cli

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"dossier/store"
)

// An open that outlasts slowOpenNote says what the command is waiting for,
// whole, before anything else is written; a quick one says nothing. (On a
// terminal only: noteToFiles stands for it here.)
func TestASlowOpenSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "research.dossier")
	f := researchFile{path: path, seed: store.Seed{}}
	defer func(d time.Duration) { noteToFiles = d }(noteToFiles)

	noteToFiles = 0 // every open is slow (stderr is not a terminal here)
	var stderr bytes.Buffer
	st, err := f.open(&stderr)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	want := "dossier: opening " + path + "; a large research file can take a few minutes the first time a new version of Dossier opens it\n" +
		"dossier: made a new research file " + path + "; it starts with the built-in article\n"
	if got := stderr.String(); got != want {
		t.Errorf("stderr %q\nwant %q", got, want)
	}

	noteToFiles = time.Minute
	stderr.Reset()
	if st, err = f.open(&stderr); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if got := stderr.String(); got != "" {
		t.Errorf("a quick open said %q", got)
	}
}
