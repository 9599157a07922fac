package testnames

import "flag"

// RunOnlyUnderRace has a test binary built with -race run only the named
// tests (and their subtests), by -test.run, unless its caller chose tests
// of their own with -test.run or -test.skip: `go test -race -run TestX`
// still runs TestX, and -skip '^$' runs every test. Without -race it does
// nothing. Call it from TestMain.
func RunOnlyUnderRace(list []string) {
	if !underRace {
		return
	}
	if !flag.Parsed() {
		flag.Parse()
	}
	runOnly(flag.CommandLine, list)
}

func runOnly(flags *flag.FlagSet, list []string) {
	run, skip := flags.Lookup("test.run"), flags.Lookup("test.skip")
	if run == nil || run.Value.String() != "" || skip != nil && skip.Value.String() != "" {
		return
	}
	run.Value.Set(SkipPattern(list))
}
