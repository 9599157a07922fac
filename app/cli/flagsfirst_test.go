package cli

import (
	"flag"
	"slices"
	"testing"
)

// Flags after the query words are read as flags (they were searched for
// as words: found by a hostile pass); other words, exclusions included,
// stay words, and nothing after "--" moves.
func TestFlagsFirst(t *testing.T) {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.Bool("json", false, "")
	fs.Int("limit", 20, "")
	for _, c := range []struct{ in, want []string }{
		{[]string{"kilimnik"}, []string{"kilimnik"}},
		{[]string{"--json", "kilimnik"}, []string{"--json", "--", "kilimnik"}},
		{[]string{"kilimnik", "--limit", "2"}, []string{"--limit", "2", "--", "kilimnik"}},
		{[]string{"kilimnik", "-limit=2", "manafort", "--json"}, []string{"-limit=2", "--json", "--", "kilimnik", "manafort"}},
		{[]string{"kilimnik", "-campaign", "--json"}, []string{"--json", "--", "kilimnik", "-campaign"}},
		{[]string{"kilimnik", "--", "--json"}, []string{"kilimnik", "--", "--json"}},
		{[]string{"-campaign", "kilimnik"}, []string{"-campaign", "kilimnik"}},
	} {
		if got := flagsFirst(fs, c.in); !slices.Equal(got, c.want) {
			t.Errorf("flagsFirst(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
