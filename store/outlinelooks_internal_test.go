package store

import (
	"fmt"
	"testing"
)

// An Outline looks at each heading a bounded number of times however many
// passages are cited, on outlines built to make it read back: its part
// level read each part back to the start (20,000 headings all "Overview"
// and "Analysis": 12 s for one citation after 96ad60b, and as long for
// each Copy with citation), and a run of siblings or parts was read back
// for each citation (a hostile pass; 16b1f53 and 33d9905 read the outline
// in one pass).
func TestAnOutlineLooksAtEachHeadingABoundedNumberOfTimes(t *testing.T) {
	headings := func(n int, text func(i int) string) []Passage {
		ps := make([]Passage, n)
		for i := range ps {
			ps[i] = Passage{Ordinal: 2*i + 1, Text: text(i), Heading: true}
		}
		return ps
	}
	for name, text := range map[string]func(i int) string{
		"parts only":                func(i int) string { return []string{"Overview", "Analysis"}[i%2] },
		"one number, then parts":    func(i int) string { return []string{"1. Top", "Overview", "Analysis"}[min(i, 1+i%2)] },
		"one letter, small letters": func(i int) string { return []string{"A. Top", "a. x", "b. y"}[min(i, 1+i%2)] },
		"no level 1":                func(i int) string { return []string{"A. x", "a. y", "i. z", "Evidence", "Analysis"}[i%5] },
		"numbers":                   func(i int) string { return fmt.Sprintf("%d. Heading %d", i%100, i) },
	} {
		ps := headings(20000, text)
		o := NewOutline(ps)
		for k := range 2000 {
			o.SectionOf(ps[(k*7919)%len(ps)].Ordinal)
		}
		if o.looks > 30*len(ps) {
			t.Errorf("%s: headings looked at %d times for 2,000 citations of %d", name, o.looks, len(ps))
		}
	}
}
