package store

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/store/ingest"
	"dossier/store/internal/corpusgen"
	"dossier/store/query"
)

// openEquivCorpus builds a generated library past CountCap passages (so
// that the total, RankAll and CommonDF boundaries are all crossed), every
// seventh passage a footnote and every document paged, returning it with its
// passages' texts.
func openEquivCorpus(t *testing.T) (*Store, []string) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: builds a 12,000-passage library")
	}
	dir := filepath.Join("..", "..", "shared", "corpus")
	paths := []string{filepath.Join(dir, "seed-article.txt"), filepath.Join(dir, "mueller-report.txt")}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("training corpus absent: %v", err)
		}
	}
	model, err := corpusgen.TrainFiles(paths...)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(filepath.Join(t.TempDir(), "equiv.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	gen := model.NewGenerator(7)
	var docs []*ingest.Document
	var texts []string
	for n := 1; n <= 120; n++ {
		doc := gen.Document(n, 100)
		for i := range doc.Passages {
			if i%7 == 6 {
				doc.Passages[i].Footnote = i
			}
			doc.Passages[i].Page = 1 + i/10
			texts = append(texts, doc.Text[doc.Passages[i].Start:doc.Passages[i].End])
		}
		docs = append(docs, doc)
	}
	_, errs := st.ImportDocuments(context.Background(), docs)
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return st, texts
}

// equivQueries draws queries of every class from the corpus's passages.
func equivQueries(texts []string) []string {
	rng := rand.New(rand.NewSource(1))
	words := func() []string {
		for {
			f := strings.FieldsFunc(strings.ToLower(texts[rng.Intn(len(texts))]), func(r rune) bool { return r < 'a' || r > 'z' })
			var w []string
			for _, x := range f {
				if len(x) >= 2 && x != "and" && x != "or" && x != "not" && x != "near" {
					w = append(w, x)
				}
			}
			if len(w) >= 4 {
				return w
			}
		}
	}
	qs := []string{"the", "of the", `"of the"`, "the of", "campaign", "con*", "russian campaign", `"special counsel"`,
		"the -campaign", "campaign OR russia", `doc:"Generated report 37" the`, `NEAR(the president, 5)`,
		"page:3 the", "kilim", "the of a to in", `"in the" report`, "xyzzyq", "th*", "the presid*",
		// A prefix whose whole word is common is common (commonTerm).
		"campaign the*", "russian of*", "kilimnik presid*",
		// The same past the prefix indexes, the word common: the matches
		// found around it (aroundCommonPrefix).
		"kilimnik that*", "russian campaign that*", "campaign that* -russian",
		`doc:"Generated report 37" russian that*`, "(kilimnik OR manafort) that*",
		// Rare terms each required (ranked by them ANDed), or not (ORed).
		"kilimnik manafort the", "kilimnik manafort th*", "(kilimnik OR manafort) the",
		"kilimnik (manafort OR flynn) the", `"special counsel" kilimnik the -russia`,
		// A broad word whose best passages hold footnotes, scored by
		// exactScores (ranktop.go): the one branch that 20 of the 40
		// rounds of random queries the test ran before did not reach.
		"as"}
	// Twelve rounds of each kind reach every statement of the store that
	// forty did (coverage compared, with "as" above): 96 CPU seconds.
	for range 12 {
		w := words()
		i := rng.Intn(len(w) - 2)
		last := w[i+2]
		qs = append(qs,
			w[i],
			w[i]+" "+w[rng.Intn(len(w))],
			`"`+w[i]+" "+w[i+1]+`"`,
			`"`+w[i]+" "+w[i+1]+" "+w[i+2]+`" `+w[rng.Intn(len(w))],
			w[i]+" "+w[i+1]+" "+last[:min(len(last), 2+rng.Intn(3))]+"*",
			w[i]+" "+w[i+1]+" "+last[:max(len(last)-1, 1)], // as typed, completed
			fmt.Sprintf(`doc:"Generated report %d" %s`, 1+rng.Intn(120), w[i]),
			fmt.Sprintf(`page:%d %s`, 1+rng.Intn(10), w[i]), // a filter of many id runs
			// Clauses each with a common and a rarer word: no clause is rare
			// throughout, so a match need not hold any rare term.
			fmt.Sprintf(`(the OR %s) (of OR %s)`, w[i], w[i+1]),
			fmt.Sprintf(`doc:"Generated report %d" (the OR %s) (of OR %s*)`, 1+rng.Intn(120), w[i], last[:min(len(last), 4)]),
		)
	}
	return qs
}

// sampledUnderRace keeps every raceSample-th case when the tests run with
// -race. The corpus-wide equivalence tests check what single-threaded
// queries return, and under -race they take over half an hour: the race
// pass samples them (it is there for the concurrent paths; ten queries
// cover every kind) and scripts/test runs them again in full without -race.
func sampledUnderRace[T any](cases []T) []T {
	if !raceDetector {
		return cases
	}
	const raceSample = 11 // 1 mod 10: the ten kept random cases step through the 10 kinds of random query
	var kept []T
	for i := 0; i < len(cases); i += raceSample {
		kept = append(kept, cases[i])
	}
	return kept
}

// TestSearchMatchesReference checks that the query path returns exactly
// what the reference path (several statements, rowid IN lists) did, for
// every query class, page, ranking mode and screen extra.
func TestSearchMatchesReference(t *testing.T) {
	st, texts := openEquivCorpus(t)
	ctx := context.Background()
	var maxID int64
	if err := st.db.QueryRowContext(ctx, `SELECT max(id) FROM passages`).Scan(&maxID); err != nil {
		t.Fatal(err)
	}
	for _, q := range sampledUnderRace(equivQueries(texts)) {
		for _, req := range []SearchRequest{
			{Query: q},
			{Query: q, CompleteLastWord: true},
			{Query: q, Offset: 50, Limit: 20},
			{Query: q, Offset: 990, Limit: 30},
			{Query: q, FullRanking: true},
		} {
			got, gotErr := st.Search(ctx, req)
			want, wantErr := st.ReferenceSearch(ctx, req)
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%+v: error %v, reference %v", req, gotErr, wantErr)
			}
			if gotErr != nil {
				continue
			}
			got.Elapsed, want.Elapsed = 0, 0
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%+v:\n got %s\nwant %s", req, summary(got), summary(want))
			}
		}
		for _, preq := range []PageRequest{
			{SearchRequest: SearchRequest{Query: q, CompleteLastWord: true}, CountDocuments: true, PerDocument: true, Document: 3},
			{SearchRequest: SearchRequest{Query: q, CompleteLastWord: true}, CountDocuments: true},
			{SearchRequest: SearchRequest{Query: q, CompleteLastWord: true, Offset: 50, Limit: 20}, CountDocuments: true},
			{SearchRequest: SearchRequest{Query: q, CompleteLastWord: true, Offset: 9990, Limit: 50}, CountDocuments: true, PerDocument: true},
		} {
			got, gotErr := st.SearchPage(ctx, preq)
			want, wantErr := st.ReferenceSearchPage(ctx, preq)
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%+v: error %v, reference %v", preq, gotErr, wantErr)
			}
			if gotErr != nil {
				continue
			}
			got.Elapsed, want.Elapsed = 0, 0
			got.Results.Elapsed, want.Results.Elapsed = 0, 0
			// Where the library stood (the highest passage id, a first
			// page's only): the reference does not read it.
			if (preq.Offset == 0 && got.Total > 0) != (got.Through.Passage == maxID) || got.Through.Passage != 0 && got.Through.Passage != maxID {
				t.Fatalf("%+v: through passage %d, the highest is %d", preq, got.Through.Passage, maxID)
			}
			got.Through = Through{}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%+v:\n got %s docs %d %v\nwant %s docs %d %v", preq, summary(got.Results), got.Documents, got.DocumentHits,
					summary(want.Results), want.Documents, want.DocumentHits)
			}
		}
	}
}

// TestRankedPagesListEveryMatch pages through every ranked result of
// queries whose ranking may take a shortcut (rareTerms, broad ranking) and
// checks that the pages list each match exactly once, as many as the total.
func TestRankedPagesListEveryMatch(t *testing.T) {
	st, texts := openEquivCorpus(t)
	ctx := context.Background()
	// Pages as the window asks for more: a query of up to 2*RankAll
	// matches is paged through. (Paged by MaxLimit, 2*RankAll, no query
	// here went past its first page.)
	const rankedPage = 250
	paged := 0
	defer func() {
		if paged == 0 && !t.Failed() {
			t.Error("no query went past its first page: nothing was paged through")
		}
	}()
	for _, q := range sampledUnderRace(equivQueries(texts)) {
		for _, full := range []bool{false, true} {
			// Total and Ranked do not depend on the page: asked with one
			// hit, not MaxLimit, a query left out for its matches is not
			// highlighted 2,000 times (75 CPU seconds for the test, 25).
			first, err := st.Search(ctx, SearchRequest{Query: q, Limit: 1, FullRanking: full})
			if err != nil || !first.Ranked || first.Total > 2*RankAll {
				continue // refused, listed in reading order, or too long to page through here
			}
			if first.Total > rankedPage {
				paged++
			}
			seen := map[int64]bool{}
			for offset := 0; offset < first.Total; offset += rankedPage {
				res, err := st.Search(ctx, SearchRequest{Query: q, Limit: rankedPage, Offset: offset, FullRanking: full})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Hits) != min(rankedPage, first.Total-offset) {
					t.Fatalf("%s (full ranking %v): %d hits at offset %d of %d", q, full, len(res.Hits), offset, first.Total)
				}
				for _, h := range res.Hits {
					if seen[h.PassageID] {
						t.Fatalf("%s (full ranking %v): passage %d listed twice", q, full, h.PassageID)
					}
					seen[h.PassageID] = true
				}
			}
		}
	}
}

func summary(r *Results) string {
	ids := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		ids[i] = fmt.Sprintf("%d:%.4g", h.PassageID, h.Score)
	}
	return fmt.Sprintf("%q total %d capped %v ranked %v completed %v hits %s", r.Query.MatchExpr(), r.Total, r.Capped, r.Ranked, r.Completed, strings.Join(ids, " "))
}

func TestHasPrefix(t *testing.T) {
	for q, want := range map[string]bool{
		"campaign": false, `"special counsel" russia`: false, "con*": true, "a b cam*": true,
		"russia -kili*": true, "NEAR(putin kilim*, 5)": true, "NEAR(putin kilimnik, 5)": false, "iran OR chin*": true,
	} {
		parsed, err := query.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		if got := hasPrefix(parsed); got != want {
			t.Errorf("hasPrefix(%s) = %v, want %v", q, got, want)
		}
	}
}
