//go:build linux

package store

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// SetSidesOfAnotherFileWait shortens Open's wait for another file's side
// files to go, for tests; it returns the restore.
func SetSidesOfAnotherFileWait(d time.Duration) (restore func()) {
	old := sidesOfAnotherFileWait
	sidesOfAnotherFileWait = d
	return func() { sidesOfAnotherFileWait = old }
}

// SetOpenWritableHook runs f in Open between its look at the side files
// and SQLite's open ("opening"), and once SQLite has them ("attached"),
// for tests; it returns the restore.
func SetOpenWritableHook(f func(stage string)) (restore func()) {
	old := openWritableHook
	openWritableHook = f
	return func() { openWritableHook = old }
}

// HeldUnderAnotherName is heldUnderAnotherName, for the package's tests.
var HeldUnderAnotherName = heldUnderAnotherName

func TestParseLockLine(t *testing.T) {
	for _, c := range []struct {
		line string
		want lockLine
		ok   bool
	}{
		{"1: POSIX  ADVISORY  READ 15251 fe:00:10182716 128 128", lockLine{"15251", "fe:0:10182716", 128, 128, false}, true},
		{"2: POSIX  ADVISORY  READ 15251 08:01:77 1073741826 1073742335", lockLine{"15251", "8:1:77", 1073741826, 1073742335, false}, true},
		{"3: OFDLCK ADVISORY  WRITE -1 00:2d:9 0 EOF", lockLine{"-1", "0:2d:9", 0, ^uint64(0), true}, true},
		{"4: FLOCK  ADVISORY  WRITE 812 103:02:5 0 EOF", lockLine{"812", "103:2:5", 0, ^uint64(0), true}, true},
		{"4: -> FLOCK  ADVISORY  WRITE 813 103:02:5 0 EOF", lockLine{}, false}, // waiting, not held
		{"5: POSIX  ADVISORY  READ 15251 fe:00 128 128", lockLine{}, false},
		{"", lockLine{}, false},
	} {
		got, ok := parseLockLine(c.line)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("parseLockLine(%q) = %+v %v; want %+v %v", c.line, got, ok, c.want, c.ok)
		}
	}
}

// ourLocks counts this process's locks on the file at path (/proc/locks).
func ourLocks(t *testing.T, path string) int {
	t.Helper()
	key, ok := fileKey(path)
	if !ok {
		t.Fatalf("%s is not there", path)
	}
	locks, ok := readLocks()
	if !ok {
		t.Skip("no /proc/locks here")
	}
	pid, n := strconv.Itoa(os.Getpid()), 0
	for _, l := range locks {
		if l.key == key && l.pid == pid {
			n++
		}
	}
	return n
}

// Closing any descriptor of a file drops every lock this process holds on
// it, SQLite's included: reading the open research file's header (a second
// Open, a check, an export or restore pointed at it, importing it as a
// document) dropped the window's lock on it. Another program closing the
// file then took itself for the last one, folded the WAL in and deleted
// it, and the window's next writes went to a deleted WAL: lost. Nothing
// of this process may open and close the open file or its -shm.
func TestNothingDropsSQLiteLocksOnTheOpenFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	if err := s.EnsureDefaultCorpus(ctx, "seed.txt", []byte("A passage about ferries.\n\nAnother about trains.")); err != nil {
		t.Fatal(err)
	}
	if ourLocks(t, path) == 0 || ourLocks(t, path+"-shm") == 0 {
		t.Fatal("SQLite holds no lock on the open file: nothing to test")
	}
	for _, c := range []struct {
		what string
		do   func() error
	}{
		{"opening it again", func() error {
			s2, err := Open(path)
			if err == nil {
				err = s2.Close()
			}
			return err
		}},
		{"opening it read-only", func() error {
			s2, err := OpenReadOnly(path, "looking")
			if err == nil {
				err = s2.Close()
			}
			return err
		}},
		{"checking it", func() error { _, err := CheckFile(ctx, path); return err }},
		{"exporting over it", func() error { return CheckOutput(filepath.Join(dir, "other.dossier"), path) }},
		{"importing it", func() error { return s.ImportFiles(ctx, []string{path, path + "-shm"}, nil) }},
		{"restoring from it", func() error {
			ns, err := s.RestoreBackup(ctx, path)
			s = ns
			return err
		}},
		{"recovering from it", func() error {
			_, err := Recover(ctx, path, filepath.Join(dir, "recovered.dossier"))
			return err
		}},
	} {
		c.do() // refusals are fine: the locks are the point
		if ourLocks(t, path) == 0 {
			t.Errorf("%s dropped this process's lock on the research file", c.what)
		}
		if ourLocks(t, path+"-shm") == 0 {
			t.Errorf("%s dropped this process's lock on its -shm", c.what)
		}
	}
}

const lockChurnEnv = "DOSSIER_TEST_LOCK_CHURN"

// TestLockChurnChild, run by TestTornLockReadingsAreNotSwaps, holds a
// research file and its -shm as SQLite does, and keeps taking and letting
// go locks on many other files until its input ends.
func TestLockChurnChild(t *testing.T) {
	dir := os.Getenv(lockChurnEnv)
	if dir == "" {
		t.Skip("run by TestTornLockReadingsAreNotSwaps")
	}
	lock := func(name string, typ int16, start, n int64) *os.File {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE, 0o644)
		if err == nil {
			err = unix.FcntlFlock(f.Fd(), unix.F_SETLK, &unix.Flock_t{Type: typ, Start: start, Len: n})
		}
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	held := []*os.File{ // kept: a file closed by the collector lets go
		lock("research.dossier", unix.F_RDLCK, 1073741826, 510),
		lock("research.dossier-shm", unix.F_RDLCK, shmDeadManSwitch, 1),
	}
	var others []*os.File
	for i := range 150 {
		others = append(others, lock("other"+strconv.Itoa(i), unix.F_RDLCK, 0, 1))
	}
	done := make(chan struct{})
	go func() { io.Copy(io.Discard, os.Stdin); close(done) }()
	os.Stdout.WriteString("ready\n")
	// Churners more than the processors: the reader is often stopped
	// between two reads, as on a busy machine.
	var wg sync.WaitGroup
	for c := range 2 * runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				for i := c; i < len(others); i += 2 * runtime.NumCPU() {
					select {
					case <-done:
						return
					default:
					}
					for _, typ := range []int16{unix.F_UNLCK, unix.F_RDLCK} {
						unix.FcntlFlock(others[i].Fd(), unix.F_SETLK, &unix.Flock_t{Type: typ, Start: 0, Len: 1})
					}
				}
			}
		}()
	}
	wg.Wait()
	runtime.KeepAlive(held)
}

// The kernel writes /proc/locks anew at each read, so a reading while
// other processes take and let go of locks can miss some: another program
// holding a research file and its -shm must never seem to hold the -shm
// alone (a second Dossier opening the same new file was refused as
// "another file was put in its place": TestOpenNewFileFromTwoProcesses).
func TestTornLockReadingsAreNotSwaps(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "research.dossier")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockChurnChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), lockChurnEnv+"="+dir)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer in.Close()
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
		t.Fatalf("the other program did not start: %q", line)
	}
	wrong, n := 0, 0
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); n++ {
		if who := sidesHeldForAnotherFile(real); who != "" {
			wrong++
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d looks saw the other program hold the -shm without its file", wrong, n)
	}
}

// A reading that skipped the line of the other program's lock on the file
// (as the kernel's can, see readLocks) is not taken for a swap; a program
// that holds the -shm alone in every reading is.
func TestTornLockReadingIsReadAgain(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "research.dossier")
	for _, p := range []string{real, real + "-shm"} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, _ := fileKey(real)
	shm, _ := fileKey(real + "-shm")
	other := strconv.Itoa(os.Getppid()) // any process but this one
	holdsShm := "1: POSIX  ADVISORY  READ " + other + " " + shm + " 128 128\n"
	holdsDB := "2: POSIX  ADVISORY  READ " + other + " " + db + " 1073741826 1073742335\n"
	for _, c := range []struct {
		what     string
		readings []string
		want     string
	}{
		{"torn, then whole", []string{holdsShm, holdsShm + holdsDB}, ""},
		{"swapped", []string{holdsShm}, processName(other)},
	} {
		i := 0
		old := procLocks
		procLocks = func() ([]byte, error) {
			r := c.readings[min(i, len(c.readings)-1)]
			i++
			return []byte(r), nil
		}
		got := sidesHeldForAnotherFile(real)
		procLocks = old
		if got != c.want {
			t.Errorf("%s: sidesHeldForAnotherFile = %q; want %q", c.what, got, c.want)
		}
	}
}
