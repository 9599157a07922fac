package claims

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSuggest: any passage gives claims whose spans hold their words.
func FuzzSuggest(f *testing.F) {
	for _, seed := range []string{
		"", ".", "said", "according to", "“", "\"x\", said", ", the report said.",
		"According to , x.", "It said", "We assess that", "Flynn's said that x y z",
		"A, a b, stated that x y z.", "x.<FN1", "Sam Patten, a, stated", "’s said that a b c",
	} {
		f.Add(seed)
	}
	f.Add(seedArticleForFuzz(f))
	tags := gazetteer(f)
	s := New(tags, nil)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // passages are UTF-8
		}
		for _, doc := range []Doc{{}, {Report: odni}, {Report: "Mueller report", IsReport: true}} {
			for _, c := range s.Suggest(doc, []Passage{{Ordinal: 1, Text: text}}) {
				if c.Start < 0 || c.Start > c.End || c.End > len(text) || text[c.Start:c.End] != c.Text ||
					c.CueStart < 0 || c.CueStart > c.CueEnd || c.CueEnd > len(text) || text[c.CueStart:c.CueEnd] != c.Cue ||
					c.Source.Name == "" {
					t.Fatalf("broken claim %+v in %q", c, text)
				}
			}
		}
	})
}

func seedArticleForFuzz(tb testing.TB) string {
	var b strings.Builder
	for _, p := range seedPassages(tb) {
		b.WriteString(p.Text + " ")
	}
	return b.String()
}
