package claims

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

type labelled struct {
	claim  bool
	source string
	text   string
}

func readLabelled(t *testing.T, file string) []labelled {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 || (parts[0] != "claim" && parts[0] != "none") || (parts[0] == "claim") != (parts[1] != "") {
			t.Fatalf("bad line %q", line)
		}
		out = append(out, labelled{parts[0] == "claim", parts[1], parts[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMuellerPrecisionRecall scores the suggester on the hand-labelled
// sentences (testdata/README.md) and holds it to floors below the figures
// it reaches: the set the rules were written against, and a held-out set
// labelled before the suggester first ran on it.
func TestMuellerPrecisionRecall(t *testing.T) {
	for _, set := range []struct {
		file                    string
		minPrecision, minRecall float64
	}{
		{"testdata/mueller-labelled.tsv", 0.9, 0.8},
		{"testdata/mueller-heldout.tsv", 0.8, 0.5},
	} {
		t.Run(set.file, func(t *testing.T) {
			precision, recall := score(t, readLabelled(t, set.file))
			if precision < set.minPrecision || recall < set.minRecall {
				t.Errorf("precision %.2f (floor %.2f), recall %.2f (floor %.2f)", precision, set.minPrecision, recall, set.minRecall)
			}
		})
	}
}

// score runs the suggester on the labelled sentences (one passage each, in
// the Mueller report) and returns its precision and recall.
func score(t *testing.T, set []labelled) (precision, recall float64) {
	ps := make([]Passage, len(set))
	for i, l := range set {
		ps[i] = Passage{Ordinal: i + 1, Text: l.text}
	}
	s := New(gazetteer(t), nil)
	doc := s.DocFor("Mueller report", ps)
	if doc.Report != "Mueller report" || !doc.IsReport {
		t.Fatalf("document = %+v, want the Mueller report itself", doc)
	}
	found := make([]map[string]bool, len(set)) // sentence → suggested sources
	for _, c := range s.Suggest(doc, ps) {
		if found[c.Ordinal-1] == nil {
			found[c.Ordinal-1] = map[string]bool{}
		}
		found[c.Ordinal-1][strings.ToLower(c.Source.Name)] = true
	}
	var correct, suggested, claims int
	for i, l := range set {
		if l.claim {
			claims++
		}
		for src := range found[i] {
			suggested++
			if l.claim && src == strings.ToLower(l.source) {
				correct++
			} else {
				t.Logf("wrong: %q from %q (label %q)", src, l.text, l.source)
			}
		}
		if l.claim && !found[i][strings.ToLower(l.source)] {
			t.Logf("missed: %s in %q", l.source, l.text)
		}
	}
	precision = float64(correct) / float64(max(suggested, 1))
	recall = float64(correct) / float64(claims)
	t.Logf("%d sentences, %d labelled claims, %d suggested, %d correct: precision %.2f, recall %.2f",
		len(set), claims, suggested, correct, precision, recall)
	return precision, recall
}
