//go:build unix

package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// signalChildEnv makes the re-executed test binary start an export into the
// folder it names and wait, mid-write, to be interrupted.
const signalChildEnv = "DOSSIER_TEST_EXPORT_CHILD"

// An export interrupted by SIGINT or SIGTERM leaves neither the output nor
// its hidden temporary file.
func TestInterruptedExportLeavesNothing(t *testing.T) {
	if dir := os.Getenv(signalChildEnv); dir != "" {
		err := writeAtomically(context.Background(), filepath.Join(dir, "out.md"), func(ctx context.Context, w io.Writer) error {
			io.WriteString(w, "# Half an export\n")
			fmt.Println("ready")
			<-ctx.Done()
			return ctx.Err()
		})
		if errors.Is(err, context.Canceled) {
			os.Exit(ExitInterrupted)
		}
		os.Exit(3)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		cmd := exec.Command(exe, "-test.run=^TestInterruptedExportLeavesNothing$")
		cmd.Env = append(os.Environ(), signalChildEnv+"="+dir)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		if line != "ready\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child said %q", line)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("%d files while exporting, want the temporary one", len(entries))
		}
		cmd.Process.Signal(sig)
		err = cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != ExitInterrupted {
			t.Errorf("%v: child ended with %v", sig, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%v: left behind %v", sig, entries[0].Name())
		}
	}
}

// A failed export removes its temporary file and keeps the previous output.
func TestFailedExportLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.md")
	os.WriteFile(out, []byte("previous"), 0o644)
	err := writeAtomically(context.Background(), out, func(_ context.Context, w io.Writer) error {
		io.WriteString(w, "partial")
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("no error")
	}
	entries, _ := os.ReadDir(dir)
	if data, _ := os.ReadFile(out); len(entries) != 1 || string(data) != "previous" {
		t.Errorf("after a failed export: %d files, out.md %q", len(entries), data)
	}
}

// A hidden temporary file left by an export that was killed (SIGKILL) is
// removed by the next export to the same name once it is an hour old; a
// younger one, and files that are not ours, stay.
func TestKilledExportLeftoversAreCleaned(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "notes [draft].md")
	old := filepath.Join(dir, ".notes [draft].md.dossier-part-123456789")
	young := filepath.Join(dir, ".notes [draft].md.dossier-part-987654321")
	other := filepath.Join(dir, ".notes [draft].md.keep")
	// The user's own file named as temporaries were (found by a hostile
	// pass: it was deleted).
	users := filepath.Join(dir, ".notes [draft].md.2024")
	for _, p := range []string{old, young, other, users} {
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{other, users} {
		if err := os.Chtimes(p, past, past); err != nil {
			t.Fatal(err)
		}
	}
	err := writeAtomically(context.Background(), out, func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, "# Notes\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("the hour-old leftover is still there")
	}
	for _, p := range []string{young, other, users, out} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
}

// An export over an existing private file keeps it private; a new one
// follows the umask (found by a hostile pass: both were made 0644).
func TestExportKeepsAPrivateFilePrivate(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chmod(out, 0o600)
	write := func(ctx context.Context, w io.Writer) error { _, err := io.WriteString(w, "# Notes\n"); return err }
	if err := writeAtomically(context.Background(), out, write); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the export replaced a 0600 file with %v (%v)", fi.Mode().Perm(), err)
	}
	probe := filepath.Join(dir, "probe")
	f, _ := os.OpenFile(probe, os.O_CREATE|os.O_WRONLY, 0o666)
	f.Close()
	want, _ := os.Stat(probe)
	fresh := filepath.Join(dir, "fresh.md")
	if err := writeAtomically(context.Background(), fresh, write); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(fresh); err != nil || fi.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("a new export is %v, want %v as the umask gives", fi.Mode().Perm(), want.Mode().Perm())
	}
}
