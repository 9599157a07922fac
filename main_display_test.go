package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// noDisplayMessage is what the window says without a display (app/display.go).
const noDisplayMessage = "dossier: no display found; the command line still works: dossier --help"

// Without a display the real binary says so in one line and exits 1, with
// no GLFW panic; the command line still works.
func TestBinaryWithoutDisplay(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("only where a window needs DISPLAY or WAYLAND_DISPLAY")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "t.dossier")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if code := exitCode(err); code != 1 || strings.TrimSpace(string(out)) != noDisplayMessage {
		t.Errorf("no display: exit %d\n%s", code, out)
	}
	// DISPLAY names a display nobody serves: the same message, no GLFW panic.
	cmd = exec.Command(bin, "--db", db)
	cmd.Env = append(env, "DISPLAY=:987")
	out, err = cmd.CombinedOutput()
	if code := exitCode(err); code != 1 || strings.TrimSpace(string(out)) != noDisplayMessage {
		t.Errorf("a display nobody serves: exit %d\n%s", code, out)
	}
	cmd = exec.Command(bin, "--db", db, "docs")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the command line without a display: %v\n%s", err, out)
	}
}
