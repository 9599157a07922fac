package claims

import (
	"fmt"
	"testing"

	"dossier/assets"
	"dossier/store/ingest"
)

func seedPassages(t testing.TB) []Passage {
	doc, err := ingest.Parse(assets.SeedArticleName, assets.SeedArticle)
	if err != nil {
		t.Fatal(err)
	}
	var out []Passage
	for i, p := range doc.Passages {
		out = append(out, Passage{Ordinal: i + 1, Text: doc.Text[p.Start:p.End]})
	}
	return out
}

func gazetteer(t testing.TB) *Tags {
	tags, err := GazetteerTags(assets.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	return NewTags(tags)
}

func TestDebugSeed(t *testing.T) {
	s := New(gazetteer(t), nil)
	ps := seedPassages(t)
	doc := s.DocFor("Russian interference in 2020 included influencing Trump associates", ps)
	fmt.Printf("doc: %+v\n", doc)
	for _, c := range s.Suggest(doc, ps) {
		fmt.Printf("¶%d [%s] src=%q(%d,new=%v) speaker=%q cue=%q stance=%s lik=%s(%q) conf=%s about=%v\n   %q\n", c.Ordinal, c.Rule, c.Source.Name, c.Source.TagID, c.Source.New, c.Speaker, c.Cue, c.Stance, c.Likelihood, c.LikelihoodWords, c.Confidence, c.About, c.Text)
	}
}

func TestDebugOne(t *testing.T) {
	s := New(gazetteer(t), nil)
	ps := seedPassages(t)
	p := ps[17]
	fmt.Printf("%q\n", p.Text)
	for _, sp := range s.lex.sentences(p.Text) {
		fmt.Printf("S: %q\n", p.Text[sp.start:sp.end])
	}
}
