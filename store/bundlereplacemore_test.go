package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// A bundle newer than a saved search's query, or than a tag's description,
// replaces it as it replaces a note; the summary must say so and the file
// as it was be kept first, as it is for notes (found by a hostile data
// pass: "1 saved search restored", "1 tag updated", the researcher's
// query and description gone, no backup).
func TestBundleReplacingASavedSearchOrDescriptionSaysSo(t *testing.T) {
	ctx := context.Background()
	b, _ := mustResearch(t) // here, made first
	store.SetClock(b, store.Ticking(time.Now().Add(-48*time.Hour), time.Millisecond))
	if err := b.SaveSearch(ctx, "main", "actor:kilimnik is:bookmarked -manafort"); err != nil {
		t.Fatal(err)
	}
	mustTag(t, b, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Description: "what I know of her"})
	store.SetClock(b, time.Now) // back to today's time for the restore
	b.SetBackupDir(t.TempDir())
	b.EnableAutoBackups()

	a, _ := mustResearch(t) // elsewhere, later
	if err := a.SaveSearch(ctx, "main", "putin"); err != nil {
		t.Fatal(err)
	}
	mustTag(t, a, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Description: "a colleague's view"})
	data := exportJSON(t, a, "")

	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	saved, _ := b.SavedSearches(ctx)
	desc := tagNamed(t, b, store.FamilyActor, "Ann Example").Description
	t.Logf("after: saved %+v, description %q; summary %s", saved, desc, rep)
	if len(saved) == 1 && saved[0].Query == "putin" && !strings.Contains(rep.Replacements(), "1 saved search query") {
		t.Errorf("the saved search's query was replaced unsaid: %s", rep)
	}
	if desc == "a colleague's view" && !strings.Contains(rep.Replacements(), "1 tag description") {
		t.Errorf("the tag's description was replaced unsaid: %s", rep)
	}
	if rep.KeptBefore == "" {
		t.Errorf("nothing kept before the bundle replaced the query and description: %s", rep)
	} else if got := keptQueries(t, rep.KeptBefore); !strings.Contains(got, "main=actor:kilimnik is:bookmarked -manafort") {
		t.Errorf("the backup kept holds %q", got)
	}
}

func keptQueries(t *testing.T, path string) string {
	t.Helper()
	_, lines := queryLines(t, rawDB(t, path), `SELECT name || '=' || query FROM saved_searches ORDER BY name`)
	return strings.Join(lines, ";")
}
