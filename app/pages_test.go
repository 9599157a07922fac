package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/store/ingest"
)

// importPaged stores a three-page document, as a PDF reader delivers one,
// and refreshes the window.
func importPaged(t *testing.T, u *testUI) {
	t.Helper()
	paras := []string{"Zorblatt met the minister in Vienna.", "The Zorblatt talks went on into the night.",
		"A second talk with Zorblatt, still on page two.", "Zorblatt left on the last day."}
	pages := []int{1, 2, 2, 3}
	doc := &ingest.Document{Title: "Paged report", FileName: "report.pdf", Format: "pdf", Hash: "paged-report", Pages: 3}
	for i, p := range paras {
		doc.Passages = append(doc.Passages, ingest.Span{Start: len(doc.Text), End: len(doc.Text) + len(p), Page: pages[i]})
		doc.Text += p + "\n\n"
	}
	if _, err := u.CurrentStore().ImportDocument(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.refreshLibrary() })
}

// The results list, the reader's margin and the copied citation say which
// page a passage of a paged document is on; unpaged passages name none.
func TestPagesShown(t *testing.T) {
	u := newTestUI(t)
	importPaged(t, u)
	u.find("zorblatt")
	r := u.results
	if len(r.items) != 4 {
		t.Fatalf("%d result rows, want 4", len(r.items))
	}
	row := r.createRow().(*resultRow)
	for i, it := range r.items {
		r.updateRow(i, row)
		want := map[int]string{1: "p. 1 · ¶ 1", 2: "p. 2 · ¶ 2", 3: "p. 2 · ¶ 3", 4: "p. 3 · ¶ 4"}[it.hit.Ordinal]
		if row.ordinal.Text != want {
			t.Errorf("row of ¶ %d says %q, want %q", it.hit.Ordinal, row.ordinal.Text, want)
		}
	}

	// The reader marks where each page starts, and only there.
	u.do(func() { u.results.list.Select(hitIndex(t, u, 3)) })
	var marks []string
	for i := range u.reader.passages {
		row, ok := u.reader.rows[i]
		if !ok {
			t.Fatalf("passage %d has no row", i)
		}
		if row.page != nil {
			marks = append(marks, row.page.Text)
		} else {
			marks = append(marks, "")
		}
	}
	if strings.Join(marks, "|") != "p. 1|p. 2||p. 3" {
		t.Errorf("page marks %q, want p. 1, p. 2, none, p. 3", marks)
	}
	if !strings.Contains(metadataLine(u.reader.doc), "3 pages") {
		t.Errorf("reader header %q does not count the pages", metadataLine(u.reader.doc))
	}

	u.do(func() { u.copyCitation() })
	got := u.a.Clipboard().Content()
	if !strings.Contains(got, "— “Paged report”, p. 2 (passage 3, characters ") {
		t.Errorf("citation %q does not name page 2", got)
	}

	// A bookmark on it names the page in the Bookmarks view.
	st := u.CurrentStore()
	if _, err := st.AddBookmark(context.Background(), u.reader.passages[2].ID, nil, "page two"); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.annotationsChanged() })
	if rows := bookmarkRows(u); len(rows) != 1 || rows[0][0] != "Paged report · p. 2 · ¶ 3" {
		t.Errorf("bookmark rows %q", rows)
	}

	// The built-in article has no pages: no mark, no "p." anywhere.
	u.find("kilimnik")
	for i := range r.items {
		r.updateRow(i, row)
		if strings.Contains(row.ordinal.Text, "p.") {
			t.Errorf("unpaged row says %q", row.ordinal.Text)
		}
	}
	u.do(func() { u.results.list.Select(hitIndex(t, u, 13)) })
	for i, row := range u.reader.rows {
		if row.page != nil {
			t.Errorf("unpaged passage %d has a page mark %q", i, row.page.Text)
		}
	}
	u.do(func() { u.copyCitation() })
	if got := u.a.Clipboard().Content(); strings.Contains(got, "p. ") || !strings.Contains(got, "passage 13") {
		t.Errorf("unpaged citation %q", got)
	}

	// page: filters in the search box.
	u.find("page:2")
	if len(r.items) != 2 {
		t.Errorf("page:2: %d rows, want 2", len(r.items))
	}
	u.find("page:9-3")
	if !r.messageLine.Visible() || !strings.Contains(r.message.Text, "runs backwards") {
		t.Errorf("page:9-3: message %q", r.message.Text)
	}
}

// Library → New document from clipboard…: the clipboard's text becomes a
// document with the title and source typed in; an empty clipboard says so.
func TestPasteAsNewDocument(t *testing.T) {
	u := newTestUI(t)
	u.a.Clipboard().SetContent("   \n")
	u.do(u.showPasteDialog)
	if got := overlayTexts(u.w); !strings.Contains(got, "The clipboard holds no text") {
		t.Errorf("empty clipboard: dialogs say %q", got)
	}
	for _, o := range u.w.Canvas().Overlays().List() {
		u.do(func() { u.w.Canvas().Overlays().Remove(o) })
	}
	if len(u.library.docs) != 1 {
		t.Fatalf("library %q after an empty paste", docTitles(u))
	}

	u.a.Clipboard().SetContent("\n  Vellichor  dispatch from the coast  \n\nThe vellichor dispatch reached the desk at noon.\n\nA second paragraph about the vellichor route.\n")
	u.do(u.showPasteDialog)
	d := u.dialog(t, "New document from clipboard")
	fields := findAll[*fieldEntry](d)
	if len(fields) != 2 || fields[0].Text != "Vellichor dispatch from the coast" {
		t.Fatalf("fields %d, title prefilled %q", len(fields), fields[0].Text)
	}
	// A title is required: the dialog stays open and says so.
	u.do(func() { fields[0].SetText("  ") })
	u.tapDialogButton(t, "New document from clipboard", "Import")
	if got := overlayTexts(u.w); !strings.Contains(got, "A document needs a title") {
		t.Errorf("blank title: dialogs say %q", got)
	}
	u.do(func() { u.w.Canvas().Overlays().Remove(u.w.Canvas().Overlays().Top()) })
	u.do(func() {
		fields[0].SetText("Coast dispatch")
		test.Type(fields[1], "copied from example.org")
	})
	u.tapDialogButton(t, "New document from clipboard", "Import")
	if got := overlayTexts(u.w); !strings.Contains(got, "Clipboard — imported “Coast dispatch” with 2 passages") || strings.Contains(got, "✓") {
		t.Errorf("summary %q", got)
	}
	var found bool
	for _, doc := range u.library.docs {
		if doc.Title == "Coast dispatch" {
			found = true
			if doc.Source != "copied from example.org" || doc.Passages != 2 || doc.FileName != "" {
				t.Errorf("pasted document %+v", doc)
			}
		}
	}
	if !found {
		t.Fatalf("library %q lacks the pasted document", docTitles(u))
	}
	if u.reader.doc.Title != "Coast dispatch" {
		t.Errorf("the reader shows %q, want the new document", u.reader.doc.Title)
	}
	u.find("vellichor")
	if len(u.results.items) != 2 {
		t.Errorf("vellichor: %d rows, want the 2 pasted passages", len(u.results.items))
	}
}

// Pasting into a read-only research file is refused up front, like an import.
func TestPasteRefusedReadOnly(t *testing.T) {
	u := newTestUI(t)
	ro := u.openReadOnly(t)
	u.a.Clipboard().SetContent("Some pasted text about the Quibbleton affair.\n")
	u.do(u.showPasteDialog)
	got := overlayTexts(u.w)
	if !strings.Contains(got, "This research file is read-only: "+ro) || strings.Contains(got, "New document from clipboard") {
		t.Errorf("paste on a read-only file: dialogs say %q", got)
	}
	if len(u.library.docs) != 1 {
		t.Errorf("library %q after a refused paste", docTitles(u))
	}
}
