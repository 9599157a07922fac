package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestUnopenableResearchFileStillOpensTheWindow starts the real app on a
// research file that cannot be opened: instead of exiting with one line on
// stderr, the window appears (titled with the file, saying it could not be
// opened) and the file is left exactly as it was.
func TestUnopenableResearchFileStillOpensTheWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	bin := buildBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), windowWait+time.Minute)
	defer cancel()
	display := startXvfb(t, ctx)

	dir := t.TempDir()
	db := filepath.Join(dir, "broken.dossier")
	garbage := bytes.Repeat([]byte("this is not a database "), 400)
	if err := os.WriteFile(db, garbage, 0o644); err != nil {
		t.Fatal(err)
	}
	app := exec.CommandContext(ctx, bin)
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir,
		"DOSSIER_DB="+db, "LANG=en_US.UTF-8")
	var logs lockedLog
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatalf("start dossier: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer app.Process.Kill()

	waitForWindow(t, display, "broken.dossier (could not be opened) — Dossier", exited, &logs)
	if b, _ := os.ReadFile(db); !bytes.Equal(b, garbage) {
		t.Error("the unopenable file was changed")
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(db + suffix); err == nil {
			t.Errorf("a side file %s was created", suffix)
		}
	}
}
