package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Enter in a dialog that deletes or replaces cancels it: Enter in Delete
// document deleted the document, pressed by a user getting past a dialog
// they had not read (a hostile UI pass). The action takes its red button,
// clicked, or focused with Tab and then Enter.
func TestEnterCancelsADialogThatDeletes(t *testing.T) {
	u := newTestUI(t)
	doc := u.library.docs[0]
	u.do(func() { u.deleteDocument(doc) })
	d := u.dialog(t, "Delete document")
	del, cancel := button(t, d, "Delete"), button(t, d, "Cancel")
	if del.Importance != widget.DangerImportance || cancel.Importance != widget.HighImportance {
		t.Errorf("Delete's importance %v, Cancel's %v: want Delete red and Cancel the default", del.Importance, cancel.Importance)
	}
	u.press(t, fyne.KeyReturn, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Enter left %d dialogs open", n)
	}
	if len(u.library.docs) != 1 {
		t.Fatalf("Enter deleted the document: %d left", len(u.library.docs))
	}

	// Tab to Delete, then Enter: deleted.
	u.do(func() { u.deleteDocument(doc) })
	var delButton fyne.Focusable
	for _, b := range findAll[*dialogButton](u.dialog(t, "Delete document")) {
		if b.Text == "Delete" {
			delButton = b
		}
	}
	for range 4 {
		if u.w.Canvas().Focused() == delButton {
			break
		}
		u.press(t, fyne.KeyTab, 0)
	}
	if u.w.Canvas().Focused() != delButton {
		t.Fatalf("Tab never focused Delete (focused %T)", u.w.Canvas().Focused())
	}
	u.press(t, fyne.KeyReturn, 0)
	if len(u.library.docs) != 0 {
		t.Errorf("Enter on the focused Delete button left %d documents", len(u.library.docs))
	}
}

// Replace the file? likewise: Enter goes back to the picker, the file is
// not replaced.
func TestEnterDoesNotReplaceAFile(t *testing.T) {
	u := newTestUI(t)
	replaced, back := false, false
	u.do(func() { u.confirmOverwrite("/tmp/report.md", func() { replaced = true }, func() { back = true }) })
	d := u.dialog(t, "Replace the file?")
	if b := button(t, d, "Replace"); b.Importance != widget.DangerImportance {
		t.Errorf("Replace's importance %v, want red", b.Importance)
	}
	u.press(t, fyne.KeyReturn, 0)
	if replaced || !back {
		t.Errorf("Enter: replaced %v, back to the picker %v; want not replaced, back", replaced, back)
	}
}
