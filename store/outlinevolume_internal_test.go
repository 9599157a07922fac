package store

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// One Outline names each passage's volume as VolumeOf does, and reads the
// headings once for any number of citations: read back for each, an
// export of 2,000 bookmarks in a document of 20,000 headings and no
// volume took 15 s (data18's hostile pass).
func TestOutlineNamesVolumesAsVolumeOfDoes(t *testing.T) {
	texts := []string{"Introduction to Volume I", "Executive Summary to Volume ii", "Appendix A", "Volume 3", "1. Heading", "Overview", "Vol. IV: Appendices", "Annex"}
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 17))
		var ps []Passage
		for i := range 60 {
			heading := r.IntN(2) == 0
			text := "Paragraph."
			if heading {
				text = texts[r.IntN(len(texts))]
			}
			ps = append(ps, Passage{Ordinal: 2*i + 1, Text: text, Heading: heading})
		}
		o := NewOutline(ps)
		for _, k := range r.Perm(len(ps)) {
			for _, ordinal := range []int{0, ps[k].Ordinal, ps[k].Ordinal + 1} {
				if got, want := o.VolumeOf(ordinal), VolumeOf(ps, ordinal); got != want {
					t.Fatalf("seed %d, ordinal %d: the outline names %q, VolumeOf %q", seed, ordinal, got, want)
				}
			}
		}
	}
	ps := make([]Passage, 20000)
	for i := range ps {
		ps[i] = Passage{Ordinal: 2*i + 1, Text: fmt.Sprintf("%d. Heading %d", i%100, i), Heading: true}
	}
	ps[0].Text = "Volume 2"
	o := NewOutline(ps)
	volumes := 0
	for k := range 2000 {
		if o.VolumeOf(ps[(k*7919)%len(ps)].Ordinal) == "Volume 2" {
			volumes++
		}
	}
	if volumes != 2000 {
		t.Errorf("%d of 2,000 passages in Volume 2", volumes)
	}
	if o.volumeReads > len(ps) {
		t.Errorf("headings read %d times for 2,000 volumes in %d", o.volumeReads, len(ps))
	}
}
