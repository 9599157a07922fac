package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dossier/store/ingest"
)

// FileOutcome is what became of one file given to ImportFiles: a document
// imported (or already present), an annotation bundle restored, or a file
// refused.
type FileOutcome struct {
	Index  int // position among the files imported (folders expanded)
	Path   string
	Result ImportResult  // a document's
	Bundle *BundleReport // set for an annotation bundle restored
	Err    error         // the file's own failure (unreadable, bad format, …)
}

// Bulk-import batching. Every commit makes FTS5 write an index segment and
// merge smaller ones, so many small documents are stored a few thousand
// passages per transaction. A batch is also written when the reader has
// nothing ready for bulkWait, so a slow disk never holds finished work back.
const (
	bulkPassages = 5000
	bulkWait     = 50 * time.Millisecond
)

// ImportFiles is the import path of the window and the CLI alike. Folders
// among paths are expanded into the importable files they hold (see
// ImportableFiles; one holding none is refused with a reason). Annotation
// bundles (.json files that say they are one) are restored after the
// documents, in their order (see bundlesLast); every other file is read as
// a document.
//
// It imports many files quickly: one goroutine reads and parses files ahead
// while this one stores them in batches (see importDocuments; each document
// is still all or nothing). done is called once per file, in order, after
// its batch is committed (or its bundle restored) — so a reported file is
// safely stored; it may be nil. If ctx is cancelled, the batch in progress is rolled back
// and ctx's error is returned; from that batch on, only files known to be
// stored are reported (so the reported ones may skip some indexes).
//
// A failure of the research file itself (read-only, locked by another
// program, disk full; see IsFileError) stops the import and is returned,
// rather than reported against the files.
func (s *Store) ImportFiles(ctx context.Context, paths []string, done func(FileOutcome)) error {
	return s.ImportFilesProgress(ctx, paths, done, nil)
}

// ImportFilesProgress is ImportFiles that also reports its progress (if
// progress is not nil): when a file has been read, as its passages are
// stored and searched for mentions, and when it is finished. Reports come
// from the calling goroutine, often (every few dozen passages): a window
// should throttle them.
func (s *Store) ImportFilesProgress(ctx context.Context, paths []string, done func(FileOutcome), progress func(ImportProgress)) error {
	return s.importFiles(ctx, paths, done, progress, nil)
}

// ImportFilesNoted is ImportFilesProgress for the window's import, whose
// new documents are then read for claims: its note that an import is
// running (see unfinished.go) is not taken away when the files are done
// but handed back, saying that what is left is finding the claims, for
// the caller to end with Done when that is done too, or Leave when the
// window's end stopped it. The claims phase killed (kill -9, a power cut)
// was said by nothing: the note had gone with the files (a hostile data
// pass). The note is nil when none was written (nothing was).
func (s *Store) ImportFilesNoted(ctx context.Context, paths []string, done func(FileOutcome), progress func(ImportProgress)) (*ImportNote, error) {
	var note *ImportNote
	err := s.importFiles(ctx, paths, done, progress, &note)
	return note, err
}

// importFiles is ImportFilesProgress; with handOver, its note is handed
// there rather than taken away (see ImportFilesNoted).
func (s *Store) importFiles(ctx context.Context, paths []string, done func(FileOutcome), progress func(ImportProgress), handOver **ImportNote) (err error) {
	if s.ReadOnly() {
		return s.readOnlyErr()
	}
	given := paths
	paths = bundlesLast(expandPaths(paths, true))
	// A failure of the research file after some files were stored must not
	// say "nothing was changed": it says what became of the rest.
	reported, stored := 0, 0
	report := done
	done = func(o FileOutcome) {
		reported++
		if o.Err == nil {
			stored++
		}
		if report != nil { // nil: the caller reads the library afterwards
			report(o)
		}
	}
	defer func() {
		if fe, ok := err.(*FileError); ok && stored > 0 {
			err = fe.partway(stored, len(paths)-reported)
		}
		if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) && reported == len(paths) {
			// Cancelled once every file had its outcome (the last batch
			// committed whole): the import is done, and "the rest not"
			// was said of no file (found by a hostile pass).
			err = nil
		}
	}()
	tr := newTracker(paths, progress)
	// Refuse to write into damaged pages; back up after a large import.
	if err := s.refuseIfDamaged(ctx); err != nil {
		return err
	}
	// The documents this import stores are no earlier versions of its
	// other files (earlierVersion).
	floor, err := s.newEarlierFloor(ctx)
	if err != nil {
		return s.fileErr(err)
	}
	// Noted in the file before its first write (see unfinished.go).
	var note *ImportNote
	noted := false
	noteFirst := func(ctx context.Context) {
		if !noted {
			noted = true
			note = s.noteImport(ctx, given, len(paths), countBundles(paths), handOver != nil)
		}
	}
	imported := 0
	defer func(ctx context.Context) { // the caller's ctx: ours is cancelled on return
		if imported > 0 && ctx.Err() == nil {
			tr.merging()
		}
		s.afterImport(ctx, imported)
	}(ctx)
	defer func() { // before afterImport's index merge: every file is stored
		switch {
		case handOver == nil:
			note.Done()
		case reported == len(paths):
			// Every file had its outcome: what is left is the claims,
			// noted before the merge, which a kill may stop too.
			note.filesDone()
			*handOver = note
		default:
			*handOver = note
		}
	}()
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	// A small buffer: documents can be large (up to ingest.MaxFileSize).
	ready := make(chan parsed, 8)
	// A long paged file (a PDF of hundreds of pages) reports its pages as
	// it is read; the latest report waits here for this goroutine to be
	// idle, and older ones are dropped.
	pages := make(chan pageReport, 1)
	go func() {
		defer close(ready)
		for i, p := range paths {
			if ctx.Err() != nil {
				return // cancelled, or the caller is done: read no further
			}
			var page ingest.PageFunc
			if progress != nil {
				page = func(done, total int) {
					select {
					case pages <- pageReport{index: i, done: done, total: total}:
					default:
					}
				}
			}
			item := readImport(p, page)
			item.index = i
			select {
			case ready <- item:
			case <-ctx.Done():
				return
			}
		}
	}()

	var (
		batch    []parsed
		passages int
		// The backup made before the import's first bundle that replaced
		// anything: the later ones name it (see restoreBundleKept).
		keptBefore string
	)
	flush := func() error {
		var docs []*ingest.Document
		index := map[*ingest.Document]int{} // document → its file, for progress
		for _, b := range batch {
			if b.doc != nil {
				docs = append(docs, b.doc)
				index[b.doc] = b.index
			}
		}
		var results []ImportResult
		var errs []error
		if len(docs) > 0 {
			noteFirst(ctx)
			results, errs = s.importDocuments(tr.watch(ctx, index), docs, floor)
		}
		cancelled := ctx.Err()
		for _, err := range errs {
			if IsFileError(err) {
				return err // nothing of this batch was stored
			}
		}
		n := 0
		for _, b := range batch {
			out := FileOutcome{Index: b.index, Path: paths[b.index], Err: b.err}
			if b.doc != nil {
				out.Result, out.Err = results[n], errs[n]
				n++
				if out.Err == nil && !out.Result.AlreadyPresent {
					imported += out.Result.Passages
				}
			}
			// After a cancel, report only what is known to be stored.
			if cancelled == nil || (b.doc != nil && out.Err == nil) {
				tr.finished(out)
				done(out)
			}
		}
		batch, passages = batch[:0], 0
		return cancelled
	}
	timer := time.NewTimer(bulkWait)
	defer timer.Stop()
	for {
		var (
			item parsed
			ok   bool
		)
		select {
		case item, ok = <-ready:
		default:
			// Nothing parsed yet: wait a little, then write what we have.
			timer.Reset(bulkWait)
			select {
			case item, ok = <-ready:
			case pr := <-pages:
				// The reader is deep in a long file: store what is
				// ready meanwhile, and say how far the reading has come.
				if len(batch) > 0 {
					if err := flush(); err != nil {
						return err
					}
				}
				tr.pages(pr.index, pr.done, pr.total)
				continue
			case <-timer.C:
				if len(batch) > 0 {
					if err := flush(); err != nil {
						return err
					}
				}
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if !ok {
			break
		}
		tr.read(item.index)
		if item.bundle {
			// In its place in the order: what comes before is stored first.
			if len(batch) > 0 {
				if err := flush(); err != nil {
					return err
				}
			}
			noteFirst(ctx)
			if err := s.restoreItem(ctx, item, paths, tr, done, &keptBefore); err != nil {
				return err
			}
			continue
		}
		batch = append(batch, item)
		if item.doc != nil {
			passages += len(item.doc.Passages)
		}
		if passages >= bulkPassages {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(batch) > 0 {
		return flush()
	}
	return ctx.Err()
}

// parsed is one file read ahead for ImportFilesProgress: a document, an
// annotation bundle's bytes, or the reason the file cannot be imported.
type parsed struct {
	index  int
	doc    *ingest.Document
	bundle bool // data is an annotation bundle, to restore
	data   []byte
	err    error
}

// pageReport is how far the reading of a paged file has come.
type pageReport struct{ index, done, total int }

// readImport reads one file: a bundle if it is one, else a document. page,
// if not nil, hears a paged file's pages as they are read.
func readImport(path string, page ingest.PageFunc) parsed {
	// A database's -wal, -shm or journal (through a link too) read as a
	// document said "the file is empty", or that its bytes are not text.
	if _, err := os.Stat(path); err == nil {
		if what := sideOfDatabase(path); what != "" {
			return parsed{err: &ingest.Error{File: path, Reason: "is " + what + ", not a document"}}
		}
	}
	if data, ok, err := readBundleFile(path); ok {
		return parsed{bundle: true, data: data, err: err}
	}
	// Only a folder holding nothing importable is left after expandPaths.
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return parsed{err: emptyFolder(path)}
	}
	doc, err := ingest.ReadFilePages(path, page)
	return parsed{doc: doc, err: err}
}

// restoreItem restores a bundle read ahead and reports it. A failure of the
// research file, or a cancel, is returned instead of reported.
func (s *Store) restoreItem(ctx context.Context, item parsed, paths []string, tr *tracker, done func(FileOutcome), keptBefore *string) error {
	out := FileOutcome{Index: item.index, Path: paths[item.index], Err: item.err}
	if out.Err == nil {
		rep, err := s.restoreBundleKept(ctx, bytes.NewReader(item.data), keptBefore)
		switch {
		case IsFileError(err):
			return err
		case err != nil && ctx.Err() != nil:
			return ctx.Err() // rolled back: nothing was restored
		case err == nil:
			out.Bundle = &rep
		}
		out.Err = err
	}
	tr.finished(out)
	done(out)
	return ctx.Err()
}

// countBundles is how many of paths are annotation bundles, by their
// extension (as bundlesLast tells them).
func countBundles(paths []string) int {
	n := 0
	for _, p := range paths {
		if strings.EqualFold(filepath.Ext(p), BundleExt) {
			n++
		}
	}
	return n
}

// bundlesLast puts the annotation bundles among paths after the documents,
// each group in its order: a bundle restored first skipped its annotations
// on documents the same import stored a moment later, "not in this
// research file" (found by a hostile data pass: a shared folder of
// documents and their annotations.json lost every annotation).
func bundlesLast(paths []string) []string {
	isBundle := func(p string) bool { return strings.EqualFold(filepath.Ext(p), BundleExt) }
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if !isBundle(p) {
			out = append(out, p)
		}
	}
	for _, p := range paths {
		if isBundle(p) {
			out = append(out, p)
		}
	}
	return out
}
