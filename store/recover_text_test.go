package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
	"dossier/store/ingest"
)

// A document imported before texts were stored once (migration 0011) keeps
// it whole in its row, its largest, spread over many overflow pages:
// one damaged page there must not take the document's intact passages, and
// the bookmarks on them, down with it.
func TestRecoverRebuildsADamagedDocumentTextFromItsPassages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b := longReport()
	res := importText(t, s, "long.txt", b)
	bookmarkFirst(t, s, res.DocumentID, "weeks of work")
	want, err := s.Passages(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := s.Document(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	storeTextsWhole(t, path) // a document imported before texts were stored once
	corruptPageOf(t, path, "documents", "overflow")

	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]store.TableRecovery{}
	for _, tr := range rep.Tables {
		counts[tr.Table] = tr
	}
	if c := counts["documents"]; c.Recovered != 1 || c.Rebuilt != 1 {
		t.Errorf("documents: %+v, want the one document recovered with its text rebuilt", c)
	}
	if c := counts["passages"]; c.Recovered != len(want) || c.Skipped != 0 {
		t.Errorf("passages: %+v, want all %d", c, len(want))
	}
	if c := counts["bookmarks"]; c.Recovered != 1 {
		t.Errorf("bookmarks: %+v, want the bookmark kept", c)
	}
	if !strings.Contains(rep.String(), "rebuilt") {
		t.Errorf("report %q does not say a text was rebuilt", rep)
	}
	r := mustOpenAt(t, out)
	if p, err := r.Check(ctx); err != nil || len(p) != 0 {
		t.Fatalf("recovered file: %q %v", p, err)
	}
	docs, err := r.Documents(ctx)
	if err != nil || len(docs) != 1 || docs[0].Title != "Long report" {
		t.Fatalf("documents in the recovered file: %+v %v", docs, err)
	}
	got, err := r.Passages(ctx, docs[0].ID)
	if err != nil || len(got) != len(want) {
		t.Fatalf("passages: %d (%v), want %d", len(got), err, len(want))
	}
	// Every passage is still exactly its document text between its offsets.
	text, err := r.DocumentText(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range got {
		if p.Text != want[i].Text || text[p.Start:p.End] != p.Text {
			t.Fatalf("passage %d: %q, text there %q; want %q", i, p.Text, text[p.Start:p.End], want[i].Text)
		}
	}
	if bms, err := r.Bookmarks(ctx); err != nil || len(bms) != 1 || bms[0].Note != "weeks of work" {
		t.Fatalf("bookmarks: %+v %v", bms, err)
	}
	// A bundle exported before the damage still matches: the content hash is kept.
	if docs[0].Hash != orig.Hash {
		t.Errorf("content hash %q, want the original", docs[0].Hash)
	}
}

// A process killed while creating a research file leaves it empty; opening
// it initialises it, so check must not call it damaged.
func TestCheckFileOfAnEmptyFileIsNotDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.dossier")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := store.CheckFile(context.Background(), path)
	if err != nil || len(problems) != 0 {
		t.Fatalf("CheckFile(empty) = %q, %v; want no problems", problems, err)
	}
}

// A backup killed half-way (kill -9, power cut) leaves its hidden
// temporary file, as large as the research file, in the backup folder;
// the next rolling backup removes such files once they are clearly dead,
// and leaves a fresh one (another process's backup in progress) alone.
func TestRollingBackupRemovesTempsOfKilledBackups(t *testing.T) {
	s, _ := mustSeed(t)
	dir := t.TempDir()
	s.SetBackupDir(dir)
	stale := []string{".20260101-101010.dossier.123456", ".20260101-101010.dossier.123456-journal"}
	fresh := ".20260101-111111.dossier.987654"
	other := ".notes.txt.42" // not a backup's temporary file
	old := time.Now().Add(-2 * time.Hour)
	for _, n := range append(stale, fresh, other) {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if n != fresh {
			os.Chtimes(filepath.Join(dir, n), old, old)
		}
	}
	if _, err := s.RollingBackup(context.Background(), time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("stale %s kept", n)
		}
	}
	for _, n := range []string{fresh, other} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
}

// A restore killed after copying the backup beside the research file left
// that copy there, hidden; the next restore of the file removes such
// copies once they are clearly dead.
func TestRestoreRemovesCopiesOfKilledRestores(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	backup := filepath.Join(t.TempDir(), "b.dossier")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	stale, fresh, other := ".research.dossier.restore-123456", ".research.dossier.restore-654321", ".other.dossier.restore-1"
	plantTemps(t, dir, stale, fresh, other)
	if err := store.RestoreFile(ctx, path, backup, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	checkRestoreCopies(t, dir, stale, fresh, other)
}

// With the documents table's root page damaged no document row can be
// read at all; the passages still name their document, so each is rebuilt
// (under a stand-in title) and its passages and bookmarks are kept.
func TestRecoverRebuildsDocumentsWhoseTableIsUnreadable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	const report = "First report\n\nThe committee met.\n\nThe witness spoke.\n"
	res := importText(t, s, "a.txt", report)
	bookmarkFirst(t, s, res.DocumentID, "kept note")
	s.Close()
	corruptPageOf(t, path, "documents", "leaf") // its only page: the root

	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Tables {
		if tr.Table == "documents" && (tr.Recovered != 1 || tr.Rebuilt != 1) {
			t.Errorf("documents: %+v, want one rebuilt", tr)
		}
	}
	r := mustOpenAt(t, out)
	if p, err := r.Check(ctx); err != nil || len(p) != 0 {
		t.Fatalf("recovered file: %q %v", p, err)
	}
	docs, err := r.Documents(ctx)
	if err != nil || len(docs) != 1 || docs[0].Passages != 2 {
		t.Fatalf("documents: %+v %v", docs, err)
	}
	if bms, err := r.Bookmarks(ctx); err != nil || len(bms) != 1 || bms[0].Note != "kept note" {
		t.Fatalf("bookmarks: %+v %v", bms, err)
	}
	// The text is stored once, so what lay between passages (the title
	// line, blank lines) is in the passages and comes back; only what
	// followed the last one was in the lost row.
	if text, err := r.DocumentText(ctx, docs[0].ID); err != nil || text != strings.TrimSuffix(report, "\n") {
		t.Errorf("rebuilt text %q, %v; want %q", text, err, strings.TrimSuffix(report, "\n"))
	}
	if res, err := r.Search(ctx, store.SearchRequest{Query: "witness", Limit: 5}); err != nil || res.Total != 1 {
		t.Fatalf("search in the recovered file: %+v %v", res, err)
	}
}

// A `backup --out` killed half-way leaves ".NAME.dossier-part-digits" beside the chosen
// file; the next backup to that name removes it once clearly dead, and
// leaves a fresh one and other files alone.
func TestBackupToAFileRemovesTempsOfKilledBackups(t *testing.T) {
	s, _ := mustSeed(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "weekly.dossier")
	stale, fresh, other := ".weekly.dossier.dossier-part-123456", ".weekly.dossier.dossier-part-654321", ".weekly.dossier.123"
	plantTemps(t, dir, stale, fresh, other)
	if err := s.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, stale)); err == nil {
		t.Error("the dead temporary file is still there")
	}
	for _, n := range []string{fresh, other, "weekly.dossier"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

// A paged document whose text is damaged keeps its passages' pages, and
// gets a page count back (the columns after its text are lost with it).
func TestRecoverKeepsPagesOfASalvagedDocument(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := &ingest.Document{Title: "Long paged report", FileName: "long.pdf", Format: "pdf", Hash: "long-paged", Pages: 100}
	for i := range 3000 {
		p := fmt.Sprintf("Paragraph %d mentions the committee and witness number %d in some detail.", i, i)
		doc.Passages = append(doc.Passages, ingest.Span{Start: len(doc.Text), End: len(doc.Text) + len(p), Page: i/30 + 1})
		doc.Text += p + "\n\n"
	}
	res, err := s.ImportDocument(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	storeTextsWhole(t, path) // a document imported before texts were stored once
	corruptPageOf(t, path, "documents", "overflow")
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	if _, err := store.Recover(ctx, path, out); err != nil {
		t.Fatal(err)
	}
	r := mustOpenAt(t, out)
	d, err := r.Document(ctx, res.DocumentID)
	if err != nil || d.Pages != 100 {
		t.Errorf("recovered document: pages %d, %v; want 100", d.Pages, err)
	}
	ps := checkStoredOffsets(t, r, res.DocumentID)
	if len(ps) != 3000 || ps[2999].Page != 100 || ps[30].Page != 2 {
		t.Errorf("recovered passages: %d, last on page %d", len(ps), ps[len(ps)-1].Page)
	}
}

// A damaged page of the passages' tree can cut every passage off: the
// document rows' deflated copies still hold the text, which a recovery
// keeps (the passages, and what was tagged on them, are reported lost).
func TestRecoverKeepsTheTextWhenThePassagesAreLost(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b := longReport()
	res := importText(t, s, "long.txt", b)
	s.Close()
	corruptPageOf(t, path, "passages", "internal")

	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped() == 0 {
		t.Errorf("report %q: want passages reported lost", rep)
	}
	r := mustOpenAt(t, out)
	rd, err := r.ReadDocument(ctx, store.ReaderRequest{DocumentID: res.DocumentID})
	if err != nil || rd.Text != b || len(rd.Problems) != 1 || !strings.Contains(rd.Problems[0], "has lost passages") {
		t.Errorf("recovered text: %d bytes (%v), problems %q; want the whole %d, and the lost passages said", len(rd.Text), err, rd.Problems, len(b))
	}
}

// A passage whose lead reads NULL (a crafted file) is recovered with none,
// not skipped with what is tagged on it.
func TestRecoverKeepsPassagesWithoutALead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	res := importText(t, s, "a.txt", "First report\n\nThe committee met.\n\nThe witness spoke.\n")
	bookmarkFirst(t, s, res.DocumentID, "kept note")
	s.Close()
	db := rawDB(t, path)
	for _, q := range []string{`PRAGMA writable_schema = ON`,
		`UPDATE sqlite_schema SET sql = replace(sql, 'lead TEXT NOT NULL DEFAULT ''''', 'lead TEXT') WHERE name = 'passages'`,
		`PRAGMA writable_schema = OFF`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db = rawDB(t, path)
	if r, err := db.Exec(`UPDATE passages SET lead = NULL`); err != nil {
		t.Fatal(err)
	} else if n, _ := r.RowsAffected(); n != 2 {
		t.Fatalf("%d leads made NULL", n)
	}
	db.Close()

	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped() != 0 {
		t.Errorf("report %q: rows skipped", rep)
	}
	r := mustOpenAt(t, out)
	if bms, err := r.Bookmarks(ctx); err != nil || len(bms) != 1 {
		t.Errorf("bookmarks: %+v %v", bms, err)
	}
}

// A passage with a crafted far offset does not make a salvaged document's
// text gigabytes of newlines, nor cost the document: it is left out of
// the text, and the rest is put together.
func TestSalvageIgnoresAFarOffset(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	res := importText(t, s, "a.txt", "First report\n\nThe committee met.\n\nThe witness spoke.\n")
	s.Close()
	db := rawDB(t, path)
	if _, err := db.Exec(`UPDATE passages SET start = 2147483000, end = 2147483000 + length(CAST(text AS BLOB))
		WHERE document_id = ? AND ordinal = 2`, res.DocumentID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	corruptPageOf(t, path, "documents", "leaf")

	out := filepath.Join(t.TempDir(), "recovered.dossier")
	if _, err := store.Recover(ctx, path, out); err != nil {
		t.Fatal(err)
	}
	r := mustOpenAt(t, out)
	docs, err := r.Documents(ctx)
	if err != nil || len(docs) != 1 || docs[0].Passages != 2 {
		t.Fatalf("documents: %+v %v", docs, err)
	}
	text, _ := r.DocumentText(ctx, docs[0].ID)
	if text != "First report\n\nThe committee met." {
		t.Errorf("salvaged text %q", text)
	}
}

// A document row beside a damaged page is copied as it is, not rebuilt:
// a range read of its id alone can step onto the damaged page to find the
// range's end, where reading the row by its id does not.
func TestRecoverCopiesRowsBesideADamagedPage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for d := range 40 {
		var b strings.Builder
		fmt.Fprintf(&b, "Report %d\n\n", d)
		for i := range 400 {
			fmt.Fprintf(&b, "Paragraph %d of report %d names witness %d and the committee %d.\n\n", i, d, i*d, d)
		}
		importText(t, s, fmt.Sprintf("r%d.txt", d), b.String())
	}
	s.Close()
	corruptPageOf(t, path, "documents", "leaf")
	readable := map[int64]string{} // id → imported_at, for the rows that read by id
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	for id := int64(1); id <= 40; id++ {
		var at string
		if db.QueryRow(`SELECT imported_at FROM documents WHERE id = ?`, id).Scan(&at) == nil {
			readable[id] = at
		}
	}
	db.Close()
	if len(readable) == 40 || len(readable) == 0 {
		t.Fatalf("%d of 40 rows read after the damage: the test needs some of each", len(readable))
	}

	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Tables {
		if tr.Table == "documents" && tr.Rebuilt != 40-len(readable) {
			t.Errorf("documents: %+v; want the %d unreadable rows rebuilt and the %d readable copied", tr, 40-len(readable), len(readable))
		}
	}
	r := rawDB(t, out)
	for id, at := range readable {
		var got string
		if err := r.QueryRow(`SELECT imported_at FROM documents WHERE id = ? AND text_length IS NOT NULL`, id).Scan(&got); err != nil || got != at {
			t.Errorf("document %d: imported %q (%v), want it copied as it was (%q)", id, got, err, at)
		}
	}
}

// With its row and a page of its passages both damaged, a document is
// rebuilt from the passages that still read: one unreadable passage must
// not cost it the others.
func TestSalvageUsesThePassagesThatRead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b := longReport()
	importText(t, s, "long.txt", b)
	s.Close()
	corruptPageOf(t, path, "documents", "leaf")
	corruptPageOf(t, path, "passages", "leaf")

	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	r := mustOpenAt(t, out)
	docs, err := r.Documents(ctx)
	if err != nil || len(docs) != 1 || docs[0].Passages < 2900 {
		t.Fatalf("report %q; documents %+v %v: want the document rebuilt with the passages that read", rep, docs, err)
	}
	rd, err := r.ReadDocument(ctx, store.ReaderRequest{DocumentID: docs[0].ID})
	if err != nil || len(rd.Problems) != 0 || !strings.HasPrefix(rd.Text, "Long report\n\nParagraph 0 ") {
		t.Errorf("rebuilt text %.80q, problems %q, %v", rd.Text, rd.Problems, err)
	}
}

// longReport is a document of 3,000 passages, its text spread over many
// pages of each table.
func longReport() string {
	var b strings.Builder
	b.WriteString("Long report\n\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "Paragraph %d mentions the committee and witness number %d in some detail.\n\n", i, i)
	}
	return b.String()
}

// Opening the research file clears the copies of killed restores too:
// they waited for the next restore (a hostile pass left 19 of them, about
// 450 MB, after 40 killed restores). Young ones, and other files', stay.
func TestOpeningRemovesCopiesOfKilledRestores(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	mustOpenAt(t, path).Close()
	stale, fresh, other := ".research.dossier.restore-123456", ".research.dossier.restore-654321", ".other.dossier.restore-1"
	plantTemps(t, dir, stale, fresh, other)
	mustOpenAt(t, path).Close()
	checkRestoreCopies(t, dir, stale, fresh, other)
}

// plantTemps leaves in dir what killed processes leave: stale and other
// two hours old, fresh new.
func plantTemps(t *testing.T, dir, stale, fresh, other string) {
	t.Helper()
	old := time.Now().Add(-2 * time.Hour)
	for _, n := range []string{stale, fresh, other} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if n != fresh {
			os.Chtimes(filepath.Join(dir, n), old, old)
		}
	}
}

// checkRestoreCopies: the stale copy is gone, the others stay.
func checkRestoreCopies(t *testing.T, dir, stale, fresh, other string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, stale)); err == nil {
		t.Errorf("stale %s kept", stale)
	}
	for _, n := range []string{fresh, other} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
}
