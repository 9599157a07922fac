package store_test

import (
	"bytes"
	"context"
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
