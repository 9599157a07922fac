package claims

import (
	"io/fs"
	"reflect"
	"testing"

	"dossier/assets"
)

// A document read once is suggested from as often as the store needs (a
// second round, with more tags known): each time as Suggest over its
// passages would, the reading unchanged; a suggester with another lexicon
// reads the passages again.
func TestAReadingIsSuggestedFromAsThePassagesAre(t *testing.T) {
	check := func(t *testing.T, ps []Passage) {
		s := New(gazetteer(t), nil)
		doc := s.DocFor("a report", ps)
		want := s.Suggest(doc, ps)
		if len(want) == 0 {
			t.Fatal("no claims to compare")
		}
		r := s.Read(ps)
		for i := range 2 {
			if got := s.SuggestRead(doc, r); !reflect.DeepEqual(got, want) {
				t.Fatalf("suggestion %d from the reading: %d claims, Suggest %d (or they differ)", i+1, len(got), len(want))
			}
		}
		sub, err := fs.Sub(assets.Claims, "claims")
		if err != nil {
			t.Fatal(err)
		}
		other, err := LoadLexicon(sub)
		if err != nil {
			t.Fatal(err)
		}
		s2 := New(gazetteer(t), other)
		if got := s2.SuggestRead(doc, r); !reflect.DeepEqual(got, s2.Suggest(doc, ps)) {
			t.Errorf("another lexicon's suggester, from the reading: %d claims, differing from its Suggest", len(got))
		}
	}
	t.Run("short", func(t *testing.T) {
		check(t, []Passage{
			{Ordinal: 1, Text: "The ODNI report said Russia sought to denigrate Joe Biden. Hope Hicks said she had not seen it."},
			{Ordinal: 2, Text: "Hicks told investigators that the campaign \"never\" met them, according to press reports."},
		})
	})
	t.Run("Mueller report", func(t *testing.T) { check(t, muellerPassages(t)) })
}
