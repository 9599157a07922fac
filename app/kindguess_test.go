package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The New actor or source dialog first offers the kind the name suggests,
// follows the name as it is typed, and keeps the kind the user picks: the
// Internet Research Agency, made from the tag picker's Create…, was a
// person (a researcher's pass).
func TestNewTagKindFollowsTheName(t *testing.T) {
	u := newTestUI(t)
	kindOf := func() *fieldSelect {
		t.Helper()
		sel := findAll[*fieldSelect](u.dialog(t, "New actor or source"))
		if len(sel) != 1 {
			t.Fatalf("%d drop-downs in the dialog, want the kind alone", len(sel))
		}
		return sel[0]
	}

	// As the tag picker's Create… opens it, with the name typed there.
	u.do(func() { u.showNewTagDialog("Internet Research Agency", nil) })
	if got, want := kindOf().Selected, kindOption("actor", "organisation"); got != want {
		t.Errorf("kind %q, want %q", got, want)
	}
	u.tapDialogButton(t, "New actor or source", "Create")
	if ira, _, _ := tagRow(t, u.actors, "Internet Research Agency"); ira.Kind != "organisation" {
		t.Errorf("created as %q, want organisation", ira.Kind)
	}

	// From the Edit menu: the kind follows the name typed.
	u.do(func() { u.showNewTagDialog("", nil) })
	if got, want := kindOf().Selected, kindOption("actor", "person"); got != want {
		t.Errorf("kind for no name %q, want %q", got, want)
	}
	name := findAll[*fieldEntry](u.dialog(t, "New actor or source"))[0]
	u.do(func() { test.Type(name, "Washington Post") })
	if got, want := kindOf().Selected, kindOption("source", "outlet"); got != want {
		t.Errorf("kind for %q: %q, want %q", name.Text, got, want)
	}
	// The user's choice stays whatever is typed after it.
	u.do(func() { kindOf().SetSelected(kindOption("actor", "person")) })
	u.do(func() { name.SetText("Washington Post Company") })
	if got, want := kindOf().Selected, kindOption("actor", "person"); got != want {
		t.Errorf("kind after the user chose person %q, want %q", got, want)
	}
	u.tapDialogButton(t, "New actor or source", "Create")
	if p, _, _ := tagRow(t, u.actors, "Washington Post Company"); p.Kind != "person" {
		t.Errorf("created as %q, want the person chosen", p.Kind)
	}
}
