package cli_test

import (
	"testing"

	"dossier/internal/testnames"
)

// raceChosen are the command line's tests the race run (scripts/test) runs:
// one or two for each kind of work a command does on more than one
// goroutine, the cheapest that drive it. Every test, these too, runs
// without -race in the same command; under the detector a command's test
// is five to ten times slower, and most of them run a command on the
// test's goroutine alone (the store's own goroutines are under the
// detector in the store's race run), so running them all took 277 s.
//
// A new test of a command that starts work on another goroutine (a
// signal caught, a timer, work running beside the command) belongs here
// when no test below drives that work yet. To run another test under
// -race, name it with -run; -skip '^$' runs them all.
var raceChosen = []string{
	// Ctrl+C mid-import: the signal's goroutine cancels the import's
	// context while its files are read on a goroutine of their own and
	// the command runs beside the test reading the research file.
	"TestImportInterruptedByCtrlC",
	// A signal (INT, HUP, TERM) caught during backup, recover and
	// restore: each command's context cancelled from the signal's
	// goroutine.
	"TestBackupRecoverRestoreInterrupted",
	// claims --suggest stopped by Ctrl+C once its suggestions are kept.
	"TestCtrlCWhileListingClaimsIsCaught",
	// An export's atomic write cancelled by a signal, in a child process
	// (a race build too: a race there fails its exit code).
	"TestInterruptedExportLeavesNothing",
	// The slow-open note, written by a timer's goroutine while the open
	// runs, whole before anything else.
	"TestASlowOpenSaysSo",
	// A large import's backup made beside its index merge, through the
	// command.
	"TestLargeImportMakesABackup",
}

// runRaceChosen, from TestMain, has a race build run only raceChosen.
func runRaceChosen() { testnames.RunOnlyUnderRace(raceChosen) }

// TestRaceChosenAreTests keeps raceChosen to tests that exist: a renamed
// test would otherwise leave the race run without a word.
func TestRaceChosenAreTests(t *testing.T) { testnames.CheckListed(t, "raceChosen", raceChosen) }
