package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"dossier/store"
)

// A file that another program writes while it is recovered is read as it
// was at one moment: a document imported after the passages were copied
// made its passage tags "skipped" as orphans (a hostile data pass).
func TestRecoverReadsALiveFileAtOneMoment(t *testing.T) {
	s, _ := mustResearch(t)
	before := store.RowCount(t, s, "passages")
	imported := false
	defer store.OnRecoverTable(func(table string) {
		if table == "passages" && !imported {
			imported = true
			importText(t, s, "later.txt", "A later report\n\nKonstantin Kilimnik met Paul Manafort in Madrid.\n\nVladimir Putin was told.\n")
		}
	})()
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), s.Path(), out)
	if err != nil {
		t.Fatal(err)
	}
	if !imported {
		t.Fatal("the import between tables did not run")
	}
	if rep.Skipped() != 0 {
		t.Errorf("rows skipped from a sound file written meanwhile: %s", rep)
	}
	r, err := store.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := store.RowCount(t, r, "passages"); got != before {
		t.Errorf("recovered %d passages, the file had %d when the recovery began", got, before)
	}
}
