package store_test

// Random query sets per class, drawn from each generated corpus with a
// fixed seed, and the side-by-side runner that times each query through the
// store and through the plain-FTS5 baseline (bench_baseline_test.go).

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/store"
	"dossier/store/internal/corpusgen"
)

// queriesPerClass is DOSSIER_BENCH_QUERIES, default 60.
func queriesPerClass() int {
	if n, err := strconv.Atoi(os.Getenv("DOSSIER_BENCH_QUERIES")); err == nil && n > 0 {
		return n
	}
	return 60
}

// queryClass is a named set of queries.
type queryClass struct {
	name, about string
	queries     []string
}

// randomClasses draws n queries per class from corpus c (its document
// frequencies, and passages read from its baseline), deterministically:
//
//	rare-word    a word in 10–50 passages (the kind a researcher looks up)
//	ranked-word  a word in 100–store.RankAll passages (ranked by bm25 at once)
//	broad-word   a word in more than store.RankAll passages
//	two-words    two words from one passage:   a b
//	phrase       two adjacent words of one passage: "a b"
//	as-you-type  three adjacent words, the last cut short (2 letters or more): a b c*
//
// Words are plain lower-case ASCII (both engines read them alike). The
// counts are of surface forms (the index stems, so a stemmed word can
// match a little more).
func randomClasses(c *benchCorpus, p *plainFTS, n int) []queryClass {
	rng := corpusgen.NewRand(benchSeed + 13)
	var rare, ranked, broad []string
	c.df.Words(func(w string, k int) {
		if !plainWord(w) {
			return
		}
		switch {
		case k >= rareMinPassages && k <= rareMaxPassages && len(w) >= 5:
			rare = append(rare, w)
		case k >= 100 && k <= store.RankAll:
			ranked = append(ranked, w)
		case k > store.RankAll:
			broad = append(broad, w)
		}
	})
	pick := func(words []string) []string {
		slices.Sort(words) // map order is random; the draw must not be
		out := make([]string, 0, n)
		for range n {
			if len(words) > 0 {
				out = append(out, words[rng.IntN(len(words))])
			}
		}
		return out
	}
	classes := []queryClass{
		{"rare-word", "a word in 10–50 passages", pick(rare)},
		{"ranked-word", fmt.Sprintf("a word in 100–%d passages", store.RankAll), pick(ranked)},
		{"broad-word", fmt.Sprintf("a word in more than %d passages", store.RankAll), pick(broad)},
		{"two-words", "two words of one passage", nil},
		{"phrase", "two adjacent words of one passage, quoted", nil},
		{"as-you-type", "three adjacent words, the last cut to a prefix: a b c*", nil},
	}
	for len(classes[3].queries) < n || len(classes[4].queries) < n || len(classes[5].queries) < n {
		words := passageWords(p.text(int64(1 + rng.IntN(c.passages))))
		if len(words) < 3 {
			continue
		}
		if q := &classes[3].queries; len(*q) < n {
			i, j := rng.IntN(len(words)), rng.IntN(len(words))
			if a, b := words[i].word, words[j].word; a != b && a != "" && b != "" {
				*q = append(*q, a+" "+b)
			}
		}
		i := rng.IntN(len(words) - 2)
		a, b, w := words[i], words[i+1], words[i+2]
		if !a.ok() || !b.ok() {
			continue
		}
		if q := &classes[4].queries; len(*q) < n {
			*q = append(*q, `"`+a.word+" "+b.word+`"`)
		}
		// The store asks for 2 letters before a *; so does the window.
		if q := &classes[5].queries; len(*q) < n && len(w.word) >= 2 {
			cut := 2 + rng.IntN(len(w.word)-1)
			*q = append(*q, a.word+" "+b.word+" "+w.word[:cut]+"*")
		}
	}
	return classes
}

// plainWord: lower-case ASCII letters only, and not a word either query
// language might read as an operator.
func plainWord(w string) bool {
	switch w {
	case "", "and", "or", "not", "near":
		return false
	}
	return !strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' })
}

// pword is one whitespace-separated token of a passage; word is it
// lower-cased with edge punctuation trimmed, or "" if that is not a
// plainWord (inner punctuation, digits, other scripts).
type pword struct{ word string }

func (w pword) ok() bool { return w.word != "" }

func passageWords(text string) []pword {
	f := strings.Fields(text)
	out := make([]pword, len(f))
	for i, t := range f {
		t = strings.ToLower(strings.Trim(t, `.,;:!?()[]"'“”‘’—-`))
		if plainWord(t) {
			out[i] = pword{t}
		}
	}
	return out
}

// sideBySide is one class's measurements: each query run through the store
// and the baseline alternately (which goes first alternates too), so both
// see the same noise.
type sideBySide struct {
	class, about string
	queries      []string
	store, plain [][]time.Duration // per query, per run
	agree, known int               // queries whose match counts agree, of those both counted
	// followUp are the times of the exact counts that followed quick first
	// pages (store.Count after a QuickCount page), by query: the window's
	// status line waits for them, the list does not.
	followUp map[string][]time.Duration
	// plainPID is the process the baseline's queries run in (0: this one),
	// whose reads are counted as the store's are (see ioCounter).
	plainPID int
	// storeIO and plainIO are what each query read, per query, per run
	// (empty where /proc/<pid>/io cannot be read).
	storeIO, plainIO [][]ioUse
}

// noteFollowUp records the exact count that followed query q's first page.
func (s *sideBySide) noteFollowUp(q string, d time.Duration) {
	if s.followUp == nil {
		s.followUp = map[string][]time.Duration{}
	}
	s.followUp[q] = append(s.followUp[q], d)
}

// run times every query once per b.N through runStore and runPlain, which
// return the match count (-1: not counted) and the query's own time if they
// measured it apart (a baseline in its own process), or 0 to have the call
// timed.
func (s *sideBySide) run(b *testing.B, queries []string, runStore, runPlain func(q string) (int, time.Duration, error)) {
	b.Helper()
	s.queries = queries
	s.store = make([][]time.Duration, len(queries))
	s.plain = make([][]time.Duration, len(queries))
	s.agree, s.known = 0, 0
	s.storeIO = make([][]ioUse, len(queries))
	s.plainIO = make([][]ioUse, len(queries))
	storeIO, plainIO := ioCounter(0), ioCounter(s.plainPID)
	b.ResetTimer()
	for n := range b.N {
		for i, q := range queries {
			var ts, tp time.Duration
			var ns, np int
			var is, ip ioUse
			var err error
			timed := func(f func(string) (int, time.Duration, error), d *time.Duration, k *int, counter func() (ioUse, bool), used *ioUse) {
				if err != nil {
					return
				}
				before, counted := counter()
				t := time.Now()
				var own time.Duration
				*k, own, err = f(q)
				*d = time.Since(t)
				if own > 0 {
					*d = own
				}
				if after, ok := counter(); counted && ok {
					*used = after.minus(before)
				}
			}
			if (n+i)%2 == 0 {
				timed(runStore, &ts, &ns, storeIO, &is)
				timed(runPlain, &tp, &np, plainIO, &ip)
			} else {
				timed(runPlain, &tp, &np, plainIO, &ip)
				timed(runStore, &ts, &ns, storeIO, &is)
			}
			s.storeIO[i] = append(s.storeIO[i], is)
			s.plainIO[i] = append(s.plainIO[i], ip)
			if err != nil {
				b.Fatalf("%s %q: %v", s.class, q, err)
			}
			s.store[i] = append(s.store[i], ts)
			s.plain[i] = append(s.plain[i], tp)
			if n == 0 && ns >= 0 && np >= 0 {
				s.known++
				if ns == np {
					s.agree++
				}
			}
		}
	}
	b.StopTimer()
	r := s.summary()
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(r.storeP50, "store-p50-ms")
	b.ReportMetric(r.storeP95, "store-p95-ms")
	b.ReportMetric(r.plainP50, "plain-p50-ms")
	b.ReportMetric(r.plainP95, "plain-p95-ms")
	b.ReportMetric(r.ratio, "median-ratio")
	b.ReportMetric(float64(len(queries)), "queries")
}

type sideSummary struct {
	storeP50, storeP95, plainP50, plainP95 float64 // ms, over every run
	ratio                                  float64 // median over queries of median store / median plain
}

func (s *sideBySide) summary() sideSummary {
	var all [2][]time.Duration
	ratios := make([]float64, 0, len(s.store))
	for i := range s.store {
		all[0] = append(all[0], s.store[i]...)
		all[1] = append(all[1], s.plain[i]...)
		if m := median(s.plain[i]); m > 0 {
			ratios = append(ratios, float64(median(s.store[i]))/float64(m))
		}
	}
	var r sideSummary
	if len(all[0]) == 0 {
		return r
	}
	slices.Sort(all[0])
	slices.Sort(all[1])
	r.storeP50, r.storeP95 = percentile(all[0], 0.50), percentile(all[0], 0.95)
	r.plainP50, r.plainP95 = percentile(all[1], 0.50), percentile(all[1], 0.95)
	slices.Sort(ratios)
	if len(ratios) > 0 {
		r.ratio = ratios[len(ratios)/2]
		if len(ratios)%2 == 0 {
			r.ratio = (ratios[len(ratios)/2-1] + ratios[len(ratios)/2]) / 2
		}
	}
	return r
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// sideTable collects a parent benchmark's classes and prints them as one
// table when it ends (b.Log output is always shown for benchmarks).
type sideTable struct {
	title string
	rows  map[string]*sideBySide
	order []string
}

func newSideTable(title string) *sideTable {
	return &sideTable{title: title, rows: map[string]*sideBySide{}}
}

// row returns the class's record, the same one on every call (a
// sub-benchmark runs more than once; the last run's figures win).
func (t *sideTable) row(class, about string) *sideBySide {
	if r, ok := t.rows[class]; ok {
		return r
	}
	r := &sideBySide{class: class, about: about}
	t.rows[class] = r
	t.order = append(t.order, class)
	return r
}

func (t *sideTable) log(b *testing.B) {
	if len(t.order) == 0 {
		return
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s (ms; ratio = median over queries of store/plain)\n", t.title)
	fmt.Fprintf(&sb, "| %-21s | %7s | %15s | %15s | %5s | %s |\n", "class", "queries", "store p50 / p95", "plain p50 / p95", "ratio", "counts agree")
	fmt.Fprintf(&sb, "|%s\n", strings.Repeat("---|", 6))
	for _, name := range t.order {
		s := t.rows[name]
		r := s.summary()
		agree := "—"
		if s.known > 0 {
			agree = fmt.Sprintf("%d/%d", s.agree, s.known)
		}
		fmt.Fprintf(&sb, "| %-21s | %7d | %6.2f / %6.2f | %6.2f / %6.2f | %5.2f | %s |\n",
			name, len(s.store), r.storeP50, r.storeP95, r.plainP50, r.plainP95, r.ratio, agree)
	}
	t.logFollowUps(&sb)
	t.logIO(&sb)
	if k, _ := strconv.Atoi(os.Getenv("DOSSIER_BENCH_SLOWEST")); k > 0 {
		for _, name := range t.order {
			t.rows[name].slowest(&sb, k)
		}
	}
	b.Log("\n" + sb.String())
}

// logFollowUps writes, per class whose first pages were counted quickly,
// how long the exact counts that followed took, and the first page plus
// its exact count: when the status line has the whole total.
func (t *sideTable) logFollowUps(w io.Writer) {
	header := false
	for _, name := range t.order {
		s := t.rows[name]
		if len(s.followUp) == 0 {
			continue
		}
		if !header {
			fmt.Fprintf(w, "\nexact counts after a quick first page (store.Count; ms):\n")
			fmt.Fprintf(w, "| %-21s | %14s | %17s | %24s |\n", "class", "queries counted", "count p50 / p95", "page + count p50 / p95")
			fmt.Fprintf(w, "|%s\n", strings.Repeat("---|", 4))
			header = true
		}
		var counts, totals []time.Duration
		for i, q := range s.queries {
			f := s.followUp[q]
			for run, d := range f {
				counts = append(counts, d)
				if run < len(s.store[i]) {
					totals = append(totals, s.store[i][run]+d)
				}
			}
		}
		slices.Sort(counts)
		slices.Sort(totals)
		fmt.Fprintf(w, "| %-21s | %8d of %3d | %7.2f / %7.2f | %10.2f / %10.2f |\n", name, len(s.followUp), len(s.queries),
			percentile(counts, 0.50), percentile(counts, 0.95), percentile(totals, 0.50), percentile(totals, 0.95))
	}
}

// slowest writes the class's k slowest queries through the store (median
// over runs) with the baseline's time: what the p95 is made of.
func (s *sideBySide) slowest(w io.Writer, k int) {
	idx := make([]int, len(s.queries))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(median(s.store[b]), median(s.store[a])) })
	for _, i := range idx[:min(k, len(idx))] {
		fmt.Fprintf(w, "  %s slowest: %-40q store %6.2f ms, plain %6.2f ms\n", s.class, s.queries[i],
			float64(median(s.store[i]))/1e6, float64(median(s.plain[i]))/1e6)
	}
}
