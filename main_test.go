package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// buildBinary compiles the real dossier binary once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dossier")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
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
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	display := startXvfb(t, ctx)

	dir := t.TempDir()
	app := exec.CommandContext(ctx, bin)
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir,
		"DOSSIER_DB="+filepath.Join(dir, "e2e.dossier"), "LANG=en_US.UTF-8")
	var logs strings.Builder
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatalf("start dossier: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer app.Process.Kill()

	found := false
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && !found {
		select {
		case err := <-exited:
			t.Fatalf("dossier exited early: %v\n%s", err, logs.String())
		case <-time.After(300 * time.Millisecond):
		}
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		found = strings.Contains(string(out), "e2e.dossier — Dossier")
	}
	if !found {
		t.Fatalf("no window titled \"e2e.dossier — Dossier\" appeared\n%s", logs.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "e2e.dossier")); err != nil {
		t.Fatalf("research file not created: %v", err)
	}
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
	var logs strings.Builder
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
