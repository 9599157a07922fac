//go:build !race

package app

// raceDetector is true when the tests run with -race, several times slower.
const raceDetector = false
