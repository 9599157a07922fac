//go:build unix

package cli_test

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"dossier/app/cli"
)

// TestImportSpecialFiles: pipes, devices, folders and link loops named like
// documents (or bundles) get an error line each; the good files in the same
// command are imported, and the command exits 1.
func TestImportSpecialFiles(t *testing.T) {
	db := newDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte("A good file\n\nWith a paragraph about kumquats.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	for _, err := range []error{
		syscall.Mkfifo(p("pipe.txt"), 0o644),
		syscall.Mkfifo(p("pipe.json"), 0o644),
		os.Symlink("/dev/zero", p("zero.md")),
		os.Mkdir(p("x.txt"), 0o755),
		os.Symlink(p("loop.txt"), p("loop.txt")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	r := run(t, db, "import", p("pipe.txt"), p("pipe.json"), p("zero.md"), p("x.txt"), p("loop.txt"), good)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "5 of 6 files could not be imported") {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
	for _, want := range []string{
		p("pipe.txt") + ": is a named pipe (FIFO)",
		p("pipe.json") + " is not a regular file",
		p("zero.md") + ": is a device",
		p("x.txt") + ": is a folder",
		p("loop.txt") + ": is a symbolic link that never reaches a file",
		"imported  " + good,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := run(t, db, "search", "kumquats"); !strings.Contains(r.stdout, "A good file") {
		t.Errorf("the good file is not searchable: %s", r.stdout)
	}
}

// `export --out /dev/null` as root renamed the finished export over the
// device, replacing /dev/null with a regular file. Outputs that exist and
// are not regular files (devices, pipes, folders) are refused and left as
// they are; a research file that is one is refused without blocking.
func TestOutputsAndResearchFilesThatAreNotFiles(t *testing.T) {
	db := newDB(t)
	dir := t.TempDir()
	pipe := filepath.Join(dir, "out.csv")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.md")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{pipe, folder} {
		for _, format := range []string{"csv", "md", "json"} {
			r := run(t, db, "export", "--format", format, "--out", out)
			if r.code != cli.ExitError || !strings.Contains(r.stderr, "not a file") {
				t.Errorf("export --format %s --out %s: exit %d, %q", format, filepath.Base(out), r.code, r.stderr)
			}
		}
	}
	if fi, err := os.Lstat(pipe); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced: %v %v", fi.Mode(), err)
	}
	if fi, err := os.Lstat(folder); err != nil || !fi.IsDir() {
		t.Errorf("the folder was replaced: %v", err)
	}
	r := run(t, db, "recover", "--out", pipe)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "not a file") {
		t.Errorf("recover --out a pipe: exit %d, %q", r.code, r.stderr)
	}
	// Opening a named pipe as the research file blocked for ever.
	r = run(t, pipe, "docs")
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "not a file") {
		t.Errorf("--db a pipe: exit %d, %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left beside the outputs: %v", entries)
	}
}

// `export --out report.csv`, where report.csv is a link (into a synced
// folder, say), replaced the link with a regular file and left the file it
// points to as it was.
func TestExportThroughASymlinkWritesItsTarget(t *testing.T) {
	db := newDB(t)
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "synced"), 0o755)
	target := filepath.Join(dir, "synced", "report.csv")
	if err := os.WriteFile(target, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.csv")
	if err := os.Symlink(filepath.Join("synced", "report.csv"), link); err != nil {
		t.Fatal(err)
	}
	if r := run(t, db, "export", "--format", "csv", "--out", link); r.code != cli.ExitOK {
		t.Fatalf("export: %d %s", r.code, r.stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	got, _ := os.ReadFile(target)
	if !strings.HasPrefix(string(got), "type,document") {
		t.Errorf("the link's target holds %q, want the export", got)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "synced")); len(entries) != 1 {
		t.Errorf("files left beside the target: %v", entries)
	}
}

// A socket cannot be opened as a file at all (ENXIO): the import said
// "no such device or address", which reads as if the file were missing. It
// is named as a socket, as a pipe or a device is, and into a research file
// that does not exist yet makes none.
func TestImportOfASocketSaysItIsOne(t *testing.T) {
	dir, err := os.MkdirTemp("", "sock") // short: a socket's path has a limit
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "s.txt")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip("no Unix socket:", err)
	}
	defer l.Close()
	db := filepath.Join(t.TempDir(), "research.dossier")
	r := run(t, db, "import", sock)
	if r.code != cli.ExitError || !strings.Contains(r.stdout, sock+": is a socket, not a file") {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a research file was made to import a socket into: %q", r.stderr)
	}
}
