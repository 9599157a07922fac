package app

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"testing"
)

// Text measuring routes through the UI goroutine only from a worker's job:
// a worker must know itself, and the UI goroutine (or a test) must not
// think it is one, or fyne.DoAndWait would wait on itself.
func TestOnWorkerOnlyInsideAJob(t *testing.T) {
	if onWorker() {
		t.Fatal("the test goroutine reads as a worker")
	}
	var w worker
	inJob := make(chan bool, 1)
	w.run(func() func() {
		inJob <- onWorker()
		return nil
	})
	if !<-inJob {
		t.Error("a worker's job does not read as a worker")
	}
	w.wait()
	if onWorker() {
		t.Error("the test goroutine reads as a worker after a job")
	}
}

// While a job runs, other goroutines still do not read as workers (the
// count of running workers lets onWorker skip reading ids only when it is 0).
func TestOnWorkerWhileAnotherJobRuns(t *testing.T) {
	var w worker
	started, release := make(chan struct{}), make(chan struct{})
	w.run(func() func() {
		close(started)
		<-release
		return nil
	})
	<-started
	if activeWorkers.Load() != 1 {
		t.Errorf("running workers counted %d, want 1", activeWorkers.Load())
	}
	if onWorker() {
		t.Error("the test goroutine reads as a worker while a job runs")
	}
	close(release)
	w.wait()
	if n := activeWorkers.Load(); n != 0 {
		t.Errorf("running workers counted %d after the job, want 0", n)
	}
}

// The UI goroutine is told apart by its thread, without reading its id
// (onWorker's fast path): Fyne's driver locks the main goroutine to the main
// thread, so only it reads as on the main thread — never a test goroutine,
// nor a worker's job.
func TestOnlyTheMainGoroutineIsOnTheMainThread(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("told apart by thread on Linux only")
	}
	if !mainGoroutineOnMainThread {
		t.Error("the main goroutine does not read as on the main thread")
	}
	var w worker
	seen := make(chan bool, 64)
	for range 32 { // on whatever threads the scheduler picks
		w.run(func() func() {
			runtime.Gosched()
			seen <- onMainThread()
			return nil
		})
		seen <- onMainThread()
	}
	w.wait()
	close(seen)
	for on := range seen {
		if on {
			t.Fatal("a goroutine other than the main one reads as on the main thread")
		}
	}
}

// goroutineID reads the runtime's record of the goroutine (goid, by the g
// structure's layout for the Go version): it must be the id the runtime
// prints in a stack's header, on every goroutine, or a worker would not
// know itself (and measure beside the UI goroutine), or the UI goroutine
// would take itself for a worker and wait on itself. A Go release that
// moves the field fails here.
func TestGoroutineIDIsTheStacks(t *testing.T) {
	fromStack := func() uint64 {
		var buf [64]byte
		b := buf[:runtime.Stack(buf[:], false)]
		b = bytes.TrimPrefix(b, []byte("goroutine "))
		if i := bytes.IndexByte(b, ' '); i > 0 {
			b = b[:i]
		}
		id, err := strconv.ParseUint(string(b), 10, 64)
		if err != nil {
			t.Errorf("no id in the stack header %q", buf[:])
		}
		return id
	}
	type ids struct{ read, stack uint64 }
	got := make(chan ids, 64)
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got <- ids{goroutineID(), fromStack()}
		}()
	}
	wg.Wait()
	close(got)
	seen := map[uint64]bool{}
	for g := range got {
		if g.read != g.stack {
			t.Errorf("goroutineID read %d on goroutine %d", g.read, g.stack)
		}
		seen[g.read] = true
	}
	if len(seen) != 64 {
		t.Errorf("64 goroutines read %d distinct ids", len(seen))
	}
	if read, stack := goroutineID(), fromStack(); read != stack {
		t.Errorf("goroutineID read %d on the test's goroutine %d", read, stack)
	}
}
