package app

import (
	"strings"
	"testing"
)

// Until the first read of the documents ends, the library is not said to
// be empty: on a busy machine the window said "The library is empty.
// Import documents with …" and "Library — 0 documents" of a file of six
// for the seconds that read took (a hostile UI pass, ui22's L3).
func TestLibraryIsNotEmptyBeforeItIsRead(t *testing.T) {
	u := newTestUI(t)
	u.work.wait()
	if !u.library.read || len(u.library.docs) == 0 {
		t.Fatalf("after the first read: read %v, %d documents", u.library.read, len(u.library.docs))
	}
	docs := u.library.docs
	u.do(func() {
		u.library.read, u.library.docs = false, nil // as the window stands before its first read ends
		u.results.showLibrary()
	})
	for _, said := range []struct{ where, text string }{
		{"the results pane", u.results.message.Text},
		{"the status line", u.status.text()},
		{"the Claims pane", u.claims.emptyMessage()},
	} {
		if strings.Contains(said.text, "empty") || !strings.Contains(said.text, "Reading the library") {
			t.Errorf("before the library is read, %s says %q", said.where, said.text)
		}
	}
	if strings.Contains(strings.Join(u.results.heading.forms, " | "), "0 documents") || strings.Contains(strings.Join(u.results.heading.forms, " | "), "(0)") {
		t.Errorf("before the library is read, the heading says %q", u.results.heading.forms)
	}
	u.do(func() {
		u.library.setDocuments(docs)
		u.results.showLibrary()
	})
	if !u.results.list.Visible() || strings.Contains(u.results.message.Text, "Reading") && u.results.messageLine.Visible() {
		t.Errorf("once read, the library is not listed: message %q", u.results.message.Text)
	}
}
