//go:build race

package store

// raceDetector is true when the tests run with -race, which makes the
// pure-Go SQLite some 30 times slower.
const raceDetector = true
