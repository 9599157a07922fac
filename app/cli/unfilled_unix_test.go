//go:build unix

package cli_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

// unfilledImportEnv names the file TestUnfilledImportChild makes.
const unfilledImportEnv = "DOSSIER_TEST_UNFILLED_IMPORT"

// TestUnfilledImportChild is a dossier import that made its new research
// file and has imported nothing yet, run by leftByKilledImport: it says
// "ready", and waits to be killed.
func TestUnfilledImportChild(t *testing.T) {
	path := os.Getenv(unfilledImportEnv)
	if path == "" {
		t.Skip("run by leftByKilledImport")
	}
	st, err := store.OpenResearchFileToFill(path, seed)
	if err != nil {
		fmt.Println("failed:", err)
		return
	}
	defer st.Close()
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin) // until killed
}

// leftByKilledImport is a research file that a dossier import made, then
// was killed (SIGKILL) before it imported anything.
func leftByKilledImport(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "new.dossier")
	cmd := exec.Command(os.Args[0], "-test.run=^TestUnfilledImportChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), unfilledImportEnv+"="+path)
	in, _ := cmd.StdinPipe()
	defer in.Close()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if line != "ready\n" {
		t.Fatalf("the import did not make its file: %q", line)
	}
	return path
}

// A dossier import killed (kill -9) just after it made a new research file
// left it holding the built-in article alone, and the next command took
// it for the user's: the next import never said it was new, and kept it
// when it imported nothing (data25). The next import takes it as made by
// it; another command says what it is.
func TestAFileLeftByAKilledImportIsSaidNew(t *testing.T) {
	blank := filepath.Join(t.TempDir(), "blank.txt")
	if err := os.WriteFile(blank, []byte(" \n\n \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := leftByKilledImport(t)
	r := run(t, path, "import", blank)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "was removed again, since nothing was imported into it") {
		t.Errorf("nothing imported: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Lstat(path); !os.IsNotExist(err) {
		t.Errorf("the file left by the killed import is still there after an import of nothing: %v", err)
	}

	report := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(report, []byte("A report\n\nSome words of the report.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path = leftByKilledImport(t)
	r = run(t, path, "docs")
	if r.code != cli.ExitOK || !strings.Contains(r.stderr, "holds the built-in article alone: the dossier import that made it was stopped before it imported anything") {
		t.Errorf("docs: exit %d, stderr %q", r.code, r.stderr)
	}
	r = run(t, path, "import", report)
	if r.code != cli.ExitOK || !strings.Contains(r.stderr, "is a new research file, made by a dossier import that was stopped before it imported anything; it starts with the built-in article") {
		t.Errorf("import: exit %d, stderr %q", r.code, r.stderr)
	}
	// Imported into, it is the user's file.
	r = run(t, path, "docs")
	if r.code != cli.ExitOK || r.stderr != "" {
		t.Errorf("docs after the import: exit %d, stderr %q", r.code, r.stderr)
	}
}

// dossier check and dossier backup of a file left by a killed import say
// what it is, as every other command does: they said nothing (data25's
// open finding). Neither changes it: the next import takes it as new
// still. A file of the user's gets no such word.
func TestCheckAndBackupSayAFileLeftByAKilledImport(t *testing.T) {
	const note = "holds the built-in article alone: the dossier import that made it was stopped before it imported anything"
	path := leftByKilledImport(t)
	r := run(t, path, "check")
	if r.code != cli.ExitOK || r.stdout != "ok\n" || !strings.Contains(r.stderr, note) {
		t.Errorf("check: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = run(t, path, "backup", "--out", filepath.Join(t.TempDir(), "copy.dossier"))
	if r.code != cli.ExitOK || !strings.Contains(r.stderr, note) {
		t.Errorf("backup: exit %d, stderr %q", r.code, r.stderr)
	}
	r = run(t, path, "backup")
	if r.code != cli.ExitOK || !strings.Contains(r.stderr, note) {
		t.Errorf("backup into the backups folder: exit %d, stderr %q", r.code, r.stderr)
	}
	blank := filepath.Join(t.TempDir(), "blank.txt")
	if err := os.WriteFile(blank, []byte(" \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r = run(t, path, "import", blank); !strings.Contains(r.stderr, "was removed again, since nothing was imported into it") {
		t.Errorf("after check and backup, the next import did not take the file as new: exit %d, stderr %q", r.code, r.stderr)
	}

	mine := filepath.Join(t.TempDir(), "mine.dossier")
	for _, args := range [][]string{{"docs"}, {"check"}, {"backup", "--out", filepath.Join(t.TempDir(), "mine-copy.dossier")}} {
		if r = run(t, mine, args...); strings.Contains(r.stderr, note) {
			t.Errorf("%s of the user's file: stderr %q", args[0], r.stderr)
		}
	}
}
