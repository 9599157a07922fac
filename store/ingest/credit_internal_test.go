package ingest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The look for an agency's name before creditLine is only a short cut: on
// every paragraph of the corpora, and on credits and near-credits, it
// leaves parseCredit's answers as the bare expression gives them, and the
// expression is the one written out before the agencies became a list.
func TestCreditShortCutKeepsAnswers(t *testing.T) {
	written := regexp.MustCompile(`^(.*?)\s*\b(REUTERS|AP|AFP|EPA|GETTY IMAGES|ASSOCIATED PRESS|BLOOMBERG|ANADOLU AGENCY|XINHUA)(?:\s+/)?\s+([A-Z][A-Z.'\-]*(?:\s+[A-Z][A-Z.'\-]*){0,3})\s*$`)
	if creditLine.String() != written.String() {
		t.Fatalf("creditLine is\n%s\nwant\n%s", creditLine, written)
	}
	paras := []string{
		"Trump speaks in 2020 Election   REUTERS  CARLOS BARRIA",
		"A rally   AP / EVAN VUCCI",
		"Caption GETTY IMAGES JOHN DOE",
		"Caption GETTY  IMAGES JOHN DOE", // two spaces: not a credit
		"Caption ASSOCIATED PRESS",
		"Reuters reported that the AP said so.",
		"XINHUA",
		"Map ANADOLU AGENCY / ALI KAYA",
		"",
	}
	dir := os.Getenv("DOSSIER_CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	for _, name := range []string{"seed-article.txt", "mueller-report.txt"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			paras = append(paras, strings.Split(string(b), "\n")...)
		}
	}
	credits := 0
	for _, p := range paras {
		got, ok := parseCredit(p)
		want, wantOK := credit{}, false
		if len(p) <= 300 && !strings.ContainsRune(p, '\n') {
			if m := written.FindStringSubmatch(p); m != nil {
				want, wantOK = credit{caption: strings.TrimSpace(m[1]), agency: agencyNames[strings.Join(strings.Fields(m[2]), " ")], photographer: titleCase(m[3])}, true
			}
		}
		if ok != wantOK || got != want {
			t.Errorf("parseCredit(%q) = %+v, %v; want %+v, %v", p, got, ok, want, wantOK)
		}
		if ok {
			credits++
		}
	}
	if credits < 4 {
		t.Errorf("%d credits read; want the test's own 4 at least", credits)
	}
}
