package store_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"dossier/store"
)

// Tag names and aliases are found ignoring case in every script, not just
// ASCII (SQLite's NOCASE): "JOE BIDEN", "joe biden", "MÜLLER" for "Müller".
// A name that is nobody's says so.
func TestTagNamesIgnoreCaseInEveryScript(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	mu := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Müller", Aliases: []string{"Ömer Şahin"}})
	for _, name := range []string{"Joe Biden", "JOE BIDEN", "joe biden", " joe biden "} {
		tg, err := s.FindTag(ctx, store.FamilyActor, name)
		if err != nil || tg.Name != "Joe Biden" {
			t.Errorf("FindTag(actor, %q) = %q, %v; want Joe Biden", name, tg.Name, err)
		}
	}
	for _, name := range []string{"Müller", "MÜLLER", "müller", "ömer şahin", "ÖMER ŞAHIN"} {
		got, err := s.FindTags(ctx, store.FamilyActor, name)
		if err != nil || len(got) != 1 || got[0].ID != mu.ID {
			t.Errorf("FindTags(actor, %q) = %+v, %v; want Müller", name, got, err)
		}
	}
	// A filter on the name in capitals finds the tag too.
	if _, err := s.Search(ctx, store.SearchRequest{Query: "actor:MÜLLER"}); err != nil {
		t.Errorf("actor:MÜLLER: %v", err)
	}
	// Names stay unique ignoring case, in any script.
	if _, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "MÜLLER"}); !errors.Is(err, store.ErrTagExists) {
		t.Errorf("CreateTag(MÜLLER) with Müller present: %v, want ErrTagExists", err)
	}
	other := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Schmidt"})
	other.Name = "müller"
	if _, _, err := s.EditTag(ctx, other); !errors.Is(err, store.ErrTagExists) {
		t.Errorf("renaming Schmidt to müller: %v, want ErrTagExists", err)
	}
	// Renaming a tag to its own name in another case is fine.
	mu.Name = "MÜLLER"
	if _, _, err := s.EditTag(ctx, mu); err != nil {
		t.Errorf("renaming Müller to MÜLLER: %v", err)
	}
	// A name that is nobody's: an error that names it.
	_, err := s.FindTag(ctx, store.FamilyActor, "Nobody Atall")
	if !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "Nobody Atall") {
		t.Errorf("FindTag(Nobody Atall) = %v; want ErrNotFound naming it", err)
	}
}

// A bundle's tag whose name is a tag's here in another case, in any
// script, is that tag: "MÜLLER" made a second tag beside "Müller" (SQLite's
// NOCASE folds ASCII alone), which the window never allows, and an edit of
// either was then refused as a name already taken (a hostile data pass).
func TestABundlesTagInAnotherCaseIsTheTagHere(t *testing.T) {
	ctx := context.Background()
	a, _ := mustResearch(t)
	mustTag(t, a, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "MÜLLER", Description: "the colleague's"})
	data := exportJSON(t, a, "")

	s, _ := mustResearch(t)
	mu := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Müller"})
	rep, err := s.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.FindTags(ctx, store.FamilyActor, "müller")
	if err != nil || len(got) != 1 || got[0].ID != mu.ID {
		t.Fatalf("tags named müller after the restore: %+v, %v (%s)", got, err, rep)
	}
	mu = got[0]
	mu.Color = "#222222"
	if _, _, err := s.EditTag(ctx, mu); err != nil {
		t.Errorf("editing Müller after the restore: %v", err)
	}
}
