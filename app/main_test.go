package app

import (
	"os"
	"testing"
	"time"

	"dossier/internal/testgc"
)

// mainGoroutineOnMainThread is onMainThread as the main goroutine saw it.
var mainGoroutineOnMainThread bool

// TestMain keeps the backups that tests make (File → Back up now, which the
// every-command test runs too) out of the real data folder.
func TestMain(m *testing.M) {
	mainGoroutineOnMainThread = onMainThread() // TestMain runs on the main goroutine
	testgc.Tune()
	dir, err := os.MkdirTemp("", "dossier-app-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_DATA_HOME", dir)
	// A window asks whether another program changed its file when a test
	// says so (checkOutside), not at a tick in the middle of another test.
	outsideCheckEvery = time.Hour
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
