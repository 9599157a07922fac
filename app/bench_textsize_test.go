package app

// BenchmarkTextSizeBlocksUI: how long does a text-size step (Ctrl+= / Ctrl+-)
// hold the UI goroutine, with the Mueller report open in the reader and its
// claims in the ledger? A hostile pass saw the window freeze for 3–7 s per
// step under Xvfb.
//
//	go test ./app/ -run '^$' -bench TextSizeBlocksUI -benchtime 6x
//
// Skips without ../shared/corpus/mueller-report.txt (DOSSIER_CORPUS_DIR).

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"dossier/store"
)

func BenchmarkTextSizeBlocksUI(b *testing.B) {
	corpus := os.Getenv("DOSSIER_CORPUS_DIR")
	if corpus == "" {
		corpus = filepath.Join("..", "..", "shared", "corpus")
	}
	src := filepath.Join(corpus, "mueller-report.txt")
	if _, err := os.Stat(src); err != nil {
		b.Skipf("Mueller report absent (%v); set DOSSIER_CORPUS_DIR", err)
	}
	ctx := context.Background()
	st, err := openSeeded(filepath.Join(b.TempDir(), "textsize.dossier"))
	if err != nil {
		b.Fatal(err)
	}
	var docID int64
	if err := st.ImportFiles(ctx, []string{src}, func(o store.FileOutcome) { docID = o.Result.DocumentID }); err != nil {
		b.Fatal(err)
	}
	if _, err := st.SuggestClaims(ctx, []int64{docID}, nil); err != nil {
		b.Fatal(err)
	}

	log := observeApplies(b)
	u := benchWindow(b, st, fyne.NewSize(1280, 800))
	w := u.w
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(1) })
	u.do(func() { u.sidebar.showNamed("claims") })
	u.do(func() { w.Canvas().Capture() })

	scales := []float32{1.2, 1.0, 0.9, 1.4, 1.8, 1.0}
	var calls, totals []time.Duration
	b.ResetTimer()
	for i := range b.N {
		log.take()
		scale := scales[i%len(scales)]
		var call time.Duration
		u.do(func() {
			began := time.Now()
			u.setTextScale(scale)
			call = time.Since(began)
		})
		var draw time.Duration
		u.do(func() {
			began := time.Now()
			w.Canvas().Capture() // what the driver does next: lay out and draw the window
			draw = time.Since(began)
		})
		_, applied := log.take()
		total := call + draw + applied
		calls = append(calls, call)
		totals = append(totals, total)
	}
	b.StopTimer()
	slices.Sort(calls)
	slices.Sort(totals)
	b.ReportMetric(ms(calls[len(calls)/2]), "call-p50-ms")
	b.ReportMetric(ms(totals[len(totals)/2]), "ui-p50-ms")
	b.ReportMetric(ms(totals[len(totals)-1]), "ui-max-ms")
}
