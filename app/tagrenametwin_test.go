package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// Renaming a tag says which tag the new name would duplicate, as New
// actor or source says it: renamed "Turkiye" beside Türkiye, it made a
// second tag for the country without a word. A new name that is another
// tag's, in any case, is refused in the dialog, which keeps what was
// typed; the store's refusal came once it had closed.
func TestRenameTagSaysWhichTagItWouldDuplicate(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	ctx := context.Background()
	turkiye, _, err := st.CreateTagUndoable(ctx, store.Tag{Family: store.FamilyActor, Kind: "state", Name: "Türkiye"})
	if err != nil {
		t.Fatal(err)
	}
	office, _, err := st.CreateTagUndoable(ctx, store.Tag{Family: store.FamilyActor, Kind: "organisation", Name: "Ankara office"})
	if err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.showTagManager(office) })
	d := u.dialog(t, "Actor: Ankara office")
	warning := func() string {
		for _, l := range findAll[*widget.Label](d) {
			if l.Visible() && strings.HasPrefix(l.Text, "Already") {
				return l.Text
			}
		}
		return ""
	}
	if got := warning(); got != "" {
		t.Errorf("before any change the manager warns %q", got)
	}
	name := findAll[*fieldEntry](d)[0]
	// In this order: the Save below needs the last name, TÜRKIYE (a map's
	// random order made this test fail one run in four).
	for _, c := range []struct{ typed, want string }{
		{"Turkiye", "Already an actor: “Türkiye” (state / government). Save makes a second tag beside it; Merge into… makes them one."},
		{"Turkey", "Already an actor: “Türkiye” (state / government). Save makes a second tag beside it; Merge into… makes them one."},
		{"Ruritania", ""},
		{"TÜRKIYE", "Already an actor: “Türkiye” (state / government). Give this one another name, or use Merge into… to make them one."},
	} {
		u.do(func() { name.SetText(c.typed) })
		if got := warning(); got != c.want {
			t.Errorf("renamed %q: %q, want %q", c.typed, got, c.want)
		}
	}
	// The dialog grows to the warning's lines: Kind, Aliases and the rest
	// stay in view.
	for _, sc := range findAll[*container.Scroll](d) {
		if sc.Size().Height < sc.Content.MinSize().Height {
			t.Errorf("with the warning the body shows %.0f of its %.0f px", sc.Size().Height, sc.Content.MinSize().Height)
		}
	}
	// Save with another tag's name: said over the dialog, which stays.
	u.press(t, fyne.KeyReturn, 0)
	shown := strings.Join(texts(u.dialog(t, "Error")), " ")
	if !strings.Contains(shown, "There is already an actor called “Türkiye” (state / government)") {
		t.Errorf("Save with another tag's name says %q", shown)
	}
	u.press(t, fyne.KeyEscape, 0)
	u.dialog(t, "Actor: Ankara office")
	if name.Text != "TÜRKIYE" {
		t.Errorf("after the refusal the name field holds %q", name.Text)
	}
	if got, err := st.Tag(ctx, office.ID); err != nil || got.Name != "Ankara office" {
		t.Errorf("the tag is now %q (%v)", got.Name, err)
	}
	u.press(t, fyne.KeyEscape, 0)

	// A tag is no twin of itself: Türkiye renamed to a case of its name.
	u.do(func() { u.showTagManager(turkiye) })
	d = u.dialog(t, "Actor: Türkiye")
	name = findAll[*fieldEntry](d)[0]
	u.do(func() { name.SetText("TÜRKIYE") })
	if got := warning(); got != "" {
		t.Errorf("Türkiye renamed TÜRKIYE warns %q", got)
	}
}
