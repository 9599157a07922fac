package store_test

// The floor under the slowest random queries: FTS5's own work for them on
// the research file — count the matches, rank the first 50 by bm25 — in a
// connection of its own that has not read them before, as the window's
// first page of a query reads them. No highlights, snippets, titles, tags
// or document counts: what the store cannot do without.

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
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
