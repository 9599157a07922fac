package app

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/store"
)

// applyLog records how long each apply closure held the UI goroutine.
type applyLog struct {
	mu sync.Mutex
	d  []time.Duration
}

// observeApplies logs every apply from now until the benchmark ends (its
// cleanup runs after the window's: cleanups run last-in first-out).
func observeApplies(b *testing.B) *applyLog {
	l := &applyLog{}
	applyObserver = func(d time.Duration) {
		l.mu.Lock()
		l.d = append(l.d, d)
		l.mu.Unlock()
	}
	b.Cleanup(func() { applyObserver = nil })
	return l
}

// take returns the applies logged since the last take, and their sum.
func (l *applyLog) take() (applies []time.Duration, sum time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	applies, l.d = l.d, nil
	for _, d := range applies {
		sum += d
	}
	return applies, sum
}

// benchWindow opens st in a window of the given size, as the app does.
func benchWindow(b *testing.B, st *store.Store, size fyne.Size) *testUI {
	a := newSerialApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(size)
	u := &testUI{a: a, w: w}
	u.do(func() { u.UI = New(a, w, st, Options{OpenStore: store.Open, Version: "bench"}) })
	b.Cleanup(func() { u.a.onUI(u.Close) })
	return u
}

// ms is d in milliseconds, for b.ReportMetric.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
