package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// With nothing searched, renaming or deleting a document (and undoing or
// redoing either) said what it did only for a moment: the library reloaded
// after it and said "2 documents in the library. Type to search." over
// it, the Undo button left beside a message about something else (found
// under Xvfb by the hostile UI pass ui5). The status line keeps what the
// change did.
func TestDocumentChangesSayWhatTheyDidWithNothingSearched(t *testing.T) {
	u := newTestUI(t)
	if u.search.query() != "" {
		t.Fatalf("the search box holds %q", u.search.query())
	}
	doc := u.library.docs[0]
	want := func(step, prefix string, undo bool) {
		t.Helper()
		u.work.wait()
		if got := u.status.message.Text; !strings.HasPrefix(got, prefix) {
			t.Errorf("%s: the status line says %q, want %q…", step, got, prefix)
		}
		if undo && !u.status.undo.Visible() {
			t.Errorf("%s: no Undo offered", step)
		}
	}

	u.do(func() { u.renameDocument(doc) })
	u.do(func() { findAll[*fieldEntry](u.dialog(t, "Rename document"))[0].SetText("Interference report") })
	u.tapDialogButton(t, "Rename document", "Rename")
	want("rename", "Renamed the document.", false)
	u.ctrlZ()
	want("undo rename", "Undone: rename document.", false)
	u.ctrlShiftZ()
	want("redo rename", "Redone: rename document.", false)

	u.do(func() { u.deleteDocument(u.library.docs[0]) })
	u.do(func() { test.Tap(button(t, u.dialog(t, "Delete document"), "Delete")) })
	want("delete", "Deleted “Interference report”.", true)
	u.ctrlZ()
	want("undo delete", "Undone: delete document.", false)
}
