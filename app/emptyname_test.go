package app

import (
	"testing"

	"dossier/store"
)

// Four dialogs closed when their name was left empty and said so only
// afterwards, losing what else was typed: the tag manager (a cleared name
// with new aliases and a description: 'A tag needs a name.', every edit
// gone), New actor or source, Save search and Rename saved search (which
// said 'Not saved: a saved search needs a name.' in the status line). Found
// by a hostile UI pass beside the merge dialog's. As Rename document does,
// each now says so over the dialog, which stays with what was typed.
func TestDialogsStayOnAnEmptyName(t *testing.T) {
	u := newTestUI(t)
	joe, _, _ := tagRow(t, u.actors, "Joe Biden")
	u.find("kilimnik")
	cases := []struct {
		title, ok, cancel string
		open              func()
	}{
		{"Actor: Joe Biden", "Save", "Close", func() { u.showTagManager(joe) }},
		{"New actor or source", "Create", "Cancel", func() { u.showNewTagDialog("", nil) }},
		{"Save search", "Save", "Cancel", u.showSaveSearch},
		{"Rename saved search", "Rename", "Cancel", func() { u.renameSavedSearch(store.SavedSearch{ID: 1, Name: "Kilimnik", Query: "kilimnik"}) }},
	}
	for _, c := range cases {
		u.do(c.open)
		fields := findAll[*fieldEntry](u.dialog(t, c.title))
		if len(fields) == 0 {
			t.Fatalf("%s: no fields", c.title)
		}
		u.do(func() {
			fields[0].SetText("  ")
			if len(fields) > 1 {
				fields[len(fields)-1].SetText("typed here")
			}
		})
		u.tapDialogButton(t, c.title, c.ok)
		top := u.w.Canvas().Overlays().Top()
		if top == nil {
			t.Errorf("%s: an empty name closed the dialog, saying nothing over it (status %q)", c.title, u.status.message.Text)
			continue
		}
		said := texts(top)
		u.tapDialogButton(t, "Error", "OK")
		u.dialog(t, c.title)
		if len(fields) > 1 && fields[len(fields)-1].Text != "typed here" {
			t.Errorf("%s: what was typed is gone", c.title)
		}
		t.Logf("%s: %q", c.title, said)
		u.tapDialogButton(t, c.title, c.cancel)
	}
}
