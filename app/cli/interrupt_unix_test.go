//go:build unix

package cli_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/app/cli"
	"dossier/store"
)

// Ctrl+C during `dossier import` stops it at the next passage: the files
// reported are stored whole, the rest not, the file is sound, and the
// command says so and exits 130, as the shell would.
func TestImportInterruptedByCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: imports a few thousand passages")
	}
	// The test binary must outlive the signal it sends itself.
	hold := make(chan os.Signal, 1)
	signal.Notify(hold, os.Interrupt)
	defer signal.Stop(hold)

	dir := t.TempDir()
	var files []string
	for f := range 12 {
		var b strings.Builder
		fmt.Fprintf(&b, "Report %d\n\n", f)
		for p := range 1500 {
			fmt.Fprintf(&b, "Paragraph %d of report %d: the campaign's officials met contacts number %d about sanctions and elections.\n\n", p, f, p*f)
		}
		path := filepath.Join(dir, fmt.Sprintf("report%02d.txt", f))
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	db := newDB(t)
	if r := run(t, db, "docs"); r.code != 0 { // creates and seeds the file
		t.Fatalf("docs: %+v", r)
	}
	watch, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()

	done := make(chan result, 1)
	go func() { done <- run(t, db, append([]string{"import"}, files...)...) }()
	deadline := time.Now().Add(time.Minute)
	var stored int // documents when the signal goes
	for {
		watch.QueryRow(`SELECT count(*) FROM documents`).Scan(&stored)
		if stored >= 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if stored == len(files)+1 {
		t.Skip("the import finished before the signal: nothing to tell")
	}
	watch.Close()
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	var r result
	select {
	case r = <-done:
	case <-time.After(time.Minute):
		t.Fatal("the import did not stop after Ctrl+C")
	}
	imported := strings.Count(r.stdout, "imported ")
	if r.code != cli.ExitInterrupted || !strings.Contains(r.stderr, "interrupted") {
		t.Fatalf("interrupted import: code %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, fmt.Sprintf("%d ", imported)) {
		t.Errorf("stderr %q does not count the %d files stored", r.stderr, imported)
	}
	if problems, err := store.CheckFile(context.Background(), db); err != nil || len(problems) > 0 {
		t.Fatalf("the research file after the interrupted import: %v %v", problems, err)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs, err := s.Documents(context.Background())
	if err != nil || len(docs) != imported+1 {
		t.Fatalf("%d documents stored (%v), want the seed and the %d reported", len(docs), err, imported)
	}
	for _, d := range docs {
		if !strings.HasPrefix(d.Title, "Report ") {
			continue
		}
		if ps, _ := s.Passages(context.Background(), d.ID); len(ps) != 1500 {
			t.Errorf("%s holds %d passages, want all 1500", d.Title, len(ps))
		}
	}
}

// Ctrl+C while `import` or `claims --suggest` is still opening (or making)
// its research file is caught: the command says it was interrupted before
// it started and exits 130, and the file is sound. It killed the command
// without a word (found by a hostile pass).
func TestCtrlCWhileOpeningIsCaught(t *testing.T) {
	hold := make(chan os.Signal, 1)
	signal.Notify(hold, os.Interrupt)
	defer signal.Stop(hold)
	defer cli.SetBeforeOpen(func() { syscall.Kill(os.Getpid(), syscall.SIGINT) })()
	notes := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notes, []byte("Kilimnik met Manafort."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", notes}, "nothing was imported"},
		{[]string{"claims", "--suggest"}, "interrupted"},
	} {
		db := newDB(t) // a new file: made while the signal is on its way
		r := run(t, db, c.args...)
		if r.code != cli.ExitInterrupted || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: code %d, stderr %q; want %d and %q", c.args[0], r.code, r.stderr, cli.ExitInterrupted, c.want)
		}
		if problems, err := store.CheckFile(context.Background(), db); err != nil || len(problems) > 0 {
			t.Errorf("%s: the research file after it: %v %v", c.args[0], problems, err)
		}
	}
}

// Ctrl+C once claims --suggest has kept its suggestions, while it lists
// the claims, says so and exits 130 (it printed "context canceled" and
// exited 1; found by a hostile pass).
func TestCtrlCWhileListingClaimsIsCaught(t *testing.T) {
	hold := make(chan os.Signal, 1)
	signal.Notify(hold, os.Interrupt)
	defer signal.Stop(hold)
	defer cli.SetAfterSuggest(func() {
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		time.Sleep(100 * time.Millisecond) // the signal reaches the command's context
	})()
	db := newDB(t)
	r := run(t, db, "claims", "--suggest")
	if r.code != cli.ExitInterrupted || !strings.Contains(r.stderr, "interrupted") || strings.Contains(r.stderr, "context canceled") {
		t.Errorf("claims --suggest interrupted while listing: code %d, stderr %q", r.code, r.stderr)
	}
}

// A signal during `dossier backup`, `recover` or `restore` (Ctrl+C,
// SIGTERM, or SIGHUP as the terminal closes) says so, exits 130 and leaves
// nothing behind: no output, no hidden half-written copy, the research
// file as it was (killed, each left a hidden file of the research file's
// size; found by hostile passes).
func TestBackupRecoverRestoreInterrupted(t *testing.T) {
	hold := make(chan os.Signal, 1)
	signal.Notify(hold, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(hold)
	db := newDB(t)
	run(t, db, "docs")
	backup := filepath.Join(t.TempDir(), "kept.dossier")
	if r := run(t, db, "backup", "--out", backup); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	before := run(t, db, "docs").stdout
	entries := func(dir string) []string {
		var names []string
		list, _ := os.ReadDir(dir)
		for _, e := range list {
			names = append(names, e.Name())
		}
		return names
	}
	around := entries(filepath.Dir(db))
	for _, c := range []struct {
		sig  syscall.Signal
		args []string
	}{
		{syscall.SIGINT, []string{"backup", "--out", "OUT/b.dossier"}},
		{syscall.SIGHUP, []string{"backup", "--out", "OUT/b.dossier"}},
		{syscall.SIGTERM, []string{"recover", "--out", "OUT/r.dossier"}},
		{syscall.SIGINT, []string{"restore", backup}},
	} {
		out := t.TempDir()
		args := make([]string, len(c.args))
		for i, a := range c.args {
			args[i] = strings.Replace(a, "OUT", out, 1)
		}
		restore := cli.SetBeforeOpen(func() {
			syscall.Kill(os.Getpid(), c.sig)
			<-hold
			time.Sleep(100 * time.Millisecond) // the command's own catch, on another goroutine
		})
		r := run(t, db, args...)
		restore()
		if r.code != cli.ExitInterrupted || !strings.Contains(r.stderr, "interrupted") {
			t.Errorf("%s on %v: %+v, want interrupted and exit %d", c.sig, args, r, cli.ExitInterrupted)
		}
		if left := entries(out); len(left) != 0 {
			t.Errorf("%s on %v: left %v", c.sig, args, left)
		}
		if now := entries(filepath.Dir(db)); !slices.Equal(now, around) {
			t.Errorf("%s on %v: beside the research file %v, was %v", c.sig, args, now, around)
		}
		if after := run(t, db, "docs").stdout; after != before {
			t.Errorf("%s on %v: the research file changed:\n%s\nwas\n%s", c.sig, args, after, before)
		}
	}
}

// A command started by nohup, which ignores SIGHUP, goes on when its
// terminal closes: catching SIGHUP undid nohup, and `nohup dossier import
// FOLDER &` stopped at the hang-up ("interrupted; 1 file stored before
// it", exit 130; found by a hostile pass).
func TestImportStartedByNohupOutlivesTheHangUp(t *testing.T) {
	if !signal.Ignored(syscall.SIGHUP) {
		defer signal.Reset(syscall.SIGHUP) // as the test binary had it
	}
	signal.Ignore(syscall.SIGHUP) // as nohup starts the command
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Memo "+name+"\n\nThe plan was ready.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	defer cli.SetBeforeOpen(func() {
		syscall.Kill(os.Getpid(), syscall.SIGHUP)
		time.Sleep(100 * time.Millisecond) // a catch would cancel the import by now
	})()
	db := newDB(t)
	if r := run(t, db, "import", dir); r.code != 0 || strings.Contains(r.stderr, "interrupted") || strings.Count(r.stdout, "imported") != 2 {
		t.Errorf("import under nohup after a hang-up: %+v", r)
	}
}
