package store_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dossier/store"
)

// holdChildEnv makes the test binary, re-executed, open one file and keep
// it open until its stdin closes.
const holdChildEnv = "DOSSIER_TEST_HOLD_CHILD"

// A restore never replaces a file another process has open, whatever that
// process is doing (an import merging its index had its documents lost to
// a restore that took the file for free), and it names the process.
func TestRestoreRefusesAFileAnotherProcessHasOpen(t *testing.T) {
	if path := os.Getenv(holdChildEnv); path != "" {
		s, err := store.Open(path)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin)
		s.Close()
		os.Exit(0)
	}
	if runtime.GOOS != "linux" {
		t.Skip("other processes' locks are read from /proc/locks")
	}
	s, doc := mustSeed(t)
	ctx := context.Background()
	path := s.Path()
	backup := filepath.Join(t.TempDir(), "b.dossier")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	bookmarkFirst(t, s, doc, "written by the other process")
	s.Close()

	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := exec.Command(exe, "-test.run=^TestRestoreRefusesAFileAnotherProcessHasOpen$")
	child.Env = append(os.Environ(), holdChildEnv+"="+path)
	in, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Wait()
	defer in.Close()
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
		t.Fatalf("the child did not open the file: %q", line)
	}

	err = store.RestoreFile(ctx, path, backup, t.TempDir())
	if want := fmt.Sprintf("(process %d)", child.Process.Pid); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("RestoreFile while another process has the file open = %v, want a refusal naming %s", err, want)
	}
	in.Close()
	if err := child.Wait(); err != nil {
		t.Fatalf("the child: %v", err)
	}
	r := mustOpenAt(t, path)
	if bms, err := r.Bookmarks(ctx); err != nil || len(bms) != 1 {
		t.Fatalf("the file lost its bookmark: %v %v", bms, err)
	}
	r.Close()
	// Once the other process has closed it, the restore goes ahead.
	if err := store.RestoreFile(ctx, path, backup, t.TempDir()); err != nil {
		t.Fatalf("RestoreFile once the file is closed: %v", err)
	}
}
