package store_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"dossier/store"
)

// checkSchema asserts that the file at path is fully migrated and usable.
func checkSchema(t *testing.T, path string) {
	t.Helper()
	s := mustOpenAt(t, path)
	ctx := context.Background()
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != migrationCount(t) {
		t.Fatalf("schema version %d, %v; want %d", v, err, migrationCount(t))
	}
	if _, err := s.Documents(ctx); err != nil {
		t.Fatalf("Documents on the migrated file: %v", err)
	}
	ftsIntegrity(t, path)
}

// Several stores (separate connection pools, as in separate windows) opening
// the same new file at once all succeed: the migration is applied once.
func TestOpenNewFileConcurrently(t *testing.T) {
	for round := 0; round < 5; round++ {
		path := filepath.Join(t.TempDir(), "race.dossier")
		const n = 8
		start := make(chan struct{})
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				s, err := store.Open(path)
				if err == nil {
					err = s.Close()
				}
				errs[i] = err
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, opener %d: %v", round, i, err)
			}
		}
		checkSchema(t, path)
	}
}

// openChildEnv makes the test binary, re-executed, open one file and exit.
const openChildEnv = "DOSSIER_TEST_OPEN_CHILD"

// Two processes opening the same new file at once both succeed.
func TestOpenNewFileFromTwoProcesses(t *testing.T) {
	if path := os.Getenv(openChildEnv); path != "" {
		// The child: wait for the parent's go (stdin closed), then open.
		io.Copy(io.Discard, os.Stdin)
		s, err := store.Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		s.Close()
		os.Exit(0)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 5; round++ {
		path := filepath.Join(t.TempDir(), "race.dossier")
		var cmds []*exec.Cmd
		var gos []io.WriteCloser
		var outs []*bytes.Buffer
		for range 2 {
			cmd := exec.Command(exe, "-test.run=^TestOpenNewFileFromTwoProcesses$")
			cmd.Env = append(os.Environ(), openChildEnv+"="+path)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			in, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds, gos, outs = append(cmds, cmd), append(gos, in), append(outs, &out)
		}
		for _, in := range gos {
			in.Close()
		}
		for i, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				t.Fatalf("round %d, process %d: %v: %s", round, i, err, outs[i])
			}
		}
		checkSchema(t, path)
	}
}
