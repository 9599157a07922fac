//go:build unix

package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A backup the user made (dossier backup --out) of a file a killed import
// left unfilled is a file of the user's making: an import into it that
// finds nothing to import keeps it. It carried the unfilled mark, and was
// taken as new and removed (hostile data pass data26).
func TestABackupOfAFileLeftUnfilledIsNotTakenAsNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.dossier")
	killUnfilledChild(t, path, "made")
	st, err := OpenResearchFile(path, unfilledSeed)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "kept.dossier")
	if err := st.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	st.Close()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if name := e.Name(); name != "new.dossier" && name != out[len(dir)+1:] {
			t.Errorf("the backup left %s beside it", name)
		}
	}
	assertNotTakenAsNew(t, out)
}

// A file recovered (dossier recover --out) from one a killed import left
// unfilled is the user's too: an import of nothing into it keeps it.
func TestARecoveredFileLeftUnfilledIsNotTakenAsNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.dossier")
	killUnfilledChild(t, path, "made")
	out := filepath.Join(dir, "recovered.dossier")
	if _, err := Recover(context.Background(), path, out); err != nil {
		t.Fatal(err)
	}
	assertNotTakenAsNew(t, out)
}

// A copy (cp) of a file a killed import left unfilled, or the file moved
// to another name, is the user's doing: an import of nothing into it
// keeps it. The mark travelled with the bytes, and the file was taken as
// new and removed (hostile data pass data26).
func TestACopiedOrMovedFileLeftUnfilledIsNotTakenAsNew(t *testing.T) {
	for _, how := range []string{"copied", "moved"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "new.dossier")
			killUnfilledChild(t, path, "made")
			out := filepath.Join(dir, "mine.dossier")
			for _, side := range []string{"", "-wal"} { // the -wal the kill left holds commits
				if how == "moved" {
					if err := os.Rename(path+side, out+side); err != nil && !os.IsNotExist(err) {
						t.Fatal(err)
					}
					continue
				}
				data, err := os.ReadFile(path + side)
				if os.IsNotExist(err) {
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(out+side, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			os.Remove(path + "-shm")
			assertNotTakenAsNew(t, out)
		})
	}
}
