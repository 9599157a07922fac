package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"dossier/store"
)

// Enter in a new bookmark's note field starts a new line (Ctrl+Enter
// bookmarks). A note of nothing but that line break was a note: after the
// pause the bookmark was made with it and the status line said "Note
// saved." of no note, and kept, has:note found a passage whose note shows
// nothing (a hostile UI pass, ui5, pressing Enter in every dialog under
// Xvfb). A note of blanks is no note.
func TestABlankNoteIsNoNote(t *testing.T) {
	u := newTestUI(t)
	clock := &manualClock{}
	u.bookmarks.after = clock.after
	p := u.openPassage(t, "kilimnik", 13)
	u.do(u.menuItem(t, "Edit", "Bookmark passage…").Action)
	note := findAll[*fieldEntry](u.dialog(t, "Bookmark passage"))[0]
	u.press(t, fyne.KeyReturn, 0)
	if note.Text != "\n" {
		t.Fatalf("Enter in the note made it %q", note.Text)
	}
	u.fire(clock)
	if got := u.status.message.Text; got == "Note saved." {
		t.Errorf("after the pause the status line says %q of a note of a line break", got)
	}
	if bs, _ := u.CurrentStore().PassageBookmarks(context.Background(), p.ID); len(bs) != 0 {
		t.Errorf("the pause made a bookmark of a blank note: %+v", bs)
	}
	u.press(t, fyne.KeyReturn, fyne.KeyModifierControl)
	bs, err := u.CurrentStore().PassageBookmarks(context.Background(), p.ID)
	if err != nil || len(bs) != 1 || bs[0].Note != "" {
		t.Fatalf("after Ctrl+Enter the passage's bookmarks are %+v (%v), want one without a note", bs, err)
	}
	res, err := u.CurrentStore().Search(context.Background(), store.SearchRequest{Query: "has:note"})
	if err != nil || res.Total != 0 {
		t.Errorf("has:note finds %d passages (%v), want none", res.Total, err)
	}
}
