package app

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"dossier/store"
)

// worker runs store and file work off the UI goroutine and brings results
// back through fyne.Do. It counts jobs in flight so tests can wait until the
// window has settled instead of sleeping.
type worker struct {
	pending  jobCount
	idleJobs jobCount // whenIdle jobs not yet run
	storing  jobCount // jobs whose work (off the UI goroutine) is still running
}

// jobCount counts jobs in flight. Unlike a sync.WaitGroup, it may rise from
// zero while someone waits: a later timer fires when it will, maybe during
// a wait (which then returns, or covers it, whichever comes first).
type jobCount struct {
	mu   sync.Mutex
	idle sync.Cond // signalled when n drops to zero
	n    int
}

func (c *jobCount) Add(delta int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += delta
	switch {
	case c.n < 0:
		panic("worker: more jobs done than started")
	case c.n == 0 && c.idle.L != nil:
		c.idle.Broadcast()
	}
}

func (c *jobCount) Done() { c.Add(-1) }

// busy reports whether any job is in flight.
func (c *jobCount) busy() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n > 0
}

func (c *jobCount) Wait() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.idle.L == nil {
		c.idle.L = &c.mu
	}
	for c.n > 0 {
		c.idle.Wait()
	}
}

// applyObserver, when set, is told how long each apply blocked the UI
// goroutine. It is nil in the app; BenchmarkTypingBlocksUI sets it before
// building the window.
var applyObserver func(time.Duration)

// run executes work on a new goroutine, then apply on the UI goroutine.
func (w *worker) run(work func() func()) {
	w.pending.Add(1)
	w.storing.Add(1)
	go func() {
		leave := enterWorker()
		apply := work()
		leave()
		w.storing.Done()
		fyne.Do(func() {
			defer w.pending.Done()
			if apply == nil {
				return
			}
			if observe := applyObserver; observe != nil {
				defer func(began time.Time) { observe(time.Since(began)) }(time.Now())
			}
			apply()
		})
	}()
}

// runWithProgress is run for a long job that shows how far it has come:
// work is handed report, which applies a step (a progress update) on the UI
// goroutine. Steps apply in the order reported, and before the job's result.
func (w *worker) runWithProgress(work func(report func(step func())) func()) {
	w.run(func() func() { return work(func(step func()) { fyne.Do(step) }) })
}

// after runs apply on the UI goroutine once d has passed (a debounce),
// unless stop is called first; stop reports whether it was in time. Waiting
// covers the pending apply too.
func (w *worker) after(d time.Duration, apply func()) (stop func() bool) {
	return w.timer(d, apply, true)
}

// later is after for a delay nobody waits out (the query history's pause, a
// tooltip's): waiting covers apply only once d has passed, so a wait does not
// sit through the delay (tests set the history's pause to an hour).
func (w *worker) later(d time.Duration, apply func()) (stop func() bool) {
	return w.timer(d, apply, false)
}

// timer is after (counted from now) or later (counted once d has passed).
func (w *worker) timer(d time.Duration, apply func(), counted bool) (stop func() bool) {
	if counted {
		w.pending.Add(1)
	}
	t := time.AfterFunc(d, func() {
		if !counted {
			w.pending.Add(1)
		}
		fyne.Do(func() {
			defer w.pending.Done()
			apply()
		})
	})
	return func() bool {
		if !t.Stop() {
			return false
		}
		if counted {
			w.pending.Done()
		}
		return true
	}
}

// apply runs f on the UI goroutine, called from any goroutine (a timer's);
// waiting covers f from now until it has run.
func (w *worker) apply(f func()) {
	w.pending.Add(1)
	fyne.Do(func() {
		defer w.pending.Done()
		f()
	})
}

// soon runs f on the UI goroutine after what is already queued there
// (input events included), called on the UI goroutine: a fyne.Do of its
// own goroutine's, which the test driver's lock lets run once the UI event
// that called it is over. Waiting covers f.
func (w *worker) soon(f func()) {
	w.pending.Add(1)
	go fyne.Do(func() {
		defer w.pending.Done()
		f()
	})
}

// whenIdle runs f once every job has applied its result (closing a research
// file after the jobs using it). It waits on a goroutine of its own, so the
// UI goroutine may call it while results are still to apply there.
func (w *worker) whenIdle(f func()) {
	w.idleJobs.Add(1)
	go func() {
		defer w.idleJobs.Done()
		w.wait()
		f()
	}()
}

// wait blocks until every job has applied its result. For tests.
func (w *worker) wait() { w.pending.Wait() }

// waitIdleJobs blocks until every whenIdle job has run (a research file
// has closed). For tests, whose temporary folders go once they return.
func (w *worker) waitIdleJobs() { w.idleJobs.Wait() }

// call runs a store call off the UI goroutine and hands its result to apply
// on the UI goroutine — unless another research file was opened meanwhile
// (the result is then dropped) or the call failed (the error is shown).
func call[T any](u *UI, get func(ctx context.Context, st *store.Store) (T, error), apply func(T)) {
	st, gen := u.store()
	u.work.run(func() func() {
		v, err := get(context.Background(), st)
		return func() {
			if !u.current(gen) {
				return
			}
			if err != nil {
				u.showError(err)
				return
			}
			apply(v)
		}
	})
}
