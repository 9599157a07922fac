package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A research file holding the user's documents, whose meta another
// program changed to read as one a dossier import was killed in while the
// seed went in (marked "seeding", the seed's record gone): the seed goes
// in again at the next open, but the file is not the import's: it held
// documents before. Taken as made, a dossier import of nothing removed it,
// with the documents (hostile data pass data26).
func TestAForgedSeedingMarkOnAFileWithDocumentsIsNotTaken(t *testing.T) {
	path := usersFileWithNotes(t)
	forgeSeedingMark(t, path)
	assertNotTakenAsNew(t, path)
}

// usersFileWithNotes is a research file holding a document of the user's.
func usersFileWithNotes(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mine.dossier")
	st, err := OpenResearchFile(path, unfilledSeed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportText(context.Background(), "My notes", "", "Something the user wrote and wants kept."); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// assertNotTakenAsNew checks that an import into the file at path (open
// to fill, nothing put in) neither takes it as new nor removes it.
func assertNotTakenAsNew(t *testing.T, path string) {
	t.Helper()
	st, err := OpenResearchFileToFill(path, unfilledSeed)
	if err != nil {
		t.Fatal(err)
	}
	if st.LeftUnfilled() || st.MadeNow() {
		t.Errorf("left unfilled %v, made %v; want neither", st.LeftUnfilled(), st.MadeNow())
	}
	if removed, err := st.CloseRemovingMade(); removed || err != nil {
		t.Errorf("removed %v, %v", removed, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal("the file is gone:", err)
	}
}
