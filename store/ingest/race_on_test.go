//go:build race

package ingest

// raceEnabled: the race detector's shadow memory more than doubles what a
// parse holds resident, so bounds on resident memory are raised with it.
const raceEnabled = true
