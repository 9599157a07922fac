package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// replaceWith renames a fresh research file over path, as a sync tool or a
// careless script might while Dossier has path open.
func replaceWith(t *testing.T, path string) {
	t.Helper()
	other := filepath.Join(t.TempDir(), "other.dossier")
	o, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
}

// Once another file has been renamed over the research file, nothing is
// written to the old one (whose documents nobody could open again), and
// every write says why.
func TestWritesStopWhenTheResearchFileIsReplaced(t *testing.T) {
	s, doc := mustSeed(t)
	ctx := context.Background()
	pid := firstPassage(t, s, doc) // before: once the file is lost, a read may find no connection to use
	replaceWith(t, s.Path())
	_, err := s.AddBookmark(ctx, pid, nil, "lost?")
	if !errors.Is(err, store.ErrFileReplaced) || !store.IsFileError(err) {
		t.Fatalf("bookmark after the file was replaced: %v; want ErrFileReplaced", err)
	}
	if !strings.Contains(err.Error(), s.Path()) || !strings.Contains(err.Error(), "open it again") {
		t.Errorf("message %q should name the file and say what to do", err)
	}
	path := filepath.Join(t.TempDir(), "new.txt")
	os.WriteFile(path, []byte("A document about the ferry schedule.\n\nSecond paragraph."), 0o644)
	var reported []store.FileOutcome
	err = s.ImportFiles(ctx, []string{path}, func(o store.FileOutcome) { reported = append(reported, o) })
	if !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("import after the file was replaced: %v", err)
	}
	if len(reported) != 0 {
		t.Errorf("files reported although nothing could be stored: %+v", reported)
	}
}

// The file is replaced while a batch is being stored: the batch is not
// committed into the old file, and its documents are not reported.
func TestImportStopsWhenTheResearchFileIsReplacedMidBatch(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	dir := t.TempDir()
	var paths []string
	for i := range 3 {
		var text strings.Builder
		for j := range 300 {
			fmt.Fprintf(&text, "File %d paragraph %d on the ferry timetable and harbour fees.\n\n", i, j)
		}
		p := filepath.Join(dir, fmt.Sprintf("f%d.txt", i))
		os.WriteFile(p, []byte(text.String()), 0o644)
		paths = append(paths, p)
	}
	replaced := false
	var reported []store.FileOutcome
	err := s.ImportFilesProgress(ctx, paths, func(o store.FileOutcome) { reported = append(reported, o) },
		func(p store.ImportProgress) {
			if !replaced && p.FilePassages > 0 {
				replaced = true
				replaceWith(t, s.Path())
			}
		})
	if !replaced {
		t.Fatal("no progress report came while passages were stored")
	}
	if !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("import whose file was replaced part-way returned %v; want ErrFileReplaced", err)
	}
	for _, o := range reported {
		if o.Err == nil {
			t.Errorf("%s reported imported into a file that was replaced before the commit", filepath.Base(o.Path))
		}
	}
}

// After another program renames its research file over ours while we have
// it open, closing must not leave our WAL beside its file: the next open
// would replay our pages into it. (Found by a hostile test: the replacing
// file lost its documents and took ours.)
func TestReplacedFileIsNotDamagedByOurWAL(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	bookmarkFirst(t, s, doc, "kept") // a commit that sits in the WAL
	path := s.Path()
	other := filepath.Join(t.TempDir(), "other.dossier")
	o, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	importText(t, o, "theirs.txt", "Their own document.\n\nAbout ferries.")
	want, _ := o.Documents(ctx)
	o.Close()
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("our %s is still beside the file that replaced ours", side)
		}
	}
	r := mustOpenAt(t, path)
	got, _ := r.Documents(ctx)
	if len(got) != len(want) || got[0].Title != want[0].Title {
		t.Errorf("the replacing file now holds %v, it held %v: our WAL was replayed into it", got, want)
	}
	if problems, err := store.CheckFile(ctx, path); err != nil || len(problems) > 0 {
		t.Errorf("the replacing file is damaged: %v %v", problems, err)
	}
}

// A file moved while open keeps what was committed to it: SQLite does not
// fold a moved file's WAL in at close.
func TestMovedFileKeepsItsCommits(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	bookmarkFirst(t, s, doc, "kept")
	importText(t, s, "late.txt", "A late document.\n\nAbout harbours.")
	moved := filepath.Join(t.TempDir(), "moved.dossier")
	if err := os.Rename(s.Path(), moved); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r := mustOpenAt(t, moved)
	if bs, _ := r.Bookmarks(ctx); len(bs) != 1 {
		t.Errorf("the moved file holds %d bookmarks, want the 1 made before the move", len(bs))
	}
	if docs, _ := r.Documents(ctx); len(docs) != 2 {
		t.Errorf("the moved file holds %d documents, want 2", len(docs))
	}
}

// While the file is away (moved, about to come back), reads must not make
// a new empty research file at its name, nor lose its WAL.
func TestReadsWhileAwayCreateNothing(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	bookmarkFirst(t, s, doc, "kept")
	path := s.Path()
	if err := os.Rename(path, path+".away"); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	for range 16 { // as the window's workers, or a backup beside an index merge
		go func() { s.Documents(ctx); done <- struct{}{} }()
	}
	for range 16 {
		<-done
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("a read made a new file at %s while the research file was away", path)
	}
	if err := os.Rename(path+".away", path); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, firstPassage(t, s, doc), nil, "back"); err != nil {
		t.Errorf("a bookmark once the file is back: %v", err)
	}
	s.Close()
	if got := notes(t, path); len(got) != 2 {
		t.Errorf("notes after the file came back: %q, want both", got)
	}
}

// With backups enabled (the window, dossier import), a file replaced while
// open is kept in a backup the error names: otherwise what it held would
// vanish with the store.
func TestReplacedFileIsKeptInABackup(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	s.SetBackupDir(t.TempDir())
	s.EnableAutoBackups()
	bookmarkFirst(t, s, doc, "only here")
	pid := firstPassage(t, s, doc) // before: once the file is lost, a read may find no connection to use
	replaceWith(t, s.Path())
	_, err := s.AddBookmark(ctx, pid, nil, "refused")
	if !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("bookmark after the replacement: %v", err)
	}
	list, _ := s.Backups(ctx)
	if len(list) != 1 || !strings.Contains(err.Error(), "kept in the backup "+list[0].Path) {
		t.Fatalf("message %q; backups %+v", err, list)
	}
	if got := notes(t, list[0].Path); len(got) != 1 || got[0] != "only here" {
		t.Errorf("the backup holds notes %q, want the one made before the replacement", got)
	}
}

func firstPassage(t *testing.T, s *store.Store, doc int64) int64 {
	t.Helper()
	ps, err := s.Passages(context.Background(), doc)
	if err != nil || len(ps) == 0 {
		t.Fatalf("Passages: %v", err)
	}
	return ps[0].ID
}

// Another writer holding the old file when the loss is first seen keeps its
// WAL from being emptied (the checkpoint waits out the busy timeout): the
// next check must try again rather than take the loss as handled.
func TestLostFileWALIsEmptiedOnceTheWriterLetsGo(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the busy timeout")
	}
	ctx := context.Background()
	s, doc := mustSeed(t)
	bookmarkFirst(t, s, doc, "in the WAL")
	path := s.Path()
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	pid := firstPassage(t, s, doc) // before: once the file is lost, a read may find no connection to use
	// The WAL leaves the name once emptied (releaseName): watch it by handle.
	wal, err := os.Open(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	defer wal.Close()
	replaceWith(t, s.Path())
	walSize := func() int64 {
		fi, err := wal.Stat()
		if err != nil {
			return -1
		}
		return fi.Size()
	}
	if _, err := s.AddBookmark(ctx, pid, nil, "refused"); !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("bookmark after the replacement: %v", err)
	}
	if walSize() == 0 {
		t.Fatal("the WAL was emptied while another writer held the file: the test cannot tell a retry")
	}
	if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, pid, nil, "refused again"); !errors.Is(err, store.ErrFileReplaced) {
		t.Fatalf("second bookmark after the replacement: %v", err)
	}
	// The write above may be refused for want of a connection before it
	// tries again (none may open now); the watch tries every second.
	deadline := time.Now().Add(15 * time.Second)
	for walSize() != 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := walSize(); n != 0 {
		t.Errorf("the old file's WAL still holds %d bytes well after the writer let go", n)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("the emptied %s is still beside the file that replaced ours", side)
		}
	}
}
