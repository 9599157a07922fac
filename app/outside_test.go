package app

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"dossier/store"
)

// A `dossier import` from a shell into the window's open file: the window
// lists what came in once it asks, keeps the search typed, and says so.
// It listed nothing new until restarted.
func TestWindowNoticesAnotherProgramsImport(t *testing.T) {
	u := newTestUI(t)
	u.find("quetzalvane")
	if u.results.view().hits != 0 {
		t.Fatalf("the seed matches quetzalvane: %+v", u.results.view())
	}
	other, err := store.Open(u.CurrentStore().Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	dir := t.TempDir()
	importFile(t, other, writeFile(t, filepath.Join(dir, "ledger.txt"), "The Quetzalvane ledger\n\nInvestigators found the quetzalvane ledger in a locked drawer.\n"))
	importFile(t, other, writeFile(t, filepath.Join(dir, "memo.txt"), "A memo on the quetzalvane payments\n\nThe memo names the quetzalvane account.\n"))

	u.do(u.checkOutside)
	u.work.wait() // the re-reads the check started
	titles := docTitles(u)
	for _, want := range []string{"The Quetzalvane ledger", "A memo on the quetzalvane payments"} {
		if !slices.Contains(titles, want) {
			t.Errorf("the library lists %q after another program imported %q", titles, want)
		}
	}
	if got := u.search.entry.Text; got != "quetzalvane" {
		t.Errorf("the search box holds %q after the re-read, want what was typed", got)
	}
	if u.results.view().hits == 0 {
		t.Errorf("the search for quetzalvane lists nothing after another program imported two documents holding it")
	}
	if got, want := u.status.text(), "2 documents added by another program."; got != want {
		t.Errorf("status line %q, want %q", got, want)
	}

	// The window's own import is not another program's.
	before := u.status.text()
	importFile(t, u.CurrentStore(), writeFile(t, filepath.Join(dir, "own.txt"), "A note of the window's own\n\nNothing else.\n"))
	u.do(func() { u.status.setMessage("Imported.") })
	u.do(u.checkOutside)
	u.work.wait()
	if got := u.status.text(); got != "Imported." {
		t.Errorf("after the window's own import the status line says %q (before: %q)", got, before)
	}
}

// An idle window asks every few seconds, unprompted.
func TestIdleWindowAsksWhetherItsFileChanged(t *testing.T) {
	defer func(was time.Duration) { outsideCheckEvery = was }(outsideCheckEvery)
	outsideCheckEvery = 20 * time.Millisecond
	u := newTestUI(t)
	other, err := store.Open(u.CurrentStore().Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	importFile(t, other, writeFile(t, filepath.Join(t.TempDir(), "ledger.txt"), "The Quetzalvane ledger\n\nInvestigators found it.\n"))
	deadline := time.Now().Add(20 * time.Second)
	for {
		var titles []string
		u.do(func() { titles = docTitles(u) })
		if slices.Contains(titles, "The Quetzalvane ledger") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("20 s after another program's import the library lists only %q", titles)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Another program's import of files already here changed nothing the
// window shows, and the window says nothing of it ("The research file
// changed outside this window." was said; a hostile UI pass). A document
// it deletes, not open in the reader, is said as deleted, not "changed".
func TestWindowQuietOfAnImportThatAddedNothingAndSaysADeletion(t *testing.T) {
	u := newTestUI(t)
	other, err := store.Open(u.CurrentStore().Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	path := writeFile(t, filepath.Join(t.TempDir(), "ledger.txt"), "The Quetzalvane ledger\n\nInvestigators found the quetzalvane ledger in a locked drawer.\n")
	importFile(t, other, path)
	u.do(u.checkOutside)
	u.work.wait() // the re-reads the check started
	if got, want := u.status.text(), "1 document added by another program."; got != want {
		t.Fatalf("status line %q, want %q", got, want)
	}

	u.do(func() { u.status.setMessage("Ready.") })
	if res := importFile(t, other, path); !res.AlreadyPresent {
		t.Fatalf("the second import was not of a file already here: %+v", res)
	}
	u.do(u.checkOutside)
	u.work.wait()
	if got := u.status.text(); got != "Ready." {
		t.Errorf("after another program's import that added nothing the status line says %q", got)
	}

	var ledger int64
	u.do(func() {
		for _, d := range u.library.docs {
			if d.Title == "The Quetzalvane ledger" {
				ledger = d.ID
			}
		}
	})
	if ledger == 0 || u.reader.doc.ID == ledger {
		t.Fatalf("the ledger is listed as %d, the reader shows %d", ledger, u.reader.doc.ID)
	}
	if _, err := other.RemoveDocument(context.Background(), ledger); err != nil {
		t.Fatal(err)
	}
	u.do(u.checkOutside)
	u.work.wait()
	if got, want := u.status.text(), "1 document deleted by another program."; got != want {
		t.Errorf("status line %q, want %q", got, want)
	}
	if slices.Contains(docTitles(u), "The Quetzalvane ledger") {
		t.Errorf("the library still lists the document another program deleted")
	}
}
