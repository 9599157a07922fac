package app

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
)

// Worker goroutines, known by id, so that text measuring asked for on one
// (warming word widths for a page about to show) is done on the UI
// goroutine instead: Go has no goroutine-local state, and a worker cannot
// otherwise tell it is not the UI goroutine.
var workers sync.Map // goroutine id → struct{}

// enterWorker marks the calling goroutine as a worker until leave is called.
func enterWorker() (leave func()) {
	id := goroutineID()
	workers.Store(id, struct{}{})
	return func() { workers.Delete(id) }
}

// onWorker says whether the calling goroutine runs a worker's job.
func onWorker() bool {
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
