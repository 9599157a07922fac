package store

import (
	"context"
	"slices"
	"testing"

	"dossier/store/query"
)

// aroundCommonPrefix finds exactly the matches FTS5 finds, first ones
// first, for queries whose long prefix's whole word is common ("that" is in
// most generated passages), and stands aside for the others; so after
// deletions too (delete markers in newer segments).
func TestCountAroundCommonPrefix(t *testing.T) {
	st, _ := openEquivCorpus(t)
	ctx := context.Background()
	// Passages holding another term of the prefix and not the word.
	importWordPassages(t, st, "thatcher", "kilimnik and thatcherite russian campaign", 3)
	cases := []struct {
		query string
		taken bool
	}{
		{"kilimnik that*", true},
		{"russian campaign that*", true},
		{"that* russian", true},
		{"campaign that* -russian", true},
		{"(kilimnik OR manafort) that*", true},
		{`"special counsel" that*`, true},
		{"the that*", true},               // (at limit 5 the matches without the word are too many)
		{"kilimnik thatc*", false},        // "thatc" is not a common word
		{"that*", false},                  // nothing beside the prefix
		{"kilimnik that* presid*", false}, // two long prefixes
		{"kilimnik (that* OR russia)", false},
		{"kilimnik tha*", false}, // a prefix index serves it
	}
	var thatcherite int64
	if err := st.db.QueryRowContext(ctx, `SELECT max(rowid) FROM passages_fts WHERE passages_fts MATCH 'thatcherite'`).Scan(&thatcherite); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		for _, c := range cases {
			q, err := query.Parse(c.query)
			if err != nil {
				t.Fatal(err)
			}
			for _, limit := range []int{5, RankAll + 1, CountCap + 1} {
				var got, want []int64
				var taken bool
				err := st.readTx(ctx, func(v view) error {
					var err error
					if got, taken, err = v.aroundCommonPrefix(ctx, q, ftsScope{}, limit); err != nil {
						return err
					}
					want, _, err = v.matchIDs(ctx, ftsScope{}, q, limit)
					return err
				})
				if err != nil {
					t.Fatalf("%s: %q: %v", when, c.query, err)
				}
				// A page's worth of matches may be found sooner by FTS5.
				if limit == 5 && c.query == "the that*" && taken {
					t.Fatalf("%s: %q, limit 5: taken", when, c.query)
				}
				if taken != c.taken && limit > 5 {
					t.Fatalf("%s: %q, limit %d: taken %v, want %v", when, c.query, limit, taken, c.taken)
				}
				if taken && !slices.Equal(got, want) {
					t.Fatalf("%s: %q, limit %d: %d matches, FTS5 %d\n got %v\nwant %v", when, c.query, limit, len(got), len(want), got[:min(len(got), 20)], want[:min(len(want), 20)])
				}
				if taken && len(want) == 0 {
					t.Fatalf("%s: %q matches nothing: a test of nothing", when, c.query)
				}
				if taken && limit > 5 && c.query == "kilimnik that*" && !slices.Contains(got, thatcherite) {
					t.Fatalf("%s: %q: passage %d (no \"that\", a \"thatcherite\") missing", when, c.query, thatcherite)
				}
			}
		}
	}
	check("as imported")
	// Delete a few documents (the word stays common): their passages'
	// entries are hidden by delete markers in a newer segment.
	for _, id := range []int64{5, 50, 100} {
		if err := st.DeleteDocument(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	check("after deletions")
}
