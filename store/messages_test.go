package store_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/store"
	"dossier/store/query"
)

// User text echoed in an error is cut at query.MaxEcho characters, with an
// ellipsis: a megabyte tag name is not repeated back.
func TestErrorsClipUserText(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	huge := strings.Repeat("Ж", 1<<20)
	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
			return
		}
		msg := err.Error()
		if n := utf8.RuneCountInString(msg); n > 400 || !strings.Contains(msg, strings.Repeat("Ж", query.MaxEcho)+"…") {
			t.Errorf("%s: a %d-character message: %.200s…", what, n, msg)
		}
	}
	_, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: huge, Name: "x"})
	check("CreateTag with a huge kind", err)
	_, err = s.CreateTag(ctx, store.Tag{Family: huge, Kind: "person", Name: "x"})
	check("CreateTag with a huge family", err)
	bundle := `{"format": "dossier-annotations", "version": 1, "tags": [{"family": "actor", "kind": "person", "name": "` + huge + `"}]}`
	_, err = s.ImportBundle(ctx, strings.NewReader(bundle))
	check("a bundle with a huge tag name", err)
	_, err = s.ImportBundle(ctx, strings.NewReader(`{"format": "`+huge+`", "version": 1}`))
	check("a bundle with a huge format", err)
	_, err = s.Search(ctx, store.SearchRequest{Query: "-" + strings.Repeat("Ж", 900)})
	check("a query excluding a long word", err)

	// A long tag name within the limit is clipped too.
	name := strings.Repeat("ab", 99)
	if _, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: name}); err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: name})
	if err == nil || strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), name[:query.MaxEcho]+"…") {
		t.Errorf("duplicate tag: %v", err)
	}
}

func TestClip(t *testing.T) {
	if got := query.Clip("short"); got != "short" {
		t.Errorf("Clip(short) = %q", got)
	}
	exact := strings.Repeat("é", query.MaxEcho)
	if got := query.Clip(exact); got != exact {
		t.Errorf("Clip of exactly MaxEcho characters changed it: %q", got)
	}
	if got := query.Clip(exact + "x"); got != exact+"…" {
		t.Errorf("Clip(MaxEcho+1) = %q", got)
	}
}

// A saved search is held to search's own length limit, with its message,
// from the window's API and from a bundle.
func TestSavedSearchLengthLimit(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	long := strings.Repeat("kilimnik ", 200_000/9)
	want := "The query is too long ("
	if err := s.SaveSearch(ctx, "long", long); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("SaveSearch of a %d-character query: %v", len(long), err)
	}
	_, searchErr := s.Search(ctx, store.SearchRequest{Query: long})
	if err := s.SaveSearch(ctx, "long", long); err == nil || searchErr == nil || err.Error() != searchErr.Error() {
		t.Errorf("save and search disagree: %v / %v", err, searchErr)
	}
	if err := s.SaveSearch(ctx, strings.Repeat("n", 201), "kilimnik"); err == nil {
		t.Error("a 201-character name was saved")
	}
	if err := s.SaveSearch(ctx, "ok", strings.Repeat("a", query.MaxQueryLen)); err != nil {
		t.Errorf("a query at the limit: %v", err)
	}
	bundle := `{"format": "dossier-annotations", "version": 1, "saved_searches": [{"name": "x", "query": "` + long + `"}]}`
	if _, err := s.ImportBundle(ctx, strings.NewReader(bundle)); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a bundle with a long saved search: %v", err)
	}
	saved, err := s.SavedSearches(ctx)
	if err != nil || len(saved) != 1 {
		t.Errorf("saved searches: %v, %v", saved, err)
	}
}
