package app

import (
	"context"
	"strings"
	"testing"

	"dossier/store/ingest"
)

// Copy with citation names the section the passage is in (its nearest
// heading above) and the page, before the passage and offsets: an editor
// could not paste "“Mueller report”, passage 22" (a researcher's pass).
func TestCopyCitationNamesTheSection(t *testing.T) {
	u := newTestUI(t)
	doc := &ingest.Document{Title: "Sectioned report", Author: "A. Author", FileName: "sectioned.pdf", Format: "pdf", Hash: "sectioned-report", Pages: 2}
	for _, p := range []struct {
		text    string
		heading bool
		page    int
	}{
		{"Quuxfield before any heading.", false, 1},
		{"II.B Internet Research Agency Operations", true, 1},
		{"The Quuxfield accounts grew.", false, 2},
	} {
		doc.Passages = append(doc.Passages, ingest.Span{Start: len(doc.Text), End: len(doc.Text) + len(p.text), Page: p.page, Heading: p.heading})
		doc.Text += p.text + "\n\n"
	}
	if _, err := u.CurrentStore().ImportDocument(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.refreshLibrary() })
	u.find("quuxfield")
	u.do(func() { u.results.list.Select(hitIndex(t, u, 3)) })
	u.do(u.copyCitation)
	want := "“The Quuxfield accounts grew.”\n— A. Author, “Sectioned report”, section “II.B Internet Research Agency Operations”, p. 2 (passage 3, characters 73–101 of sectioned.pdf)."
	if got := u.a.Clipboard().Content(); got != want {
		t.Errorf("clipboard\n got %q\nwant %q", got, want)
	}
	u.do(func() { u.results.list.Select(hitIndex(t, u, 1)) })
	u.do(u.copyCitation)
	if got := u.a.Clipboard().Content(); strings.Contains(got, ", section “") || !strings.Contains(got, "— A. Author, “Sectioned report”, p. 1 (passage 1,") {
		t.Errorf("clipboard %q: a passage before any heading names no section", got)
	}
}
