package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"dossier/store"
)

// A tag made here after a bundle was exported keeps the kind, description
// and colour given here when that older bundle is restored (a hostile data
// pass: they were replaced).
func TestTagMadeHereAfterTheExportKeepsItsOwn(t *testing.T) {
	ctx := context.Background()
	a := colleaguesFile(t)
	mustTag(t, a, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Description: "from the old bundle", Color: "#111111"})
	if err := a.SaveSearch(ctx, "main", "kilimnik"); err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, a, "") // exported 2026-01-01

	b, _ := mustResearch(t) // now: made after the bundle
	mine := mustTag(t, b, store.Tag{Family: store.FamilyActor, Kind: "organisation", Name: "Ann Example",
		Description: "my own notes on her, written after the bundle was made", Color: "#222222"})
	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got := tagNamed(t, b, store.FamilyActor, "Ann Example")
	if got.Description != mine.Description || got.Kind != mine.Kind || got.Color != mine.Color {
		t.Errorf("a bundle exported before the tag here was made replaced it: now %q/%q/%q, was %q/%q/%q; summary: %s",
			got.Kind, got.Description, got.Color, mine.Kind, mine.Description, mine.Color, rep)
	}
}

// A tag the gazetteer seeded with a file made after a colleague's export
// takes the bundle's description as before (the rule above is for tags
// made here by hand); one made here after the export with no description
// takes the bundle's, keeping its own kind and colour.
func TestTagMadeHereAfterTheExportTakesWhatItLacks(t *testing.T) {
	ctx := context.Background()
	a := colleaguesFile(t)
	kil := tagNamed(t, a, store.FamilyActor, "Konstantin Kilimnik")
	kil.Description = "the colleague's note on him"
	if _, _, err := a.EditTag(ctx, kil); err != nil {
		t.Fatal(err)
	}
	mustTag(t, a, store.Tag{Family: store.FamilySource, Kind: "outlet", Name: "Meduza", Description: "Riga-based", Color: "#111111"})
	data := exportJSON(t, a, "")

	b, _ := mustResearch(t)
	mine := mustTag(t, b, store.Tag{Family: store.FamilySource, Kind: "outlet", Name: "Meduza", Color: "#222222"})
	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := tagNamed(t, b, store.FamilyActor, "Konstantin Kilimnik"); got.Description != kil.Description {
		t.Errorf("the gazetteer's tag took %q, want the bundle's %q (%s)", got.Description, kil.Description, rep)
	}
	got := tagNamed(t, b, store.FamilySource, "Meduza")
	if got.Description != "Riga-based" || got.Color != mine.Color || got.Kind != mine.Kind {
		t.Errorf("the tag made here with no description: %q/%q/%q, want the bundle's description and its own kind and colour %q/%q (%s)",
			got.Kind, got.Description, got.Color, mine.Kind, mine.Color, rep)
	}
}

// colleaguesFile is a colleague's research file whose clock stands at
// January 2026: what it exports is dated before anything made here.
func colleaguesFile(t *testing.T) *store.Store {
	t.Helper()
	a, _ := mustResearch(t)
	store.SetClock(a, store.Ticking(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), time.Millisecond))
	return a
}
