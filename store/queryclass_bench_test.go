package store_test

// Random query classes through the query path, its former version (the
// reference in search_reference_internal_test.go) and a plain FTS5 table:
//
//	DOSSIER_BENCH_DIR=dir go test ./store/ -run '^$' -bench QueryClasses -benchtime 1x -timeout 30m
//
// Per class, queries are drawn from the corpus with a fixed seed (two words
// of a passage, a phrase of two or three consecutive words, "a b c*" as
// typed), plus the corpus's rare word. Each query runs qcReps times in
// turn through Search, through SearchPage as the window asks for a first
// page, through the reference (former) path for both (ref-search,
// ref-page), and as a plain FTS5 table's first page (bm25 + snippets); the
// per-query medians give p50/p95 per path, the median ratio of Search to
// plain and of the former page to the current one.

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/store"
	"dossier/store/query"
)

const (
	qcQueries = 60
	qcReps    = 5
)

func BenchmarkQueryClasses(b *testing.B) {
	for _, c := range corpora[:2] {
		b.Run(c.name, func(b *testing.B) {
			c := corpus(b, c.name)
			plain := qcPlainFTS(b, c)
			texts := qcPassageSample(b, c.path, 4000)
			rng := rand.New(rand.NewSource(benchSeed))
			classes := []struct {
				name    string
				queries []string
			}{
				{"rare", []string{c.rare}},
				{"two-words", qcDraw(rng, texts, qcTwoWords)},
				{"phrase", qcDraw(rng, texts, qcPhrase)},
				{"as-you-type", qcDraw(rng, texts, qcAsYouType)},
			}
			for _, cl := range classes {
				b.Run(cl.name, func(b *testing.B) {
					for range b.N {
						qcRunClass(b, c.st, plain, cl.queries)
					}
				})
			}
		})
	}
}

func qcRunClass(b *testing.B, st *store.Store, plain *sql.DB, queries []string) {
	ctx := context.Background()
	var search, page, refSearch, refPage, base, ratios, gains []float64
	for _, q := range queries {
		var ts, tp, trs, trp, tb []float64
		parsed, err := query.Parse(q)
		if err != nil {
			b.Fatalf("%s: %v", q, err)
		}
		match := parsed.MatchExpr()
		sreq := store.SearchRequest{Query: q, Limit: firstPageLimit}
		for range qcReps {
			t := time.Now()
			if _, err := st.Search(ctx, sreq); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
			ts = append(ts, qcMS(time.Since(t)))
			req := store.PageRequest{SearchRequest: store.SearchRequest{Query: q, Limit: firstPageLimit, CompleteLastWord: true},
				CountDocuments: true, PerDocument: true}
			t = time.Now()
			if _, err := st.SearchPage(ctx, req); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
			tp = append(tp, qcMS(time.Since(t)))
			t = time.Now()
			if _, err := st.ReferenceSearch(ctx, sreq); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
			trs = append(trs, qcMS(time.Since(t)))
			t = time.Now()
			if _, err := st.ReferenceSearchPage(ctx, req); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
			trp = append(trp, qcMS(time.Since(t)))
			t = time.Now()
			if err := qcPlainPage(ctx, plain, match); err != nil {
				b.Fatalf("%s: %v", q, err)
			}
			tb = append(tb, qcMS(time.Since(t)))
		}
		s, p, pl := qcMedian(ts), qcMedian(tp), qcMedian(tb)
		search, page, base = append(search, s), append(page, p), append(base, pl)
		refSearch, refPage = append(refSearch, qcMedian(trs)), append(refPage, qcMedian(trp))
		ratios = append(ratios, s/pl)
		gains = append(gains, qcMedian(trp)/p)
		if os.Getenv("DOSSIER_BENCH_SLOW") != "" && p > 8 {
			b.Logf("slow: %-40s page %.1f ref-page %.1f search %.1f plain %.1f", q, p, qcMedian(trp), s, pl)
		}
	}
	for _, m := range []struct {
		name string
		v    []float64
	}{{"search", search}, {"page", page}, {"ref-search", refSearch}, {"ref-page", refPage}, {"plain", base}} {
		slices.Sort(m.v)
		b.ReportMetric(qcPct(m.v, 0.5), m.name+"-p50-ms")
		b.ReportMetric(qcPct(m.v, 0.95), m.name+"-p95-ms")
	}
	b.ReportMetric(qcMedian(ratios), "search/plain")
	b.ReportMetric(qcMedian(gains), "ref-page/page")
}

func qcMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func qcMedian(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return qcPct(s, 0.5)
}

func qcPct(sorted []float64, p float64) float64 {
	i := max(int(float64(len(sorted))*p+0.999999)-1, 0)
	return sorted[i]
}

func qcPlainPage(ctx context.Context, db *sql.DB, match string) error {
	rows, err := db.QueryContext(ctx, `SELECT rowid, snippet(fts, 0, char(2), char(3), '…', 12) FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 50`, match)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return err
		}
	}
	return rows.Err()
}

// qcPlainFTS is a plain FTS5 table (the store's tokenizer and prefix indexes)
// over the corpus's passages, built next to it once.
func qcPlainFTS(b *testing.B, c *benchCorpus) *sql.DB {
	path := strings.TrimSuffix(c.path, ".dossier") + "-plain.db"
	fresh := false
	if _, err := os.Stat(path); err != nil {
		fresh = true
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	b.Cleanup(func() { db.Close() })
	if fresh {
		src, _ := filepath.Abs(c.path)
		for _, s := range []string{
			`CREATE VIRTUAL TABLE fts USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')`,
			fmt.Sprintf(`ATTACH 'file:%s?mode=ro' AS src`, src),
			`INSERT INTO fts(rowid, text) SELECT id, text FROM src.passages ORDER BY id`,
			`DETACH src`,
		} {
			if _, err := db.Exec(s); err != nil {
				os.Remove(path)
				b.Fatal(err)
			}
		}
	}
	return db
}

// qcPassageSample reads every nth passage's text.
func qcPassageSample(b *testing.B, path string, n int) []string {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT text FROM passages WHERE id % (SELECT max(1, count(*) / ?) FROM passages) = 0 ORDER BY id`, n)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			b.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// qcWords are a passage's plain lower-case words of three letters or more.
func qcWords(text string) []string {
	f := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r < 'a' || r > 'z' })
	return slices.DeleteFunc(f, func(w string) bool { return len(w) < 3 || w == "and" || w == "not" || w == "near" })
}

func qcDraw(rng *rand.Rand, texts []string, draw func(*rand.Rand, []string) string) []string {
	var out []string
	for len(out) < qcQueries {
		w := qcWords(texts[rng.Intn(len(texts))])
		if len(w) < 4 {
			continue
		}
		if q := draw(rng, w); q != "" {
			out = append(out, q)
		}
	}
	return out
}

func qcTwoWords(rng *rand.Rand, w []string) string {
	i, j := rng.Intn(len(w)), rng.Intn(len(w))
	if w[i] == w[j] {
		return ""
	}
	return w[i] + " " + w[j]
}

func qcPhrase(rng *rand.Rand, w []string) string {
	n := 2 + rng.Intn(2)
	i := rng.Intn(len(w) - n + 1)
	return `"` + strings.Join(w[i:i+n], " ") + `"`
}

func qcAsYouType(rng *rand.Rand, w []string) string {
	i := rng.Intn(len(w) - 2)
	last := w[i+2]
	if len(last) < 4 {
		return ""
	}
	return w[i] + " " + w[i+1] + " " + last[:3+rng.Intn(len(last)-3)] + "*"
}
