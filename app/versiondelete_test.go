package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// Deleting one of the documents of one title (an edited file imported
// again) asked "Delete “Russian interference …” (20 passages)?" whichever
// of them its row was: the rows said v1, v2, v3, the question and the
// status after it said none (ui19's pass). Both name the version now.
func TestDeletingAVersionNamesIt(t *testing.T) {
	u := newTestUI(t)
	importTwoMoreOfTheSeedsTitle(t, u)
	var doc store.Document
	var want string
	u.do(func() {
		for _, d := range u.library.docs {
			if v, ok := u.library.versions[d.ID]; ok && v.n == 2 {
				doc, want = d, v.whole()
			}
		}
	})
	if doc.ID == 0 {
		t.Fatal("no v2 of the title in the library")
	}
	u.do(func() { u.deleteDocument(doc) })
	var question string
	u.do(func() {
		for _, q := range findAll[*bidiLabel](u.dialog(t, "Delete document")) {
			question = q.plain.(*widget.Label).Text
		}
	})
	if !strings.Contains(question, "(v2 · imported ") || !strings.Contains(question, want) {
		t.Errorf("the question %q names no version; want %q in it", question, want)
	}
	u.tapDialogButton(t, "Delete document", "Delete")
	u.work.wait()
	if msg := u.status.message.Text; !strings.Contains(msg, want) {
		t.Errorf("the status says %q; want %q in it", msg, want)
	}
}
