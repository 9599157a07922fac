package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"dossier/store/claims"
)

// commonWord's one-pass reading of a document's lower-case words finds the
// words the plain reading (split on non-letters, a word equal to its
// lower-case form) finds: in awkward text, and in the Mueller report when
// the corpus is present.
func TestCommonWordReadsTheWordsThePlainReadingDoes(t *testing.T) {
	texts := []string{
		"To establish the President's intent, a president said: İstanbul ǅemal ǆ straße STRASSE Ǆ x\xffy naïve Ωmega ωmega",
		"end with a lower word", "Ends With Upper", "", "123 456 -- ...", "mixedCase wordsHere and tail",
	}
	if data, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "mueller-report.txt")); err == nil {
		texts = append(texts, string(data))
	}
	var ps []claims.Passage
	for i, s := range texts {
		ps = append(ps, claims.Passage{Ordinal: i + 1, Text: s})
	}
	var got map[string]bool
	commonWord(ps, "x", &got)
	want := map[string]bool{}
	for _, p := range ps {
		for _, w := range strings.FieldsFunc(p.Text, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if w == strings.ToLower(w) {
				want[w] = true
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d lower-case words, the plain reading %d", len(got), len(want))
	}
	for w := range want {
		if !got[w] {
			t.Errorf("%q missed", w)
		}
	}
	for w := range got {
		if !want[w] {
			t.Errorf("%q is not a lower-case word", w)
		}
	}
}
