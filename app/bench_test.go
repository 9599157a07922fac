package app

// BenchmarkTypingBlocksUI: how long does typing a query hold the UI goroutine
// on a large research file, compared with how long the search itself takes?
//
//	go test ./app/ -run '^$' -bench TypingBlocksUI -benchtime 1x -timeout 30m
//
// The research file holds 100,000 generated passages (1,000 documents of
// 100). The store's generator (store/internal/corpusgen) cannot be imported
// from here, so a small fixed-seed word-level Markov chain trained on
// shared/corpus writes the passages instead. Building the file takes a
// while; DOSSIER_BENCH_DIR=dir keeps it in dir and reuses it on later runs.
// DOSSIER_CORPUS_DIR overrides where the training text is.

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/store"
)

const (
	benchSeed        = 2016
	benchPassages    = 100_000
	benchPerDocument = 100
	// benchQuery is typed one keystroke at a time; every prefix is searched.
	// "russian" is common (its prefixes hit the rank cap), "interference"
	// less so, and "russian i" is a one-letter term.
	benchQuery = "russian interference"
)

func BenchmarkTypingBlocksUI(b *testing.B) {
	if testing.Short() {
		b.Skip("-short: needs a 100k-passage research file")
	}
	st, err := store.Open(benchResearchFile(b))
	if err != nil {
		b.Fatal(err)
	}

	log := observeApplies(b) // how long each apply closure held the UI goroutine
	u := benchWindow(b, st, fyne.NewSize(1200, 800))

	type keystroke struct {
		query            string
		typed, started   time.Duration // OnChanged; the debounced start of the search
		applied, longest time.Duration // all apply closures; the longest one
		search           time.Duration // wall time off the UI goroutine
		status           string
	}
	var keys []keystroke
	for b.Loop() {
		u.do(u.search.onClear)
		for i := range benchQuery {
			k := keystroke{query: benchQuery[:i+1]}
			log.take()
			u.a.onUI(func() {
				t := time.Now()
				test.Type(u.search.entry, benchQuery[i:i+1])
				k.typed = time.Since(t)
			})
			// The debounce timer would start the search on the UI goroutine
			// 150 ms from now; start it at once (as Enter does), timed.
			began := time.Now()
			u.a.onUI(func() {
				t := time.Now()
				u.search.flush()
				k.started = time.Since(t)
			})
			u.work.wait()
			total := time.Since(began)
			applies, sum := log.take()
			k.applied = sum
			for _, d := range applies {
				k.longest = max(k.longest, d)
			}
			k.search = total - k.started - k.applied
			k.status = u.status.message.Text
			// "russ" completes to russ*, "interferen" to the stem's interfere*
			if q := u.results.query; q != k.query && !(strings.HasSuffix(q, "*") && strings.HasPrefix(k.query, strings.TrimSuffix(q, "*"))) {
				b.Fatalf("results for %q after typing %q", u.results.query, k.query)
			}
			keys = append(keys, k)
		}
	}

	// Opening the top result lays out its document in the reader: the other
	// UI-goroutine cost of a search session.
	log.take()
	var selected time.Duration
	u.a.onUI(func() {
		t := time.Now()
		u.results.list.Select(0)
		selected = time.Since(t)
	})
	u.work.wait()
	_, applied := log.take()
	open := selected + applied

	blocked := make([]time.Duration, len(keys)) // UI time per keystroke
	var searchSum time.Duration
	var longestCall time.Duration
	var table strings.Builder // one Log: the testing package cuts a benchmark's log at ten lines
	for i, k := range keys {
		blocked[i] = k.typed + k.started + k.applied
		searchSum += k.search
		longestCall = max(longestCall, k.typed, k.started, k.longest)
		if i < len(benchQuery) {
			fmt.Fprintf(&table, "\n%-22q typed %5.2f ms  start %5.2f ms  apply %6.2f ms  search %6.1f ms  — %s",
				k.query, ms(k.typed), ms(k.started), ms(k.applied), ms(k.search), k.status)
		}
	}
	b.Log("UI-goroutine time per keystroke, first pass:", table.String())
	slices.Sort(blocked)
	p95 := blocked[(len(blocked)*95+99)/100-1]
	b.Logf("opening the top result: %.1f ms on the UI goroutine", ms(open))
	b.ReportMetric(ms(blocked[len(blocked)-1]), "ui-max-ms")
	b.ReportMetric(ms(p95), "ui-p95-ms")
	b.ReportMetric(ms(longestCall), "ui-call-max-ms")
	b.ReportMetric(ms(searchSum/time.Duration(len(keys))), "search-ms")
	b.ReportMetric(ms(open), "open-ms")
}

// benchResearchFile returns the path of a research file holding
// benchPassages generated passages, building it if needed.
func benchResearchFile(b *testing.B) string {
	b.Helper()
	dir := os.Getenv("DOSSIER_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("app-typing-%dk-seed%d.dossier", benchPassages/1000, benchSeed))
	ctx := context.Background()
	if _, err := os.Stat(path); err == nil {
		st, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		docs, err := st.Documents(ctx)
		st.Close()
		passages := 0
		for _, d := range docs {
			passages += d.Passages
		}
		if err == nil && len(docs) == benchPassages/benchPerDocument && passages == benchPassages {
			return path
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
	}

	corpus := os.Getenv("DOSSIER_CORPUS_DIR")
	if corpus == "" {
		corpus = filepath.Join("..", "..", "shared", "corpus")
	}
	var texts []string
	for _, name := range []string{"seed-article.txt", "mueller-report.txt"} {
		data, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			b.Skipf("training corpus absent (%v); set DOSSIER_CORPUS_DIR", err)
		}
		texts = append(texts, string(data))
	}
	chain := trainChain(texts...)
	rng := rand.New(rand.NewPCG(benchSeed, benchSeed))

	// The documents are written as text files and imported the way the
	// window and the CLI import them.
	src := b.TempDir()
	var paths []string
	for n := 1; n <= benchPassages/benchPerDocument; n++ {
		var text strings.Builder
		fmt.Fprintf(&text, "Generated report %d", n) // the title
		for range benchPerDocument {
			text.WriteString("\n\n")
			chain.passage(&text, rng)
		}
		text.WriteString("\n")
		paths = append(paths, filepath.Join(src, fmt.Sprintf("generated-%04d.txt", n)))
		if err := os.WriteFile(paths[len(paths)-1], []byte(text.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	began := time.Now()
	passages := 0
	err = st.ImportFiles(ctx, paths, func(o store.FileOutcome) {
		if o.Err != nil {
			b.Fatalf("%s: %v", o.Path, o.Err)
		}
		passages += o.Result.Passages
	})
	if err != nil {
		b.Fatal(err)
	}
	if passages != benchPassages {
		b.Fatalf("imported %d passages, want %d", passages, benchPassages)
	}
	b.Logf("built %s (%d passages) in %v", filepath.Base(path), benchPassages, time.Since(began).Round(time.Second))
	return path
}

// chain is a word-level Markov chain of order 1: each word maps to the words
// seen after it, repeats included, so frequent pairs stay frequent.
type chain struct {
	starts []string            // sentence-opening words
	next   map[string][]string // word → observed successors
}

// markup is the Mueller report's <FN12>, <REDACTED>, <SECTION> and the like.
var markup = regexp.MustCompile(`<[^<>]*>`)

func trainChain(texts ...string) *chain {
	c := &chain{next: map[string][]string{}}
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "<SECTION>") || strings.HasPrefix(line, "<FN") {
				continue // headings and footnote bodies are not prose
			}
			prev := ""
			for _, w := range strings.Fields(markup.ReplaceAllString(line, " ")) {
				if prev == "" {
					c.starts = append(c.starts, w)
				} else {
					c.next[prev] = append(c.next[prev], w)
				}
				prev = w
				if endsSentence(w) {
					prev = ""
				}
			}
		}
	}
	return c
}

func endsSentence(w string) bool { return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "?") }

// passage writes whole sentences, 40 to about 140 words in all.
func (c *chain) passage(b *strings.Builder, rng *rand.Rand) {
	target := 40 + rng.IntN(50) + rng.IntN(50)
	for words := 0; words < target; {
		w := c.starts[rng.IntN(len(c.starts))]
		for n := 0; ; n++ {
			if words > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			words++
			next := c.next[w]
			if endsSentence(w) || len(next) == 0 {
				break
			}
			if n == 40 { // a run-on sentence: end it
				b.WriteByte('.')
				break
			}
			w = next[rng.IntN(len(next))]
		}
	}
}
