package testgc

import (
	"runtime/debug"
	"testing"
)

func TestTuneSetsThePercentUnlessTheCallerSetGOGC(t *testing.T) {
	was := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(was) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	Tune()
	if got := debug.SetGCPercent(100); got != Percent {
		t.Errorf("with no GOGC set the tests collect at %d, want %d", got, Percent)
	}

	t.Setenv("GOGC", "100")
	Tune()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC=100 set by the caller the tests collect at %d", got)
	}
}
