package store

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
	"unicode/utf8"
)

// An import stopped by the end of its process left the batches it had
// stored and nothing saying it had stopped: the next start showed some of
// its files as if the import were done (a hostile pass, kill -9). The note
// an import keeps in the file while it writes is found by the next open,
// once, unless the process that wrote it still runs; an import that ends,
// or is cancelled, takes it away.
func TestAnUnfinishedImportIsSaidOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files := filepath.Join(dir, "files")
	os.Mkdir(files, 0o755)
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		os.WriteFile(filepath.Join(files, name), []byte("Notes from "+name+"\n\nThe zebrafinch was seen at "+name+".\n"), 0o644)
	}

	// While it writes, the note is there, and is not taken: this process
	// still runs the import.
	var during []string
	err = st.ImportFilesProgress(ctx, []string{files}, func(FileOutcome) {
		during = append(during, importNotes(t, st)...)
		if got, err := st.TakeUnfinishedImports(ctx); len(got) > 0 || err != nil {
			t.Errorf("an import still running was taken as unfinished (%v)", err)
		}
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(during) == 0 {
		t.Fatal("no note of the import while it wrote")
	}
	var n UnfinishedImport
	if err := json.Unmarshal([]byte(during[0]), &n); err != nil || n.Files != 3 || len(n.Named) != 1 || n.Named[0] != files {
		t.Errorf("the note says %s (%v)", during[0], err)
	}
	if len(importNotes(t, st)) > 0 {
		t.Error("the note is still there once the import ended")
	}
	if got, _ := st.TakeUnfinishedImports(ctx); len(got) > 0 {
		t.Error("an import that ended is said to be unfinished")
	}

	// A cancelled import takes its note away too.
	cctx, cancel := context.WithCancel(ctx)
	os.WriteFile(filepath.Join(files, "d.txt"), []byte("Another zebrafinch.\n"), 0o644)
	st.ImportFilesProgress(cctx, []string{files}, func(FileOutcome) { cancel() }, nil)
	cancel()
	if len(importNotes(t, st)) > 0 {
		t.Error("the note is still there once the import was cancelled")
	}

	// The note of a process that ended (no process has an id past Linux's
	// largest), and of an earlier process that had this one's id, is said
	// once.
	host, _ := os.Hostname()
	for _, pid := range []int{1<<22 + 17, os.Getpid()} {
		left, _ := json.Marshal(UnfinishedImport{Files: 200, Named: []string{"/home/x/folder"}, PID: pid, Host: host})
		if err := setMeta(ctx, st.db, unfinishedKey, string(left)); err != nil {
			t.Fatal(err)
		}
		got, err := st.TakeUnfinishedImports(ctx)
		if len(got) != 1 || err != nil || got[0].Files != 200 || len(got[0].Named) != 1 || got[0].Named[0] != "/home/x/folder" {
			t.Errorf("pid %d: the imports left unfinished are %+v, %v", pid, got, err)
		}
		if got, _ := st.TakeUnfinishedImports(ctx); len(got) > 0 {
			t.Errorf("pid %d: the unfinished import is said twice", pid)
		}
	}
	// Another process still running: left for it to take away.
	running, _ := json.Marshal(UnfinishedImport{Files: 2, PID: os.Getppid(), Host: host})
	setMeta(ctx, st.db, unfinishedKey, string(running))
	if got, _ := st.TakeUnfinishedImports(ctx); len(got) > 0 && processRunning(os.Getppid()) {
		t.Error("the import of a process still running was taken as unfinished")
	}
}

// importNotes are the notes of imports in st's meta.
func importNotes(t *testing.T, st *Store) []string {
	t.Helper()
	notes, err := stringColumn(st.db.QueryContext(context.Background(), `SELECT value FROM meta WHERE key = ? OR key GLOB ?`, unfinishedKey, unfinishedKey+":*"))
	if err != nil {
		t.Fatal(err)
	}
	return notes
}

func stringColumn(rows *sql.Rows, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Two processes may import into one file at once: the later's note took
// the place of the earlier's, so the earlier killed (kill -9 while the
// other imported) was said by nothing (a hostile pass: 5 of 40 files
// stored, and the next import said nothing of it).
func TestAKilledImportIsSaidThoughAnotherImportedMeanwhile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The first import's note, its process then killed: never taken away,
	// and no longer this process's.
	st.noteImport(ctx, []string{"/home/x/interviews"}, 40, 0, false)
	ownNotes.Clear()
	// The second import, run to its end meanwhile.
	file := filepath.Join(dir, "b.txt")
	os.WriteFile(file, []byte("The zebrafinch was seen.\n"), 0o644)
	if err := st.ImportFilesProgress(ctx, []string{file}, func(FileOutcome) {}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.TakeUnfinishedImports(ctx)
	if err != nil || len(got) != 1 || got[0].Files != 40 || len(got[0].Named) != 1 || got[0].Named[0] != "/home/x/interviews" {
		t.Errorf("the unfinished imports are %+v (%v); want the killed one of 40 files", got, err)
	}
}

// A folder given by a relative path ("dossier import k/") is noted by its
// whole path: the window opening the file from another folder said "k/".
func TestAnUnfinishedImportNamesItsFilesByTheirWholePath(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t.Chdir(dir)
	st.noteImport(ctx, []string{"k"}, 40, 0, false)
	ownNotes.Clear()
	got, err := st.TakeUnfinishedImports(ctx)
	if err != nil || len(got) != 1 || len(got[0].Named) != 1 || got[0].Named[0] != filepath.Join(dir, "k") {
		t.Errorf("the unfinished imports are %+v (%v); want one of %s", got, err, filepath.Join(dir, "k"))
	}
}

// A note written by another program is said without flooding the window
// or the terminal: at most the three names an import notes, each at most
// a path's length.
func TestAHostileUnfinishedImportNoteIsSaidBriefly(t *testing.T) {
	named := make([]string, 1000)
	for i := range named {
		named[i] = fmt.Sprintf("/f%d/%s", i, strings.Repeat("é", 100000))
	}
	text := UnfinishedImport{Files: 1000, Named: named}.Text(func(p string) string { return p })
	if len(text) > 20000 || strings.Contains(text, "/f3/") || !strings.Contains(text, "/f2/") || !utf8.ValidString(text) {
		t.Errorf("the note of 1000 names of 200 kB is said in %d bytes", len(text))
	}
}

// Process ids are used again, after a restart above all: a killed import's
// note naming an id a program started since now has was left unsaid while
// that program ran (for ever, for a system service). Known on Linux.
func TestAnUnfinishedImportOfAnIDUsedSinceIsSaid(t *testing.T) {
	if _, err := os.Stat(fmt.Sprintf("/proc/%d/stat", os.Getppid())); err != nil {
		t.Skip("no /proc: when a process started is not known")
	}
	ctx := context.Background()
	st, err := Open(filepath.Join(t.TempDir(), "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	host, _ := os.Hostname()
	// A note of the year 2000 naming this test's parent, started since.
	old, _ := json.Marshal(UnfinishedImport{Started: time.Date(2000, 1, 2, 0, 0, 0, 0, time.UTC), Files: 7, PID: os.Getppid(), Host: host})
	setMeta(ctx, st.db, unfinishedKey+":1", string(old))
	// One of now naming it: that process may be the importer.
	now, _ := json.Marshal(UnfinishedImport{Started: time.Now().UTC(), Files: 8, PID: os.Getppid(), Host: host})
	setMeta(ctx, st.db, unfinishedKey+":2", string(now))
	got, err := st.TakeUnfinishedImports(ctx)
	if err != nil || len(got) != 1 || got[0].Files != 7 {
		t.Errorf("the unfinished imports are %+v (%v); want the one of 2000 alone", got, err)
	}
}

// The window's import goes on, after its files, to find the claims of the
// new documents: killed then (kill -9, a power cut), nothing said so, for
// the note went with the files (a hostile data pass). ImportFilesNoted
// hands the note back, saying the files are done, until Done; Leave (the
// window's end) leaves it to this process's next open too.
func TestAnImportsNoteLastsThroughItsClaimsPhase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files := filepath.Join(dir, "files")
	os.Mkdir(files, 0o755)
	for _, name := range []string{"a.txt", "b.txt"} {
		os.WriteFile(filepath.Join(files, name), []byte("Notes from "+name+"\n\nThe zebrafinch was seen at "+name+".\n"), 0o644)
	}
	note, err := st.ImportFilesNoted(ctx, []string{files}, nil, nil)
	if err != nil || note == nil {
		t.Fatalf("ImportFilesNoted: note %v, %v", note, err)
	}
	// Still this process's: not said while it finds the claims.
	if got, _ := st.TakeUnfinishedImports(ctx); len(got) > 0 {
		t.Errorf("an import still finding claims was taken as unfinished: %+v", got)
	}
	// The process killed: the next open says what is left.
	ownNotes.Clear()
	got, err := st.TakeUnfinishedImports(ctx)
	if err != nil || len(got) != 1 || !got[0].FilesDone || !got[0].FindsClaims || got[0].Files != 2 {
		t.Fatalf("after a kill in the claims phase the next open says %+v (%v)", got, err)
	}
	if text := got[0].Text(func(p string) string { return p }); !strings.Contains(text, "stored its documents but stopped while finding claims") ||
		!strings.Contains(text, "dossier claims --suggest") || strings.Contains(text, "the rest are not") {
		t.Errorf("said as %q", text)
	}

	// Done takes it away.
	os.WriteFile(filepath.Join(files, "c.txt"), []byte("A third zebrafinch.\n"), 0o644)
	note, err = st.ImportFilesNoted(ctx, []string{files}, nil, nil)
	if err != nil || note == nil {
		t.Fatalf("ImportFilesNoted: note %v, %v", note, err)
	}
	note.Done()
	if notes := importNotes(t, st); len(notes) > 0 {
		t.Errorf("notes left after Done: %q", notes)
	}

	// Cancelled by the window's end and left: said by this process too,
	// as an import that stopped, whose documents have no claims yet.
	os.WriteFile(filepath.Join(files, "d.txt"), []byte("A fourth zebrafinch.\n"), 0o644)
	os.WriteFile(filepath.Join(files, "e.txt"), []byte("A fifth zebrafinch.\n"), 0o644)
	cctx, cancel := context.WithCancel(ctx)
	note, err = st.ImportFilesNoted(cctx, []string{filepath.Join(files, "d.txt"), filepath.Join(files, "e.txt")}, func(FileOutcome) { cancel() }, nil)
	cancel()
	if note == nil {
		t.Fatalf("no note of a cancelled import that wrote (%v)", err)
	}
	note.Leave()
	got, err = st.TakeUnfinishedImports(ctx)
	if err != nil || len(got) != 1 || !got[0].FindsClaims {
		t.Fatalf("a note left is said as %+v (%v)", got, err)
	}
	if text := got[0].Text(func(p string) string { return p }); !strings.Contains(text, "no suggested claims yet") {
		t.Errorf("said as %q", text)
	}
	// A CLI import's note is taken away as before, and says nothing of claims.
	if text := (UnfinishedImport{Files: 3}).Text(func(p string) string { return p }); strings.Contains(text, "claims") {
		t.Errorf("an import without a claims phase said %q", text)
	}
}

// An import of a bundle killed while it was restored (kill -9 at 7 s of
// 14: one transaction, nothing of it kept) was said as "The documents
// stored before it stopped are in the library", of an import of no
// document (a hostile data pass). The note counts the bundles, and says
// them.
func TestAKilledBundleImportSaysItsBundles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	doc := filepath.Join(dir, "memo.txt")
	os.WriteFile(doc, []byte("The zebrafinch memo.\n"), 0o644)
	if err := st.ImportFiles(ctx, []string{doc}, nil); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(dir, "annotations.json")
	f, err := os.Create(bundle)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Export(ctx, f, ExportJSONFormat, ""); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// Killed as the bundle is restored: the note is all that is left.
	var notes []string
	err = st.ImportFilesProgress(ctx, []string{bundle}, func(FileOutcome) { notes = importNotes(t, st) }, nil)
	if err != nil || len(notes) != 1 {
		t.Fatalf("notes while the bundle was restored: %q (%v)", notes, err)
	}
	var n UnfinishedImport
	if err := json.Unmarshal([]byte(notes[0]), &n); err != nil || n.Bundles != 1 {
		t.Fatalf("the note says %s (%v); want 1 bundle", notes[0], err)
	}
	if text := n.Text(func(p string) string { return p }); !strings.Contains(text, "annotation bundles stored before it stopped") {
		t.Errorf("said as %q", text)
	}
}

// "Find claims in every document" (and dossier claims --suggest) reads
// each document in a transaction of its own: killed part-way, some
// documents had their claims and the rest none, and nothing said so (a
// hostile data pass). It is noted while it runs, and said as what it is.
func TestFindingClaimsInEveryDocumentKilledIsSaid(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, name := range []string{"a.txt", "b.txt"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("Memo "+name+"\n\nAccording to Reuters, Kilimnik met Manafort in Madrid.\n"), 0o644)
		if err := st.ImportFiles(ctx, []string{p}, nil); err != nil {
			t.Fatal(err)
		}
	}
	var said []UnfinishedImport
	if _, err := st.SuggestClaims(ctx, nil, func(done, total int) {
		if done == 1 {
			ownNotes.Clear() // the process killed here, as the next open sees it
			said, _ = st.TakeUnfinishedImports(ctx)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if len(said) != 1 || !said[0].EveryDocument {
		t.Fatalf("killed part-way, the next open says %+v", said)
	}
	if text := said[0].Text(func(p string) string { return p }); !strings.HasPrefix(text, "Finding claims in every document, begun") ||
		!strings.Contains(text, "some documents have no suggested claims yet") || strings.Contains(text, "import") {
		t.Errorf("said as %q", text)
	}
	// Finished, it leaves no note; an import's own claims are its note's.
	if _, err := st.SuggestClaims(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if notes := importNotes(t, st); len(notes) > 0 {
		t.Errorf("notes left once every document was read: %q", notes)
	}
}

// A note that cannot be marked "files done" (a full disk, the file locked
// by another program) is left as it was, which says the import stopped:
// the failed write's result was read before its error, a nil pointer that
// took the window down as its import finished (a hostile pass).
func TestANoteThatCannotBeMarkedFilesDoneIsLeftAsItWas(t *testing.T) {
	ctx := context.Background()
	st, err := Open(filepath.Join(t.TempDir(), "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	note := st.noteImport(ctx, []string{"/home/x/interviews"}, 40, 0, true)
	if note == nil {
		t.Fatal("no note written")
	}
	// Every write of meta fails, as on a full disk.
	if _, err := st.db.ExecContext(ctx, `CREATE TRIGGER full BEFORE UPDATE ON meta BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}
	note.filesDone()
	note.Leave()
	if _, err := st.db.ExecContext(ctx, `DROP TRIGGER full`); err != nil {
		t.Fatal(err)
	}
	got, err := st.TakeUnfinishedImports(ctx)
	if err != nil || len(got) != 1 || got[0].Files != 40 || got[0].FilesDone {
		t.Errorf("the unfinished imports are %+v (%v); want the one of 40 files, its files not said done", got, err)
	}
}

// A pasted document's note (ImportTextNoted) is written with the document,
// in its transaction: there while its claims are found, said by the next
// open if left, gone once Done; a paste of text already present (or one
// that fails) writes none.
func TestAPastedDocumentIsNotedWithItsClaimsToFind(t *testing.T) {
	ctx := context.Background()
	st, err := Open(filepath.Join(t.TempDir(), "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	text := "Pasted memo\n\nAccording to Reuters, the zebrafinch deal was likely.\n"
	res, note, err := st.ImportTextNoted(ctx, "Pasted memo", "", text)
	if err != nil || note == nil || res.AlreadyPresent {
		t.Fatalf("paste: %+v, note %v, %v", res, note, err)
	}
	if notes := importNotes(t, st); len(notes) != 1 || !strings.Contains(notes[0], `"pasted":"Pasted memo"`) {
		t.Errorf("the notes while its claims are found: %q", notes)
	}
	note.Leave() // as the window's end does
	got, err := st.TakeUnfinishedImports(ctx)
	if err != nil || len(got) != 1 || got[0].Pasted != "Pasted memo" || !got[0].FilesDone || !got[0].FindsClaims {
		t.Fatalf("taken: %+v, %v", got, err)
	}

	// Present already, or refused: no note.
	for _, paste := range []string{text, "   "} {
		_, note, err = st.ImportTextNoted(ctx, "Pasted memo", "", paste)
		if note != nil || len(importNotes(t, st)) != 0 {
			t.Errorf("paste %q (%v) left a note", paste, err)
		}
	}
	// A cancelled paste stores nothing and notes nothing.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, note, err = st.ImportTextNoted(cancelled, "Another memo", "", "Another memo\n\nThe plumtwist.\n"); err == nil || note != nil || len(importNotes(t, st)) != 0 {
		t.Errorf("a cancelled paste: note %v, %v, notes %q", note, err, importNotes(t, st))
	}
	// Done takes it away.
	_, note, err = st.ImportTextNoted(ctx, "Third memo", "", "Third memo\n\nThe quillwort.\n")
	if err != nil || note == nil {
		t.Fatal(note, err)
	}
	value := note.value
	note.Done()
	if len(importNotes(t, st)) != 0 {
		t.Error("Done left the note")
	}
	if _, held := ownNotes.Load(value); held {
		t.Error("this process still holds the note")
	}
}
