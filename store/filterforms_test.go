package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"dossier/store"
	"dossier/store/query"
)

// A search filter finds what the tag picker finds (MatchTags): a name that
// no tag has exactly, written in another script or with letters folded,
// is read as the one tag it names, and the results say so. Claim sources
// stay exact (ui19's L2, rs11's warning).
func TestFiltersReadANameByItsOtherForms(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	tur := mustTag(t, s, store.Tag{Family: store.FamilyActor, Name: "Türkiye", Kind: "state"})
	if err := s.TagPassage(ctx, passageAt(t, s, doc, 3).ID, tur.ID, nil); err != nil {
		t.Fatal(err)
	}
	russia := ordinals(search(t, s, "actor:russia").Hits)
	if len(russia) == 0 {
		t.Fatal("actor:russia finds no passage of the seed")
	}
	about := ordinals(search(t, s, "about:russia").Hits)
	if len(about) == 0 {
		t.Fatal("about:russia finds no passage of the seed")
	}
	for _, c := range []struct {
		q, read string
		want    []int
	}{
		{"actor:Россия", "actor:Russia", russia},
		{"actor:России", "actor:Russia", russia}, // a Russian case of it
		{"tag:Rusya", "tag:Russia", russia},
		{"about:Россия", "about:Russia", about},
		{"actor:turkiye", "actor:Türkiye", []int{3}},
		{"actor:Turkey", "actor:Türkiye", []int{3}},
		{"-actor:Турция actor:Türkiye", "-actor:Türkiye", nil},
		{"actor:russia", "", russia}, // its own name: nothing to say
	} {
		res := search(t, s, c.q)
		if got := ordinals(res.Hits); !slices.Equal(got, c.want) {
			t.Errorf("%s: passages %v, want %v", c.q, got, c.want)
		}
		var read []string
		for _, r := range res.Read {
			read = append(read, r.As.String())
		}
		if got := strings.Join(read, " "); got != c.read {
			t.Errorf("%s: read as %q, want %q", c.q, got, c.read)
		}
	}
	if got := claimList(t, s, store.ClaimQuery{Query: "about:Россия"}); len(got) != len(claimList(t, s, store.ClaimQuery{Query: "about:russia"})) {
		t.Errorf("Claims about:Россия: %d claims, as many as about:russia wanted", len(got))
	}

	expectErr := func(q, msg string) {
		t.Helper()
		_, err := s.Search(ctx, store.SearchRequest{Query: q})
		var qe *query.Error
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, msg) {
			t.Errorf("%s: error %v, want one saying %q", q, err, msg)
		}
	}
	// A part of a name is no name: the picker lists Russia for "Росс" as
	// one types, a filter does not guess.
	expectErr("actor:Росс", "No actor is called “Росс”")
	expectErr("actor:russ", "No actor is called “russ”")
	// Russia is an actor, not a source.
	expectErr("source:Россия", "No source is called “Россия”")
	// Two tags named by forms of one state: the filter says both.
	mustTag(t, s, store.Tag{Family: store.FamilyActor, Name: "РФ", Kind: "state"})
	expectErr("actor:Россия", "it could be “Russia” or “РФ”")

	// Claims still name their source and actors exactly: a claim by
	// "Россия" is not Russia's.
	if _, err := s.FindTag(ctx, store.FamilyActor, "Россия"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FindTag(Россия) = %v, want ErrNotFound", err)
	}
}
