//go:build !race

package ingest

// raceEnabled: see race_on_test.go.
const raceEnabled = false
