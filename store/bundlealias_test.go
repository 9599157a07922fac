package store_test

import (
	"bytes"
	"context"
	"testing"

	"dossier/store"
)

// An alias taken off a tag here, after a bundle was exported, comes back
// when that older bundle is restored, and with it the suggestions the
// alias made (the edit is not remembered, unlike a tag's description).
func TestOlderBundleLeavesAnAliasTakenOffHereOff(t *testing.T) {
	ctx := context.Background()
	a := colleaguesFile(t)
	mustTag(t, a, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Aliases: []string{"Kilimnik"}})
	data := exportJSON(t, a, "") // exported 2026-01-01, alias "Kilimnik" (a mistake)

	b, _ := mustResearch(t)
	if rep, err := b.ImportBundle(ctx, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	} else {
		t.Logf("first restore: %s", rep)
	}
	mine := tagNamed(t, b, store.FamilyActor, "Ann Example")
	mine.Aliases = nil // the wrong alias taken off here, today
	if _, _, err := b.EditTag(ctx, mine); err != nil {
		t.Fatal(err)
	}
	if got := tagNamed(t, b, store.FamilyActor, "Ann Example"); len(got.Aliases) != 0 {
		t.Fatalf("alias not removed: %q", got.Aliases)
	}
	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := tagNamed(t, b, store.FamilyActor, "Ann Example"); len(got.Aliases) != 0 {
		t.Errorf("the older bundle brought back the alias taken off here since: %q (summary: %s)", got.Aliases, rep)
	}
}
