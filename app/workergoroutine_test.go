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
