//go:build unix

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"dossier/store"
	"dossier/store/ingest"
)

// specialFiles makes, in dir, files named like documents that are not
// regular files, with the reason each import must give.
func specialFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	fifo := filepath.Join(dir, "pipe.txt")
	must(syscall.Mkfifo(fifo, 0o644))
	zero := filepath.Join(dir, "zero.txt")
	must(os.Symlink("/dev/zero", zero))
	folder := filepath.Join(dir, "x.txt")
	must(os.Mkdir(folder, 0o755))
	loop := filepath.Join(dir, "loop.txt")
	must(os.Symlink(filepath.Join(dir, "loop2.txt"), loop))
	must(os.Symlink(loop, filepath.Join(dir, "loop2.txt")))
	dangling := filepath.Join(dir, "gone.md")
	must(os.Symlink(filepath.Join(dir, "nothing-here.md"), dangling))
	pipeBundle := filepath.Join(dir, "bundle.json")
	must(syscall.Mkfifo(pipeBundle, 0o644))
	return map[string]string{
		fifo:       "is a named pipe (FIFO), not a file",
		zero:       "is a device, not a file",
		folder:     "is a folder",
		loop:       "is a symbolic link that never reaches a file",
		dangling:   "is a broken link",
		pipeBundle: "is a named pipe (FIFO), not a file",
	}
}

// TestImportRefusesSpecialFiles: a FIFO (which would block forever), a link
// to /dev/zero (which would read without end), a folder named x.txt and a
// link loop each get a clear error of their own, and the ordinary files in
// the same import are still imported.
func TestImportRefusesSpecialFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	want := specialFiles(t, dir)
	good1 := filepath.Join(dir, "a.txt")
	good2 := filepath.Join(dir, "b.md")
	if err := os.WriteFile(good1, []byte("First good file\n\nIt has a paragraph.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good2, []byte("# Second good file\n\nAnother paragraph.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A link to a regular file is fine.
	linked := filepath.Join(dir, "link-to-a.text")
	if err := os.Symlink(good1, linked); err != nil {
		t.Fatal(err)
	}
	paths := []string{good1}
	for p := range want {
		if !strings.HasSuffix(p, ".json") {
			paths = append(paths, p)
		}
	}
	paths = append(paths, good2)

	s := mustOpen(t)
	got := map[string]store.FileOutcome{}
	if err := s.ImportFiles(ctx, paths, func(o store.FileOutcome) { got[o.Path] = o }); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		o, ok := got[p]
		if !ok {
			t.Errorf("%s: not reported", p)
			continue
		}
		if reason, special := want[p]; special {
			if o.Err == nil || !strings.Contains(o.Err.Error(), p) || !strings.Contains(o.Err.Error(), reason) {
				t.Errorf("%s: error %v; want one naming it and saying %q", p, o.Err, reason)
			}
		} else if o.Err != nil {
			t.Errorf("%s: %v", p, o.Err)
		}
	}
	if st, _ := s.Stats(ctx); st.Documents != 2 {
		t.Errorf("%d documents imported; want the 2 good ones", st.Documents)
	}
	if res, err := s.ImportFile(ctx, linked); err != nil || !res.AlreadyPresent {
		t.Errorf("link to a regular file: %+v, %v", res, err)
	}

	// Nor are they read as bundles (a pipe named .json would block).
	for p := range want {
		if data, _, _ := store.ReadBundleFile(p); data != nil {
			t.Errorf("ReadBundleFile(%s) read it", p)
		}
	}
}

// TestReadRegularLimitWhileReading: the size limit holds for what is read,
// not only for what stat says (files in /proc say 0 bytes).
func TestReadRegularLimitWhileReading(t *testing.T) {
	const proc = "/proc/self/status"
	fi, err := os.Stat(proc)
	if err != nil || fi.Size() != 0 {
		t.Skip("no /proc file that under-reports its size")
	}
	_, err = ingest.ReadRegular(proc, 16)
	if err == nil || !strings.Contains(err.Error(), "the limit is 16 bytes") {
		t.Errorf("ReadRegular(%s, 16) = %v; want the limit enforced", proc, err)
	}
	data, err := ingest.ReadRegular(proc, 1<<20)
	if err != nil || len(data) == 0 {
		t.Errorf("ReadRegular(%s) = %d bytes, %v", proc, len(data), err)
	}
}
