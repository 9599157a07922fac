package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// writeReports writes n small reports of `paras` paragraphs each, every one
// mentioning its own number (so each can be found by search), and returns
// their paths. The heading line becomes the title, not a passage.
func writeReports(t *testing.T, dir string, n, paras int) []string {
	t.Helper()
	paths := make([]string, n)
	for i := range paths {
		var b strings.Builder
		fmt.Fprintf(&b, "Field report number %d\n\n", i)
		for p := 0; p < paras; p++ {
			fmt.Fprintf(&b, "Paragraph %d of report%d notes a campaign by operatives.\n\n", p, i)
		}
		paths[i] = filepath.Join(dir, fmt.Sprintf("report-%04d.txt", i))
		if err := os.WriteFile(paths[i], []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return paths
}

func TestImportFilesReportsEveryFileInOrder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	s := mustOpenAt(t, path)
	ctx := context.Background()

	// 130 reports of 50 passages span two full batches and a remainder.
	paths := writeReports(t, dir, 130, 50)
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(dir, "image.txt")
	if err := os.WriteFile(binary, []byte{0x89, 'P', 'N', 'G', 0, 0, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.md")
	// Bad files among good ones, and a file given twice: the copy is
	// reported as already present, even within the same batch.
	all := append([]string{}, paths[:40]...)
	all = append(all, empty, paths[3], binary)
	all = append(all, paths[40:]...)
	all = append(all, missing)

	var got []store.FileOutcome
	if err := s.ImportFiles(ctx, all, func(o store.FileOutcome) { got = append(got, o) }); err != nil {
		t.Fatalf("ImportFiles: %v", err)
	}
	if len(got) != len(all) {
		t.Fatalf("%d outcomes for %d files", len(got), len(all))
	}
	for i, o := range got {
		if o.Index != i || o.Path != all[i] {
			t.Fatalf("outcome %d is for #%d %s, want %s", i, o.Index, o.Path, all[i])
		}
	}
	wantErr := map[string]string{empty: "empty", binary: "binary", missing: "no such file"}
	for _, o := range got {
		if want, bad := wantErr[o.Path]; bad {
			if o.Err == nil || !strings.Contains(o.Err.Error(), want) || !strings.Contains(o.Err.Error(), filepath.Base(o.Path)) {
				t.Errorf("%s: error %v, want one naming the file and saying %q", o.Path, o.Err, want)
			}
			continue
		}
		if o.Err != nil {
			t.Errorf("%s: %v", o.Path, o.Err)
		}
	}
	if dup := got[41]; !dup.Result.AlreadyPresent || dup.Result.Passages != 50 {
		t.Errorf("second copy of %s: %+v, want already present with 50 passages", dup.Path, dup.Result)
	}
	if first := got[3]; first.Result.AlreadyPresent || first.Result.Passages != 50 {
		t.Errorf("first copy of %s: %+v, want newly imported with 50 passages", first.Path, first.Result)
	}

	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 130 || st.Passages != 130*50 {
		t.Fatalf("stored %d documents, %d passages; want 130, %d", st.Documents, st.Passages, 130*50)
	}
	for _, n := range []int{0, 77, 129} {
		res, err := s.Search(ctx, store.SearchRequest{Query: fmt.Sprintf("report%d", n), Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 50 {
			t.Errorf("report%d: %d passages found, want 50", n, res.Total)
		}
	}
	ftsIntegrity(t, path)
}

func TestImportFilesCancelledLeavesNothingHalfDone(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenAt(t, filepath.Join(dir, "research.dossier"))
	paths := writeReports(t, dir, 300, 30)

	ctx, cancel := context.WithCancel(context.Background())
	reported := 0
	err := s.ImportFiles(ctx, paths, func(o store.FileOutcome) {
		if o.Err != nil {
			t.Errorf("%s: %v", o.Path, o.Err)
		}
		if reported++; reported == 1 {
			cancel() // after the first batch is committed
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ImportFiles after cancel: %v, want context.Canceled", err)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Exactly the reported files are stored, each whole.
	if st.Documents != reported || st.Passages != reported*30 {
		t.Fatalf("after cancel: %d documents, %d passages stored; %d files reported (want %d passages)",
			st.Documents, st.Passages, reported, reported*30)
	}
	if reported == 0 || reported == len(paths) {
		t.Fatalf("%d of %d files reported; the cancel should land mid-import", reported, len(paths))
	}
}

func TestImportFilesEdges(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenAt(t, filepath.Join(dir, "research.dossier"))
	ctx := context.Background()

	n := 0
	if err := s.ImportFiles(ctx, nil, func(store.FileOutcome) { n++ }); err != nil || n != 0 {
		t.Fatalf("no files: %v, %d outcomes", err, n)
	}
	blank := filepath.Join(dir, "blank.txt")
	if err := os.WriteFile(blank, []byte("   \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []store.FileOutcome
	err := s.ImportFiles(ctx, []string{filepath.Join(dir, "gone.md"), blank}, func(o store.FileOutcome) { got = append(got, o) })
	if err != nil || len(got) != 2 || got[0].Err == nil || got[1].Err == nil {
		t.Fatalf("only bad files: %v, %+v", err, got)
	}

	// Cancelled before it starts: nothing reported, nothing stored.
	paths := writeReports(t, dir, 20, 5)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	n = 0
	if err := s.ImportFiles(cancelled, paths, func(store.FileOutcome) { n++ }); !errors.Is(err, context.Canceled) || n != 0 {
		t.Fatalf("cancelled before start: %v, %d outcomes", err, n)
	}
	if st, err := s.Stats(ctx); err != nil || st.Documents != 0 {
		t.Fatalf("cancelled before start stored %d documents (%v)", st.Documents, err)
	}
}
