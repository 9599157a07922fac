//go:build profile

package main

// A build for profiling the real window (go build -tags profile): with
// DOSSIER_CPUPROFILE=FILE it writes a CPU profile of the first
// DOSSIER_CPUPROFILE_SECS seconds (default 60). BENCHMARKS.md uses it for
// the text-size step.

import (
	"os"
	"runtime/pprof"
	"strconv"
	"time"
)

func init() {
	path := os.Getenv("DOSSIER_CPUPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil || pprof.StartCPUProfile(f) != nil {
		return
	}
	secs, err := strconv.Atoi(os.Getenv("DOSSIER_CPUPROFILE_SECS"))
	if err != nil || secs <= 0 {
		secs = 60
	}
	go func() {
		time.Sleep(time.Duration(secs) * time.Second)
		pprof.StopCPUProfile()
		f.Close()
	}()
}
