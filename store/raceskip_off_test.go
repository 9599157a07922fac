//go:build !race

package store_test

// underRace is raceDetector for this package's external tests.
const underRace = false
