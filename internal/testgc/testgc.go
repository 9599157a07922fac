// Package testgc sets the garbage collector's pace for the test binaries
// whose tests allocate the most (the window's, which shape text again at
// every text size and theme, and the store's).
package testgc

import (
	"flag"
	"os"
	"runtime/debug"
)

// Percent is the GOGC the tests run with: at the default 100 a window test
// spent about a fifth of its CPU collecting garbage; at 400 its CPU fell by
// 23% for some hundreds of megabytes more of heap.
const Percent = 400

// Tune, called from TestMain, sets GOGC to Percent for a run of tests. It
// leaves the default where the caller set GOGC or GOMEMLIMIT, and where
// benchmarks run (-test.bench), whose figures in BENCHMARKS.md were taken
// at the default.
func Tune() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if !flag.Parsed() {
		flag.Parse()
	}
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		return
	}
	debug.SetGCPercent(Percent)
}
