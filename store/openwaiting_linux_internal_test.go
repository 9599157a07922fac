//go:build linux

package store

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// openWaitingEnv names the file TestOpenWaitingChild opens.
const openWaitingEnv = "DOSSIER_TEST_OPEN_WAITING"

// TestOpenWaitingChild is another command opening a research file, run by
// TestAnOpenThatWaitedForARemovalBeginsAgain: it prints the open's error.
func TestOpenWaitingChild(t *testing.T) {
	path := os.Getenv(openWaitingEnv)
	if path == "" {
		t.Skip("run by TestAnOpenThatWaitedForARemovalBeginsAgain")
	}
	s, err := OpenResearchFile(path, Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")})
	if err != nil {
		os.Stdout.WriteString("refused: " + err.Error() + "\n")
		return
	}
	s.Close()
	os.Stdout.WriteString("opened\n")
}

// A command opening the new file a dossier import that imported nothing
// removes under SQLite's lock (CloseRemovingMade) waits for the lock, and
// then finds the file it opened deleted: it said "the system failed
// SQLite's work on it (disk I/O error, code 1802), as when its disk fails"
// (hostile data pass data23). It begins again, as an open begun a moment
// later, and makes the file anew.
func TestAnOpenThatWaitedForARemovalBeginsAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.dossier")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !lockMadeFile(f) {
		t.Fatal("not locked")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenWaitingChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), openWaitingEnv+"="+path)
	var out strings.Builder
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once the other command has the file open (it then waits for the
	// lock), the file is removed, and the lock let go.
	fds := "/proc/" + strconv.Itoa(cmd.Process.Pid) + "/fd"
	want, _ := os.Stat(path)
	for opened := false; !opened; time.Sleep(time.Millisecond) {
		ents, err := os.ReadDir(fds)
		if err != nil {
			cmd.Wait()
			t.Fatalf("the other command: %v %s", err, out.String())
		}
		for _, e := range ents {
			if fi, err := os.Stat(filepath.Join(fds, e.Name())); err == nil && os.SameFile(fi, want) {
				opened = true
			}
		}
	}
	for _, suffix := range []string{"-wal", "-shm", ""} {
		os.Remove(path + suffix)
	}
	f.Close()
	cmd.Wait()
	if said := out.String(); !strings.HasPrefix(said, "opened\n") {
		t.Errorf("the other command: %s", said)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("not made anew: %v", err)
	}
}
