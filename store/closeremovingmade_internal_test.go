package store

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A -wal left beside a new file once it is closed (the close's own, on a
// full disk, which cannot fold it in) is read with the file: it holding
// nothing but what the open put in, the file is still removable. Without
// the read, the new file was kept on a full disk, where it was removed
// before (hostile data pass data21, a 1 MB tmpfs).
func TestHoldsItsPrintReadsALeftWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.dossier")
	st, err := OpenResearchFile(path, Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")})
	if err != nil {
		t.Fatal(err)
	}
	if st.made == nil {
		t.Fatal("the open did not say it made the file")
	}
	made := *st.made
	// A write that changes nothing, left in a -wal.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE meta SET value = value WHERE key = 'file_id'`); err != nil {
		t.Fatal(err)
	}
	wal, err := os.ReadFile(path + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no -wal: %v", err)
	}
	raw.Close()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+"-wal", wal, 0o644); err != nil {
		t.Fatal(err)
	}
	if !made.holdsItsPrint() {
		t.Error("a -wal of no change made the new file another's")
	}
	// And read so under the lock, through the copy.
	if !made.removeUnchanged() {
		t.Error("a -wal of no change kept the new file, read under the lock")
	}
}

// Once the new file is removed, CloseRemovingMade touches nothing at its
// name: another command that made a file there anew in that instant had
// its -wal and -shm deleted with the removed file's (hostile data pass
// data21: it said "another file was put in its place").
func TestCloseRemovingMadeLeavesANewFilesSideFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.dossier")
	st, err := OpenResearchFile(path, Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { afterRemovingMade = nil }()
	afterRemovingMade = func(path string) {
		for _, suffix := range []string{"", "-wal", "-shm"} { // another's, made anew
			if err := os.WriteFile(path+suffix, []byte("another's"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if removed, err := st.CloseRemovingMade(); !removed || err != nil {
		t.Fatalf("removed %v, %v", removed, err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err != nil {
			t.Errorf("another file's %q: %v", suffix, err)
		}
	}
}

// writeToMadeEnv names the file TestWriteToMadeChild writes to.
const writeToMadeEnv = "DOSSIER_TEST_WRITE_TO_MADE"

// TestWriteToMadeChild is another program writing to a research file, run
// by TestCloseRemovingMadeHoldsTheLockToTheEnd in a process of its own:
// without waiting for a lock, it says "wrote" once its write is committed.
func TestWriteToMadeChild(t *testing.T) {
	path := os.Getenv(writeToMadeEnv)
	if path == "" {
		t.Skip("run by TestCloseRemovingMadeHoldsTheLockToTheEnd")
	}
	if os.Getenv(writeToMadeEnv+"_BY") == "dossier" { // another dossier command: a rename
		renameOnlyDocument(t, path, "Theirs")
		fmt.Println("wrote")
		return
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE theirs (x); INSERT INTO theirs VALUES (1)`); err != nil {
		fmt.Println("refused:", err)
		return
	}
	fmt.Println("wrote")
}

// renameOnlyDocument renames the one document of the research file at
// path (its seed article) to title, as another dossier command.
func renameOnlyDocument(t *testing.T, path, title string) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs, err := s.Documents(context.Background())
	if err != nil || len(docs) != 1 {
		t.Fatal(docs, err)
	}
	if _, err := s.RenameDocument(context.Background(), docs[0].ID, title); err != nil {
		t.Fatal(err)
	}
}

// Another program that opens the new file between CloseRemovingMade's
// last look at it and its removal cannot write to it (SQLite's lock is
// held from the look to the removal): it wrote, then the file was removed
// with its work (hostile data pass data22, where another dossier import
// was told at its close that its file was "moved, deleted or replaced").
func TestCloseRemovingMadeHoldsTheLockToTheEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.dossier")
	st, err := OpenResearchFile(path, Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")})
	if err != nil {
		t.Fatal(err)
	}
	var said string
	defer func() { beforeRemovingMade = nil }()
	beforeRemovingMade = func(path string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWriteToMadeChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), writeToMadeEnv+"="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("the other program: %v %s", err, out)
		}
		said = string(out)
	}
	removed, err := st.CloseRemovingMade()
	if err != nil {
		t.Fatal(err)
	}
	if said == "" {
		t.Fatal("the other program was not run")
	}
	wrote := strings.HasPrefix(said, "wrote")
	if wrote && removed {
		t.Fatalf("the other program's write was removed with the file: %s", said)
	}
	if !wrote && !strings.Contains(said, "locked") {
		t.Errorf("the other program: %s", said)
	}
}

// Where another program's hold on the file cannot be told (the lock is
// not known on the system: Windows), the new file is kept.
func TestCloseRemovingMadeKeepsAFileItCannotLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.dossier")
	st, err := OpenResearchFile(path, Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { lockMade = lockMadeFile }()
	lockMade = func(*os.File) bool { return false }
	if removed, err := st.CloseRemovingMade(); removed || err != nil {
		t.Errorf("removed %v, %v", removed, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
}

// holdMadeEnv names the file TestHoldMadeChild holds open.
const holdMadeEnv = "DOSSIER_TEST_HOLD_MADE"

// TestHoldMadeChild is another Dossier with the research file open, idle,
// run by TestLockMadeFileTellsAnotherHoldingIt: it says "ready" once it
// has read the file, and lets go of it when its input ends.
func TestHoldMadeChild(t *testing.T) {
	path := os.Getenv(holdMadeEnv)
	if path == "" {
		t.Skip("run by TestLockMadeFileTellsAnotherHoldingIt")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
}

// The lock CloseRemovingMade takes tells another program having the new
// file open, idle, where /proc/locks is not read (heldByAnother is
// Linux's): a window that had the new file open and had written nothing
// yet did not stop its removal there (hostile data passes data20, data21).
func TestLockMadeFileTellsAnotherHoldingIt(t *testing.T) {
	if !madeLockKnown {
		t.Skip("the lock is not known here: a new file is kept (TestCloseRemovingMadeKeepsAFileItCannotLock)")
	}
	path := filepath.Join(t.TempDir(), "new.dossier")
	st, err := OpenResearchFile(path, Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHoldMadeChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), holdMadeEnv+"="+path)
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the other program did not start: %q", line)
	}
	lock := func() bool {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		return lockMadeFile(f)
	}
	if lock() {
		t.Error("locked while another program has the file open")
	}
	in.Close()
	cmd.Wait()
	if !lock() {
		t.Error("not locked once the other program let go")
	}
}

// Another dossier command that opened the new file while its open was
// writing the seed, and wrote to it (renamed the article) before the open
// read what the file holds, made its change part of the seed's print: the
// file was removed with it. A dossier import of a file into a new path
// and another into the same one, of a file that cannot be imported, lost
// the first (hostile data pass data23: 1 in 60 racing runs).
func TestAChangeBeforeTheMadeFilesPrintKeepsIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.dossier")
	defer func() { beforeMadePrint = nil }()
	beforeMadePrint = func(path string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWriteToMadeChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), writeToMadeEnv+"="+path, writeToMadeEnv+"_BY=dossier")
		if out, err := cmd.CombinedOutput(); err != nil || !strings.HasPrefix(string(out), "wrote") {
			t.Fatalf("the other command: %v %s", err, out)
		}
	}
	st, err := OpenResearchFile(path, Seed{ArticleName: "seed.txt", Article: []byte("Seed\n\nThe built-in article.\n")})
	if err != nil {
		t.Fatal(err)
	}
	if removed, err := st.CloseRemovingMade(); removed || err != nil {
		t.Errorf("removed %v, %v", removed, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}
