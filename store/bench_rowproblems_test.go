package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dossier/store"
)

// BenchmarkRowProblemsMueller weighs Store.RowProblems (the orphan rows
// and missing schema objects `dossier backup` looks for before a backup
// into the backups folder) against the import it would follow: 20
// distinct copies of the Mueller report imported into a new file as the
// CLI does (automatic backups on, into a temporary folder), then
// RowProblems on the same open store, and again on the file reopened.
// Reports import-s, rowproblems-s (the mean of the two), and their ratio
// in percent. Skips when ../shared/corpus/mueller-report.txt is absent.
func BenchmarkRowProblemsMueller(b *testing.B) {
	text, err := os.ReadFile(filepath.Join(corpusDir(), "mueller-report.txt"))
	if err != nil {
		b.Skipf("Mueller report absent (%v); set DOSSIER_CORPUS_DIR", err)
	}
	files := writeCopies(b, text, 20)
	ctx := context.Background()
	var imported, checked time.Duration
	for n := range b.N {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "m.dossier")
		st, err := store.OpenResearchFile(path, userSeed)
		if err != nil {
			b.Fatal(err)
		}
		st.SetBackupDir(b.TempDir())
		st.EnableAutoBackups()
		passages := 0
		b.StartTimer()
		began := time.Now()
		err = st.ImportFiles(ctx, files, func(o store.FileOutcome) { passages += o.Result.Passages })
		imported += time.Since(began)
		if err != nil || passages < 89000 {
			b.Fatalf("import: %d passages, %v", passages, err)
		}
		check := func(st *store.Store) {
			began := time.Now()
			problems, err := st.RowProblems(ctx)
			checked += time.Since(began) / 2
			if err != nil || len(problems) > 0 {
				b.Fatalf("RowProblems: %q, %v", problems, err)
			}
		}
		check(st)
		b.StopTimer()
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		st, err = store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		check(st)
		b.StopTimer()
		st.Close()
		if n == 0 {
			b.Logf("%d passages", passages)
		}
	}
	imp, chk := imported.Seconds()/float64(b.N), checked.Seconds()/float64(b.N)
	b.ReportMetric(imp, "import-s")
	b.ReportMetric(chk, "rowproblems-s")
	b.ReportMetric(100*chk/imp, "%-of-import")
	b.Logf("import %.2f s; RowProblems %.3f s (%.1f%% of the import)", imp, chk, 100*chk/imp)
}
