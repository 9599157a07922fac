package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// The tag picker offers no new tag beside one it found by folded letters
// or as another form of its name: "Create “Turkiye”…" beside Türkiye, and
// "Create “Россия”…" beside Russia, made a second actor for one country
// (ui19's L3). A name it does not know it still offers to create.
func TestTagPickerOffersNoTwinOfATagItFound(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	if _, _, err := st.CreateTagUndoable(context.Background(), store.Tag{Family: store.FamilyActor, Kind: "state", Name: "Türkiye"}); err != nil {
		t.Fatal(err)
	}
	u.openPassage(t, "putin directed", 1)
	u.do(u.menuItem(t, "Edit", "Tag passage…").Action)
	d := u.dialog(t, "Tag with an actor or source")
	entry := findAll[*fieldEntry](d)[0]
	offered := func() string {
		for _, b := range findAll[*dialogButton](d) {
			if b.Visible() && strings.HasPrefix(b.Text, "Create") {
				return b.Text
			}
		}
		return ""
	}
	for typed, want := range map[string]string{
		"Turkiye":   "",
		"TURKEY":    "",
		"Россия":    "",
		"russia":    "",
		"Turk":      "Create “Turk”…", // a part of a name: maybe another tag
		"Ruritania": "Create “Ruritania”…",
	} {
		u.do(func() { entry.SetText(""); test.Type(entry, typed) })
		if got := offered(); got != want {
			t.Errorf("%q: the picker offers %q, want %q", typed, got, want)
		}
	}
}

// New actor or source says which tag a name would duplicate by folded
// letters or as another form of a state's name: the store takes
// "Turkiye" beside Türkiye (its rule is case only), and nothing said so.
func TestNewTagSaysWhichTagItWouldDuplicate(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	if _, _, err := st.CreateTagUndoable(context.Background(), store.Tag{Family: store.FamilyActor, Kind: "state", Name: "Türkiye"}); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.showNewTagDialog("Turkiye", nil) })
	d := u.dialog(t, "New actor or source")
	warning := func() string {
		for _, l := range findAll[*widget.Label](d) {
			if l.Visible() && strings.HasPrefix(l.Text, "Already") {
				return l.Text
			}
		}
		return ""
	}
	if got, want := warning(), "Already an actor: “Türkiye” (state / government). Create makes a second tag beside it."; got != want {
		t.Errorf("for “Turkiye”: %q, want %q", got, want)
	}
	// The dialog grows to the warning's lines: it kept the body's height
	// and hid Colour and Description under a scroll (Xvfb).
	for _, sc := range findAll[*container.Scroll](d) {
		if sc.Size().Height < sc.Content.MinSize().Height {
			t.Errorf("with the warning the body shows %.0f of its %.0f px (canvas %v)", sc.Size().Height, sc.Content.MinSize().Height, u.w.Canvas().Size())
		}
	}
	name := findAll[*fieldEntry](d)[0]
	for typed, want := range map[string]string{
		"Ruritania": "",
		"türkiye":   "Already an actor: “Türkiye” (state / government). Give the new one another name.",
		"Turkey":    "Already an actor: “Türkiye” (state / government). Create makes a second tag beside it.",
	} {
		u.do(func() { name.SetText(typed) })
		if got := warning(); got != want {
			t.Errorf("for %q: %q, want %q", typed, got, want)
		}
	}
}
