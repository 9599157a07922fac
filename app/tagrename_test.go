package app

import (
	"strings"
	"testing"
)

// Renaming the selected actor in the tag manager keeps the search on it:
// the query its selection put in the box follows the new name, and follows
// it back when the rename is undone (and forward again on redo), instead of
// saying that no actor has the old name.
func TestRenamingSelectedTagKeepsItsSearch(t *testing.T) {
	u := newTestUI(t)
	_, i, _ := tagRow(t, u.actors, "Joe Biden")
	u.do(func() { u.actors.list.Select(i) })
	if q := u.search.query(); q != `actor:"Joe Biden"` {
		t.Fatalf("selecting Joe Biden searched %q", q)
	}
	hits := len(u.results.items)
	if hits == 0 {
		t.Fatal("no results for Joe Biden")
	}

	joe := u.actors.tags[i]
	u.do(func() { u.showTagManager(joe) })
	name := findAll[*fieldEntry](u.dialog(t, "Actor: Joe Biden"))[0]
	u.do(func() { name.SetText("Joseph Biden") })
	u.tapDialogButton(t, "Actor: Joe Biden", "Save")

	check := func(when, want string) {
		t.Helper()
		if q := u.search.query(); q != want {
			t.Errorf("%s: query %q, want %q", when, q, want)
		}
		if u.results.messageLine.Visible() || len(u.results.items) != hits {
			t.Errorf("%s: %d results, message %q; want the %d passages of the actor", when, len(u.results.items), u.results.message.Text, hits)
		}
	}
	check("after the rename", `actor:"Joseph Biden"`)
	u.do(u.undoNow)
	check("after undo", `actor:"Joe Biden"`)
	u.do(u.redoNow)
	check("after redo", `actor:"Joseph Biden"`)

	// A query the user typed is theirs: a rename does not touch it.
	u.find("biden")
	u.do(u.undoNow)
	if q := u.search.query(); !strings.EqualFold(q, "biden") {
		t.Errorf("a typed query became %q after a rename was undone", q)
	}
}
