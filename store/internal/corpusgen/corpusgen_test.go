package corpusgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store/ingest"
)

// corpusDir holds the shared training corpora, relative to this package.
const corpusDir = "../../../../shared/corpus"

const sample = `<SECTION>Introduction

The Special Counsel investigated Russian interference in the 2016 election.<FN1> The Russian government interfered in sweeping and systematic fashion. The investigation established that the Campaign expected it would benefit. Mr. Smith met the U.S. officials in Washington, D.C. on June 9.

<FN1> See Indictment, United States v. Internet Research Agency.

The Office of the Special Counsel declined to prosecute <REDACTED> for lack of evidence. The Campaign did not coordinate with the Russian government. Investigators asked the Campaign officials about the meeting.
`

func TestClean(t *testing.T) {
	got := Clean(sample)
	for _, bad := range []string{"<", ">", "Introduction", "Indictment"} {
		if strings.Contains(got, bad) {
			t.Errorf("Clean left %q in:\n%s", bad, got)
		}
	}
	if !strings.Contains(got, "2016 election.  The Russian") {
		t.Errorf("Clean lost prose:\n%s", got)
	}
}

func TestDeterministic(t *testing.T) {
	m := Train(sample)
	a := m.NewGenerator(7).Document(1, 20)
	b := Train(sample).NewGenerator(7).Document(1, 20)
	if a.Text != b.Text || a.Hash != b.Hash {
		t.Fatal("equal seeds gave different documents")
	}
	c := m.NewGenerator(8).Document(1, 20)
	if a.Text == c.Text || a.Hash == c.Hash {
		t.Fatal("different seeds gave the same document")
	}
	// Consecutive documents from one generator differ.
	g := m.NewGenerator(7)
	d1, d2 := g.Document(1, 20), g.Document(2, 20)
	if d1.Hash == d2.Hash {
		t.Fatal("consecutive documents are identical")
	}
	if d1.Hash != a.Hash {
		t.Fatal("first document depends on more than the seed")
	}
	if d2.Title != "Generated report 2" {
		t.Errorf("title %q", d2.Title)
	}
	if first, again := m.Passage(NewRand(3)), m.Passage(NewRand(3)); first != again {
		t.Error("Model.Passage is not deterministic")
	}
}

func checkDocument(t *testing.T, m *Model, n int) {
	t.Helper()
	doc := m.NewGenerator(42).Document(3, n)
	if len(doc.Passages) != n {
		t.Fatalf("%d passages, want %d", len(doc.Passages), n)
	}
	var joined []string
	for i, s := range doc.Passages {
		p := doc.Text[s.Start:s.End]
		joined = append(joined, p)
		if p != strings.TrimSpace(p) || strings.Contains(p, "\n") {
			t.Errorf("passage %d has stray white space: %q", i, p)
		}
		if w := len(strings.Fields(p)); w < MinPassageWords || w > MaxPassageWords {
			t.Errorf("passage %d has %d words: %q", i, w, p)
		}
		if strings.ContainsAny(p, "<>") {
			t.Errorf("passage %d has markup: %q", i, p)
		}
	}
	if strings.Join(joined, "\n\n") != doc.Text {
		t.Error("passages joined by blank lines are not the text")
	}
}

func TestSpansSample(t *testing.T) { checkDocument(t, Train(sample), 200) }

func TestSpansRealCorpus(t *testing.T) {
	paths := []string{filepath.Join(corpusDir, "seed-article.txt"), filepath.Join(corpusDir, "mueller-report.txt")}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("shared corpus absent: %v", err)
		}
	}
	m, err := TrainFiles(paths...)
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, m, 1000)
	df := NewDocFreq()
	g := m.NewGenerator(1)
	var doc *ingest.Document
	for i := range 10 {
		doc = g.Document(i+1, 1000)
		for _, s := range doc.Passages {
			df.Add(doc.Text[s.Start:s.End])
		}
	}
	if df.Passages != 10000 || df.Count("the") < 9000 || df.Count("campaign") == 0 {
		t.Errorf("unexpected frequencies: %d passages, the=%d campaign=%d", df.Passages, df.Count("the"), df.Count("campaign"))
	}
	// The vocabulary keeps growing: words in few passages exist.
	var words, rare int
	df.Words(func(w string, n int) {
		words++
		if n >= 10 && n <= 50 {
			rare++
		}
	})
	if g.Invented() < 1000 || rare < 100 {
		t.Errorf("%d names invented, %d words in 10–50 passages", g.Invented(), rare)
	}
	t.Logf("%d training tokens, %d invented names, %d distinct words, %d in 10–50 passages; sample passage:\n%s",
		m.Words(), g.Invented(), words, rare, doc.Text[doc.Passages[0].Start:doc.Passages[0].End])
}
