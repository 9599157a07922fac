package store_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"dossier/store"
)

// Aliases taken off here are remembered (migration 0016), so that an older
// bundle leaves them off while a bundle's alias never here is still added.

// An alias taken off by an edit, its undo and its redo stays off when a
// bundle exported before the edit is restored (a hostile data pass: it came
// back, with its suggestions).
func TestAliasTakenOffByRedoStaysOffWithAnOlderBundle(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Aliases: []string{"Kilimnik"}})
	data := exportJSON(t, s, "")
	store.SetClock(s, time.Now)
	tg := tagNamed(t, s, store.FamilyActor, "Ann Example")
	tg.Aliases = nil
	before, after, err := s.EditTag(ctx, tg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, before); err != nil { // Undo
		t.Fatal(err)
	}
	if err := s.Restore(ctx, after); err != nil { // Redo
		t.Fatal(err)
	}
	if got := tagNamed(t, s, store.FamilyActor, "Ann Example"); len(got.Aliases) != 0 {
		t.Fatalf("after redo: %q", got.Aliases)
	}
	rep, err := s.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := tagNamed(t, s, store.FamilyActor, "Ann Example"); len(got.Aliases) != 0 {
		t.Errorf("a bundle exported before the edit brought back the alias its redo took off: %q (%s)", got.Aliases, rep)
	}
}

// A colleague's bundle (another research file, not an older copy of this
// one) brings an alias this file never had: it is added though the tag was
// edited here after the colleague exported (its colour only). Dating the
// edit left the alias out, said as "changed or removed here since", which
// it never was (a review of the alias rule).
func TestColleaguesBundleAddsAnAliasNeverHere(t *testing.T) {
	ctx := context.Background()
	a := colleaguesFile(t) // the colleague's file, exported in January
	mustTag(t, a, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Aliases: []string{"A. Example"}})
	data := exportJSON(t, a, "")

	b, _ := mustResearch(t) // this file: the same person, tagged here on its own
	store.SetClock(b, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	mustTag(t, b, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example"})
	mine := tagNamed(t, b, store.FamilyActor, "Ann Example")
	mine.Color = "#cc3333" // only its colour changed here, after the colleague's export
	if _, _, err := b.EditTag(ctx, mine); err != nil {
		t.Fatal(err)
	}
	store.SetClock(b, time.Now)
	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got := tagNamed(t, b, store.FamilyActor, "Ann Example").Aliases
	t.Logf("aliases here after the colleague's bundle: %q; summary: %s", got, rep)
	if !slices.Contains(got, "A. Example") {
		t.Errorf("the colleague's alias, never here, was left out (summary: %s)", rep)
	}
}

// An alias's removal goes with its tag through a delete and its undo, and
// onto the survivor of a merge (unless the survivor has the alias); given
// back, the alias's removal is forgotten.
func TestAliasRemovalsFollowTheirTag(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	ann := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Aliases: []string{"A. One", "A. Two"}})
	bea := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Bea Example", Aliases: []string{"B. One"}})
	data := exportJSON(t, s, "")
	store.SetClock(s, time.Now)
	aliases := func(name string) []string {
		got := tagNamed(t, s, store.FamilyActor, name).Aliases
		slices.Sort(got)
		return got
	}
	edit := func(tg store.Tag, aliases ...string) {
		t.Helper()
		tg.Aliases = aliases
		if _, _, err := s.EditTag(ctx, tg); err != nil {
			t.Fatal(err)
		}
	}
	edit(ann, "A. One")
	edit(bea)
	if n := store.RowCount(t, s, "tag_alias_removals"); n != 2 {
		t.Fatalf("%d alias removals remembered, want 2", n)
	}
	// Deleted and put back: its removal with it.
	snap, err := s.DeleteTag(ctx, ann.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, snap); err != nil {
		t.Fatal(err)
	}
	restore := func() store.BundleReport {
		t.Helper()
		rep, err := s.ImportBundle(ctx, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if rep := restore(); !slices.Equal(aliases("Ann Example"), []string{"A. One"}) || rep.KeptHere == 0 {
		t.Errorf("after the tag's delete was undone, the older bundle: %q (%s)", aliases("Ann Example"), rep)
	}
	// Merged: Bea's removed alias stays off the survivor.
	if _, err := s.MergeTags(ctx, ann.ID, bea.ID); err != nil {
		t.Fatal(err)
	}
	if rep := restore(); slices.Contains(aliases("Ann Example"), "B. One") {
		t.Errorf("after the merge, the older bundle gave the survivor the merged tag's removed alias: %q (%s)", aliases("Ann Example"), rep)
	}
	// Given back by hand: the removal is forgotten.
	edit(tagNamed(t, s, store.FamilyActor, "Ann Example"), "A. One", "A. Two", "B. One", "Bea Example")
	if n := store.RowCount(t, s, "tag_alias_removals"); n != 0 {
		t.Errorf("%d alias removals remembered after the aliases were given back, want 0", n)
	}
}

// An alias change here does not date the tag: a colleague's description
// (the tag here left as the gazetteer made it but for an alias added) is
// taken, not left out as "changed here since".
func TestAnAliasEditLeavesTheTagUndated(t *testing.T) {
	ctx := context.Background()
	a := colleaguesFile(t)
	kil := tagNamed(t, a, store.FamilyActor, "Konstantin Kilimnik")
	kil.Description = "the colleague's note on him"
	if _, _, err := a.EditTag(ctx, kil); err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, a, "")

	b, _ := mustResearch(t)
	mine := tagNamed(t, b, store.FamilyActor, "Konstantin Kilimnik")
	mine.Aliases = append(mine.Aliases, "KK")
	if _, _, err := b.EditTag(ctx, mine); err != nil {
		t.Fatal(err)
	}
	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got := tagNamed(t, b, store.FamilyActor, "Konstantin Kilimnik")
	if got.Description != kil.Description || !slices.Contains(got.Aliases, "KK") {
		t.Errorf("after the colleague's bundle: description %q, aliases %q; want the colleague's description and the alias added here (%s)",
			got.Description, got.Aliases, rep)
	}
}
