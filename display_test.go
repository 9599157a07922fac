package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestNoDisplay(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	up := func(string) bool { return true }
	down := func(string) bool { return false }
	for _, tc := range []struct {
		goos      string
		vars      map[string]string
		reachable func(string) bool
		want      bool
	}{
		{"linux", nil, up, true},
		{"linux", map[string]string{"DISPLAY": ":0"}, up, false},
		{"linux", map[string]string{"DISPLAY": ":0"}, down, true}, // set, but nothing answers
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, down, false},
		{"freebsd", nil, up, true},
		{"windows", nil, down, false},
		{"darwin", nil, down, false},
	} {
		if got := noDisplay(tc.goos, env(tc.vars), tc.reachable); got != tc.want {
			t.Errorf("noDisplay(%s, %v) = %v, want %v", tc.goos, tc.vars, got, tc.want)
		}
	}
}

// Without a display the real binary says so in one line and exits 1, with
// no GLFW panic; the command line still works.
func TestBinaryWithoutDisplay(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if !noDisplay(runtime.GOOS, func(string) string { return "" }, x11Reachable) {
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
