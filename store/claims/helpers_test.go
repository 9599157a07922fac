package claims

import (
	"testing"

	"dossier/assets"
	"dossier/store/ingest"
)

// seedPassages returns the built-in article's passages as the store
// imports them (ordinals from 1).
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

// gazetteer is the starter gazetteer's tags, numbered as on a new file.
func gazetteer(t testing.TB) *Tags {
	tags, err := GazetteerTags(assets.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	return NewTags(tags)
}

func names(actors []Actor) []string {
	var out []string
	for _, a := range actors {
		out = append(out, a.Name)
	}
	return out
}
