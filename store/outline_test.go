package store_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"dossier/store"
)

// randomOutline is n passages of a report-like outline drawn from seed:
// numbered headings of every kind (I., A., 1., a., i.), the parts a report
// writes under each section ("Overview", "Analysis"), volumes, an
// appendix, and paragraphs between them; one passage in every is a heading.
func randomOutline(seed uint64, n, every int) []store.Passage {
	r := rand.New(rand.NewPCG(seed, 7))
	numbers := [][]string{
		{"I", "II", "III", "IV", "V"},
		{"A", "B", "C", "H", "I", "J"},
		{"1", "2", "3", "4"},
		{"a", "b", "h", "i", "j"},
		{"i", "ii", "iii", "iv"},
	}
	unnumbered := []string{"Overview", "Analysis", "Evidence", "Executive Summary to Volume I", "Introduction to Volume II", "Appendix A", "Methods"}
	var ps []store.Passage
	for len(ps) < n {
		var text string
		heading := r.IntN(every) == 0
		switch {
		case !heading:
			text = fmt.Sprintf("Paragraph %d.", len(ps)+1)
		case r.IntN(4) == 0:
			text = unnumbered[r.IntN(len(unnumbered))]
		default:
			level := numbers[r.IntN(len(numbers))]
			text = level[r.IntN(len(level))] + ". Heading " + fmt.Sprint(len(ps)+1)
		}
		ps = append(ps, store.Passage{Ordinal: len(ps) + 1, Text: text, Heading: heading})
	}
	return ps
}

// One Outline, asked about a document's passages in any order, cites each
// as SectionOf does afresh: what it keeps between citations (each
// heading's number, the recurring parts, their level) changes no answer.
// Exports cite through one Outline per document (data17: SectionOf read
// every heading again per citation, half a minute for 2,000 bookmarks on a
// hostile outline).
func TestOutlineCitesAsSectionOfDoes(t *testing.T) {
	for seed := range uint64(40) {
		ps := randomOutline(seed, 300, 3)
		o := store.NewOutline(ps)
		r := rand.New(rand.NewPCG(seed, 11))
		named := 0
		for _, k := range r.Perm(len(ps)) {
			ordinal := ps[k].Ordinal
			want := store.SectionOf(ps, ordinal)
			if got := o.SectionOf(ordinal); got != want {
				t.Fatalf("seed %d, passage %d: the kept outline cites %q, SectionOf %q", seed, ordinal, got, want)
			}
			if want != "" {
				named++
			}
		}
		if named == 0 {
			t.Fatalf("seed %d: no passage has a section; the outline tests nothing", seed)
		}
	}
}

// BenchmarkSectionOf cites 2,000 passages of a 20,000-heading outline, as
// an export of that many bookmarks does: afresh each time, or through one
// Outline.
func BenchmarkSectionOf(b *testing.B) {
	headings := randomOutline(1, 20000, 1)
	r := rand.New(rand.NewPCG(3, 3))
	cited := make([]int, 2000)
	for i := range cited {
		cited[i] = headings[r.IntN(len(headings))].Ordinal
	}
	b.Run("afresh", func(b *testing.B) {
		for range b.N {
			for _, o := range cited {
				store.SectionOf(headings, o)
			}
		}
	})
	b.Run("outline", func(b *testing.B) {
		for range b.N {
			ol := store.NewOutline(headings)
			for _, o := range cited {
				ol.SectionOf(o)
			}
		}
	})
}
