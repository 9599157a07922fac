package store

import (
	"sync"
	"time"
)

// SetClock gives s a fake clock (tests only; store_test reaches it through
// this file).
func SetClock(s *Store, clock func() time.Time) { s.clock = clock }

// Ticking is a fake clock that starts at start and moves on by step at
// each reading, so that successive timestamps are ordered without sleeping.
func Ticking(start time.Time, step time.Duration) func() time.Time {
	var mu sync.Mutex
	t := start
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now := t
		t = t.Add(step)
		return now
	}
}
