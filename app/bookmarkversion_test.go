package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// A bookmark in the sidebar named its document by its title alone, "Same
// title · ¶ 1", the same for every version of it (ui22's Xvfb pass): it
// says the version where another document has the title, as the reader
// and the hits do.
func TestBookmarkSaysWhichVersion(t *testing.T) {
	u := newTestUI(t)
	importTwoMoreOfTheSeedsTitle(t, u)
	u.work.wait()
	p := u.openPassage(t, "putin directed", 1)
	if _, err := u.CurrentStore().AddBookmark(t.Context(), p.ID, nil, "a note"); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.sidebar.showNamed("bookmarks") })
	u.work.wait()
	if len(u.bookmarks.marks) != 1 {
		t.Fatalf("%d bookmarks, want 1", len(u.bookmarks.marks))
	}
	v, ok := u.library.versions[u.bookmarks.marks[0].DocumentID]
	if !ok {
		t.Fatalf("the bookmark's document has no version (passage %d)", p.ID)
	}
	row := u.bookmarks.list.CreateItem().(*menuRow)
	u.do(func() { u.bookmarks.list.UpdateItem(0, row) })
	where := findAll[*bidiLabel](row)[0].plain.(*widget.Label).Text
	if want := fmt.Sprintf(" · %s · ¶ %d", v.label(), p.Ordinal); !strings.Contains(where, want) {
		t.Errorf("the bookmark reads %q; want it to hold %q", where, want)
	}
}
