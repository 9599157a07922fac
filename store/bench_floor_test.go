package store_test

// The floor under the slowest random queries: FTS5's own work for them on
// the research file — count the matches, rank the first 50 by bm25 — in a
// connection of its own that has not read them before, as the window's
// first page of a query reads them. No highlights, snippets, titles, tags
// or document counts: what the store cannot do without.

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/store"
	"dossier/store/query"
)

// floorQueries are the slowest phrases and as-you-type queries of the
// 100k quiet runs (BENCHMARKS.md, 2026-12-06), or DOSSIER_BENCH_FLOOR
// (queries separated by "|").
func floorQueries() []string {
	if s := os.Getenv("DOSSIER_BENCH_FLOOR"); s != "" {
		return strings.Split(s, "|")
	}
	return []string{`"flynn to"`, `"of fbi"`, `"a communications"`, `campaign see volu*`, `been interviewed by*`, `issue with rosen*`}
}

// BenchmarkFTS5Floor logs, per query, the first run's count and ranking
// and the median of seven more, on the 100k research file.
func BenchmarkFTS5Floor(b *testing.B) {
	c := corpus(b, "100k")
	for range b.N {
		var sb strings.Builder
		sb.WriteString("\n100k research file, FTS5 alone (ms): count, rank top 50 by bm25\n")
		for _, q := range floorQueries() {
			db, err := openPlain(c.path) // a new connection: its page cache starts empty
			if err != nil {
				b.Fatal(err)
			}
			var counts, ranks []time.Duration
			for range 8 {
				t := time.Now()
				var n int
				if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?`, q).Scan(&n); err != nil {
					b.Fatal(err)
				}
				counts = append(counts, time.Since(t))
				t = time.Now()
				if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT 50)`, q).Scan(&n); err != nil {
					b.Fatal(err)
				}
				ranks = append(ranks, time.Since(t))
			}
			db.Close()
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			med := func(d []time.Duration) float64 {
				d = slices.Clone(d[1:])
				slices.Sort(d)
				return ms(d[len(d)/2])
			}
			fmt.Fprintf(&sb, "  %-24q first %5.1f + %5.1f = %5.1f; then %5.1f + %5.1f\n", q, ms(counts[0]), ms(ranks[0]), ms(counts[0]+ranks[0]), med(counts), med(ranks))
		}
		b.Log(sb.String())
	}
}

// BenchmarkFTS5FloorRandom is the floor under each random class of
// BenchmarkSearchVsPlain (the same queries, drawn alike): FTS5's own work
// for the window's first page on the research file's index, on one
// connection kept for the class (as the store keeps its pool) — count the
// matches up to store.RankAll+1 (their ids, as the store reads them), then
// rank the first 50 by bm25 if there are no more than store.RankAll (a
// page of more is the first ids counted). No highlights, snippets, titles,
// tags or document counts. Reported like BenchmarkSearchVsPlain: p50 and
// p95 over every run (-benchtime 3x: three runs of each query), so a
// class's store p95 from the same run reads beside FTS5's.
func BenchmarkFTS5FloorRandom(b *testing.B) {
	for _, name := range []string{"100k", "1M"} {
		b.Run(name, func(b *testing.B) {
			c := corpus(b, name)
			p := c.baseline(b)
			ctx := context.Background()
			var sb strings.Builder
			fmt.Fprintf(&sb, "\n%s research file, FTS5 alone (ms): count to %d, then rank the first 50 by bm25 if counted whole\n", name, store.RankAll+1)
			sb.WriteString("| class | queries | floor p50 / p95 | slowest |\n|---|---|---|---|\n")
			classes := randomClasses(c, p, queriesPerClass())
			lines := make([]string, len(classes)) // a sub-benchmark runs more than once: its last run's
			for k, cl := range classes {
				b.Run(cl.name, func(b *testing.B) {
					db, err := openPlain(c.path)
					if err != nil {
						b.Fatal(err)
					}
					defer db.Close()
					var all []time.Duration
					worst := make([]time.Duration, len(cl.queries))
					for range b.N {
						for i, text := range cl.queries {
							q, err := query.Parse(text)
							if err != nil {
								b.Fatalf("%q: %v", text, err)
							}
							t := time.Now()
							if err := floorPage(ctx, db, q.MatchExpr()); err != nil {
								b.Fatalf("%q: %v", text, err)
							}
							d := time.Since(t)
							all = append(all, d)
							worst[i] = max(worst[i], d)
						}
					}
					slices.Sort(all)
					slowest := 0
					for i := range worst {
						if worst[i] > worst[slowest] {
							slowest = i
						}
					}
					b.ReportMetric(0, "ns/op")
					b.ReportMetric(percentile(all, 0.50), "floor-p50-ms")
					b.ReportMetric(percentile(all, 0.95), "floor-p95-ms")
					lines[k] = fmt.Sprintf("| %s | %d | %.2f / %.2f | %q %.1f |\n", cl.name, len(cl.queries), percentile(all, 0.50), percentile(all, 0.95),
						cl.queries[slowest], float64(worst[slowest].Microseconds())/1000)
				})
			}
			sb.WriteString(strings.Join(lines, ""))
			b.Log(sb.String())
		})
	}
}

// floorPage is BenchmarkFTS5FloorRandom's work for one query.
func floorPage(ctx context.Context, db *sql.DB, match string) error {
	var ids sql.NullString
	if err := db.QueryRowContext(ctx, `SELECT group_concat(id) FROM (SELECT rowid AS id FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)`, match, store.RankAll+1).Scan(&ids); err != nil {
		return err
	}
	if !ids.Valid || strings.Count(ids.String, ",")+1 > store.RankAll {
		return nil
	}
	rows, err := db.QueryContext(ctx, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT 50`, match)
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	rows.Close()
	return rows.Err()
}
