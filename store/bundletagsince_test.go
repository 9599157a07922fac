package store_test

import (
	"bytes"
	"context"
	"strings"
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

// Two bundles of one colleague's tag, restored newer first: the older
// one leaves the newer one's description, kind and colour as they are,
// as it does when the tag was here before the newer bundle (a hostile
// data pass: a tag the newer bundle made took the older bundle's, while
// its bookmark notes and saved searches kept the newer ones).
func TestAnOlderBundleLeavesATagANewerOneMade(t *testing.T) {
	ctx := context.Background()
	a := colleaguesFile(t)
	tg := mustTag(t, a, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Description: "Monday's", Color: "#111111"})
	monday := exportJSON(t, a, "")
	store.SetClock(a, store.Ticking(time.Date(2026, 1, 3, 9, 0, 0, 0, time.UTC), time.Millisecond))
	tg.Kind, tg.Description, tg.Color = "organisation", "Wednesday's", "#222222"
	if _, _, err := a.EditTag(ctx, tg); err != nil {
		t.Fatal(err)
	}
	wednesday := exportJSON(t, a, "")

	for _, order := range [][]string{{"wednesday", "monday"}, {"monday", "wednesday", "monday"}} {
		b, _ := mustResearch(t)
		var reps []string
		for _, name := range order {
			data := map[string][]byte{"monday": monday, "wednesday": wednesday}[name]
			rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			reps = append(reps, name+": "+rep.String())
		}
		got := tagNamed(t, b, store.FamilyActor, "Ann Example")
		if got.Description != "Wednesday's" || got.Kind != "organisation" || got.Color != "#222222" {
			t.Errorf("restored %v: the tag is %q/%q/%q, want Wednesday's organisation/#222222\n%s",
				order, got.Kind, got.Description, got.Color, strings.Join(reps, "\n"))
		}
	}
}
