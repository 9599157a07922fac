package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// built is the real dossier binary, compiled for the package's tests by
// the first that asks (each linked its own before: some 9 CPU seconds a
// link), in a folder TestMain removes.
var built struct {
	once     sync.Once
	dir, bin string
	err      error
}

// buildBinary compiles the real dossier binary once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "dossier-e2e-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "dossier")
		if out, err := exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatalf("go build: %v", built.err)
	}
	return built.bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// TestBinarySearchesDefaultCorpus runs the real binary's CLI on a new
// research file: it must create it with the seed article and find Kilimnik.
func TestBinarySearchesDefaultCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "t.dossier")
	cmd := exec.Command(bin, "--db", db, "search", "Kilimnik")
	cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=") // a bare locale must not make Fyne complain
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("dossier search: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "Fyne error") {
		t.Errorf("the CLI printed Fyne's locale error:\n%s", out)
	}
	if !strings.Contains(string(out), "2 passages match") || !strings.Contains(string(out), "[Kilimnik] was an associate of Paul Manafort") {
		t.Fatalf("unexpected search output:\n%s", out)
	}
	out, err = exec.Command(bin, "--db", db, "bogus").CombinedOutput()
	if code := exitCode(err); code != 2 {
		t.Fatalf("unknown command: exit %d, want 2\n%s", code, out)
	}
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// TestWindowOpensUnderXvfb starts the real app in a virtual display and
// checks that its window appears, titled with the research file, and that
// the app keeps running until it is stopped.
func TestWindowOpensUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing: scripts/deps.sh test should have installed it", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	bin := buildBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), windowWait+time.Minute)
	defer cancel()
	display := startXvfb(t, ctx)

	dir := t.TempDir()
	app := exec.CommandContext(ctx, bin)
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir,
		"DOSSIER_DB="+filepath.Join(dir, "e2e.dossier"), "LANG=en_US.UTF-8")
	var logs lockedLog
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatalf("start dossier: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer app.Process.Kill()

	waitForWindow(t, display, "e2e.dossier — Dossier", exited, &logs)
	if _, err := os.Stat(filepath.Join(dir, "e2e.dossier")); err != nil {
		t.Fatalf("research file not created: %v", err)
	}
}

// windowWait is how long a test waits for the real app's window. It shows
// in seconds, but took over 30 on a 2-core machine running other tests.
const windowWait = 2 * time.Minute

// waitForWindow waits until a window titled title shows on display, failing
// the test if the app exits first (exited) or windowWait passes.
func waitForWindow(t *testing.T, display, title string, exited <-chan error, logs *lockedLog) {
	t.Helper()
	deadline := time.Now().Add(windowWait)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("dossier exited instead of opening the window: %v\n%s", err, logs.String())
		case <-time.After(300 * time.Millisecond):
		}
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		if strings.Contains(string(out), title) {
			return
		}
	}
	t.Fatalf("no window titled %q appeared in %v\n%s", title, windowWait, logs.String())
}

// lockedLog collects a program's output. A test reads it while the
// program may still write it (the window did not show in time), which a
// strings.Builder does not allow.
type lockedLog struct {
	mu  sync.Mutex
	out strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.out.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.out.String()
}

// startXvfb starts a virtual X server for the test and returns its
// display (":N"). Xvfb picks a free display number itself (-displayfd) and
// reports it once it is listening: a number chosen beforehand could be
// taken meanwhile by another X server on the machine (a screenshot tool, a
// parallel test), and the app would then talk to that one, or to none.
func startXvfb(t *testing.T, ctx context.Context) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	xvfb := exec.CommandContext(ctx, "Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
	xvfb.ExtraFiles = []*os.File{w} // fd 3 in the child
	var logs lockedLog
	xvfb.Stderr = &logs
	if err := xvfb.Start(); err != nil {
		w.Close()
		t.Fatalf("Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { xvfb.Process.Kill(); xvfb.Wait() })
	number := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		number <- strings.TrimSpace(line)
	}()
	select {
	case n := <-number:
		if _, err := strconv.Atoi(n); err != nil {
			t.Fatalf("Xvfb reported no display (%q)\n%s", n, logs.String())
		}
		display := ":" + n
		waitFor(t, 10*time.Second, func() bool {
			return exec.Command("xwininfo", "-display", display, "-root").Run() == nil
		})
		return display
	case <-time.After(20 * time.Second):
		t.Fatalf("Xvfb did not report its display within 20 s\n%s", logs.String())
		return ""
	}
}

func waitFor(t *testing.T, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A program's log is read while the program writes it when its window is
// late (waitForWindow's time-out): under -race a strings.Builder there
// was a data race on the very path that reports the failure.
func TestLockedLogReadWhileWritten(t *testing.T) {
	var l lockedLog
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 1000 {
			l.Write([]byte("x"))
		}
	}()
	for range 100 {
		_ = l.String()
	}
	<-done
	if n := len(l.String()); n != 1000 {
		t.Errorf("%d bytes logged, want 1000", n)
	}
}
