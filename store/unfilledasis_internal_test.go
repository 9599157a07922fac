//go:build unix

package store

import (
	"context"
	"path/filepath"
	"testing"
)

// A file left by a killed import is told by the commands that read it as
// it is (dossier check: CheckFileNoting; dossier backup: Open, then
// LeftUnfilledAsIs), killed once the open was done or while the seed went
// in, and they leave it so: the next import takes it as new still. One
// changed since (renamed by dossier) is not told.
func TestAFileLeftByAKilledImportIsToldAsItIs(t *testing.T) {
	ctx := context.Background()
	told := func(t *testing.T, path string) (checked, opened bool) {
		t.Helper()
		problems, checked, err := CheckFileNoting(ctx, path, unfilledSeed)
		if err != nil || len(problems) > 0 {
			t.Fatal(problems, err)
		}
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		return checked, st.LeftUnfilledAsIs(ctx, unfilledSeed)
	}
	for _, at := range []string{"made", "seeding"} {
		t.Run(at, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.dossier")
			killUnfilledChild(t, path, at)
			if checked, opened := told(t, path); !checked || !opened {
				t.Errorf("told by check %v, by an open as it is %v; want both", checked, opened)
			}
			st, err := OpenResearchFileToFill(path, unfilledSeed)
			if err != nil {
				t.Fatal(err)
			}
			if !st.MadeNow() {
				t.Error("once told, the next import did not take the file as new")
			}
			st.CloseRemovingMade()
		})
	}
	t.Run("changed since", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "new.dossier")
		killUnfilledChild(t, path, "made")
		renameOnlyDocument(t, path, "Mine")
		if checked, opened := told(t, path); checked || opened {
			t.Errorf("a changed file told by check %v, by an open as it is %v", checked, opened)
		}
	})
}
