package app

import (
	"sync"
	"sync/atomic"

	"github.com/petermattis/goid"
)

// Worker goroutines, known by id, so that text measuring asked for on one
// (warming word widths for a page about to show) is done on the UI
// goroutine instead: Go has no goroutine-local state, and a worker cannot
// otherwise tell it is not the UI goroutine.
var workers sync.Map // goroutine id → struct{}

// activeWorkers counts the goroutines in workers: with none running, the
// caller cannot be one, and no id is read.
var activeWorkers atomic.Int64

// enterWorker marks the calling goroutine as a worker until leave is called.
func enterWorker() (leave func()) {
	id := goroutineID()
	workers.Store(id, struct{}{})
	activeWorkers.Add(1)
	return func() {
		workers.Delete(id)
		activeWorkers.Add(-1)
	}
}

// onWorker says whether the calling goroutine runs a worker's job.
func onWorker() bool {
	// The UI goroutine, which measures most, is answered without its id:
	// reading it from the stack of a deep layout call was 72% of the UI
	// goroutine's time while a page warmed (a first broad search took
	// seconds to show under load).
	if activeWorkers.Load() == 0 || onMainThread() {
		return false
	}
	_, ok := workers.Load(goroutineID())
	return ok
}

// goroutineID is the calling goroutine's id, read from the runtime's own
// record of it (goid.Get: a load). Reading it from the stack header
// (runtime.Stack) walked the whole stack, and from deep in a layout that
// was half the UI tests' CPU during a text-size step, and the cost of
// every measurement while a worker ran where onMainThread cannot answer
// (macOS, Windows). TestGoroutineIDIsTheStacks checks the two agree.
func goroutineID() uint64 { return uint64(goid.Get()) }
