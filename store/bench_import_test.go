package store_test

// Import benchmarks through the entry points users run, each beside the
// plain-FTS5 baseline's bulk insert of the same passages.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dossier/app/cli"
	"dossier/assets"
	"dossier/store"
)

// userSeed is what the CLI and the window hand a research file they
// create: the gazetteer (so tag suggestions are on) and the seed article.
var userSeed = store.Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle}

// skipCorpusSize skips a corpus size the flags leave out, as corpus does.
func skipCorpusSize(b *testing.B, passages int) {
	b.Helper()
	switch {
	case passages >= 1_000_000 && os.Getenv("DOSSIER_BENCH_1M") != "1":
		b.Skip("set DOSSIER_BENCH_1M=1 to run the 1M-passage corpus")
	case passages > 10_000 && testing.Short():
		b.Skip("-short: only the 10k corpus")
	}
}

// BenchmarkImportVsPlain imports a generated corpus (the same documents as
// the 10k/100k/1M corpora, written as .txt files) the way the CLI and the
// window do: a new research file opened with store.OpenResearchFile and the
// real seed ("gazetteer": suggestions on; "no-gazetteer": the zero Seed,
// as BenchmarkImport measures), then store.ImportFiles on the files. Only
// ImportFiles is timed. The passages it stored (the seed article's too) are
// then bulk-inserted into a plain-FTS5 baseline (buildPlain).
//
// Then into an FTS5 table with the store's index options, inserted and
// merged as the store does (buildSameIndex): the ceiling the index alone
// sets. Reports passages/s for all three, time-ratio (store seconds per
// passage over the baseline's; same-index-time-ratio over the ceiling's)
// and each file's size over the passages' raw text bytes.
// One import per iteration: use -benchtime 1x.
func BenchmarkImportVsPlain(b *testing.B) {
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			skipCorpusSize(b, c.passages)
			trainModel(b)
			paths := writeCorpusFiles(b, c.passages/passagesPerDoc)
			for _, suggest := range []bool{true, false} {
				name, seed := "gazetteer", userSeed
				if !suggest {
					name, seed = "no-gazetteer", store.Seed{}
				}
				b.Run(name, func(b *testing.B) {
					var elapsed time.Duration
					var passages int
					var last string
					for n := range b.N {
						last = filepath.Join(b.TempDir(), fmt.Sprintf("import-%d.dossier", n))
						d, k := importFilesOnce(b, last, seed, paths)
						elapsed += d
						passages += k
					}
					p, same := plainFor(b, last), sameIndexFor(b, last)
					storeRate := float64(passages) / elapsed.Seconds()
					plainRate := float64(p.passages) / p.insertTime.Seconds()
					sameRate := float64(same.passages) / same.insertTime.Seconds()
					b.ReportMetric(0, "ns/op")
					b.ReportMetric(storeRate, "passages/s")
					b.ReportMetric(plainRate, "plain-passages/s")
					b.ReportMetric(plainRate/storeRate, "time-ratio")
					b.ReportMetric(sameRate, "same-index-passages/s")
					b.ReportMetric(sameRate/storeRate, "same-index-time-ratio")
					b.ReportMetric(float64(fileBytes(last))/float64(p.textBytes), "size/text")
					b.ReportMetric(float64(p.dbBytes)/float64(p.textBytes), "plain-size/text")
					b.ReportMetric(float64(same.dbBytes)/float64(p.textBytes), "same-index-size/text")
					b.Logf("%s %s: store %.0f passages/s (%d passages), plain FTS5 %.0f passages/s (%d), FTS5 with the store's index options %.0f passages/s; store file %.1f MB = %.2f× the text (%.1f MB), plain %.1f MB = %.2f×, same index %.1f MB = %.2f×",
						c.name, name, storeRate, passages/b.N, plainRate, p.passages, sameRate,
						float64(fileBytes(last))/1e6, float64(fileBytes(last))/float64(p.textBytes), float64(p.textBytes)/1e6,
						float64(p.dbBytes)/1e6, float64(p.dbBytes)/float64(p.textBytes),
						float64(same.dbBytes)/1e6, float64(same.dbBytes)/float64(p.textBytes))
				})
			}
		})
	}
}

// writeCorpusFiles writes the first docs generated documents as .txt files
// (title line, blank line, text) into a temporary folder.
func writeCorpusFiles(b *testing.B, docs int) []string {
	b.Helper()
	src := b.TempDir()
	gen := model.NewGenerator(benchSeed)
	paths := make([]string, docs)
	for i := range paths {
		doc := gen.Document(i+1, passagesPerDoc)
		paths[i] = filepath.Join(src, doc.FileName)
		if err := os.WriteFile(paths[i], []byte(doc.Title+"\n\n"+doc.Text+"\n"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return paths
}

// importFilesOnce creates a research file at path as the CLI does and times
// ImportFiles on paths, returning the time and the passages stored. The
// file is closed (and so checkpointed) before it returns.
func importFilesOnce(b *testing.B, path string, seed store.Seed, paths []string) (time.Duration, int) {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	st, err := store.OpenResearchFile(path, seed)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	passages := 0
	b.StartTimer()
	began := time.Now()
	err = st.ImportFiles(context.Background(), paths, func(o store.FileOutcome) {
		if o.Err != nil || o.Result.AlreadyPresent {
			b.Fatalf("%s: %+v, %v", o.Path, o.Result, o.Err)
		}
		passages += o.Result.Passages
	})
	elapsed := time.Since(began)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	return elapsed, passages
}

// BenchmarkImportMueller times `dossier --db NEW import FILE…` in process
// (cli.Run, with the seed the entry point hands it) on the Mueller report
// ("one") and on 20 distinct copies of it ("20-copies": each with a header
// line naming its copy, so none is a duplicate). The time is the whole
// command: creating the research file with its seed, importing, and the
// automatic backup that follows a large import (into a temporary
// XDG_DATA_HOME). Then the file's passages are bulk-inserted into a
// plain-FTS5 baseline. Reports seconds (also as ns/op), passages/s, the
// baseline's seconds, time-ratio and size/text for both. Skips when
// ../shared/corpus/mueller-report.txt is absent.
func BenchmarkImportMueller(b *testing.B) {
	src := filepath.Join(corpusDir(), "mueller-report.txt")
	text, err := os.ReadFile(src)
	if err != nil {
		b.Skipf("Mueller report absent (%v); set DOSSIER_CORPUS_DIR", err)
	}
	b.Setenv("XDG_DATA_HOME", b.TempDir()) // the CLI's backups go there
	seedPassages := len(newFileRows(b))
	for _, copies := range []int{1, 20} {
		name := "one"
		if copies > 1 {
			name = fmt.Sprintf("%d-copies", copies)
		}
		b.Run(name, func(b *testing.B) {
			files := []string{src}
			if copies > 1 {
				files = writeCopies(b, text, copies)
			}
			var elapsed time.Duration
			var last string
			for n := range b.N {
				b.StopTimer()
				last = filepath.Join(b.TempDir(), fmt.Sprintf("mueller-%d.dossier", n))
				var stderr bytes.Buffer
				b.StartTimer()
				began := time.Now()
				code := cli.Run(last, append([]string{"import"}, files...), userSeed, discard{}, &stderr)
				elapsed += time.Since(began)
				if code != cli.ExitOK {
					b.Fatalf("dossier import: exit %d: %s", code, stderr.String())
				}
			}
			b.StopTimer()
			p := plainFor(b, last)
			secs := elapsed.Seconds() / float64(b.N)
			passages := p.passages - seedPassages
			b.ReportMetric(secs, "s")
			b.ReportMetric(float64(passages)/secs, "passages/s")
			b.ReportMetric(p.insertTime.Seconds(), "plain-s")
			b.ReportMetric(secs/p.insertTime.Seconds(), "time-ratio")
			b.ReportMetric(float64(fileBytes(last))/float64(p.textBytes), "size/text")
			b.ReportMetric(float64(p.dbBytes)/float64(p.textBytes), "plain-size/text")
			b.Logf("%s: dossier import %.2f s (%d passages, %.0f/s), plain FTS5 insert %.2f s; store file %.1f MB = %.2f× the passages' text (%.1f MB), plain %.1f MB = %.2f×",
				name, secs, passages, float64(passages)/secs, p.insertTime.Seconds(),
				float64(fileBytes(last))/1e6, float64(fileBytes(last))/float64(p.textBytes), float64(p.textBytes)/1e6,
				float64(p.dbBytes)/1e6, float64(p.dbBytes)/float64(p.textBytes))
		})
	}
}

// newFileRows returns the passages a new research file starts with (the
// seed article's), so they can be left out of the imported count.
func newFileRows(b *testing.B) []plainRow {
	b.Helper()
	path := filepath.Join(b.TempDir(), "empty.dossier")
	st, err := store.OpenResearchFile(path, userSeed)
	if err != nil {
		b.Fatal(err)
	}
	st.Close()
	rows, err := storePassages(path)
	if err != nil {
		b.Fatal(err)
	}
	return rows
}

// writeCopies writes n copies of text, each made distinct by a first line
// naming its copy.
func writeCopies(b *testing.B, text []byte, n int) []string {
	b.Helper()
	dir := b.TempDir()
	files := make([]string, n)
	for i := range files {
		files[i] = filepath.Join(dir, fmt.Sprintf("mueller-report-copy-%02d.txt", i+1))
		body := append([]byte(fmt.Sprintf("Copy %d of the Mueller report\n\n", i+1)), text...)
		if err := os.WriteFile(files[i], body, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return files
}

// discard is an io.Writer that keeps nothing (the CLI's per-file lines).
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkImportMuellerWindow times what the window does when a user
// imports the Mueller report: the same import as `dossier import` (timed
// as BenchmarkImportMueller times it), then, as the import's last phase,
// the claims suggester over the new document (app/importclaims.go's
// findClaims: store.SuggestClaims with the new documents' ids). The CLI's
// import does not suggest claims (`dossier claims --suggest` does), so
// BenchmarkImportMueller leaves this phase out. Reports the import's
// seconds, the claims phase's, their sum and the claims' share of it.
func BenchmarkImportMuellerWindow(b *testing.B) {
	src := filepath.Join(corpusDir(), "mueller-report.txt")
	if _, err := os.Stat(src); err != nil {
		b.Skipf("Mueller report absent (%v); set DOSSIER_CORPUS_DIR", err)
	}
	b.Setenv("XDG_DATA_HOME", b.TempDir())
	ctx := context.Background()
	var imported, suggesting time.Duration
	var claims int
	for n := range b.N {
		path := filepath.Join(b.TempDir(), fmt.Sprintf("mueller-%d.dossier", n))
		var stderr bytes.Buffer
		began := time.Now()
		if code := cli.Run(path, []string{"import", src}, userSeed, discard{}, &stderr); code != cli.ExitOK {
			b.Fatalf("dossier import: exit %d: %s", code, stderr.String())
		}
		imported += time.Since(began)
		b.StopTimer()
		st, err := store.OpenResearchFile(path, userSeed)
		if err != nil {
			b.Fatal(err)
		}
		docs, err := st.Documents(ctx)
		if err != nil {
			b.Fatal(err)
		}
		var newest int64 // the report: the seed article came first, with the file
		for _, d := range docs {
			newest = max(newest, d.ID)
		}
		ids := []int64{newest}
		b.StartTimer()
		began = time.Now()
		claims, err = st.SuggestClaims(ctx, ids, nil)
		suggesting += time.Since(began)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	imp, sug := imported.Seconds()/float64(b.N), suggesting.Seconds()/float64(b.N)
	b.ReportMetric(imp, "import-s")
	b.ReportMetric(sug, "claims-s")
	b.ReportMetric(imp+sug, "s")
	b.ReportMetric(sug/(imp+sug), "claims-share")
	b.ReportMetric(float64(claims), "claims")
}
