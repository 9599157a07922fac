package app

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// afterLayout runs f once for the calls made before it runs, from any
// goroutine, and again for calls after that. The real window refits itself
// through it (a timer, then fyne.Do); the test driver never starts that
// path, so this is its test under the race detector.
func TestAfterLayoutRunsOnceForCallsBeforeIt(t *testing.T) {
	test.NewTempApp(t)
	ran := make(chan struct{}, 8)
	runs := 0
	refit := afterLayout(func() {
		runs++ // on the UI goroutine (fyne.Do): no lock
		ran <- struct{}{}
	})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() { defer wg.Done(); refit() }()
	}
	refit()
	wg.Wait()
	wait := func() {
		t.Helper()
		select {
		case <-ran:
		case <-time.After(10 * time.Second):
			t.Fatal("f never ran")
		}
	}
	wait()
	select {
	case <-ran:
		t.Fatal("f ran twice for calls made before it ran")
	case <-time.After(500 * time.Millisecond):
	}
	refit()
	wait()
	if runs != 2 {
		t.Errorf("f ran %d times, want 2", runs)
	}
}
