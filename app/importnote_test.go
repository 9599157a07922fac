package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// The window's end (quitting, or the SIGTERM after which Run closes the
// window itself) stops an import as Cancel does, but no summary tells of
// it then: the file's note of the import stays, and the next open says
// the import did not finish, and that the documents it stored have no
// claims yet (importing them again skips them). The note was taken away
// with the cancel, and nothing was said.
func TestAnImportStoppedByTheWindowsEndIsSaidAtTheNextOpen(t *testing.T) {
	u := newTestUI(t)
	path := u.CurrentStore().Path()
	dir := t.TempDir()
	var paths []string
	para := strings.Repeat("The gravelwick shipment was late again and nobody knew why. ", 30)
	for i := range 40 {
		var b strings.Builder
		fmt.Fprintf(&b, "Memo number %d\n\n", i)
		for j := range 400 {
			fmt.Fprintf(&b, "%d %d %s\n\n", i, j, para)
		}
		paths = append(paths, writeFile(t, filepath.Join(dir, fmt.Sprintf("memo-%02d.txt", i)), b.String()))
	}
	// Closed as soon as passages are being written: the note is there.
	closed := false
	progressObserver = func(file, detail string, value float64) {
		if !closed && strings.Contains(file+detail, "passages written") {
			closed = true
			u.Close()
		}
	}
	defer func() { progressObserver = nil }()
	u.a.onUI(func() { u.importPaths(paths) })
	if !u.Finish(30 * time.Second) {
		t.Fatal("the import was still running 30 s after the window closed")
	}
	if !closed {
		t.Fatal("no passage was written before the import ended")
	}
	said := takeUnfinished(t, path)
	if len(said) != 1 || !said[0].FindsClaims {
		t.Fatalf("the next open says %+v; want the import stopped, with its claims to find", said)
	}
	text := said[0].Text(func(p string) string { return p })
	for _, want := range []string{"(40 files) stopped before its end", "import the same files again", "“Find claims in every document”"} {
		if !strings.Contains(text, want) {
			t.Errorf("the next open says %q; want %q in it", text, want)
		}
	}
}

// An import's claims phase (the window's, after the files) stopped by the
// end of the process was said by nothing: the note of the import was
// taken away once the files were in (a hostile data pass). The note stays
// until the claims are found, saying that is what is left.
func TestAnImportStoppedFindingClaimsIsSaidAtTheNextOpen(t *testing.T) {
	u := newTestUI(t)
	path := u.CurrentStore().Path()
	dir := t.TempDir()
	var paths []string
	for i := range 3 {
		paths = append(paths, writeFile(t, filepath.Join(dir, fmt.Sprintf("memo-%d.txt", i)),
			fmt.Sprintf("Memo %d\n\nAccording to Reuters, Kilimnik met Manafort in Madrid on day %d. Officials said the plumtwist deal was likely.\n", i, i)))
	}
	claimsPhaseHook = func() { u.a.onUI(u.Close) } // the window closes as the claims phase begins
	defer func() { claimsPhaseHook = nil }()
	u.a.onUI(func() { u.importPaths(paths) })
	if !u.Finish(30 * time.Second) {
		t.Fatal("the import was still running 30 s after the window closed")
	}
	said := takeUnfinished(t, path)
	if len(said) != 1 || !said[0].FilesDone {
		t.Fatalf("the next open says %+v; want the import's claims phase stopped", said)
	}
	text := said[0].Text(func(p string) string { return p })
	for _, want := range []string{"(3 files) stored its documents but stopped while finding claims in them", "“Find claims in every document” in the Claims section"} {
		if !strings.Contains(text, want) {
			t.Errorf("the next open says %q; want %q in it", text, want)
		}
	}
	if strings.Contains(text, "the rest are not") {
		t.Errorf("the next open says files are missing: %q", text)
	}
}

// takeUnfinished opens the research file at path again and takes its
// notes of unfinished imports, as the next open does.
func takeUnfinished(t *testing.T, path string) []store.UnfinishedImport {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	said, err := st.TakeUnfinishedImports(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return said
}

// Finding claims in every document killed part-way is said at the next
// open as what it was, not as an import.
func TestFindingClaimsKilledIsSaidAtTheNextOpen(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "stopped.dossier")
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	host, _ := os.Hostname()
	note, _ := json.Marshal(store.UnfinishedImport{PID: 1<<22 + 17, Host: host, FindsClaims: true, FilesDone: true, EveryDocument: true})
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO meta(key, value) VALUES ('import_unfinished:1:1', ?)`, string(note)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	u.do(func() { u.switchTo(path) })
	u.work.wait()
	u.do(func() {})
	text := strings.Join(texts(u.dialog(t, "Finding claims did not finish")), " ")
	if !strings.Contains(text, "Finding claims in every document stopped before its end") || !strings.Contains(text, "“Find claims in every document”") {
		t.Errorf("the dialog says %q", text)
	}
}

// A pasted document's claims phase stopped by the end of the process was
// said by nothing (data16's report): its note, written with the document,
// stays until its claims are found, and the next open says so.
func TestAPasteStoppedFindingClaimsIsSaidAtTheNextOpen(t *testing.T) {
	u := newTestUI(t)
	path := u.CurrentStore().Path()
	claimsPhaseHook = func() { u.a.onUI(u.Close) } // the window closes as the claims phase begins
	defer func() { claimsPhaseHook = nil }()
	u.a.onUI(func() {
		u.importPasted("Pasted memo", "", "Pasted memo\n\nAccording to Reuters, Kilimnik met Manafort in Madrid. Officials said the plumtwist deal was likely.\n")
	})
	if !u.Finish(30 * time.Second) {
		t.Fatal("the paste was still running 30 s after the window closed")
	}
	said := takeUnfinished(t, path)
	if len(said) != 1 || said[0].Pasted != "Pasted memo" {
		t.Fatalf("the next open says %+v; want the paste's claims phase stopped", said)
	}
	text := said[0].Text(func(p string) string { return p })
	for _, want := range []string{"A document pasted from the clipboard, “Pasted memo”, on ", "is in the library, but Dossier was closed or stopped while finding claims in it", "“Find claims in every document” in the Claims section"} {
		if !strings.Contains(text, want) {
			t.Errorf("the next open says %q; want %q in it", text, want)
		}
	}
}

// A paste whose claims are found leaves no note behind.
func TestAPasteFinishedLeavesNoNote(t *testing.T) {
	u := newTestUI(t)
	path := u.CurrentStore().Path()
	u.do(func() {
		u.importPasted("Pasted memo", "", "Pasted memo\n\nAccording to Reuters, Kilimnik met Manafort in Madrid.\n")
	})
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var notes int
	if err := db.QueryRow(`SELECT count(*) FROM meta WHERE key GLOB 'import_unfinished*'`).Scan(&notes); err != nil || notes != 0 {
		t.Errorf("after a paste that finished, %d notes are left (%v)", notes, err)
	}
	if docs, _ := u.CurrentStore().Documents(t.Context()); len(docs) != 2 {
		t.Errorf("%d documents after the paste", len(docs))
	}
}

// While a paste is stored and read for claims, the status line says so:
// nothing on screen said anything was happening until the summary, for
// seconds with a long text (a hostile pass, 2 MB pasted); the library's
// refresh after it says the rest.
func TestAPasteSaysItIsImporting(t *testing.T) {
	u := newTestUI(t)
	reached, release := make(chan struct{}), make(chan struct{})
	claimsPhaseHook = func() { close(reached); <-release }
	defer func() { claimsPhaseHook = nil }()
	u.a.onUI(func() {
		u.importPasted("Pasted memo", "", "Pasted memo\n\nAccording to Reuters, Kilimnik met Manafort in Madrid.\n")
	})
	<-reached
	var during string
	u.a.onUI(func() { during = u.status.message.Text })
	close(release)
	u.work.wait()
	if during != "Importing “Pasted memo” from the clipboard and finding its claims…" {
		t.Errorf("while the paste ran, the status said %q", during)
	}
	if got := u.status.message.Text; strings.Contains(got, "Importing") {
		t.Errorf("after the paste, the status still says %q", got)
	}
}
