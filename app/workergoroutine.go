package app

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

// Worker goroutines, known by id, so that text measuring asked for on one
// (warming word widths for a page about to show) is done on the UI
// goroutine instead: Go has no goroutine-local state, and a worker cannot
// otherwise tell it is not the UI goroutine.
var workers sync.Map // goroutine id → struct{}

// activeWorkers counts the goroutines in workers. Reading a goroutine's id
// walks its stack (runtime.Stack: most of a measurement's cost, and under
// the race detector a fifth of the UI tests' time), so it is read only while
// some worker runs; with none running, the caller cannot be one.
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

// goroutineID reads the calling goroutine's id from its stack header
// ("goroutine 42 [running]:").
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}
