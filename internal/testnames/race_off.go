//go:build !race

package testnames

// underRace is true in a binary built with -race.
const underRace = false
