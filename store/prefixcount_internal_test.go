package store

import (
	"context"
	"math"
	"path/filepath"
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
		{"kilimnik that* -russian", true},
		{"(kilimnik OR manafort) that*", false}, // no rare word to walk beside
		{"the of that*", false},                 // common words only
		{`"special counsel" that*`, true},
		{"the that*", false},              // beside a common word only
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
				got, taken, want := aroundAndFTS5(t, st, q, limit)
				if taken != c.taken {
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
	// Nothing beside the word: found so, and a page of nothing.
	q, err := query.Parse("xyzzyq that*")
	if err != nil {
		t.Fatal(err)
	}
	if got, taken, want := aroundAndFTS5(t, st, q, RankAll+1); !taken || len(got) != 0 || len(want) != 0 {
		t.Fatalf("xyzzyq that*: taken %v, %v, FTS5 %v", taken, got, want)
	}
	page, err := st.SearchPage(ctx, PageRequest{SearchRequest: SearchRequest{Query: "xyzzyq that", CompleteLastWord: true, QuickCount: true}, CountDocuments: true, PerDocument: true})
	if err != nil || page.Total != 0 || len(page.Hits) != 0 || len(page.DocumentHits) != 0 {
		t.Fatalf("xyzzyq that: %v, %+v", err, page)
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

// Matches without the word (holding another term of the prefix) come
// between those with it: the walk for them stops at the last match with
// the word, not before.
func TestCountAroundCommonPrefixInterleaved(t *testing.T) {
	st := openInterleaved(t)
	q, err := query.Parse("kilimnik that*")
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{5, 50, RankAll + 1, CountCap + 1} {
		got, taken, want := aroundAndFTS5(t, st, q, limit)
		if !taken || !slices.Equal(got, want) || len(want) != min(limit, 3000) {
			t.Fatalf("limit %d: taken %v, %d matches, FTS5 %d\n got %v\nwant %v", limit, taken, len(got), len(want), got[:min(len(got), 12)], want[:min(len(want), 12)])
		}
	}
}

// aroundAndFTS5 is aroundCommonPrefix's answer for q and FTS5's, in one
// read transaction.
func aroundAndFTS5(t *testing.T, st *Store, q query.Query, limit int) (got []int64, taken bool, want []int64) {
	t.Helper()
	ctx := context.Background()
	err := st.readTx(ctx, func(v view) error {
		var err error
		if got, taken, err = v.aroundCommonPrefix(ctx, q, ftsScope{}, limit); err != nil {
			return err
		}
		want, _, err = v.matchIDs(ctx, ftsScope{}, q, limit, math.MaxInt64)
		return err
	})
	if err != nil {
		t.Fatalf("%v: %v", q, err)
	}
	return got, taken, want
}

// A damaged b-tree row of the index (one %_idx entry pointing pages too
// far) must not hide terms from the count: FTS5 reads the pages after a
// term in turn, and so does EachPrefix (it once jumped to the page the
// b-tree named, and lost "thatcherite"'s passages; hostile pass).
func TestCountAroundCommonPrefixDamagedBTree(t *testing.T) {
	st := openInterleaved(t)
	r, err := st.db.ExecContext(context.Background(), `UPDATE passages_fts_idx SET pgno = pgno + (5 << 1)
		WHERE term > CAST('0that' AS BLOB) AND term < CAST('0thau' AS BLOB)`)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		t.Fatal("no b-tree row after the word's doclist: nothing damaged")
	}
	q, err := query.Parse("kilimnik that*")
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{50, RankAll + 1, CountCap + 1} {
		got, taken, want := aroundAndFTS5(t, st, q, limit)
		if taken && !slices.Equal(got, want) || len(want) != min(limit, 3000) {
			t.Fatalf("limit %d: taken %v, %d matches, FTS5 %d", limit, taken, len(got), len(want))
		}
	}
}

// openInterleaved is a library of 24,000 passages in which "that" is common
// (22,000) and "kilimnik" is not (4,000): "kilimnik that*" has 3,000
// matches, a third of them without "that" (a "thatcherite" instead),
// between those with it.
func openInterleaved(t *testing.T) *Store {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: imports 24,000 passages")
	}
	st, err := Open(filepath.Join(t.TempDir(), "interleaved.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	kinds := []string{"kilimnik wrote that", "kilimnik said that", "kilimnik thatcherite", "kilimnik alone", "someone said that"}
	importPassages(t, st, "interleaved", 24000, func(i int) string { return kinds[min(i%24, 4)] })
	return st
}
