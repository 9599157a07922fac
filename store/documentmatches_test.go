package store_test

import (
	"context"
	"slices"
	"testing"
)

// The reader's hits in a document are the query's words in the passages the
// query matches, as the results list them (found by a hostile pass: every
// "the" and "in" of a ten-word question was a hit, 19,239 of them, beside 3
// results).
func TestDocumentMatchesAreInMatchingPassages(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	res := importText(t, s, "memo.txt", "Kilimnik met Manafort in the cigar bar.\n\n"+
		"Kilimnik flew to Moscow the next day.\n\n"+
		"Manafort denied the meeting in the press.\n\n"+
		"Nothing of note happened in the spring.")
	ps, err := s.Passages(ctx, res.DocumentID)
	if err != nil || len(ps) != 4 {
		t.Fatalf("%d passages, %v", len(ps), err)
	}
	for _, c := range []struct {
		query string
		want  []int // passage positions with hits
		words int   // hits in all
	}{
		{"kilimnik", []int{0, 1}, 2},
		{"kilimnik manafort", []int{0}, 2},
		{"kilimnik OR manafort", []int{0, 1, 2}, 4},
		{"kilimnik -manafort", []int{1}, 1},
		{`"the next day"`, []int{1}, 1},
		{"the meeting in", []int{2}, 4}, // the, meeting, in, the
		{"putin", nil, 0},
	} {
		matches, err := s.DocumentMatches(ctx, res.DocumentID, c.query)
		if err != nil {
			t.Fatalf("%q: %v", c.query, err)
		}
		var got []int
		words := 0
		for i, p := range ps {
			if len(matches[p.ID]) > 0 {
				got = append(got, i)
				words += len(matches[p.ID])
			}
		}
		if !slices.Equal(got, c.want) || words != c.words {
			t.Errorf("%q: hits in passages %v (%d in all), want %v (%d)", c.query, got, words, c.want, c.words)
		}
	}
}
