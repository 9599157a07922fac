package store_test

import (
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unsafe"

	"dossier/assets"
	"dossier/store"
	"dossier/store/ingest"
)

// A document's passages hold its whole text, and its row only what follows
// the last passage and a deflated copy; the reader, the exports and their
// citations see the whole text, byte for byte, as they do for a document
// imported before (whose row keeps it whole).
func TestTextIsStoredOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{
		"seed.txt":  string(assets.SeedArticle),
		"notes.md":  "# Notes on the report\n\nFirst, the *summary*.\n\n\n## Actors\n\n- Kilimnik\n- Derkach\n\nLast words, then blank lines.\n\n\n",
		"short.txt": "One line without a newline",
	}
	ids := map[string]int64{}
	for name, raw := range texts {
		doc, err := ingest.Parse(name, []byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		texts[name] = doc.Text // what the reader shows: Markdown is read into text
		res := importText(t, s, name, raw)
		ids[name] = res.DocumentID
		bookmarkFirst(t, s, res.DocumentID, "note on "+name)
	}
	read := func(s *store.Store) (map[string]string, string) {
		got := map[string]string{}
		for name, id := range ids {
			rd, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: id})
			if err != nil {
				t.Fatal(err)
			}
			if len(rd.Problems) > 0 {
				t.Errorf("%s: problems %q", name, rd.Problems)
			}
			got[name] = rd.Text
		}
		// A fixed clock: the export names its minute, and the two reads
		// may fall either side of one (CI's race run did).
		store.SetClock(s, func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) })
		var md bytes.Buffer
		if err := s.ExportMarkdown(ctx, &md, ""); err != nil {
			t.Fatal(err)
		}
		return got, md.String()
	}
	once, mdOnce := read(s)
	for name, text := range texts {
		if once[name] != text {
			t.Errorf("%s: the reader's text differs from the imported one:\n%q\nwant\n%q", name, clip(once[name]), clip(text))
		}
	}
	// Removing a document and undoing it brings its text back whole.
	snap, err := s.RemoveDocument(ctx, ids["notes.md"])
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreDocument(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if again, _ := read(s); again["notes.md"] != texts["notes.md"] {
		t.Errorf("after remove and undo: %q", clip(again["notes.md"]))
	}
	s.Close()

	db := rawDB(t, path)
	var stored, whole, passages int
	if err := db.QueryRow(`SELECT sum(length(CAST(text AS BLOB))), sum(text_length) FROM documents`).Scan(&stored, &whole); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT sum(length(CAST(text AS BLOB)) + length(CAST(lead AS BLOB))) FROM passages`).Scan(&passages); err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, text := range texts {
		sum += len(text)
	}
	var copies int
	if err := db.QueryRow(`SELECT sum(length(text_z)) FROM documents`).Scan(&copies); err != nil {
		t.Fatal(err)
	}
	if whole != sum || stored+passages != sum || stored > 10 || copies > sum/2 {
		t.Errorf("documents hold %d bytes, their deflated copies %d and passages %d, for texts of %d (text_length %d): "+
			"want the text whole in the passages and deflated in the row", stored, copies, passages, sum, whole)
	}
	db.Close()

	// The same file as an older Dossier wrote it reads the same.
	storeTextsWhole(t, path)
	s = mustOpenAt(t, path)
	wholeTexts, mdWhole := read(s)
	for name := range texts {
		if wholeTexts[name] != once[name] {
			t.Errorf("%s: a whole stored text reads differently", name)
		}
	}
	if mdWhole != mdOnce {
		t.Errorf("the Markdown export differs between the two forms:\n%s\n---\n%s", clip(mdOnce), clip(mdWhole))
	}
}

// A passage lost from a file (a damaged page of the passages, or a crafted
// file) loses no text: the document row's copy still holds it. With the
// copy damaged too, the text is put together from the passages: the lost
// one leaves a blank of its length, so every other passage keeps its
// offsets and citations, and the reader says what was lost.
func TestLostPassageLeavesABlankAndSaysSo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	text := "Title line\n\nFirst passage about the committee.\n\nSecond passage, to be lost.\n\nThird passage about the witness.\n"
	res := importText(t, s, "report.txt", text)
	ps, err := s.Passages(ctx, res.DocumentID)
	if err != nil || len(ps) < 3 {
		t.Fatalf("passages: %d, %v", len(ps), err)
	}
	s.Close()
	lost := ps[len(ps)-2]
	db := rawDB(t, path)
	if _, err := db.Exec(`DELETE FROM passages WHERE id = ?`, lost.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s = mustOpenAt(t, path)
	rd, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: res.DocumentID})
	if err != nil {
		t.Fatal(err)
	}
	if rd.Text != text || len(rd.Problems) != 1 || !strings.Contains(rd.Problems[0], "“Title line” has lost passages") {
		t.Errorf("with a passage lost: text %q, problems %q; want the whole text from the row's copy, and the loss said", rd.Text, rd.Problems)
	}
	s.Close()

	db = rawDB(t, path)
	if _, err := db.Exec(`UPDATE documents SET text_z = substr(text_z, 1, 5) || x'A5A5A5' WHERE id = ?`, res.DocumentID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s = mustOpenAt(t, path)
	rd, err = s.ReadDocument(ctx, store.ReaderRequest{DocumentID: res.DocumentID})
	if err != nil {
		t.Fatal(err)
	}
	if len(rd.Text) != len(text) {
		t.Fatalf("text of %d bytes, want %d", len(rd.Text), len(text))
	}
	if want := text[:lost.Start-2] + strings.Repeat(" ", lost.End-lost.Start+2) + text[lost.End:]; rd.Text != want {
		t.Errorf("text %q\nwant %q", rd.Text, want)
	}
	for _, p := range rd.Passages {
		if rd.Text[p.Start:p.End] != p.Text {
			t.Errorf("passage %d no longer at its offsets", p.Ordinal)
		}
	}
	msg := strings.Join(rd.Problems, "\n")
	if len(rd.Problems) != 2 || !strings.Contains(msg, "stored copy of “Title line” is damaged or missing too") ||
		!strings.Contains(msg, "a passage was lost") || !strings.Contains(msg, fmt.Sprintf("before passage %d", lost.Ordinal+1)) {
		t.Errorf("problems %q; want the damaged copy and the lost passage named", rd.Problems)
	}
}

// A text length that is not a number (a crafted file) is damage reported
// in words: the exports write the rest, and the reader opens the document.
func TestCraftedTextLengthIsReportedNotFatal(t *testing.T) {
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
	if _, err := db.Exec(`UPDATE documents SET text_length = 'abc' WHERE id = ?`, res.DocumentID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s = mustOpenAt(t, path)
	rd, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: res.DocumentID})
	if err != nil || rd.Text != "First report\n\nThe committee met.\n\nThe witness spoke.\n" || len(rd.Problems) != 0 {
		t.Errorf("reader: %q %q %v; want the text its whole passages give", rd.Text, rd.Problems, err)
	}
	for name, export := range map[string]func(*bytes.Buffer) error{
		"md":   func(b *bytes.Buffer) error { return s.ExportMarkdown(ctx, b, "") },
		"json": func(b *bytes.Buffer) error { return s.ExportJSON(ctx, b, "") },
	} {
		var b bytes.Buffer
		var problems *store.ExportProblems
		if err := export(&b); err != nil && !errors.As(err, &problems) {
			t.Errorf("%s export: %v", name, err)
		}
		if !strings.Contains(b.String(), "kept note") {
			t.Errorf("the %s export lost the note: %.300s", name, b.String())
		}
	}
}

// A crafted copy (a few KB inflating to the whole stored length: a
// "bomb") is never read while the passages are whole: the text is theirs.
func TestACraftedCopyIsNotReadWhileThePassagesAreWhole(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	const text = "First report\n\nThe committee met.\n\nThe witness spoke.\n"
	res := importText(t, s, "a.txt", text)
	s.Close()
	var bomb bytes.Buffer
	w, _ := flate.NewWriter(&bomb, flate.BestCompression)
	w.Write(make([]byte, 64<<20))
	w.Close()
	db := rawDB(t, path)
	if _, err := db.Exec(`UPDATE documents SET text_z = ?, text_length = ? WHERE id = ?`, bomb.Bytes(), 64<<20, res.DocumentID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s = mustOpenAt(t, path)
	rd, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: res.DocumentID})
	if err != nil || rd.Text != text {
		t.Errorf("reader: %.80q (%v); want the passages' text", rd.Text, err)
	}
}

// The file's check reads each document's text as the reader does: a
// damaged or missing copy, a crafted length, passages that do not fit are
// damage it names, though the structure is sound and the reader still shows
// the whole text. A passage lost while the copy holds the text is how a
// recovered file keeps what it could not save: the reader says so, the
// check does not call the file damaged.
func TestCheckFindsDamagedTexts(t *testing.T) {
	ctx := context.Background()
	const text = "Title line\n\nFirst passage about the committee.\n\nSecond passage, to be lost.\n\nThird passage about the witness.\n"
	for _, c := range []struct {
		name, damage, want string
	}{
		{"healthy", ``, ``},
		{"passage lost", `DELETE FROM passages WHERE ordinal = 2`, ``},
		{"passage and copy lost", `DELETE FROM passages WHERE ordinal = 2; UPDATE documents SET text_z = NULL`, `the stored copy of “Title line” is damaged or missing, and passages are lost`},
		{"copy damaged", `UPDATE documents SET text_z = substr(text_z, 1, 5) || x'A5A5A5'`, `the stored copy of “Title line” does not hold the text its passages make`},
		{"copy gone", `UPDATE documents SET text_z = NULL`, `the stored copy of “Title line” does not hold the text its passages make`},
		// A value of a kind Dossier never writes is named where it is.
		{"length crafted", `UPDATE documents SET text_length = 'abc'`, `column text_length of table documents holds 1 value where Dossier writes whole numbers`},
		{"passage changed", `UPDATE passages SET text = upper(text) WHERE ordinal = 2`, `the stored copy of “Title line” does not hold the text its passages make`},
		{"length missing", `UPDATE documents SET text_length = NULL`, `the stored length of “Title line” is missing`},
		{"offsets crafted", `UPDATE passages SET start = start + 1 WHERE ordinal = 3`, `passage 3 of “Title line” does not match the document text`},
		{"offsets crafted, imported before 0011", wholeTextSQL + `; UPDATE passages SET start = start + 1, end = end + 1 WHERE ordinal = 3`,
			`passage 3 of “Title line” does not match the document text`},
		{"offset not a number", `PRAGMA ignore_check_constraints = ON; UPDATE passages SET start = 'abc' WHERE ordinal = 2`, `column start of table passages holds 1 value where Dossier writes whole numbers`},
		// Rows that no longer agree, which `dossier check` (a read-only open,
		// where FTS5's own integrity-check cannot run) had called ok.
		{"index entry without its passage", `DROP TRIGGER passages_ad; DELETE FROM passages WHERE ordinal = 2;
			CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
				INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
			END`, `the full-text index holds 1 entry whose passage is gone`},
		{"passage not indexed", `INSERT INTO passages_fts(passages_fts, rowid, text) SELECT 'delete', id, text FROM passages WHERE ordinal = 2`,
			`1 passage is missing from the full-text index`},
		{"passage without its document", `PRAGMA foreign_keys = OFF; UPDATE passages SET document_id = 999 WHERE ordinal = 2`,
			`1 row of passages refers to rows of documents that are gone`},
		// Without the index of passage ids (as before migration 0010), the
		// checks that look passages up in it still run; the index's absence
		// itself is named (a hostile pass: a dropped table passed check).
		{"without the index of passage ids", `DROP INDEX passages_document_of`, `the file lacks part of Dossier's schema (index passages_document_of)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "research.dossier")
			s, err := store.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			importText(t, s, "report.txt", text) // the file's one document
			s.Close()
			if c.damage != "" {
				db := rawDB(t, path)
				if _, err := db.Exec(c.damage); err != nil {
					t.Fatal(err)
				}
				db.Close()
			}
			problems, err := store.CheckFile(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if c.want == "" {
				if len(problems) != 0 {
					t.Errorf("a healthy file: %q", problems)
				}
			} else if len(problems) == 0 || !strings.Contains(problems[0], c.want) {
				t.Errorf("problems %q; want the first saying %q", problems, c.want)
			}
			s = mustOpenAt(t, path)
			defer s.Close()
			// (The open file's check may name a crafted value first: on a
			// connection that can write, SQLite checks the CHECK constraints.)
			again, err := s.Check(ctx)
			// Opening a file that lacks only an index makes it again.
			rebuilt := strings.HasPrefix(c.damage, "DROP INDEX")
			if err != nil || (len(again) == 0) != (len(problems) == 0 || rebuilt) {
				t.Errorf("Store.Check: %q, %v; CheckFile said %q", again, err, problems)
			}
		})
	}
}

// The reader's passages each hold their own words, not a slice of the
// document's text: the window keeps words it has measured, and a slice
// would keep every document ever shown in memory (a hostile test found it
// when they were slices). A passage changed so that it no longer fits the
// text keeps its stored words, for the reader to name.
func TestReaderPassagesDoNotHoldTheDocumentText(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s := mustOpenAt(t, path)
	text := "Report title\n\nFirst passage about the committee.\n\nSecond passage about the witness.\n\nThird passage, the last.\n"
	res := importText(t, s, "report.txt", text)
	within := func(part, whole string) bool {
		if len(part) == 0 {
			return true
		}
		p, w := uintptr(unsafe.Pointer(unsafe.StringData(part))), uintptr(unsafe.Pointer(unsafe.StringData(whole)))
		return p >= w && p+uintptr(len(part)) <= w+uintptr(len(whole))
	}
	rd, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: res.DocumentID})
	if err != nil {
		t.Fatal(err)
	}
	if rd.Text != text || len(rd.Passages) < 3 {
		t.Fatalf("text %q with %d passages", rd.Text, len(rd.Passages))
	}
	for _, p := range rd.Passages {
		if p.Text != text[p.Start:p.End] || within(p.Text, rd.Text) {
			t.Errorf("passage %d (%q): not its own copy of the text at its offsets", p.Ordinal, p.Text)
		}
	}
	changed := rd.Passages[1]
	s.Close()

	db := rawDB(t, path)
	if _, err := db.Exec(`UPDATE passages SET text = 'Second passage about the WITNESS.' WHERE id = ?`, changed.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s = mustOpenAt(t, path)
	rd, err = s.ReadDocument(ctx, store.ReaderRequest{DocumentID: res.DocumentID})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rd.Passages {
		if p.ID == changed.ID && p.Text != "Second passage about the WITNESS." {
			t.Errorf("the changed passage reads %q, want its stored words", p.Text)
		}
	}
}

// A damaged stored copy does not keep a whole document from the reader: the
// copy is read only when passages are lost. The check still names it.
func TestReaderOpensADocumentWhoseCopyIsDamaged(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s := mustOpenAt(t, path)
	var b strings.Builder
	b.WriteString("Long report\n\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "Passage %d names witness %d, meeting %d and account %x.\n\n", i, i*7919%10007, i*104729%99991, i*2654435761)
	}
	text := b.String()
	res := importText(t, s, "long.txt", text)
	s.Close()
	corruptPageOf(t, path, "documents", "overflow") // the copy is the row's only long value

	s = mustOpenAt(t, path)
	rd, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: res.DocumentID})
	if err != nil {
		t.Fatalf("reading a whole document whose copy is damaged: %v", err)
	}
	if rd.Text != text || len(rd.Problems) != 0 {
		t.Errorf("text of %d bytes (want %d), problems %q", len(rd.Text), len(text), rd.Problems)
	}
	if problems, err := s.Check(ctx); err == nil && len(problems) == 0 {
		t.Error("check says ok with the stored copy damaged")
	}
}
