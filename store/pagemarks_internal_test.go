package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/store/query"
)

// markedAside must mark exactly what highlighted marks, in a read
// transaction and on the pool, leave its table empty, and step aside (ok
// false, no error) on a store opened read-only, which has no scratch table.
func TestMarkedAsideAgreesWithHighlighted(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.dossier")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	text.WriteString("Congressional report\n\n")
	for i := range 60 {
		fmt.Fprintf(&text, "Paragraph %d: the congressional committee was informed; Congress and congressmen were told of officials' offices.\n\n", i)
		fmt.Fprintf(&text, "An unrelated paragraph %d about sanctions.\n\n", i)
	}
	doc := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(doc, []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.ImportFiles(ctx, []string{doc}, nil); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ro, err := OpenReadOnly(path, "a test")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if tokenizer, err := indexTokenizer(ctx, s.db); err != nil || tokenizer != pageMarksTokenizer {
		t.Fatalf("the index's tokenizer is %s (%v); the scratch table's %s", tokenizer, err, pageMarksTokenizer)
	}
	for _, userQuery := range []string{"congres*", "the committee congres*", `"congressional committee" offic*`, "offic* -sanctions", "NEAR(told offic*, 3)"} {
		q, err := query.Parse(userQuery)
		if err != nil {
			t.Fatal(err)
		}
		match := q.MatchExpr()
		var ids []int64
		rows, err := s.db.QueryContext(ctx, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid LIMIT 50`, match)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) == 0 {
			t.Fatalf("%s matches nothing: the test's text no longer fits it", userQuery)
		}
		want, err := view{s.db}.highlighted(ctx, match, ids, false)
		if err != nil {
			t.Fatal(err)
		}
		check := func(how string, v view) {
			t.Helper()
			got, ok, err := v.markedAside(ctx, match, ids)
			if err != nil || !ok {
				t.Fatalf("%s, %s: ok %v, %v", userQuery, how, ok, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s: marks differ from highlight()'s", userQuery, how)
			}
			if len(want) != len(ids) {
				t.Errorf("%s: %d of %d passages highlighted", userQuery, len(want), len(ids))
			}
		}
		check("on the pool", view{s.db})
		if err := s.readTx(ctx, func(v view) error { check("in a read transaction", v); return nil }); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := (view{ro.db}).markedAside(ctx, match, ids); ok || err != nil {
			t.Errorf("%s on a read-only store: ok %v, %v; want it to step aside", userQuery, ok, err)
		}
	}
	// The scratch table is left empty.
	var rowsLeft int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM temp.page_marks`).Scan(&rowsLeft); err != nil || rowsLeft != 0 {
		t.Errorf("%d rows left in the scratch table (%v)", rowsLeft, err)
	}
}

func TestHasLongPrefix(t *testing.T) {
	for q, want := range map[string]bool{
		"con*": false, "the presid*": true, "a b cam*": false, "russia -kilim*": true,
		"NEAR(putin kilim*, 5)": true, "iran OR chin*": true, "campaign": false, "off*": false, "offi*": true,
	} {
		parsed, err := query.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		if got := hasLongPrefix(parsed); got != want {
			t.Errorf("hasLongPrefix(%s) = %v, want %v", q, got, want)
		}
	}
}

// A fully ranked page of a broad query with a short prefix ("con*": the
// CLI's, or the window's background ranking) is spread over the whole
// library and is marked aside rather than walked: the hits are those a
// walk highlights (text, ranges, snippets, titles), in the pool, in a read
// transaction, and on a read-only store, which has no scratch table and
// walks.
func TestBroadPrefixPageMarkedAside(t *testing.T) {
	ctx := context.Background()
	s, _ := rankTopCorpus(t, 30)
	ro, err := OpenReadOnly(s.path, "a test")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	for _, text := range []string{"con*", "th*", "the co*", "co* -campaign"} {
		q, err := query.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []*Store{s, ro} {
			res, err := st.Search(ctx, SearchRequest{Query: text, Limit: 20, FullRanking: true})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total <= RankAll || len(res.Hits) != 20 {
				t.Fatalf("%s: %d matches, %d hits: not a broad query", text, res.Total, len(res.Hits))
			}
			ids := make([]int64, len(res.Hits))
			for i, h := range res.Hits {
				ids[i] = h.PassageID
			}
			walked, err := view{s.db}.highlighted(ctx, q.MatchExpr(), ids, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				w := walked[h.PassageID]
				h.Score = 0
				if w == nil || !reflect.DeepEqual(h, *w) {
					t.Errorf("%s, passage %d: hit %+v\nwalked %+v", text, h.PassageID, h, w)
				}
			}
		}
	}
}

// A passage the index matches but whose stored text no longer does (the
// text changed behind Dossier's back, its index entry left as it was)
// stays on the page, as highlighting through the index keeps it: marking
// the page aside dropped it, so a fully ranked page of `con*` came back
// short and without its top hit (hostile pass), and a long prefix's page
// too.
func TestPageKeepsPassagesTheIndexDisagreesWith(t *testing.T) {
	ctx := context.Background()
	s, _ := rankTopCorpus(t, 30)
	for _, text := range []string{"con*", "the cont*"} {
		res, err := s.Search(ctx, SearchRequest{Query: text, Limit: 20, FullRanking: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 20 || text == "con*" && res.Total <= RankAll {
			t.Fatalf("%s: %d matches, %d hits: the test needs a full page of a broad query", text, res.Total, len(res.Hits))
		}
		top := res.Hits[0].PassageID
		var trigger string
		if err := s.db.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE name = 'passages_au'`).Scan(&trigger); err != nil {
			t.Fatal(err)
		}
		// The index keeps the old words; the stored text loses them.
		if _, err := s.db.ExecContext(ctx, `DROP TRIGGER passages_au`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE passages SET text = 'nothing to see here' WHERE id = ?`, top); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(ctx, trigger); err != nil {
			t.Fatal(err)
		}
		again, err := s.Search(ctx, SearchRequest{Query: text, Limit: 20, FullRanking: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Hits) != 20 || again.Hits[0].PassageID != top || again.Total != res.Total {
			t.Errorf("%s: %d of %d hits, first %d; want 20, first %d, as the index ranks them", text, len(again.Hits), again.Total, again.Hits[0].PassageID, top)
		}
	}
}

// A ranked page of a phrase holding a common word is marked aside (a walk
// over the page's span checks the phrase in most of the common word's
// passages), and its hits are those a walk highlights; a phrase of rare
// words, or a page that is every match, is walked as before.
func TestCommonWordPhrasePageMarkedAside(t *testing.T) {
	ctx := context.Background()
	st := openTenThousand(t, "phrase.dossier")
	importPassages(t, st, "common", CommonDF+300, func(i int) string {
		switch {
		case i%1000 == 5:
			return "flynn flew to oslo"
		case i%30 == 0:
			return "flynn to the kremlin and flynn to moscow"
		case i%30 == 1:
			return "flynn spoke to reporters"
		case i%30 == 2:
			return "kislyak met flynn in order to talk"
		}
		return "a trip to somewhere"
	})
	marked := 0
	markedAsideRan = func() { marked++ }
	defer func() { markedAsideRan = nil }()
	for _, c := range []struct {
		query string
		aside bool
	}{
		{`"flynn to"`, true},                 // "to" is in every passage
		{`NEAR("flynn to" moscow, 5)`, true}, // a NEAR's phrase
		{`"met flynn"`, false},               // neither word is common
		{`"flew to oslo"`, false},            // every match is on the page
	} {
		marked = 0
		res, err := st.Search(ctx, SearchRequest{Query: c.query, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || !res.Ranked {
			t.Fatalf("%s: %d hits, ranked %v: the test's passages no longer fit it", c.query, len(res.Hits), res.Ranked)
		}
		if got := marked > 0; got != c.aside {
			t.Errorf("%s: marked aside %v, want %v", c.query, got, c.aside)
		}
		q, err := query.Parse(c.query)
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]int64, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.PassageID
		}
		walked, err := view{st.db}.highlighted(ctx, q.MatchExpr(), ids, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			w := walked[h.PassageID]
			h.Score = 0
			if w == nil || !reflect.DeepEqual(h, *w) || len(h.Matches) == 0 {
				t.Errorf("%s, passage %d: hit %+v\nwalked %+v", c.query, h.PassageID, h, w)
			}
		}
	}
}
