//go:build linux || darwin

package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"dossier/app/cli"
)

// An I/O error of the research file other than a full disk — here a file
// size limit (ulimit -f; a FAT32 stick's 4 GB fails alike) — stops the
// import at once and says what happened, that nothing was lost and what to
// do, once: it was "mN.txt: disk I/O error (778)" against each document in
// turn (a hostile data pass). The import runs in a child process, the only
// one the limit is set for.
func TestAnImportPastAFileSizeLimitStopsAndSaysSo(t *testing.T) {
	if db := os.Getenv("DOSSIER_TEST_FSIZE_DB"); db != "" {
		importUnderLimit(db)
		return
	}
	dir := t.TempDir()
	var files []string
	for f := range 3 {
		var b strings.Builder
		fmt.Fprintf(&b, "Report %d\n\n", f)
		for p := range 3000 {
			fmt.Fprintf(&b, "Paragraph %d of report %d: the committee heard witness %d on the ferry contracts.\n\n", p, f, p*(f+1))
		}
		path := filepath.Join(dir, fmt.Sprintf("report%d.txt", f))
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	db := newDB(t)
	if r := run(t, db, "docs"); r.code != cli.ExitOK { // made and seeded
		t.Fatalf("docs: %+v", r)
	}
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := importLimited(t, db, fi.Size()+200<<10, files) // far less than one report's passages take
	if strings.Contains(stdout.String(), "error ") || strings.Contains(stderr.String(), "disk I/O error (") {
		t.Errorf("the documents were blamed: stdout %q, stderr %q", stdout.String(), stderr.String())
	}
	want := "dossier: research file " + db + ": could not be written: it has reached "
	if n := strings.Count(stderr.String(), want); n != 1 ||
		!strings.Contains(stderr.String(), "the largest file this program may write (a limit set for it, as by ulimit -f). The file itself is not damaged; raise the limit") ||
		!strings.Contains(stderr.String(), "(nothing was changed)") {
		t.Errorf("stderr %q; want %q once, with the limit, what to do and that nothing changed", stderr.String(), want)
	}
	// Without the limit: the file is sound, holds the seed alone, and takes the reports.
	if r := run(t, db, "docs"); r.code != cli.ExitOK || !strings.Contains(r.stdout, "1 document\n") {
		t.Errorf("docs after: %+v", r)
	}
	if r := run(t, db, append([]string{"import"}, files...)...); r.code != cli.ExitOK || strings.Count(r.stdout, "imported  ") != len(files) {
		t.Errorf("import after: %+v", r)
	}

	// A new research file the limit leaves no room for is not made.
	work := t.TempDir()
	fresh := filepath.Join(work, "new.dossier")
	stdout, stderr = importLimited(t, fresh, 200<<10, files[:1])
	want = "dossier: research file " + fresh + ": cannot be created: this program may write files of at most 205 KB (a limit set for it, as by ulimit -f), and a new research file needs more; raise the limit"
	if !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "(nothing was kept)") || stdout.Len() != 0 {
		t.Errorf("a new file under the limit: stdout %q, stderr %q; want %q", stdout.String(), stderr.String(), want)
	}
	if left, _ := os.ReadDir(work); len(left) != 0 {
		t.Errorf("a new file under the limit left %v", left)
	}
}

// importLimited runs the import of files into db in a child process whose
// files may be of limit bytes at most; it must exit 1.
func importLimited(t *testing.T, db string, limit int64, files []string) (stdout, stderr bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAnImportPastAFileSizeLimitStopsAndSaysSo$")
	cmd.Env = append(os.Environ(), "DOSSIER_TEST_FSIZE_DB="+db, "DOSSIER_TEST_FSIZE_LIMIT="+strconv.FormatInt(limit, 10),
		"DOSSIER_TEST_FSIZE_FILES="+strings.Join(files, "\n"))
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != cli.ExitError {
		t.Fatalf("import under the limit: %v; stdout %q, stderr %q", err, stdout.String(), stderr.String())
	}
	return stdout, stderr
}

// importUnderLimit is the child of TestAnImportPastAFileSizeLimitStopsAndSaysSo:
// it imports the files into db with the file size limit set, and exits
// with the command's code.
func importUnderLimit(db string) {
	limit, err := strconv.ParseUint(os.Getenv("DOSSIER_TEST_FSIZE_LIMIT"), 10, 64)
	if err != nil {
		panic(err)
	}
	// The process gets SIGXFSZ too, which Go ignores: the write fails with EFBIG.
	if err := unix.Setrlimit(unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: limit, Max: limit}); err != nil {
		fmt.Fprintln(os.Stderr, "cannot set the limit:", err)
		os.Exit(99)
	}
	files := strings.Split(os.Getenv("DOSSIER_TEST_FSIZE_FILES"), "\n")
	code := cli.Run(db, append([]string{"import"}, files...), seed, os.Stdout, os.Stderr)
	os.RemoveAll(os.Getenv("XDG_DATA_HOME")) // TestMain's, which os.Exit skips
	os.Exit(code)
}

// A backup or a recovery that a file size limit stops says so, as an
// import does, rather than "backup to … failed: disk I/O error (778)"
// (hostile data pass data21); nothing is left behind. So does a restore of
// a backup larger than the limit, which said "copy_file_range: file too
// large" (data21's F6), and leaves the research file as it was.
func TestABackupPastAFileSizeLimitSaysSo(t *testing.T) {
	if db := os.Getenv("DOSSIER_TEST_FSIZE_RUN_DB"); db != "" {
		limit, err := strconv.ParseUint(os.Getenv("DOSSIER_TEST_FSIZE_LIMIT"), 10, 64)
		if err != nil {
			panic(err)
		}
		if err := unix.Setrlimit(unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: limit, Max: limit}); err != nil {
			os.Exit(99)
		}
		code := cli.Run(db, strings.Split(os.Getenv("DOSSIER_TEST_FSIZE_ARGS"), "\n"), seed, os.Stdout, os.Stderr)
		os.RemoveAll(os.Getenv("XDG_DATA_HOME"))
		os.Exit(code)
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Report\n\n")
	for p := range 6000 {
		fmt.Fprintf(&b, "Paragraph %d: the committee heard witness %d on the ferry contracts.\n\n", p, p*7)
	}
	doc := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(doc, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	if r := run(t, db, "import", doc); r.code != cli.ExitOK {
		t.Fatalf("import: %+v", r)
	}
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	limit := fi.Size() / 2
	big := filepath.Join(t.TempDir(), "big.dossier") // a backup of it, to restore
	if r := run(t, db, "backup", "--out", big); r.code != cli.ExitOK {
		t.Fatalf("backup: %+v", r)
	}
	work := t.TempDir()
	small := filepath.Join(work, "small.dossier")
	if r := run(t, small, "docs"); r.code != cli.ExitOK {
		t.Fatalf("docs: %+v", r)
	}
	for _, c := range []struct {
		db      string
		args    []string
		nothing string
	}{
		{db, []string{"backup", "--out", filepath.Join(work, "copy.dossier")}, "(nothing was written)"},
		{db, []string{"recover", "--out", filepath.Join(work, "recovered.dossier")}, "(nothing was written)"},
		{small, []string{"restore", big}, "(nothing was changed)"},
	} {
		args := c.args
		cmd := exec.Command(os.Args[0], "-test.run=^TestABackupPastAFileSizeLimitSaysSo$")
		cmd.Env = append(os.Environ(), "DOSSIER_TEST_FSIZE_RUN_DB="+c.db, "DOSSIER_TEST_FSIZE_LIMIT="+strconv.FormatInt(limit, 10),
			"DOSSIER_TEST_FSIZE_ARGS="+strings.Join(args, "\n"))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != cli.ExitError {
			t.Fatalf("%s under the limit: %v; stdout %q, stderr %q", args[0], err, stdout.String(), stderr.String())
		}
		if want := "the largest file this program may write (a limit set for it, as by ulimit -f); raise the limit"; !strings.Contains(stderr.String(), want) ||
			strings.Count(stderr.String(), "ulimit") != 1 || !strings.Contains(stderr.String(), c.nothing) || strings.Contains(stderr.String(), "too large") {
			t.Errorf("%s: stderr %q; want %q once, and %q", args[0], stderr.String(), want, c.nothing)
		}
		if left, _ := os.ReadDir(work); len(left) != 1 || left[0].Name() != "small.dossier" {
			t.Errorf("%s left %v", args[0], left)
		}
	}
	if r := run(t, small, "docs"); r.code != cli.ExitOK || !strings.Contains(r.stdout, "1 document\n") {
		t.Errorf("the file not restored: %+v", r)
	}
}
