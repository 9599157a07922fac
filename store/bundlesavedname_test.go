package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// A bundle's saved-search name is trimmed as one typed in the window is: a
// bundle's " Leads " was restored beside "Leads", two entries that looked
// the same (found by the hostile data pass data5).
func TestABundlesSavedSearchNameIsTrimmed(t *testing.T) {
	ctx := context.Background()
	b, _ := mustResearch(t)
	if err := b.SaveSearch(ctx, "Leads", "kilimnik"); err != nil {
		t.Fatal(err)
	}
	a, _ := mustResearch(t)
	if err := a.SaveSearch(ctx, "Leads", "kilimnik"); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSearch(ctx, "Others", "putin"); err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, a, "")
	for _, name := range []string{"Leads", "Others"} {
		spaced := bytes.Replace(data, []byte(`"`+name+`"`), []byte(`"  `+name+`\t"`), 1)
		if bytes.Equal(spaced, data) {
			t.Fatalf("no saved search %q in the bundle", name)
		}
		data = spaced
	}
	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	saved, err := b.SavedSearches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ss := range saved {
		names = append(names, ss.Name)
	}
	if len(saved) != 2 || saved[0].Name != "Leads" || saved[1].Name != "Others" {
		t.Errorf("saved searches %q after the bundle (%s); want \"Leads\" and \"Others\"", names, rep)
	}
}

// A hand-made bundle naming one saved search twice ("Leads", then
// " LEADS") restores the first and says the second was left out for that:
// it was counted as "changed or removed here since", which nothing was
// (found by the hostile data pass data5).
func TestABundlesRepeatedSavedSearchNameIsSaidSo(t *testing.T) {
	ctx := context.Background()
	a, _ := mustResearch(t)
	if err := a.SaveSearch(ctx, "Leads", "kilimnik"); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSearch(ctx, "Others", "putin"); err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, a, "")
	// The second entry renamed to the first's name in other capitals.
	twice := bytes.Replace(data, []byte(`"Others"`), []byte(`" LEADS"`), 1)
	if bytes.Equal(twice, data) {
		t.Fatal("no saved search \"Others\" in the bundle")
	}
	b, _ := mustResearch(t)
	rep, err := b.ImportBundle(ctx, bytes.NewReader(twice))
	if err != nil {
		t.Fatal(err)
	}
	saved, err := b.SavedSearches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != 1 || saved[0].Name != "Leads" || saved[0].Query != "kilimnik" {
		t.Errorf("saved searches %+v after the bundle; want Leads = kilimnik alone", saved)
	}
	if rep.KeptHere != 0 || rep.RepeatedSearches != 1 || rep.SavedSearches != 1 {
		t.Errorf("report: kept here %d, repeated %d, restored %d; want 0, 1, 1 (%s)", rep.KeptHere, rep.RepeatedSearches, rep.SavedSearches, rep)
	}
	said := rep.String()
	if strings.Contains(said, "here since") || !strings.Contains(said, "1 saved search left out: the bundle names it earlier too") {
		t.Errorf("report says %q", said)
	}
}
