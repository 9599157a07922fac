package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// An import killed after noting itself in the new research file it made,
// before it stored a document, left a file holding the seed alone. The
// next import said "The documents stored before it stopped are in the
// library; the rest are not", then, importing nothing, "the new research
// file … was removed again": none had been stored (data27). Opened to be
// filled (the next dossier import) or as it is (the window, dossier docs),
// the note now says it stopped before it stored anything.
func TestAnImportKilledBeforeItStoredAnythingSaysSo(t *testing.T) {
	ctx := context.Background()
	for _, open := range []struct {
		name string
		open func(string, Seed) (*Store, error)
	}{{"to fill", OpenResearchFileToFill}, {"as it is", OpenResearchFile}} {
		t.Run(open.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.dossier")
			killUnfilledChild(t, path, "noted")
			st, err := open.open(path, unfilledSeed)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			got, err := st.TakeUnfinishedImports(ctx)
			if err != nil || len(got) != 1 {
				t.Fatalf("unfinished imports %+v, %v; want the killed one", got, err)
			}
			text := got[0].Text(func(s string) string { return s })
			if !got[0].NothingStored || !strings.Contains(text, "stopped before it stored anything") || strings.Contains(text, "in the library") {
				t.Errorf("said: %s", text)
			}
			if !strings.Contains(text, "report.txt”") {
				t.Errorf("the file it was given is not named: %s", text)
			}
		})
	}
}
