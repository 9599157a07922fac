package store

import "time"

// now is the store's clock: every timestamp it writes (annotations, import
// and export times, backup names) comes from here, so tests can set a fake
// clock instead of sleeping to order timestamps.
func (s *Store) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return time.Now()
}

// stamp is now as an annotation timestamp.
func (s *Store) stamp() string { return formatTime(s.now()) }
