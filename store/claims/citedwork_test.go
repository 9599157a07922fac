package claims

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// citedWorkAt's look at the closing bracket is only a short cut: it finds
// what workCited finds, on references, near-references and every stretch
// of the Mueller report that ends after a full stop or a bracket.
func TestCitedWorkShortCutKeepsMatches(t *testing.T) {
	texts := []string{
		"Greg Miller et al., Flynn discussed sanctions, officials say, Washington Post (Feb. 9, 2017).",
		"Flynn discussed sanctions, officials say, Washington Post (Feb. 9, 2017);  ",
		"Flynn discussed sanctions, officials say, Washington Post (Feb. 9, 2017)",
		"Flynn discussed sanctions, officials say, Washington Post (Feb. 9, 2017);.",
		"Flynn discussed sanctions, officials say, Washington Post (Feb. 9, 2017)\t\n",
		"Flynn said so, Washington Post (Sept 9, 2017) and more.",
		"He said so (Feb. 9, 2017).",
		"",
		")",
	}
	cited := 0
	var ps []Passage // the Mueller report's, when the corpus is here
	if _, err := os.Stat(muellerPath()); err == nil {
		ps = muellerPassages(t)
	}
	for _, p := range ps {
		for i := range len(p.Text) {
			if c := p.Text[i]; c == '.' || c == ')' {
				texts = append(texts, p.Text[:i+1])
			}
		}
	}
	for _, s := range texts {
		got, want := citedWorkAt(s), workCited.FindStringIndex(s)
		if !slices.Equal(got, want) {
			t.Errorf("citedWorkAt(%q) = %v; workCited finds %v", s, got, want)
		}
		if want != nil {
			cited++
		}
	}
	if cited < 4 {
		t.Errorf("%d references found; want the test's own 4 at least", cited)
	}
	if !strings.Contains(texts[0], "(Feb.") {
		t.Fatal("the test's texts changed")
	}
}
