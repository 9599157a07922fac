package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// A right click on an Actors or Sources row opens a menu, as a library
// row's does (there was none: a UI pass). Show passages with NAME (named:
// the row may show "Jo…" only) searches for the tag's passages, also when
// its row is selected already and the search has changed since; Manage…
// and Merge into… open their dialogs on it; a left click still selects
// the row.
func TestTagRowMenu(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.sidebar.showNamed("actors") })
	joe, i, _ := tagRow(t, u.actors, "Joe Biden")
	row := u.actors.list.CreateItem().(*menuRow)
	u.do(func() { u.actors.list.UpdateItem(i, row) })
	choose := func(item string) {
		t.Helper()
		u.do(func() { row.TappedSecondary(&fyne.PointEvent{}) })
		menu := u.w.Canvas().Overlays().Top()
		if menu == nil {
			t.Fatal("a right click on the row opened no menu")
		}
		if got := texts(menu); !slices.Equal(got, []string{"Show passages with Joe Biden", "Manage…", "Merge into…"}) {
			t.Fatalf("the row's menu: %q", got)
		}
		u.tapText(t, menu, item)
	}
	want := filterFor(joe)
	choose("Show passages with Joe Biden")
	if q := u.search.query(); q != want || u.actors.selected != i {
		t.Errorf("Show passages: query %q, row %d selected; want %q, row %d", q, u.actors.selected, want, i)
	}
	u.find("kilimnik")
	choose("Show passages with Joe Biden")
	if q := u.search.query(); q != want {
		t.Errorf("Show passages on the selected row after another search: query %q, want %q", q, want)
	}

	choose("Manage…")
	u.dialog(t, "Actor: Joe Biden")
	u.dialogKeyEscape()
	choose("Merge into…")
	u.dialog(t, "Merge “Joe Biden” into…")
	u.dialogKeyEscape()

	// A left click selects the row, as before it had a menu.
	other, j, _ := tagRow(t, u.actors, "Paul Manafort")
	u.do(func() {
		u.actors.list.UpdateItem(j, row)
		row.Tapped(&fyne.PointEvent{})
	})
	if q := u.search.query(); q != filterFor(other) || u.actors.selected != j {
		t.Errorf("a click on %q: query %q, row %d selected", other.Name, q, u.actors.selected)
	}
}
