package store

import (
	"fmt"
	"slices"
	"testing"
)

// overlapping keeps the wanted tags' names and every name linked to them
// by a chain of shared words, and no other.
func TestOverlappingFollowsSharedWords(t *testing.T) {
	names := []namedID{
		{1, "Paul Manafort"},
		{2, "Manafort, Paul J."}, // the same tag's alias
		{3, "Kathleen Manafort"},
		{4, "Kathleen Kavalec"},
		{5, "Konstantin Kilimnik"},
		{6, "Oleg Deripaska"},
	}
	var got []int64
	for _, n := range overlapping(names, map[int64]bool{1: true}) {
		got = append(got, n.id)
	}
	if want := []int64{1, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v (Manafort's names, the other Manafort, and Kavalec through Kathleen)", got, want)
	}
}

// A long chain of names, each sharing a word with the next, is followed
// whole, in one pass over the words: thousands of tags took rounds over
// every name, one name added a round.
func BenchmarkOverlappingChain(b *testing.B) {
	var names []namedID
	for i := range 5000 {
		names = append(names, namedID{int64(i), fmt.Sprintf("w%d w%d", i, i+1)})
	}
	b.ResetTimer()
	for range b.N {
		// The last wanted: each name links to the one before it.
		if n := len(overlapping(names, map[int64]bool{4999: true})); n != len(names) {
			b.Fatalf("kept %d of %d", n, len(names))
		}
	}
}
