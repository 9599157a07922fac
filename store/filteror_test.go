package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// Two filters of one kind joined by OR find what either finds, in a search
// and in the claims ledger; OR between filters of different kinds says it
// is not supported rather than reading as AND.
func TestFiltersOfOneKindJoinedByOr(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	union := func(a, b []int) []int {
		out := append(slices.Clone(a), b...)
		slices.Sort(out)
		return slices.Compact(out)
	}
	claimIDs := func(q string) []int64 {
		var ids []int64
		for _, c := range claimList(t, s, store.ClaimQuery{Query: q}) {
			ids = append(ids, c.ID)
		}
		slices.Sort(ids)
		return ids
	}
	for _, pair := range [][2]string{{"by:cnn", `by:"anonymous sources"`}, {"actor:putin", "actor:kilimnik"}, {"about:putin", "about:iran"}} {
		a, b := ordinals(search(t, s, pair[0]).Hits), ordinals(search(t, s, pair[1]).Hits)
		if len(a) == 0 || len(b) == 0 || slices.Equal(a, b) {
			t.Fatalf("%s finds %v and %s %v: the test needs two different non-empty sets", pair[0], a, pair[1], b)
		}
		either := pair[0] + " OR " + pair[1]
		if got := ordinals(search(t, s, either).Hits); !slices.Equal(got, union(a, b)) {
			t.Errorf("search %s: passages %v, want %v", either, got, union(a, b))
		}
		if strings.HasPrefix(pair[0], "actor:") {
			continue
		}
		want := append(claimIDs(pair[0]), claimIDs(pair[1])...)
		slices.Sort(want)
		if got := claimIDs(either); !slices.Equal(got, slices.Compact(want)) {
			t.Errorf("claims %s: %v, want %v", either, got, want)
		}
	}
	// The OR joins only the two filters: a third filter is still required.
	var want []int64
	for _, id := range claimIDs("about:putin OR about:iran") {
		if slices.Contains(claimIDs("stance:denies"), id) {
			want = append(want, id)
		}
	}
	if got := claimIDs("about:putin OR about:iran stance:denies"); len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("an ORed pair with stance:denies: %v, want %v", got, want)
	}
	for _, q := range []string{"by:cnn OR about:putin", "actor:putin OR source:cnn"} {
		var qe *store.QueryError
		_, err := s.Search(ctx, store.SearchRequest{Query: q})
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "OR between filters") {
			t.Errorf("search %s: %v, want a message on OR between filters", q, err)
		}
		if _, err := s.Claims(ctx, store.ClaimQuery{Query: q}); !errors.As(err, &qe) {
			t.Errorf("claims %s: %v, want a message", q, err)
		}
	}
}
