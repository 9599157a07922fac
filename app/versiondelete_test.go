package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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

// A version's label is the document's for good: deleting v2 left the
// library's v3 reading "v2 · …", the label of the document just deleted
// (ui19's pass, L1). It stays v3, and the undo brings v2 back as it was.
func TestDeletingV2LeavesV3(t *testing.T) {
	u := newTestUI(t)
	importTwoMoreOfTheSeedsTitle(t, u)
	labels := map[int]store.Document{}
	whole := map[int64]string{}
	u.do(func() {
		u.setSidebarShown(true)
		u.sidebar.showNamed("library")
		for _, d := range u.library.docs {
			if v, ok := u.library.versions[d.ID]; ok {
				labels[v.n], whole[d.ID] = d, v.whole()
			}
		}
	})
	if len(labels) != 3 || labels[2].ID == 0 || labels[3].ID == 0 {
		t.Fatalf("versions of the title: %v; want v1, v2 and v3", labels)
	}
	u.do(func() { u.deleteDocument(labels[2]) })
	u.tapDialogButton(t, "Delete document", "Delete")
	u.work.wait()
	rowVersions := func() []string {
		var got []string
		u.do(func() {
			u.w.Canvas().Capture()
			for _, row := range findAll[*menuRow](u.library.list) {
				if c, ok := row.content.(*fyne.Container); ok && row.Visible() {
					if lay, ok := c.Layout.(*libraryRowLayout); ok && len(lay.stamps) > 0 {
						got = append(got, lay.stamps[len(lay.stamps)-1])
					}
				}
			}
		})
		slices.Sort(got)
		return got
	}
	if got := rowVersions(); !slices.Equal(got, []string{"v1", "v3"}) {
		t.Errorf("the library's versions after deleting v2: %v, want [v1 v3]", got)
	}
	u.do(func() {
		if v := u.library.versions[labels[3].ID]; v.whole() != whole[labels[3].ID] {
			t.Errorf("v3 reads %q after the delete, was %q", v.whole(), whole[labels[3].ID])
		}
	})
	u.do(u.undoNow)
	u.work.wait()
	if got := rowVersions(); !slices.Equal(got, []string{"v1", "v2", "v3"}) {
		t.Errorf("the library's versions after the undo: %v, want [v1 v2 v3]", got)
	}
	u.do(func() {
		if v := u.library.versions[labels[2].ID]; v.whole() != whole[labels[2].ID] {
			t.Errorf("v2 reads %q after the undo, was %q", v.whole(), whole[labels[2].ID])
		}
	})
}
