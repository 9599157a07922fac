package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Counts agree with their nouns and verbs: "1 document", "1 passage
// matches", "2 passages match" (they used to read "1 documents").
func TestPluralsInOutput(t *testing.T) {
	db := newDB(t) // holds the built-in article
	one := filepath.Join(t.TempDir(), "one.txt")
	if err := os.WriteFile(one, []byte("Kilimnik met Manafort in Madrid.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	two := filepath.Join(t.TempDir(), "two.txt")
	if err := os.WriteFile(two, []byte("Kilimnik again.\n\nAnd Kilimnik once more.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "missing.txt")
	checks := []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"docs"}, []string{"\n1 document\n"}, []string{"1 documents"}},
		{[]string{"import", one}, []string{"with 1 passage\n"}, nil},
		{[]string{"import", missing}, []string{"1 of 1 file could not be imported"}, []string{"1 files"}},
		{[]string{"docs"}, []string{"    1 passage   ", "\n2 documents\n"}, []string{"1 passages"}},
		{[]string{"search", "madrid"}, []string{`1 passage matches "madrid"`}, nil},
		{[]string{"import", two}, []string{"with 2 passages\n"}, nil},
		{[]string{"search", "kilimnik"}, []string{`5 passages match "kilimnik"`}, nil},
	}
	for _, c := range checks {
		r := run(t, db, c.args...)
		out := r.stdout + r.stderr
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output %q lacks %q", c.args, out, w)
			}
		}
		for _, n := range c.not {
			if strings.Contains(out, n) {
				t.Errorf("%v: output %q has %q", c.args, out, n)
			}
		}
	}
}
