package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/store"
	"dossier/store/query"
)

func search(t *testing.T, s *store.Store, q string) *store.Results {
	t.Helper()
	res, err := s.Search(context.Background(), store.SearchRequest{Query: q, Limit: 500})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

func ordinals(hits []store.Hit) []int {
	var out []int
	for _, h := range hits {
		out = append(out, h.Ordinal)
	}
	sort.Ints(out)
	return out
}

func TestFTSSyncOnImportAndDelete(t *testing.T) {
	ctx := context.Background()
	s, seedID := mustSeed(t)
	res := importText(t, s, "kumquat.txt", "Fruit notes\n\nThe kumquat harvest was early.\n\nA second kumquat paragraph.\n\nNothing here.\n")
	if r := search(t, s, "kumquat"); r.Total != 2 || len(r.Hits) != 2 {
		t.Fatalf("kumquat after import: total %d", r.Total)
	}
	ftsIntegrity(t, s.Path())

	if err := s.DeleteDocument(ctx, res.DocumentID); err != nil {
		t.Fatal(err)
	}
	if r := search(t, s, "kumquat"); r.Total != 0 || len(r.Hits) != 0 {
		t.Errorf("kumquat after delete: total %d, hits %d", r.Total, len(r.Hits))
	}
	if ps, _ := s.Passages(ctx, res.DocumentID); len(ps) != 0 {
		t.Errorf("passages survived their document: %d", len(ps))
	}
	// The index no longer holds the deleted rows (the docsize count and
	// FTS5's own integrity-check compare it with the passages table).
	ftsIntegrity(t, s.Path())
	if r := search(t, s, "Kilimnik"); r.Total != 2 {
		t.Errorf("seed search after delete: total %d", r.Total)
	}

	// Deleting the seed empties the index entirely.
	if err := s.DeleteDocument(ctx, seedID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := rawDB(t, s.Path()).QueryRow(`SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'trump OR putin OR the'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("index still returns %d rows (%v)", n, err)
	}
	ftsIntegrity(t, s.Path())
}

func TestSearchSemantics(t *testing.T) {
	s, _ := mustSeed(t)
	cases := []struct {
		query string
		want  []int    // passage ordinals in the seed article
		stems []string // every match range contains one of these (lower case)
		note  string
	}{
		{"Kilimnik", []int{7, 13}, []string{"kilimnik"}, "a name in two passages"},
		{"kilimnik", []int{7, 13}, []string{"kilimnik"}, "case-insensitive"},
		{"putin trump", []int{1, 4, 6, 11}, []string{"putin", "trump"}, "all words must match"},
		{"putin AND trump", []int{1, 4, 6, 11}, []string{"putin", "trump"}, "explicit AND"},
		{"kilimnik manafort", []int{13}, []string{"kilimnik", "manafort"}, "AND narrows"},
		{`"influence operations"`, []int{4, 6}, []string{"influence", "operations"}, "phrase"},
		{`"operations influence"`, nil, nil, "phrase order matters"},
		{"sanction*", []int{1, 8, 19}, []string{"sanction"}, "prefix"},
		{"iran OR china", []int{5, 18}, []string{"iran", "china"}, "either"},
		{"iran | china", []int{5, 18}, []string{"iran", "china"}, "| is OR"},
		{"kilimnik OR iran manafort", []int{13}, []string{"kilimnik", "manafort"}, "OR binds tighter than AND"},
		{"putin -trump", nil, nil, "every Putin passage mentions Trump"},
		{"putin -sanctions", []int{4, 6, 11}, []string{"putin"}, "exclusion"},
		{"putin NOT sanctions", []int{4, 6, 11}, []string{"putin"}, "NOT excludes"},
		{`interfer* -"Russian Federation"`, []int{2, 5, 10, 11}, []string{"interfer"}, "phrase exclusion"},
		{"kilimnik doc:Russian", []int{7, 13}, []string{"kilimnik"}, "doc: title substring"},
		{"kilimnik doc:seed-article", []int{7, 13}, []string{"kilimnik"}, "doc: file name"},
		{`kilimnik doc:"included influencing"`, []int{7, 13}, []string{"kilimnik"}, "quoted doc: value"},
		{"kilimnik doc:Mueller", nil, nil, "doc: matching nothing"},
		{"kilimnik -doc:Russian", nil, nil, "negated doc: filter"},
		// Porter (as SQLite implements it) stems interfered and interfering
		// to "interf" but interference and interfere to "interfer"; see
		// TestStemmingInterferedFindsInterference. The prefix finds all.
		{"interfered", []int{5, 7}, []string{"interfer"}, "stemming: interfered ~ interfering"},
		{"interfering", []int{5, 7}, []string{"interfer"}, "stemming the other way"},
		{"interference", []int{2, 5, 10, 11}, []string{"interfer"}, "stemming: interference ~ interfere"},
		{"interfer*", []int{2, 5, 7, 10, 11}, []string{"interfer"}, "prefix covers every form"},
		{"sanctioned", []int{1, 8, 19}, []string{"sanction"}, "stemming: sanctioned ~ sanctions"},
		{"concluding", []int{5, 7, 18}, []string{"conclud"}, "stemming: concluding ~ concluded"},
		{"(iran OR china) trump", []int{5}, []string{"iran", "china", "trump"}, "parentheses are grouping noise"},
		{"kilimnik - manafort", []int{13}, []string{"kilimnik", "manafort"}, "a lone dash is not an exclusion"},
		{"U.S.", []int{1, 2, 4, 6, 11, 18}, []string{"u", "s"}, "dotted abbreviation is a phrase u s"},
		{"zzyzx", nil, nil, "no match"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			res := search(t, s, c.query)
			if got := ordinals(res.Hits); !slices.Equal(got, c.want) {
				t.Fatalf("%s: ordinals %v, want %v", c.note, got, c.want)
			}
			if res.Total != len(c.want) || res.Capped {
				t.Errorf("Total %d (capped %v), want %d", res.Total, res.Capped, len(c.want))
			}
			for _, h := range res.Hits {
				checkHit(t, s, h, c.stems)
			}
		})
	}
}

// checkHit verifies a hit against the stored passage: text, title, match
// and snippet ranges.
func checkHit(t *testing.T, s *store.Store, h store.Hit, stems []string) {
	t.Helper()
	p, err := s.Passage(context.Background(), h.PassageID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Text != p.Text || h.Ordinal != p.Ordinal || h.DocumentID != p.DocumentID {
		t.Errorf("hit %d differs from its passage", h.PassageID)
	}
	if stems != nil && len(h.Matches) == 0 {
		t.Errorf("passage %d: no match ranges", h.Ordinal)
	}
	prev := 0
	for _, m := range h.Matches {
		if m.Start < prev || m.End <= m.Start || m.End > len(h.Text) {
			t.Fatalf("passage %d: bad range %v (prev end %d, len %d)", h.Ordinal, m, prev, len(h.Text))
		}
		prev = m.End
		if !utf8.RuneStart(h.Text[m.Start]) || (m.End < len(h.Text) && !utf8.RuneStart(h.Text[m.End])) {
			t.Errorf("passage %d: range %v splits a character", h.Ordinal, m)
		}
		if !containsAny(strings.ToLower(h.Text[m.Start:m.End]), stems) {
			t.Errorf("passage %d: match %q contains none of %v", h.Ordinal, h.Text[m.Start:m.End], stems)
		}
	}
	if h.Snippet == "" || len(h.Snippet) > store.SnippetLen+2*len("…")+8 {
		t.Errorf("passage %d: snippet of %d bytes", h.Ordinal, len(h.Snippet))
	}
	if !utf8.ValidString(h.Snippet) {
		t.Errorf("passage %d: snippet is not valid UTF-8", h.Ordinal)
	}
	core := strings.TrimSuffix(strings.TrimPrefix(h.Snippet, "…"), "…")
	if !strings.Contains(h.Text, core) {
		t.Errorf("passage %d: snippet %q is not an excerpt of the passage", h.Ordinal, h.Snippet)
	}
	prev = 0
	for _, r := range h.SnippetRanges {
		if r.Start < prev || r.End <= r.Start || r.End > len(h.Snippet) {
			t.Fatalf("passage %d: bad snippet range %v in %q", h.Ordinal, r, h.Snippet)
		}
		prev = r.End
		if !containsAny(strings.ToLower(h.Snippet[r.Start:r.End]), stems) {
			t.Errorf("passage %d: snippet range %q contains none of %v", h.Ordinal, h.Snippet[r.Start:r.End], stems)
		}
	}
	if len(h.Matches) > 0 && len(h.SnippetRanges) == 0 {
		t.Errorf("passage %d: the snippet %q shows none of the matches", h.Ordinal, h.Snippet)
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return len(subs) == 0
}

// Word forms, as the README documents them: the Porter stemmer gives
// interfere and interference one stem ("interfer") and interfered and
// interfering another ("interf"), so a search finds the forms sharing its
// stem and not the others, and interfer* finds all four.
func TestStemmingWordFormsAsDocumented(t *testing.T) {
	s := mustOpen(t)
	res := importText(t, s, "forms.txt", "Forms\n\nThey interfere.\n\nForeign interference.\n\nThey interfered.\n\nStill interfering.\n")
	ctx := context.Background()
	ps, err := s.Passages(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	ordinal := map[string]int{}
	for _, p := range ps {
		for _, w := range []string{"interfere", "interference", "interfered", "interfering"} {
			if strings.Contains(p.Text, w+".") {
				ordinal[w] = p.Ordinal
			}
		}
	}
	words := func(q string) []string {
		var out []string
		for _, h := range search(t, s, q).Hits {
			for w, o := range ordinal {
				if o == h.Ordinal {
					out = append(out, w)
				}
			}
		}
		slices.Sort(out)
		return out
	}
	for q, want := range map[string][]string{
		"interfered":   {"interfered", "interfering"},
		"interfering":  {"interfered", "interfering"},
		"interference": {"interfere", "interference"},
		"interfere":    {"interfere", "interference"},
		"interfer*":    {"interfere", "interfered", "interference", "interfering"},
	} {
		if got := words(q); !slices.Equal(got, want) {
			t.Errorf("%q finds %v, want %v (README, Word forms)", q, got, want)
		}
	}
}

func TestSearchKilimnikPassages(t *testing.T) {
	s, _ := mustSeed(t)
	res := search(t, s, "Kilimnik")
	if len(res.Hits) != 2 {
		t.Fatalf("%d hits", len(res.Hits))
	}
	var texts []string
	for _, h := range res.Hits {
		texts = append(texts, h.Text)
		if h.DocumentTitle != seedTitle {
			t.Errorf("title %q", h.DocumentTitle)
		}
		if h.Score >= 0 {
			t.Errorf("bm25 score %v should be negative (lower is better)", h.Score)
		}
	}
	sort.Strings(texts)
	if !strings.HasPrefix(texts[0], "Intelligence agencies and former Special Counsel Robert Mueller") || !strings.Contains(texts[0], "Kilimnik and Derkach met") {
		t.Errorf("first Kilimnik passage: %q", clip(texts[0]))
	}
	if texts[1] != "Kilimnik was an associate of Paul Manafort, who served as Trump's 2016 campaign chairman." {
		t.Errorf("second Kilimnik passage: %q", texts[1])
	}
	// The short passage ranks first (bm25 favours the denser match).
	if !strings.HasPrefix(res.Hits[0].Text, "Kilimnik was") || res.Hits[0].Score > res.Hits[1].Score {
		t.Errorf("ranking: %q (%v) before %q (%v)", clip(res.Hits[0].Text), res.Hits[0].Score, clip(res.Hits[1].Text), res.Hits[1].Score)
	}
	// The long passage is cut to a snippet around the match.
	long := res.Hits[1]
	if len(long.Text) <= store.SnippetLen || !strings.HasPrefix(long.Snippet, "…") && !strings.HasSuffix(long.Snippet, "…") {
		t.Errorf("long passage snippet not cut: %q", long.Snippet)
	}
	if len(long.SnippetRanges) != 1 || long.Snippet[long.SnippetRanges[0].Start:long.SnippetRanges[0].End] != "Kilimnik" {
		t.Errorf("snippet ranges %v in %q", long.SnippetRanges, long.Snippet)
	}
}

func TestSearchDiacritics(t *testing.T) {
	s, _ := mustSeed(t)
	importText(t, s, "travel.txt", "Travel notes\n\nWe met in Tōkyō at a café near the station.\n\nNothing else.\n")
	for _, q := range []string{"tokyo cafe", "Tōkyō café", "TOKYO", "caf*", `"tokyo at a cafe"`} {
		res := search(t, s, q)
		if res.Total != 1 || len(res.Hits) != 1 {
			t.Errorf("%q: total %d", q, res.Total)
			continue
		}
		h := res.Hits[0]
		var got []string
		for _, m := range h.Matches {
			got = append(got, h.Text[m.Start:m.End])
		}
		if q == "tokyo cafe" && !slices.Equal(got, []string{"Tōkyō", "café"}) {
			t.Errorf("%q: matched %q", q, got)
		}
		checkHit(t, s, h, []string{"tōkyō", "café", "at", "a"})
	}
}

func TestSearchPaging(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	all := search(t, s, "trump")
	if all.Total != 9 || len(all.Hits) != 9 {
		t.Fatalf("trump: total %d, hits %d", all.Total, len(all.Hits))
	}
	for i := 1; i < len(all.Hits); i++ {
		if all.Hits[i].Score < all.Hits[i-1].Score {
			t.Errorf("hits not in rank order at %d", i)
		}
	}
	var paged []int64
	for offset := 0; offset < 12; offset += 4 {
		res, err := s.Search(ctx, store.SearchRequest{Query: "trump", Limit: 4, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 9 {
			t.Errorf("offset %d: Total %d", offset, res.Total)
		}
		if want := min(4, max(9-offset, 0)); len(res.Hits) != want {
			t.Errorf("offset %d: %d hits, want %d", offset, len(res.Hits), want)
		}
		for _, h := range res.Hits {
			paged = append(paged, h.PassageID)
		}
	}
	var whole []int64
	for _, h := range all.Hits {
		whole = append(whole, h.PassageID)
	}
	if !slices.Equal(paged, whole) {
		t.Errorf("pages %v != whole %v", paged, whole)
	}
	// Past the end, and odd values: clamped, not errors.
	for _, req := range []store.SearchRequest{
		{Query: "trump", Offset: 9},
		{Query: "trump", Offset: 1000},
		{Query: "trump", Limit: -5, Offset: -3},
		{Query: "trump", Limit: 100000},
	} {
		res, err := s.Search(ctx, req)
		if err != nil || res.Total != 9 {
			t.Errorf("%+v: %v, %v", req, res, err)
			continue
		}
		if req.Offset >= 9 && len(res.Hits) != 0 || req.Offset < 9 && len(res.Hits) != 9 {
			t.Errorf("%+v: %d hits", req, len(res.Hits))
		}
	}
	// Filter-only queries page in reading order.
	res, err := s.Search(ctx, store.SearchRequest{Query: "doc:Russian", Limit: 5, Offset: 15})
	if err != nil || res.Total != 19 || len(res.Hits) != 4 || res.Hits[0].Ordinal != 16 {
		t.Errorf("doc:Russian page: %+v, %v", res, err)
	}
}

func TestSearchFilterOnly(t *testing.T) {
	s, _ := mustSeed(t)
	importText(t, s, "other.txt", "Other\n\nA trump card paragraph.\n\nAnother one.\n")
	res := search(t, s, "doc:Russian")
	if res.Total != 19 || len(res.Hits) != 19 {
		t.Fatalf("doc:Russian: total %d", res.Total)
	}
	for i, h := range res.Hits {
		if h.Ordinal != i+1 || h.DocumentTitle != seedTitle || len(h.Matches) != 0 || h.Score != 0 {
			t.Errorf("hit %d: %+v", i, h)
		}
		checkHit(t, s, h, nil)
	}
	if r := search(t, s, "-doc:Russian"); r.Total != 2 {
		t.Errorf("-doc:Russian: total %d, want the 2 passages of the other document", r.Total)
	}
	if r := search(t, s, "doc:Russian doc:other"); r.Total != 0 {
		t.Errorf("two doc filters intersect: total %d", r.Total)
	}
	if r := search(t, s, "doc:100%"); r.Total != 0 {
		t.Errorf("LIKE wildcards are escaped: doc:100%% total %d", r.Total)
	}

	// Regression: an exclusion next to a filter was silently ignored, so
	// "doc:Russian -trump" listed the Trump passages too.
	r := search(t, s, "doc:Russian -trump")
	if r.Total != 10 || len(r.Hits) != 10 {
		t.Errorf("doc:Russian -trump: total %d, hits %d; want 19-9 = 10", r.Total, len(r.Hits))
	}
	for _, h := range r.Hits {
		if strings.Contains(strings.ToLower(h.Text), "trump") {
			t.Errorf("excluded passage %d returned: %q", h.Ordinal, clip(h.Text))
		}
	}
	if r := search(t, s, `-doc:Russian -"trump card"`); r.Total != 1 {
		t.Errorf(`-doc:Russian -"trump card": total %d, want 1`, r.Total)
	}
	if r := search(t, s, "doc:Russian -trump -putin -iran"); r.Total != 9 {
		t.Errorf("several exclusions: total %d, want 9", r.Total)
	}
}

func TestSearchErrors(t *testing.T) {
	s, _ := mustSeed(t)
	ctx := context.Background()
	for _, q := range []string{"", "   ", "\t\n", `"*"`, "^", "()", "OR", "-", `""`, "AND NOT"} {
		if _, err := s.Search(ctx, store.SearchRequest{Query: q}); !errors.Is(err, store.ErrEmptyQuery) {
			t.Errorf("%q: err = %v, want ErrEmptyQuery", q, err)
		}
	}
	for _, c := range []struct{ q, want string }{
		{"-trump", "Add a word"},
		{"NOT trump", "Add a word"},
		{"s*", "at least 2 letters"},
		{"doc:", "needs a value"},
		{strings.Repeat("a", query.MaxQueryLen+1), "too long"},
		{strings.Repeat("w ", query.MaxTerms+1), "too many terms"},
	} {
		_, err := s.Search(ctx, store.SearchRequest{Query: c.q})
		var qe *query.Error
		if !errors.As(err, &qe) {
			t.Errorf("%q: err = %T %v, want *query.Error", clip(c.q), err, err)
			continue
		}
		var alias *store.QueryError = qe
		if alias.Msg == "" || !strings.Contains(qe.Error(), c.want) || strings.Contains(qe.Error(), "SQL") {
			t.Errorf("%q: message %q, want it to say %q", clip(c.q), qe.Error(), c.want)
		}
	}
	// A cancelled context is reported as such.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Search(cctx, store.SearchRequest{Query: "trump"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestPassageMatches(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	res := search(t, s, "manafort")
	if len(res.Hits) != 1 {
		t.Fatal(res.Hits)
	}
	id := res.Hits[0].PassageID
	p, ranges, err := s.PassageMatches(ctx, id, "kilimnik manafort campaign")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range ranges {
		got = append(got, p.Text[r.Start:r.End])
	}
	if !slices.Equal(got, []string{"Kilimnik", "Manafort", "campaign"}) {
		t.Errorf("ranges %v -> %q", ranges, got)
	}
	for _, q := range []string{"", "doc:Russian", "trump -kilimnik", "zzyzx", "-x", "s*"} {
		p2, r, err := s.PassageMatches(ctx, id, q)
		if err != nil || len(r) != 0 || p2 != p {
			t.Errorf("%q: %v, %v, passage changed %v", q, r, err, p2 != p)
		}
	}
	if _, _, err := s.PassageMatches(ctx, 99999, "kilimnik"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing passage: %v", err)
	}
}

func TestDocumentMatches(t *testing.T) {
	ctx := context.Background()
	s, id := mustSeed(t)
	ps, _ := s.Passages(ctx, id)
	text := map[int64]string{}
	for _, p := range ps {
		text[p.ID] = p.Text
	}
	// Every occurrence of each positive term in the passages the query
	// matches, as the search lists them (until a hostile pass, in every
	// passage, whatever the AND/NOT: TestDocumentMatchesAreInMatchingPassages).
	for _, q := range []string{"kilimnik OR manafort", "kilimnik manafort", "trump -kilimnik"} {
		m, err := s.DocumentMatches(ctx, id, q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Search(ctx, store.SearchRequest{Query: q, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var want, got []int64
		for _, h := range res.Hits {
			if h.DocumentID == id {
				want = append(want, h.PassageID)
			}
		}
		for pid := range m {
			got = append(got, pid)
		}
		slices.Sort(want)
		slices.Sort(got)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%q: passages %v highlighted, the search lists %v", q, got, want)
		}
	}
	m, err := s.DocumentMatches(ctx, id, "kilimnik OR manafort")
	if err != nil {
		t.Fatal(err)
	}
	for pid, ranges := range m {
		for _, r := range ranges {
			w := strings.ToLower(text[pid][r.Start:r.End])
			if w != "kilimnik" && w != "manafort" {
				t.Errorf("passage %d: range %q", pid, w)
			}
		}
	}
	if m, err := s.DocumentMatches(ctx, id, "doc:Russian"); err != nil || m != nil {
		t.Errorf("filter only: %v, %v", m, err)
	}
	if m, err := s.DocumentMatches(ctx, 9999, "trump"); err != nil || len(m) != 0 {
		t.Errorf("missing document: %v, %v", m, err)
	}
}

func TestSnippet(t *testing.T) {
	short := "A short passage."
	if s, r := store.Snippet(short, []store.Range{{Start: 2, End: 7}}, 100); s != short || !slices.Equal(r, []store.Range{{Start: 2, End: 7}}) {
		t.Errorf("short: %q %v", s, r)
	}
	words := strings.Fields(strings.Repeat("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu ", 20))
	text := strings.Join(words, " ")
	i := strings.Index(text[600:], "lambda") + 600
	snip, ranges := store.Snippet(text, []store.Range{{Start: i, End: i + 6}}, 120)
	if !strings.HasPrefix(snip, "…") || !strings.HasSuffix(snip, "…") || len(snip) > 120+2*len("…") {
		t.Errorf("middle snippet %q", snip)
	}
	if len(ranges) != 1 || snip[ranges[0].Start:ranges[0].End] != "lambda" {
		t.Errorf("ranges %v in %q", ranges, snip)
	}
	// Word boundaries: no partial words at either end.
	core := strings.TrimSuffix(strings.TrimPrefix(snip, "…"), "…")
	for _, w := range strings.Fields(core) {
		if !slices.Contains(words, w) {
			t.Errorf("snippet cut a word: %q in %q", w, snip)
		}
	}
	// No matches: the beginning of the text.
	if snip, r := store.Snippet(text, nil, 50); !strings.HasPrefix(text, strings.TrimSuffix(snip, "…")) || r != nil {
		t.Errorf("no matches: %q %v", snip, r)
	}
	// One enormous multibyte word: cut at character boundaries.
	blob := strings.Repeat("é", 500)
	snip, _ = store.Snippet(blob, []store.Range{{Start: 400, End: 402}}, 100)
	if !utf8.ValidString(snip) || len(snip) > 100+2*len("…") {
		t.Errorf("blob snippet %q", snip)
	}
	// A match near the end pulls the window to the end.
	j := strings.LastIndex(text, "mu")
	snip, ranges = store.Snippet(text, []store.Range{{Start: j, End: j + 2}}, 80)
	if strings.HasSuffix(snip, "…") || len(ranges) != 1 || snip[ranges[0].Start:ranges[0].End] != "mu" {
		t.Errorf("end snippet %q %v", snip, ranges)
	}
}

func TestMatchingDocuments(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	importText(t, s, "other.txt", "Other\n\nKilimnik appears here too.\n\nAnd a trump card.\n")
	cases := []struct {
		q    string
		want int
	}{
		{"kilimnik", 2},
		{"manafort", 1},
		{"zzyzx", 0},
		{"kilimnik doc:other", 1},
		{"doc:Russian", 1},
		{"-doc:Russian", 1},
		{"doc:r", 2},
		// Regression: exclusions in a filter-only query were ignored.
		{"doc:r -trump -kilimnik", 1},
		{"-doc:Russian -trump -kilimnik", 0},
	}
	for _, c := range cases {
		n, err := s.MatchingDocuments(ctx, c.q)
		if err != nil || n != c.want {
			t.Errorf("MatchingDocuments(%q) = %d, %v; want %d", c.q, n, err, c.want)
		}
	}
	if _, err := s.MatchingDocuments(ctx, " "); !errors.Is(err, store.ErrEmptyQuery) {
		t.Errorf("empty: %v", err)
	}
	var qe *query.Error
	if _, err := s.MatchingDocuments(ctx, "-trump"); !errors.As(err, &qe) {
		t.Errorf("-trump: %v", err)
	}
}

// Search as you type: a query that matches nothing as typed is retried with
// its last word as a prefix, when asked, and says so.
func TestSearchCompletesTheLastWord(t *testing.T) {
	s, _ := mustSeed(t)
	ctx := context.Background()
	res, err := s.Search(ctx, store.SearchRequest{Query: "kilim"})
	if err != nil || res.Total != 0 || res.Completed {
		t.Fatalf("without completion: %d results, completed %v, %v", res.Total, res.Completed, err)
	}
	res, err = s.Search(ctx, store.SearchRequest{Query: "kilim", CompleteLastWord: true})
	if err != nil || !res.Completed || res.Total != 2 || res.Query.String() != "kilim*" {
		t.Fatalf("completed: %+v, %v", res, err)
	}
	for _, h := range res.Hits {
		if len(h.Matches) == 0 || h.Text[h.Matches[0].Start:h.Matches[0].End] != "Kilimnik" {
			t.Errorf("hit %q highlights %v", h.Text, h.Matches)
		}
	}
	// The index holds stems: "interferen*" finds nothing, "interfer*" does.
	res, err = s.Search(ctx, store.SearchRequest{Query: "russian interferen", CompleteLastWord: true})
	if err != nil || !res.Completed || res.Total == 0 || res.Query.String() != "russian interfer*" {
		t.Fatalf("stemmed completion: %q, %d results, %v", res.Query.String(), res.Total, err)
	}
	// When the prefix finds nothing either, the query as typed is reported.
	res, err = s.Search(ctx, store.SearchRequest{Query: "zanzibarquux", CompleteLastWord: true})
	if err != nil || res.Completed || res.Total != 0 || res.Query.String() != "zanzibarquux" {
		t.Fatalf("nothing either way: %+v, %v", res, err)
	}
	// A query that matches as typed is left alone.
	res, err = s.Search(ctx, store.SearchRequest{Query: "kilimnik", CompleteLastWord: true})
	if err != nil || res.Completed || res.Total != 2 {
		t.Fatalf("matching query: %+v, %v", res, err)
	}
}

// A filter alone counts passages, not taggings: a passage with several
// suggested tags is one result.
func TestFilterOnlyCountsPassages(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	ps, err := s.Passages(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, store.SearchRequest{Query: "is:suggested", Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != len(res.Hits) || res.Total > len(ps) || res.Total == 0 {
		t.Fatalf("is:suggested: total %d, %d hits, %d passages in the library", res.Total, len(res.Hits), len(ps))
	}
}

// A page may hold up to 2,000 results: the window lists again, in one
// page, all the results a user had loaded (a quiet rerun).
func TestAPageHoldsUpTo2000Results(t *testing.T) {
	s := mustOpen(t)
	var b strings.Builder
	b.WriteString("Zebrawood notes\n\n")
	for i := range 1200 {
		fmt.Fprintf(&b, "Paragraph %d is about zebrawood.\n\n", i+1)
	}
	importText(t, s, "z.txt", b.String())
	for _, limit := range []int{1100, 5000} {
		res, err := s.Search(context.Background(), store.SearchRequest{Query: "zebrawood", Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if want := min(limit, 1200, 2000); len(res.Hits) != want || res.Total != 1200 {
			t.Errorf("limit %d: %d hits of %d, want %d", limit, len(res.Hits), res.Total, want)
		}
	}
}
