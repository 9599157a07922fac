package app

import (
	"strings"
	"testing"
)

// With the last document deleted the status line said "0 documents in the
// library. Type to search.", offering a search of nothing (a hostile UI
// pass, Xvfb, an emptied research file). It says how to add documents.
func TestEmptyLibraryStatusSaysHowToAddDocuments(t *testing.T) {
	u := newTestUI(t)
	doc := u.library.docs[0]
	u.do(func() { u.deleteDocument(doc) })
	u.tapDialogButton(t, "Delete document", "Delete")
	// First the status line says what was done (beside its Undo); the
	// empty library's own message comes with the next listing of it.
	if got := u.status.message.Text; !strings.HasPrefix(got, "Deleted “") {
		t.Errorf("after the delete the status line says %q", got)
	}
	u.find("kilimnik")
	u.find("")
	got := u.status.message.Text
	if strings.Contains(got, "Type to search") || !strings.Contains(got, "Import documents") {
		t.Errorf("the empty library's status line says %q", got)
	}
}
