//go:build linux

package cli_test

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"dossier/app/cli"
)

// asUserEnv holds the research file and the arguments, one a line, of the
// command TestAsAnotherUserChild runs.
const asUserEnv = "DOSSIER_TEST_AS_USER"

// TestAsAnotherUserChild runs one command, as runAsNobody asks, and
// writes its result as JSON.
func TestAsAnotherUserChild(t *testing.T) {
	spec := os.Getenv(asUserEnv)
	if spec == "" {
		t.Skip("run by runAsNobody")
	}
	lines := strings.Split(spec, "\n")
	r := run(t, lines[0], lines[1:]...)
	json.NewEncoder(os.Stdout).Encode(map[string]any{"code": r.code, "stdout": r.stdout, "stderr": r.stderr})
}

// nobody is the user the permission checks run as: root, whom the tests
// run as here, ignores a file's and a folder's permissions.
const nobody = 65534

// runAsNobody runs the command args on the research file at db as the
// user nobody, from a copy of the test binary nobody can run.
func runAsNobody(t *testing.T, bin, db string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, "-test.run=^TestAsAnotherUserChild$", "-test.count=1")
	home := filepath.Dir(bin)
	cmd.Env = append(os.Environ(), asUserEnv+"="+strings.Join(append([]string{db}, args...), "\n"),
		"HOME="+home, "XDG_DATA_HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_CACHE_HOME="+home, "TMPDIR="+home)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	cmd.Dir = home
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the command as nobody: %v\n%s", err, out)
	}
	var got struct {
		Code           int
		Stdout, Stderr string
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for _, line := range lines {
		if strings.HasPrefix(line, `{"code"`) {
			err = json.Unmarshal([]byte(line), &got)
		}
	}
	if err != nil || !strings.Contains(string(out), `{"code"`) {
		t.Fatalf("the command as nobody said %q: %v", out, err)
	}
	return result{got.Code, got.Stdout, got.Stderr}
}

// nobodysBinary is a copy of the test binary, in a folder of its own that
// nobody can read, run and write in (its home).
func nobodysBinary(t *testing.T) string {
	t.Helper()
	dir := reachableDir(t)
	if err := os.Chown(dir, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "cli.test")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_WRONLY|os.O_CREATE, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return bin
}

// reachableDir is a new temporary folder, with the folders above it open
// to every user.
func reachableDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	reachable(t, dir)
	return dir
}

// reachable opens dir, and the folder above it, to every user.
func reachable(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// A file left by a killed import, in a folder its user cannot write in,
// or itself read-only: the next import says clearly that it cannot write
// to it, and loses nothing: the file stays, left unfilled, taken as new
// by an import once it can be written to. Root ignores permissions, so
// the commands run as the user nobody.
func TestAFileLeftByAKilledImportThatCannotBeWritten(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run the commands as the user nobody (whom permissions bind)")
	}
	bin := nobodysBinary(t)
	blank := filepath.Join(filepath.Dir(bin), "blank.txt")
	if err := os.WriteFile(blank, []byte(" \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, says   string
		lock, unlock func(folder, file string) error
	}{
		{"a read-only folder", "its folder does not allow creating files",
			func(folder, _ string) error { return os.Chmod(folder, 0o555) },
			func(folder, _ string) error { return os.Chmod(folder, 0o755) }},
		{"a read-only file", "its permissions do not allow writing to it",
			func(_, file string) error { return os.Chmod(file, 0o444) },
			func(_, file string) error { return os.Chmod(file, 0o644) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := leftByKilledImport(t)
			folder := filepath.Dir(path)
			reachable(t, folder)
			for _, p := range []string{folder, path, path + "-wal", path + "-shm"} {
				if err := os.Chown(p, nobody, nobody); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
			}
			if err := c.lock(folder, path); err != nil {
				t.Fatal(err)
			}
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r := runAsNobody(t, bin, path, "import", blank)
			if r.code != cli.ExitError || !strings.Contains(r.stderr, "read-only") || !strings.Contains(r.stderr, c.says) {
				t.Errorf("import: exit %d, stderr %q; want that it cannot be written to, and why", r.code, r.stderr)
			}
			if after, err := os.ReadFile(path); err != nil || string(after) != string(before) {
				t.Fatalf("the file changed or went: %v", err)
			}
			if err := c.unlock(folder, path); err != nil {
				t.Fatal(err)
			}
			r = runAsNobody(t, bin, path, "import", blank)
			if !strings.Contains(r.stderr, "was removed again, since nothing was imported into it") {
				t.Errorf("writable again, the next import did not take the file as new: exit %d, stderr %q", r.code, r.stderr)
			}
		})
	}
}
