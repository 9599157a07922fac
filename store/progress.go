package store

import (
	"context"
	"os"

	"dossier/store/ingest"
)

// ImportProgress is how far ImportFilesProgress has come. Every count only
// grows from one report to the next; the last report has BytesDone ==
// BytesTotal and FilesDone == Files (unless the import was cancelled).
type ImportProgress struct {
	Path         string // the file being worked on (read, stored or indexed)
	Index        int    // its position among the files (see FileOutcome.Index)
	FileBytes    int64  // its size
	FilePassages int    // its passages written so far (committed or not)
	Files        int    // files to import: the paths given, folders expanded
	FilesRead    int    // files read and parsed (or failed to)
	FilesDone    int    // files finished: stored, already present or failed
	BytesTotal   int64  // the size of every file, from stat up front
	BytesRead    int64  // the size of the files read and parsed so far
	BytesDone    int64  // bytes processed: read, stored and searched for mentions
	// Passages written so far, all files: those of a batch not committed yet
	// included, so the count moves with the work (a file that then fails
	// takes its passages back: the one case where a count goes down).
	Passages int
	// Of which stored: committed with their files, kept whatever happens
	// next. Passages said "stored" of a batch a kill then rolled back (a
	// hostile data pass).
	Stored int
	// The current file's passages in all (0 until it is parsed), and how
	// many of them have been searched for the actors and sources they
	// mention — the second half of storing a file.
	FileTotal, FileScanned int
	// While a paged file (PDF) is being read: its pages read so far and in
	// all (0 otherwise).
	PagesRead, Pages int
	// Every file is in; the search index is being merged (see mergeIndex).
	// The last report of a large import says so: the merge can take
	// seconds, and a finished bar should not sit there unexplained.
	Merging bool
}

// Share of a file's work that reading and parsing it stands for; storing
// its passages and finding the tags they mention is the rest (measured on
// the Mueller report: parsing takes about 5% of the time).
const readShare = 0.1

// passageStep reports the storing of a document's passages: units counts
// passages inserted, then passages searched for mentions (2 per passage in
// all). It is carried by the context, so that the code that stores a
// document need not know whether anyone is watching.
type passageStep func(doc *ingest.Document, units int)

type passageStepKey struct{}

func withPassageStep(ctx context.Context, f passageStep) context.Context {
	return context.WithValue(ctx, passageStepKey{}, f)
}

// stepFor returns the reporter for doc's passages, or nil.
func stepFor(ctx context.Context, doc *ingest.Document) func(units int) {
	f, _ := ctx.Value(passageStepKey{}).(passageStep)
	if f == nil {
		return nil
	}
	return func(units int) { f(doc, units) }
}

// tracker keeps an import's progress for ImportFilesProgress. It is used
// from one goroutine only (the one storing the files).
type tracker struct {
	p        ImportProgress
	report   func(ImportProgress)
	paths    []string
	sizes    []int64
	counted  []int64 // bytes of each file counted into BytesDone so far
	inserted []int   // passages of each file stored so far
	totals   []int   // passages of each file
	scanned  []int   // passages of each file searched for mentions
}

func newTracker(paths []string, report func(ImportProgress)) *tracker {
	t := &tracker{report: report, paths: paths, p: ImportProgress{Files: len(paths)}}
	if report == nil {
		return t
	}
	t.sizes = make([]int64, len(paths))
	t.counted = make([]int64, len(paths))
	t.inserted = make([]int, len(paths))
	t.totals = make([]int, len(paths))
	t.scanned = make([]int, len(paths))
	for i, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			t.sizes[i] = fi.Size()
			t.p.BytesTotal += fi.Size()
		}
	}
	return t
}

// at makes file i the current one, unless a later file already is, and
// counts share (0 to 1) of its bytes as processed; shares never go back (a
// batch retried document by document starts its passages again). The file
// named never goes back either: a batch's files are reported finished once
// it commits, after the last of them was stored, and the line ran backwards
// through them (found by a hostile pass).
func (t *tracker) at(i int, share float64) {
	if t.p.Path == "" || i >= t.p.Index {
		t.p.Path, t.p.Index, t.p.FileBytes = t.paths[i], i, t.sizes[i]
	}
	t.count(i, share)
}

// count is at without making file i the current one.
func (t *tracker) count(i int, share float64) {
	if n := int64(float64(t.sizes[i]) * min(share, 1)); n > t.counted[i] {
		t.p.BytesDone += n - t.counted[i]
		t.counted[i] = n
	}
}

// read counts a file read and parsed (doc is nil if that failed).
func (t *tracker) read(i int) {
	if t.report == nil {
		return
	}
	t.p.FilesRead++
	t.p.BytesRead += t.sizes[i]
	t.p.PagesRead, t.p.Pages = 0, 0
	if t.p.FilesDone < i && t.p.Path != "" {
		// Read ahead into the batch of a file before it, which is stored
		// first: naming i now would leave that file unnamed ("File 2 of
		// 20", then "File 1 of 20").
		t.count(i, readShare)
	} else {
		t.at(i, readShare)
	}
	t.send()
}

// pages reports the reading of file i: done of total pages read, which
// counts as that share of reading it.
func (t *tracker) pages(i, done, total int) {
	if t.report == nil || total <= 0 {
		return
	}
	t.p.PagesRead, t.p.Pages = done, total
	t.at(i, readShare*float64(done)/float64(total))
	t.send()
}

// watch returns ctx carrying a reporter for the documents being stored.
func (t *tracker) watch(ctx context.Context, files map[*ingest.Document]int) context.Context {
	if t.report == nil {
		return ctx
	}
	return withPassageStep(ctx, func(doc *ingest.Document, units int) {
		i, ok := files[doc]
		n := len(doc.Passages)
		if !ok || n == 0 {
			return
		}
		// Every few dozen passages, and at the end of each half.
		if units%64 != 0 && units != n && units != 2*n {
			return
		}
		t.setInserted(i, max(t.inserted[i], min(units, n)))
		t.totals[i] = n
		t.scanned[i] = max(t.scanned[i], units-n)
		t.at(i, readShare+(1-readShare)*float64(units)/float64(2*n))
		t.send()
	})
}

// finished counts a file done: stored, already present or failed.
func (t *tracker) finished(o FileOutcome) {
	if t.report == nil {
		return
	}
	i := o.Index
	stored := 0
	if o.Err == nil && !o.Result.AlreadyPresent {
		stored = o.Result.Passages
	}
	t.setInserted(i, stored)
	t.totals[i], t.scanned[i] = stored, stored
	t.p.Stored += stored // finished is called once the file's batch is committed
	t.p.FilesDone++
	t.at(i, 1)
	t.send()
}

// merging reports the index merge that ends an import.
func (t *tracker) merging() {
	if t.report == nil {
		return
	}
	t.p.Merging = true
	t.report(t.p)
}

func (t *tracker) setInserted(i, n int) {
	t.p.Passages += n - t.inserted[i]
	t.inserted[i] = n
}

// send reports, with the passages of the file named.
func (t *tracker) send() {
	i := t.p.Index
	t.p.FilePassages = t.inserted[i]
	t.p.FileTotal, t.p.FileScanned = t.totals[i], t.scanned[i]
	t.report(t.p)
}
