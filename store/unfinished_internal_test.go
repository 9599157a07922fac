package store

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// An import stopped by the end of its process left the batches it had
// stored and nothing saying it had stopped: the next start showed some of
// its files as if the import were done (a hostile pass, kill -9). The note
// an import keeps in the file while it writes is found by the next open,
// once, unless the process that wrote it still runs; an import that ends,
// or is cancelled, takes it away.
func TestAnUnfinishedImportIsSaidOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files := filepath.Join(dir, "files")
	os.Mkdir(files, 0o755)
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		os.WriteFile(filepath.Join(files, name), []byte("Notes from "+name+"\n\nThe zebrafinch was seen at "+name+".\n"), 0o644)
	}

	// While it writes, the note is there, and is not taken: this process
	// still runs the import.
	var during []string
	err = st.ImportFilesProgress(ctx, []string{files}, func(FileOutcome) {
		v, ok, _ := getMeta(ctx, st.db, unfinishedKey)
		if ok {
			during = append(during, v)
		}
		if _, ok, err := st.TakeUnfinishedImport(ctx); ok || err != nil {
			t.Errorf("an import still running was taken as unfinished (%v)", err)
		}
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(during) == 0 {
		t.Fatal("no note of the import while it wrote")
	}
	var n UnfinishedImport
	if err := json.Unmarshal([]byte(during[0]), &n); err != nil || n.Files != 3 || len(n.Named) != 1 || n.Named[0] != files {
		t.Errorf("the note says %s (%v)", during[0], err)
	}
	if _, ok, _ := getMeta(ctx, st.db, unfinishedKey); ok {
		t.Error("the note is still there once the import ended")
	}
	if _, ok, _ := st.TakeUnfinishedImport(ctx); ok {
		t.Error("an import that ended is said to be unfinished")
	}

	// A cancelled import takes its note away too.
	cctx, cancel := context.WithCancel(ctx)
	os.WriteFile(filepath.Join(files, "d.txt"), []byte("Another zebrafinch.\n"), 0o644)
	st.ImportFilesProgress(cctx, []string{files}, func(FileOutcome) { cancel() }, nil)
	cancel()
	if _, ok, _ := getMeta(ctx, st.db, unfinishedKey); ok {
		t.Error("the note is still there once the import was cancelled")
	}

	// The note of a process that ended (no process has an id past Linux's
	// largest), and of an earlier process that had this one's id, is said
	// once.
	host, _ := os.Hostname()
	for _, pid := range []int{1<<22 + 17, os.Getpid()} {
		left, _ := json.Marshal(UnfinishedImport{Files: 200, Named: []string{"/home/x/folder"}, PID: pid, Host: host})
		if err := setMeta(ctx, st.db, unfinishedKey, string(left)); err != nil {
			t.Fatal(err)
		}
		got, ok, err := st.TakeUnfinishedImport(ctx)
		if !ok || err != nil || got.Files != 200 || len(got.Named) != 1 || got.Named[0] != "/home/x/folder" {
			t.Errorf("pid %d: the import left unfinished is %+v, %v, %v", pid, got, ok, err)
		}
		if _, ok, _ := st.TakeUnfinishedImport(ctx); ok {
			t.Errorf("pid %d: the unfinished import is said twice", pid)
		}
	}
	// Another process still running: left for it to take away.
	running, _ := json.Marshal(UnfinishedImport{Files: 2, PID: os.Getppid(), Host: host})
	setMeta(ctx, st.db, unfinishedKey, string(running))
	if _, ok, _ := st.TakeUnfinishedImport(ctx); ok && processRunning(os.Getppid()) {
		t.Error("the import of a process still running was taken as unfinished")
	}
}
