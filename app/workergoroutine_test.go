package app

import "testing"

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
