package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// A right click on a bookmark in the sidebar opens a menu, as a library
// row's does (there was none: a UI pass): Open reads its passage, Edit
// note… opens the note dialog, Remove bookmark removes it with Undo; a
// left click still opens the passage.
func TestBookmarkRowMenu(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "kilimnik", 13)
	u.bookmarkWithNote(t, "a note")
	u.openPassage(t, "putin directed", 1)
	u.do(func() { u.sidebar.showNamed("bookmarks") })
	if len(u.bookmarks.marks) != 1 {
		t.Fatalf("%d bookmarks, want 1", len(u.bookmarks.marks))
	}
	row := u.bookmarks.list.CreateItem().(*menuRow)
	u.do(func() { u.bookmarks.list.UpdateItem(0, row) })
	choose := func(item string) {
		t.Helper()
		u.do(func() { row.TappedSecondary(&fyne.PointEvent{}) })
		menu := u.w.Canvas().Overlays().Top()
		if menu == nil {
			t.Fatal("a right click on the bookmark opened no menu")
		}
		if got := texts(menu); !slices.Equal(got, []string{"Open", "Edit note…", "Remove bookmark"}) {
			t.Fatalf("the bookmark's menu: %q", got)
		}
		u.tapText(t, menu, item)
	}
	reading := func() int64 {
		got, _ := u.reader.currentPassage()
		return got.ID
	}

	choose("Open")
	if reading() != p.ID {
		t.Errorf("Open shows passage %d, want the bookmark's %d", reading(), p.ID)
	}
	choose("Edit note…")
	u.dialog(t, "Bookmark note")
	u.dialogKeyEscape()

	choose("Remove bookmark")
	if len(u.bookmarks.marks) != 0 {
		t.Fatalf("Remove bookmark left %d bookmarks", len(u.bookmarks.marks))
	}
	u.ctrlZ()
	if len(u.bookmarks.marks) != 1 {
		t.Fatalf("Undo after Remove bookmark: %d bookmarks, want it back", len(u.bookmarks.marks))
	}

	// A left click opens the passage, as before the row had a menu.
	u.openPassage(t, "putin", 1)
	u.do(func() {
		u.bookmarks.list.UpdateItem(0, row)
		row.Tapped(&fyne.PointEvent{})
	})
	if reading() != p.ID {
		t.Errorf("a click on the bookmark shows passage %d, want %d", reading(), p.ID)
	}
}
