package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"dossier/store"
)

// A claim's new source named like an existing actor is suggested where the
// actor is: the passage shows one chip of that name, not two, and its menu
// decides on each tag under its family.
func TestSameNamedTagsShareAChip(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "manafort", 13)
	st, _ := u.store()
	ctx := context.Background()
	words := store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}
	const manafort = "Paul Manafort"
	source := manafort
	if _, err := st.MarkClaim(ctx, p.ID, words, store.ClaimEdit{Source: &source}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.FindTag(ctx, store.FamilySource, manafort); err != nil {
		t.Fatalf("no source named like the actor: %v", err)
	}
	u.do(u.annotationsChanged)
	var named []string
	for _, l := range chipLabels(u.focusedRow(t)) {
		if strings.HasPrefix(l, manafort) {
			named = append(named, l)
		}
	}
	if len(named) != 1 {
		t.Fatalf("chips named %s: %q, want one", manafort, named)
	}
	u.do(func() { chip(t, u.focusedRow(t), named[0]).Tapped(&fyne.PointEvent{}) })
	menu := texts(u.w.Canvas().Overlays().Top())
	for _, want := range []string{"Manage… (actor)", "Manage… (source)"} {
		if !slices.Contains(menu, want) {
			t.Errorf("the shared chip's menu %q lacks %q", menu, want)
		}
	}
}

// A result row's tag line names tags of one name once, with "?" while
// none of them is accepted.
func TestTagLineNamesOnce(t *testing.T) {
	tag := func(family, name, state string) store.PassageTag {
		return store.PassageTag{Tag: store.Tag{Family: family, Name: name}, State: state}
	}
	got := tagLine([]store.PassageTag{
		tag("actor", "Paul Manafort", store.StatePending), tag("actor", "Russia", store.StateAccepted),
		tag("source", "paul manafort", store.StatePending),
	})
	if got != "Paul Manafort? · Russia" {
		t.Errorf("tag line %q", got)
	}
	got = tagLine([]store.PassageTag{tag("actor", "CNN", store.StatePending), tag("source", "CNN", store.StateAccepted)})
	if got != "CNN" {
		t.Errorf("tag line %q, want the accepted name without ?", got)
	}
}

// A chip's Manage… opens the tag manager on the tag as the tag list has
// it: its pending suggestions counted for "Accept N suggestions" (a
// chip's tag carries only its name and look, so the manager reads it).
func TestChipManageShowsTheTagsCounts(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "manafort", 13)
	manafort, _, _ := tagRow(t, u.actors, "Paul Manafort")
	if manafort.Pending < 1 {
		t.Fatalf("Paul Manafort has %d suggestions: the test needs one", manafort.Pending)
	}
	u.do(func() { chip(t, u.focusedRow(t), "Paul Manafort ?").Tapped(&fyne.PointEvent{}) })
	u.tapText(t, u.w.Canvas().Overlays().Top(), "Manage…")
	top := u.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Manage… opened no dialog")
	}
	want := "Accept " + plural(manafort.Pending, "suggestion")
	if !slices.Contains(texts(top), want) {
		t.Errorf("the tag manager shows %q; want %q", texts(top), want)
	}
}
