package cli

import (
	"testing"

	"dossier/store"
)

// "restored" belongs to what was restored, not to the tags a bundle made
// or changed: "3 tags created, 1 tag updated restored" (a hostile data
// pass).
func TestBundleSummaryWording(t *testing.T) {
	for _, c := range []struct {
		r    store.BundleReport
		want string
	}{
		{store.BundleReport{TagsCreated: 3, TagsUpdated: 1, Unchanged: 2}, "3 tags created, 1 tag updated; 2 already present"},
		{store.BundleReport{Bookmarks: 2, SavedSearches: 1, Unchanged: 0}, "2 bookmarks, 1 saved search restored; 0 already present"},
		{store.BundleReport{TagsCreated: 1, PassageTags: 4, Unchanged: 5}, "4 passage taggings restored; 1 tag created; 5 already present"},
	} {
		if got := bundleSummary(c.r); got != c.want {
			t.Errorf("bundleSummary(%+v) = %q, want %q", c.r, got, c.want)
		}
	}
}
