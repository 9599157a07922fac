package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
	"dossier/store/ingest"
)

// A document's details are edited by hand, tidied to one line each, named
// in its citations, refused with the field named when they cannot be
// stored, and put back exactly by undo.
func TestDocumentDetails(t *testing.T) {
	ctx := context.Background()
	s, docID := mustResearch(t)
	before, err := s.Document(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.SetDocumentDetails(ctx, docID, store.DocumentDetails{
		Title: "  Report on the\ninvestigation ", Author: "Special Counsel  Robert S. Mueller III",
		Source: "U.S. Department of Justice", Published: "March 2019", URL: " https://www.justice.gov/storage/report.pdf ",
	})
	if err != nil {
		t.Fatal(err)
	}
	if old != before.Details() {
		t.Errorf("old details %+v, want %+v", old, before.Details())
	}
	d, err := s.Document(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	want := store.DocumentDetails{Title: "Report on the investigation", Author: "Special Counsel Robert S. Mueller III",
		Source: "U.S. Department of Justice", Published: "March 2019", URL: "https://www.justice.gov/storage/report.pdf"}
	if d.Details() != want {
		t.Errorf("stored %+v, want %+v", d.Details(), want)
	}
	p := passageAt(t, s, docID, 2)
	cite := store.QuotePassage(d, p, nil, "", false).Citation()
	if !strings.Contains(cite, "— Special Counsel Robert S. Mueller III, “Report on the investigation”, U.S. Department of Justice, March 2019 (passage 2") {
		t.Errorf("citation %q", cite)
	}

	for _, bad := range []struct {
		d    store.DocumentDetails
		word string
	}{
		{store.DocumentDetails{Title: " "}, "needs a title"},
		{store.DocumentDetails{Title: "T", Author: strings.Repeat("a", 501)}, "the author is at most 500"},
		{store.DocumentDetails{Title: "T", URL: "x\xff"}, "the address must be text"},
	} {
		if _, err := s.SetDocumentDetails(ctx, docID, bad.d); err == nil || !strings.Contains(err.Error(), bad.word) {
			t.Errorf("%+v: %v, want %q", bad.d, err, bad.word)
		}
	}
	if again, _ := s.Document(ctx, docID); again.Details() != want {
		t.Errorf("a refused edit changed the details: %+v", again.Details())
	}
	if err := s.PutDocumentDetails(ctx, docID, old, want); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Document(ctx, docID); again.Details() != before.Details() {
		t.Errorf("undo left %+v, want %+v", again.Details(), before.Details())
	}
	if _, err := s.SetDocumentDetails(ctx, 9999, want); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a missing document: %v", err)
	}
}

// The CSV names each row's document's author and address, in the last
// columns (it named no author; a researcher's pass).
func TestCSVNamesTheAuthorAndAddress(t *testing.T) {
	ctx := context.Background()
	s, docID := mustResearch(t)
	d, err := s.Document(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	details := d.Details()
	details.Author, details.URL = "Jonathan Landay", "https://www.reuters.com/article/x"
	if _, err := s.SetDocumentDetails(ctx, docID, details); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, passageAt(t, s, docID, 2).ID, nil, "n"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := s.ExportCSV(ctx, &out, ""); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	// The section and citation columns came after them (so that earlier
	// columns keep their places).
	if n := len(head); n < 4 || head[n-4] != "author" || head[n-3] != "url" || head[n-2] != "section" || head[n-1] != "citation" {
		t.Fatalf("header %q", head)
	}
	found := false
	for _, r := range rows[1:] {
		if len(r) != len(head) {
			t.Fatalf("a row of %d cells under a header of %d: %q", len(r), len(head), r)
		}
		if r[0] == "bookmark" {
			found = true
			if r[len(r)-4] != "Jonathan Landay" || r[len(r)-3] != "https://www.reuters.com/article/x" {
				t.Errorf("bookmark row ends %q", r[len(r)-4:])
			}
			if c := r[len(r)-1]; !strings.HasPrefix(c, "Jonathan Landay, “") || !strings.HasSuffix(c, "of seed-article.txt), https://www.reuters.com/article/x") {
				t.Errorf("bookmark row's citation %q", c)
			}
		}
	}
	if !found {
		t.Error("no bookmark row")
	}
}

// An address as long as an import keeps (up to ingest.MaxURLLen bytes) may
// stay when another detail is edited: one of 720 characters was refused
// as over 500, so that the author could not be saved without cutting the
// address (a hostile data pass).
func TestAnImportedLongAddressStaysThroughAnEdit(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	long := "https://example.com/" + strings.Repeat("x", 700)
	path := filepath.Join(t.TempDir(), "long.md")
	if err := os.WriteFile(path, []byte("---\ntitle: Hello\nurl: "+long+"\n---\n\nSome body text here.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := s.ImportFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.Document(ctx, r.DocumentID)
	if err != nil || doc.URL != long {
		t.Fatalf("imported address %q, %v", doc.URL, err)
	}
	d := doc.Details()
	d.Author = "Someone"
	if _, err := s.SetDocumentDetails(ctx, doc.ID, d); err != nil {
		t.Fatalf("editing the author: %v", err)
	}
	if again, _ := s.Document(ctx, doc.ID); again.Details() != d {
		t.Errorf("stored %+v, want %+v", again.Details(), d)
	}
	d.URL = "https://example.com/" + strings.Repeat("x", ingest.MaxURLLen)
	if _, err := s.SetDocumentDetails(ctx, doc.ID, d); err == nil || !strings.Contains(err.Error(), "the address is at most 2048 characters") {
		t.Errorf("an address past the import's bound: %v", err)
	}
}

// Undoing a details edit puts the old details back only over those the
// edit left: details changed since, in another window on the file, are
// left as they are, with ErrChangedSince (the undo wrote over them without
// a word; a hostile data pass).
func TestUndoingDetailsChangedSinceIsRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, docID := mustResearchAt(t, path)
	other, err := store.OpenResearchFile(path, store.Seed{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	before, _ := s.Document(ctx, docID)
	mine := before.Details()
	mine.Author = "Jonathan Landay"
	old, err := s.SetDocumentDetails(ctx, docID, mine)
	if err != nil {
		t.Fatal(err)
	}
	theirs := mine
	theirs.Published = "6 January 2017"
	if _, err := other.SetDocumentDetails(ctx, docID, theirs); err != nil {
		t.Fatal(err)
	}
	if err := s.PutDocumentDetails(ctx, docID, old, mine); !errors.Is(err, store.ErrChangedSince) ||
		!strings.Contains(err.Error(), "it is left as it is now") {
		t.Errorf("undo over details changed since: %v", err)
	}
	if d, _ := s.Document(ctx, docID); d.Details() != theirs {
		t.Errorf("the other window's details became %+v, want %+v", d.Details(), theirs)
	}
	if err := s.PutDocumentDetails(ctx, docID, old, theirs); err != nil {
		t.Fatalf("undo over the details as they are: %v", err)
	}
	if d, _ := s.Document(ctx, docID); d.Details() != before.Details() {
		t.Errorf("undone to %+v, want %+v", d.Details(), before.Details())
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check: %v, %v", problems, err)
	}
}

// Control characters typed or pasted into a detail are left out, as an
// import leaves them out: a NUL and an escape went into every citation
// and export. A title of invisible characters alone is no title (a hostile
// data pass).
func TestDetailsLeaveOutControlCharacters(t *testing.T) {
	ctx := context.Background()
	s, docID := mustResearch(t)
	if _, err := s.SetDocumentDetails(ctx, docID, store.DocumentDetails{
		Title: "A\x00B report", Author: "\x1b[31mJonathan\x7f Landay", Source: "Reuters\u0085wire", Published: "6\u200e January 2017", URL: "https://example.com/\x01x",
	}); err != nil {
		t.Fatal(err)
	}
	want := store.DocumentDetails{Title: "AB report", Author: "[31mJonathan Landay", Source: "Reuters wire", Published: "6\u200e January 2017", URL: "https://example.com/x"}
	if d, _ := s.Document(ctx, docID); d.Details() != want {
		t.Errorf("stored %q, want %q", d.Details(), want)
	}
	for _, title := range []string{"\u200b", "\x00\x01", "\ufeff\u200b "} {
		if _, err := s.SetDocumentDetails(ctx, docID, store.DocumentDetails{Title: title}); err == nil || !strings.Contains(err.Error(), "needs a title") {
			t.Errorf("title %q: %v", title, err)
		}
	}
	if d, _ := s.Document(ctx, docID); d.Details() != want {
		t.Errorf("a refused title changed the details to %q", d.Details())
	}
	// A title imported with one (a Markdown heading keeps it) stays as it
	// is through an edit of another detail from the dialog.
	imported := want
	imported.Title = "Evil \x1b]0;pwned\x07 title"
	if err := s.PutDocumentDetails(ctx, docID, imported, want); err != nil {
		t.Fatal(err)
	}
	edited := imported
	edited.Author = "Someone"
	if _, err := s.EditDocumentDetails(ctx, docID, imported, edited); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Document(ctx, docID); d.Details() != edited {
		t.Errorf("after editing the author: %q, want %q", d.Details(), edited)
	}
}

// The Markdown export links a web address only: 'javascript:' (from a
// Markdown file's front matter, or typed) was printed as a link,
// '<javascript:alert(1)>', and an address that is not one as
// '<see%20the%20printed%20copy>' (a hostile data pass).
func TestMarkdownLinksWebAddressesOnly(t *testing.T) {
	ctx := context.Background()
	s, docID := mustResearch(t)
	d, _ := s.Document(ctx, docID)
	if _, err := s.AddBookmark(ctx, passageAt(t, s, docID, 2).ID, nil, "n"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ url, line string }{
		{"javascript:alert(1)", "- **URL:** javascript:alert(1)\n"},
		{"file:///etc/passwd", "- **URL:** file:///etc/passwd\n"},
		{"see the printed copy", "- **URL:** see the printed copy\n"},
		{"HTTPS://example.com/a b", "- **URL:** <HTTPS://example.com/a%20b>\n"},
		{"https://example.com/<x>", "- **URL:** <https://example.com/%3Cx%3E>\n"},
	} {
		details := d.Details()
		details.URL = c.url
		if _, err := s.SetDocumentDetails(ctx, docID, details); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := s.ExportMarkdown(ctx, &out, ""); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), c.line) {
			i := max(0, strings.Index(out.String(), "**URL:**"))
			t.Errorf("%q: want %q in the report, its URL line starts %q", c.url, c.line, out.String()[i:min(len(out.String()), i+60)])
		}
	}
}

// A rename leaves control characters out as Document details does, and
// its undo is refused over a title renamed since (a hostile data pass).
func TestRenameLeavesOutControlsAndItsUndoATitleRenamedSince(t *testing.T) {
	ctx := context.Background()
	s, docID := mustResearch(t)
	old, err := s.RenameDocument(ctx, docID, "Inter\x00ference \x1b[1mreport")
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Document(ctx, docID); d.Title != "Interference [1mreport" {
		t.Errorf("renamed to %q", d.Title)
	}
	if _, err := s.RenameDocument(ctx, docID, "\u200b\x07"); err == nil || !strings.Contains(err.Error(), "needs a title") {
		t.Errorf("an invisible title: %v", err)
	}
	if _, err := s.RenameDocument(ctx, docID, "Their title"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDocumentTitleOver(ctx, docID, old, "Interference [1mreport"); !errors.Is(err, store.ErrChangedSince) {
		t.Errorf("undo over a title renamed since: %v", err)
	}
	if d, _ := s.Document(ctx, docID); d.Title != "Their title" {
		t.Errorf("the title renamed since became %q", d.Title)
	}
	if err := s.SetDocumentTitleOver(ctx, docID, old, "Their title"); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Document(ctx, docID); d.Title != old {
		t.Errorf("undone to %q, want %q", d.Title, old)
	}
}
