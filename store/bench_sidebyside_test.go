package store_test

// Search benchmarks that time what users run beside the plain-FTS5
// baseline, query by query; the baseline runs in a process of its own
// (bench_plainproc_test.go).

import (
	"context"
	"fmt"
	"testing"
	"time"

	"dossier/store"
)

// BenchmarkSearchVsPlain times the window's first page for random query
// sets per class (randomClasses) and for BenchmarkSearch's hand-picked
// queries ("fixed-…"), each query through the store and the baseline in
// turn.
//
// Store: SearchPage as the window calls it for a keystroke — 50 hits with
// snippets, CompleteLastWord, QuickCount, the document count (results not
// grouped) — in one read transaction: counting (capped at store.RankAll),
// ranking or reading order, highlights, snippets, bookmarks and tags of the
// hits. A page counted to its cap is followed, as in the window, by
// store.Count for the exact total (capped at store.CountCap): timed apart
// (logFollowUps), and its total is the one checked against the baseline's.
// Baseline: plainPageSQL (50 hits by bm25 with FTS5 snippets) and then
// plainCountSQL (matches, capped alike).
//
// Reported per class: store and baseline p50/p95 over every run (ms) and
// the median over queries of (median store time / median baseline time).
// Each b.N runs the whole set once; -benchtime 3x gives 3 runs per query.
func BenchmarkSearchVsPlain(b *testing.B) {
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			c := corpus(b, c.name)
			p := c.baseline(b)
			ctx := context.Background()
			classes := randomClasses(c, p, queriesPerClass())
			for _, f := range fixedClasses(c) {
				if f.name != "doc-filter" { // the baseline has no documents
					classes = append(classes, queryClass{"fixed-" + f.name, f.query, []string{f.query}})
				}
			}
			if coldStart() {
				plainPID(b, p) // its process started: its own reads are what a query costs
				evictBoth(b, c.path, p.path)
			}
			table := newSideTable(fmt.Sprintf("%s: first page of %d, SearchPage vs plain FTS5 (%s)", c.name, firstPageLimit, plainWhere()))
			for _, cl := range classes {
				b.Run(cl.name, func(b *testing.B) {
					row := table.row(cl.name, cl.about)
					row.followUp = nil // a sub-benchmark runs more than once
					row.plainPID = plainPID(b, p)
					row.run(b, cl.queries,
						func(q string) (int, time.Duration, error) {
							began := time.Now()
							pg, err := c.st.SearchPage(ctx, store.PageRequest{
								SearchRequest:  store.SearchRequest{Query: q, Limit: firstPageLimit, CompleteLastWord: true, QuickCount: true},
								CountDocuments: true,
							})
							if err != nil {
								return 0, 0, err
							}
							page := time.Since(began)
							if !pg.QuickCapped() {
								return pg.Total, page, nil
							}
							// The window then counts in full, for the status
							// line: timed apart, its total is the one compared.
							began = time.Now()
							counts, err := c.st.Count(ctx, pg.Query, false)
							if err != nil {
								return 0, 0, err
							}
							row.noteFollowUp(q, time.Since(began))
							return counts.Total, page, nil
						},
						func(q string) (int, time.Duration, error) {
							return plainPage(b, p, q, firstPageLimit, true)
						})
				})
			}
			table.log(b)
		})
	}
}

// fixedClasses are BenchmarkSearch's hand-picked queries for corpus c.
func fixedClasses(c *benchCorpus) []struct{ name, query string } {
	return []struct{ name, query string }{
		{"common", "campaign"},
		{"very-common", "the"},
		{"rare", c.rare},
		{"broadest-ranked", c.broad},
		{"two-words", "russian campaign"},
		{"phrase", `"special counsel"`},
		{"prefix", "con*"},
		// A doc: filter with a common word: "report 37" (plus 370–379 at 100k).
		{"doc-filter", `doc:"Generated report 37" the`},
	}
}

// cliLimit is `dossier search`'s default --limit.
const cliLimit = 20

// BenchmarkCLISearchVsPlain times `dossier search` — store.Search with
// FullRanking and the CLI's default limit of 20, every match ranked by bm25
// however many — on broad queries (BenchmarkFullRanking's, and a random set
// of words in more than store.RankAll passages), beside the baseline:
//
//	top20     plainPageSQL with LIMIT 20 (FTS5 still ranks every match) + capped count
//	no-limit  plainAllSQL: every match ranked and read, no LIMIT
//
// At 1M a query takes seconds: use -benchtime 1x and DOSSIER_BENCH_QUERIES=10.
func BenchmarkCLISearchVsPlain(b *testing.B) {
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			c := corpus(b, c.name)
			p := c.baseline(b)
			ctx := context.Background()
			var classes []queryClass
			for _, f := range fixedClasses(c) {
				switch f.name {
				case "common", "very-common", "two-words", "phrase", "prefix":
					classes = append(classes, queryClass{f.name, f.query, []string{f.query}})
				}
			}
			for _, cl := range randomClasses(c, p, queriesPerClass()) {
				if cl.name == "broad-word" {
					classes = append(classes, cl)
				}
			}
			cli := func(q string) (int, time.Duration, error) {
				res, err := c.st.Search(ctx, store.SearchRequest{Query: q, Limit: cliLimit, FullRanking: true})
				if err != nil {
					return 0, 0, err
				}
				return res.Total, 0, nil
			}
			top := newSideTable(fmt.Sprintf("%s: dossier search (full ranking, top %d) vs plain FTS5 ORDER BY rank LIMIT %d + count (%s)", c.name, cliLimit, cliLimit, plainWhere()))
			all := newSideTable(fmt.Sprintf("%s: dossier search (full ranking, top %d) vs plain FTS5 ORDER BY rank, every row (%s)", c.name, cliLimit, plainWhere()))
			for _, cl := range classes {
				b.Run("top20/"+cl.name, func(b *testing.B) {
					row := top.row(cl.name, cl.about)
					row.plainPID = plainPID(b, p)
					row.run(b, cl.queries, cli, func(q string) (int, time.Duration, error) {
						return plainPage(b, p, q, cliLimit, true)
					})
				})
				b.Run("no-limit/"+cl.name, func(b *testing.B) {
					row := all.row(cl.name, cl.about)
					row.plainPID = plainPID(b, p)
					row.run(b, cl.queries, cli, func(q string) (int, time.Duration, error) {
						n, took, err := plainRankAll(b, p, q)
						return min(n, store.CountCap), took, err
					})
				})
			}
			top.log(b)
			all.log(b)
		})
	}
}
