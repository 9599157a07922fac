package claims

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store/ingest"
)

// muellerPassages imports the shared corpus's Mueller report as the store
// would (skipping when the corpus is absent): shared/corpus relative to the
// repository, or DOSSIER_CORPUS_DIR.
func muellerPassages(tb testing.TB) []Passage {
	data, err := os.ReadFile(muellerPath())
	if err != nil {
		tb.Skipf("no Mueller report: %v", err)
	}
	doc, err := ingest.Parse("mueller-report.txt", data)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]Passage, len(doc.Passages))
	for i, p := range doc.Passages {
		out[i] = Passage{Ordinal: i + 1, Text: doc.Text[p.Start:p.End]}
	}
	return out
}

// muellerPath is where the shared corpus's Mueller report is.
func muellerPath() string {
	dir := os.Getenv("DOSSIER_CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	return filepath.Join(dir, "mueller-report.txt")
}

// Over the whole report every suggestion holds together: its spans are its
// words, it has a source and a cue.
func TestSuggestWholeMueller(t *testing.T) {
	ps := muellerPassages(t)
	s := New(gazetteer(t), nil)
	doc := s.DocFor("mueller-report", ps)
	claims := s.Suggest(doc, ps)
	if len(claims) < 500 {
		t.Errorf("%d claims in the Mueller report, want hundreds", len(claims))
	}
	for _, c := range claims {
		text := ps[c.Ordinal-1].Text
		if c.Start < 0 || c.Start >= c.End || c.End > len(text) || text[c.Start:c.End] != c.Text ||
			c.CueEnd > len(text) || text[c.CueStart:c.CueEnd] != c.Cue || c.Source.Name == "" || c.Rule == "" {
			t.Fatalf("broken claim %+v", c)
		}
	}
	t.Logf("%d passages, %d claims", len(ps), len(claims))
}

// BenchmarkSuggestMueller suggests claims over the whole Mueller report
// (about 3,900 passages, 185k words).
func BenchmarkSuggestMueller(b *testing.B) {
	ps := muellerPassages(b)
	s := New(gazetteer(b), nil)
	doc := s.DocFor("mueller-report", ps)
	var n int
	for b.Loop() {
		n = len(s.Suggest(doc, ps))
	}
	b.ReportMetric(float64(n), "claims")
	b.ReportMetric(float64(len(ps)), "passages")
}

// BenchmarkSuggestNoFullStops suggests over 50 kB of cues without a full
// stop, the worst case for reading cues against each other (such runs are
// skipped past maxSentence words).
func BenchmarkSuggestNoFullStops(b *testing.B) {
	s := New(gazetteer(b), nil)
	ps := []Passage{{Ordinal: 1, Text: strings.Repeat("the report said, ", 3000)}}
	for b.Loop() {
		s.Suggest(Doc{Report: odni}, ps)
	}
}
