package store_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"dossier/store"
)

// TestExportSaysWhatItHeld: every format counts the user's own work alike
// (suggested tags and claims are not counted), and an export of a search
// that matched none of it says so (the window and the CLI said only
// "Exported to …", as if something had been; a hostile UI pass).
func TestExportSaysWhatItHeld(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := t.Context()
	formats := []store.ExportFormat{store.ExportMarkdownFormat, store.ExportCSVFormat, store.ExportJSONFormat}
	export := func(q string) []store.ExportCounts {
		t.Helper()
		var out []store.ExportCounts
		for _, f := range formats {
			var buf bytes.Buffer
			c, err := s.Export(ctx, &buf, f, q)
			if err != nil || buf.Len() == 0 {
				t.Fatalf("format %d, query %q: %v (%d bytes)", f, q, err, buf.Len())
			}
			out = append(out, c)
		}
		return out
	}
	for i, c := range export("") {
		if c.Annotations() != 0 || !strings.HasPrefix(c.Held(false), "no bookmarks, tags or claims yet; ") {
			t.Errorf("format %d of the seeded file (suggestions only): %+v, %q", formats[i], c, c.Held(false))
		}
	}

	tag, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Exported Person"})
	if err != nil {
		t.Fatal(err)
	}
	first, second := passageAt(t, s, docID, 1), passageAt(t, s, docID, 2)
	if _, err := s.AddBookmark(ctx, first.ID, nil, "a note"); err != nil {
		t.Fatal(err)
	}
	if err := s.TagPassage(ctx, second.ID, tag.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.TagDocument(ctx, docID, tag.ID); err != nil {
		t.Fatal(err)
	}
	claim := claimList(t, s, store.ClaimQuery{Query: "by:cnn"})[0]
	if err := s.AcceptClaim(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSearch(ctx, "mine", "kilimnik"); err != nil {
		t.Fatal(err)
	}
	want := store.ExportCounts{Bookmarks: 1, TaggedPassages: 1, TaggedDocs: 1, Claims: 1, SavedSearches: 1}
	for i, c := range export("") {
		w := want
		if formats[i] == store.ExportCSVFormat {
			w.SavedSearches = 0 // the sheet has no rows for them
		}
		c.SuggestedTaggings, c.SuggestedClaims, c.SuggestionsLeftOut = 0, 0, false // see TestAnExportOfSuggestionsSaysSo
		if c != w {
			t.Errorf("format %d: %+v, want %+v", formats[i], c, w)
		}
	}
	if got := want.Held(false); got != "1 bookmark, 1 tagged passage, 1 tagged document, 1 claim and 1 saved search" {
		t.Errorf("in words: %q", got)
	}
	if got := (store.ExportCounts{Bookmarks: 2, Claims: 3}).String(); got != "2 bookmarks and 3 claims" {
		t.Errorf("in words: %q", got)
	}

	// The Markdown report's own summary counts the claims it holds.
	var md bytes.Buffer
	if err := s.ExportMarkdown(ctx, &md, ""); err != nil || !strings.Contains(md.String(), "\n1 bookmark, 1 tagged passage and 1 claim in ") {
		t.Errorf("Markdown summary: %v\n%.600s", err, md.String())
	}

	// A search that matches none of it: saved searches are always exported,
	// the rest is none.
	for i, c := range export("xyzzyqwv") {
		saved := 1
		if formats[i] == store.ExportCSVFormat {
			saved = 0
		}
		held := "no bookmarks, tags or claims on the passages matching the search"
		if saved > 0 {
			held += " (only the 1 saved search)"
		}
		if c.Annotations() != 0 || c.SavedSearches != saved || c.Held(true) != held {
			t.Errorf("format %d limited to a search matching nothing: %+v, %q", formats[i], c, c.Held(true))
		}
	}
}

// An export of a research file holding only suggestions said "no
// bookmarks, tags or claims yet" of a bundle carrying every one of them,
// read as "empty" (data16's report): the bundle says what it carries, and
// Markdown and CSV, which hold accepted work only, that they leave them out.
func TestAnExportOfSuggestionsSaysSo(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := t.Context()
	// The bundle carries every suggestion, as it did.
	var buf bytes.Buffer
	if err := s.ExportJSON(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	var b struct {
		PassageTags []struct{ State string } `json:"passage_tags"`
		Claims      []struct{ State string } `json:"claims"`
	}
	if err := json.Unmarshal(buf.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	taggings, claims := 0, 0
	for _, tg := range b.PassageTags {
		if tg.State == store.StatePending {
			taggings++
		}
	}
	for _, c := range b.Claims {
		if c.State == store.ClaimSuggested {
			claims++
		}
	}
	if taggings < 2 || claims < 2 || taggings != len(b.PassageTags) || claims != len(b.Claims) {
		t.Fatalf("the seeded file's bundle carries %d taggings, %d pending, and %d claims, %d suggested", len(b.PassageTags), taggings, len(b.Claims), claims)
	}
	counts := func(f store.ExportFormat, q string) store.ExportCounts {
		t.Helper()
		var buf bytes.Buffer
		c, err := s.Export(ctx, &buf, f, q)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	carried := fmt.Sprintf("%d suggested taggings and %d suggested claims", taggings, claims)
	want := map[store.ExportFormat]string{
		store.ExportJSONFormat:          "no bookmarks, tags or claims yet; it carries " + carried,
		store.ExportMarkdownFormat:      "no bookmarks, tags or claims yet; " + carried + " are left out until accepted",
		store.ExportMarkdownByTagFormat: "no bookmarks, tags or claims yet; " + carried + " are left out until accepted",
		store.ExportCSVFormat:           "no bookmarks, tags or claims yet; " + carried + " are left out until accepted",
	}
	for f, w := range want {
		if got := counts(f, "").Held(false); got != w {
			t.Errorf("format %d: %q, want %q", f, got, w)
		}
	}
	// With a saved search, and limited to a search matching none.
	if err := s.SaveSearch(ctx, "mine", "kilimnik"); err != nil {
		t.Fatal(err)
	}
	if got, w := counts(store.ExportJSONFormat, "").Held(false), "no bookmarks, tags or claims yet; it carries 1 saved search, "+carried; got != w {
		t.Errorf("bundle with a saved search: %q, want %q", got, w)
	}
	if got, w := counts(store.ExportMarkdownFormat, "").Held(false), "no bookmarks, tags or claims yet (only the 1 saved search); "+carried+" are left out until accepted"; got != w {
		t.Errorf("Markdown with a saved search: %q, want %q", got, w)
	}
	for _, f := range []store.ExportFormat{store.ExportJSONFormat, store.ExportMarkdownFormat} {
		c := counts(f, "xyzzyqwv")
		if c.SuggestedTaggings+c.SuggestedClaims != 0 {
			t.Errorf("format %d limited to a search matching nothing counts %+v", f, c)
		}
	}
	// One suggestion.
	if got := (store.ExportCounts{SuggestedClaims: 1, SuggestionsLeftOut: true}).Held(true); got != "no bookmarks, tags or claims on the passages matching the search; 1 suggested claim is left out until accepted" {
		t.Errorf("one: %q", got)
	}
}
