package store

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// A long PDF says how far its reading has come: the import path hands the
// reader a page reporter, and the tracker turns a page report into a
// progress report (pages read, and that share of reading the file) until
// the file is read.
func TestImportReportsPagesRead(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("ingest", "testdata", "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(pdf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var seen [][2]int
	item := readImport(pdf, func(done, total int) { seen = append(seen, [2]int{done, total}) })
	if item.err != nil || item.doc == nil || item.doc.Pages != 3 {
		t.Fatalf("read: %+v", item)
	}
	if want := [][2]int{{1, 3}, {2, 3}, {3, 3}}; !reflect.DeepEqual(seen, want) {
		t.Errorf("pages reported %v, want %v", seen, want)
	}

	var reports []ImportProgress
	tr := newTracker([]string{pdf}, func(p ImportProgress) { reports = append(reports, p) })
	tr.pages(0, 2, 3)
	tr.read(0)
	if len(reports) != 2 {
		t.Fatalf("%d reports", len(reports))
	}
	first, read := reports[0], reports[1]
	size := int64(len(data))
	if first.PagesRead != 2 || first.Pages != 3 || first.Path != pdf || first.BytesDone != int64(float64(size)*readShare*2/3) {
		t.Errorf("while reading: %+v", first)
	}
	if read.PagesRead != 0 || read.Pages != 0 || read.BytesDone != int64(float64(size)*readShare) {
		t.Errorf("once read: %+v", read)
	}
}
