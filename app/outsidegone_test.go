package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/store"
	"dossier/store/ingest"
)

// A document open in the reader that another program deleted (dossier docs
// --delete from a shell) is said to be gone, by title: the reader emptied
// with no word of why (ui25's hostile pass).
func TestReaderSaysAnotherProgramDeletedItsDocument(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	d := u.reader.doc
	// The window's own writes at the open are looked past first: the
	// other store here is in this process, and its write would be taken
	// for the window's own beside them (store.ChangedOutside).
	u.work.wait()
	u.do(u.checkOutside)
	u.work.wait()
	deleteElsewhere(t, u, d.ID)
	u.do(u.checkOutside)
	u.work.wait()
	u.do(func() {})
	if u.reader.passages != nil {
		t.Fatalf("the reader still shows %q, deleted by another program (status line %q)", d.Title, u.status.text())
	}
	want := "“" + d.Title + "”, open in the reader, was deleted by another program."
	if got := u.status.text(); got != want {
		t.Errorf("status line %q, want %q", got, want)
	}
}

// Saving Document details of a document another program deleted meanwhile
// says so by title and keeps what was typed (in a file and on the
// clipboard): it said "Document 5: not found." and the details typed went
// with the dialog (ui25's hostile pass).
func TestDocumentDetailsOfADocumentDeletedMeanwhileKeepWhatWasTyped(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	d := u.reader.doc
	u.do(func() { u.showDocumentDetails(d) })
	fields := findAll[*fieldEntry](u.dialog(t, "Document details"))
	address := "https://example.org/" + strings.Repeat("ab/", 600)
	u.do(func() {
		fields[1].SetText("Jonathan Landay")
		fields[4].SetText(address)
	})
	deleteElsewhere(t, u, d.ID)
	u.do(func() { u.a.Clipboard().SetContent("something else") })
	u.tapDialogButton(t, "Document details", "Save")
	u.work.wait()
	u.do(func() {})
	msg := strings.Join(texts(u.dialog(t, "Error")), " ")
	if !strings.Contains(msg, "“"+d.Title+"” is no longer in the library") {
		t.Errorf("saving the details of a deleted document says %q; want it named and said gone", msg)
	}
	typed := d.Details()
	typed.Author, typed.URL = "Jonathan Landay", address
	checkKeptFile(t, msg, detailLines(typed))
	if got := u.a.Clipboard().Content(); got != detailLines(typed) {
		t.Errorf("the clipboard holds %.80q (%d bytes), want the details typed (%d bytes)", got, len(got), len(detailLines(typed)))
	}
}

// An address typed past the longest the store keeps is refused with the
// dialog still open on what was typed: it was refused after the dialog had
// closed, and the details typed went with it (ui25's hostile pass, 2,060
// characters typed at text size 1.8).
func TestDocumentDetailsRefuseATooLongAddressWithTheDialogOpen(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	d := u.reader.doc
	u.do(func() { u.showDocumentDetails(d) })
	fields := findAll[*fieldEntry](u.dialog(t, "Document details"))
	address := "https://example.org/" + strings.Repeat("a/b", ingest.MaxURLLen/3)
	u.do(func() {
		fields[1].SetText("Jonathan Landay")
		fields[4].SetText(address)
	})
	u.tapDialogButton(t, "Document details", "Save")
	u.work.wait()
	u.do(func() {})
	msg := strings.Join(texts(u.dialog(t, "Error")), " ")
	if !strings.Contains(msg, "address is at most") {
		t.Errorf("the error says %q; want the address's limit", msg)
	}
	u.tapDialogButton(t, "Error", "OK")
	u.dialog(t, "Document details")
	if fields[1].Text != "Jonathan Landay" || fields[4].Text != address {
		t.Errorf("the dialog holds author %q and an address of %d characters; want what was typed", fields[1].Text, len(fields[4].Text))
	}
	if got, _ := u.CurrentStore().Document(context.Background(), d.ID); got.Details() != d.Details() {
		t.Errorf("the refused details changed the document: %+v", got.Details())
	}
}

// deleteElsewhere deletes document id as another program would: through a
// store of its own on the window's file.
func deleteElsewhere(t *testing.T, u *testUI, id int64) {
	t.Helper()
	other, err := store.Open(u.CurrentStore().Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.RemoveDocument(context.Background(), id); err != nil {
		t.Fatal(err)
	}
}

// A rename of a document another program deleted meanwhile says so and
// keeps the title typed, as Document details do.
func TestRenamingADocumentDeletedMeanwhileKeepsTheTitleTyped(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	d := u.reader.doc
	u.do(func() { u.renameDocument(d) })
	u.do(func() { findAll[*fieldEntry](u.dialog(t, "Rename document"))[0].SetText("My careful title") })
	deleteElsewhere(t, u, d.ID)
	u.tapDialogButton(t, "Rename document", "Rename")
	u.work.wait()
	u.do(func() {})
	msg := strings.Join(texts(u.dialog(t, "Error")), " ")
	if !strings.Contains(msg, "“"+d.Title+"” is no longer in the library") || !strings.Contains(msg, "not renamed") {
		t.Errorf("renaming a deleted document says %q; want it named and said gone", msg)
	}
	checkKeptFile(t, msg, "My careful title")
	if got := u.a.Clipboard().Content(); got != "My careful title" {
		t.Errorf("the clipboard holds %q, want the title typed", got)
	}
}

// Delete document…, a bookmark and a tag on a passage of a document
// another program deleted meanwhile say so by title, as Rename and
// Document details do: they said "Document 1: not found.", "Passage 13:
// not found" and "No such passage or tag: not found." (ui25's hostile pass
// left them untried). The bookmark's note is kept; the library lets the
// document go.
func TestChangesToADocumentDeletedMeanwhileSayItIsGone(t *testing.T) {
	for _, c := range []struct {
		name, notDone string
		act           func(t *testing.T, u *testUI, d store.Document)
	}{
		{"delete", "there is nothing left to delete", func(t *testing.T, u *testUI, d store.Document) {
			u.do(func() { u.deleteDocument(d) })
			u.dialog(t, "Delete document")
			deleteElsewhere(t, u, d.ID)
			u.tapDialogButton(t, "Delete document", "Delete")
		}},
		{"bookmark", "the bookmark was not saved", func(t *testing.T, u *testUI, d store.Document) {
			u.do(u.menuItem(t, "Edit", "Bookmark passage…").Action)
			note := findAll[*fieldEntry](u.dialog(t, "Bookmark passage"))[0]
			deleteElsewhere(t, u, d.ID)
			u.do(func() { note.SetText("Why Kilimnik matters") })
			u.tapDialogButton(t, "Bookmark passage", "Bookmark")
		}},
		{"tag", "the passage was not tagged", func(t *testing.T, u *testUI, d store.Document) {
			deleteElsewhere(t, u, d.ID)
			u.do(u.menuItem(t, "Edit", "Tag passage…").Action)
			picker := u.dialog(t, "Tag with an actor or source")
			u.do(func() { test.Type(findAll[*fieldEntry](picker)[0], "Burisma") })
			u.do(func() { findAll[*dialogList](picker)[0].List.Select(0) })
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := newTestUI(t)
			u.openPassage(t, "kilimnik manafort", 13)
			d := u.reader.doc
			c.act(t, u, d)
			u.work.wait()
			u.do(func() {})
			msg := strings.Join(texts(u.dialog(t, "Error")), " ")
			if want := "“" + d.Title + "” is no longer in the library: another program or window deleted it, so " + c.notDone + "."; !strings.Contains(msg, want) || strings.Contains(msg, "not found") {
				t.Errorf("the error says %q; want %q", msg, want)
			}
			if c.name == "bookmark" {
				checkKeptFile(t, msg, "Why Kilimnik matters")
				if got := u.a.Clipboard().Content(); got != "Why Kilimnik matters" {
					t.Errorf("the clipboard holds %q, want the note typed", got)
				}
			}
			u.work.wait()
			if slices.Contains(docTitles(u), d.Title) {
				t.Errorf("the library still lists %q", d.Title)
			}
		})
	}
}

// A bookmark's note typed while its document is deleted meanwhile: the
// pause's save says so by title; it said "The note could not be saved:
// Passage 13: not found." at every pause (ui28's "not fixed").
func TestANoteTypedAsItsDocumentIsDeletedSaysSo(t *testing.T) {
	u := newTestUI(t)
	clock := &manualClock{}
	u.bookmarks.after = clock.after
	u.openPassage(t, "kilimnik manafort", 13)
	d := u.reader.doc
	u.do(u.menuItem(t, "Edit", "Bookmark passage…").Action)
	note := findAll[*fieldEntry](u.dialog(t, "Bookmark passage"))[0]
	deleteElsewhere(t, u, d.ID)
	u.do(func() { test.Type(note, "Why Kilimnik matters") })
	if n := u.fire(clock); n != 1 {
		t.Fatalf("%d saves fired at the pause", n)
	}
	u.work.wait()
	u.do(func() {})
	want := "“" + d.Title + "” is no longer in the library: another program or window deleted it, so the note is not being saved (Save keeps it in a file)."
	if got := u.status.text(); got != want {
		t.Errorf("status line %q, want %q", got, want)
	}
	if note.Text != "Why Kilimnik matters" {
		t.Errorf("the note field holds %q", note.Text)
	}
}
