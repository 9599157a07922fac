package store_test

import (
	"testing"

	"dossier/internal/testnames"
)

// raceChosen are the store's tests the race run (scripts/test) runs: for
// each kind of work the store does on more than one goroutine, the one or
// two cheapest tests that drive it. Every test, these too, runs without
// -race in the same command. Under the detector pure-Go SQLite is five to
// ten times slower, and nearly all the store's tests make one call after
// another from the test's goroutine: the only other goroutines they start
// are those every import and open starts (the import's reading and
// deflating ones, the identity watch), which the tests below drive harder.
// Running them all took 1,000 of the race run's seconds.
//
// The kinds: the pool's readers beside its writer; the import pipeline
// (files read on a goroutine of their own, texts deflated on another),
// cancelled too; a large import's backup beside its index merge; backups
// started together; a restore while another store writes; the identity
// watch emptying a lost file's WAL; the passage spans built beside the
// searches that use them; two stores of one process on one file; files
// opened from two processes; a context cancelled at any moment from a
// timer.
//
// A new test that starts work on another goroutine, or a new goroutine in
// the store, belongs here when no test below drives that work yet. To run
// another test under -race, name it with -run; -skip '^$' runs them all.
var raceChosen = []string{
	// Readers beside the writer: imports and searches on one store at
	// once (the pool, the statement cache, the common terms' cache).
	"TestConcurrentUse",
	// Sixteen readers at once while the file is away from its name.
	"TestReadsWhileAwayCreateNothing",
	// The import pipeline: 130 files, one given twice and three bad ones
	// read ahead on their goroutine into batches, their texts deflated on
	// another, outcomes in order.
	"TestImportFilesReportsEveryFileInOrder",
	// The pipeline cancelled while its reading goroutine is ahead.
	"TestImportFilesCancelledLeavesNothingHalfDone",
	// A large import's backup on its goroutine beside the index merge,
	// and the backup's failure handed back from it.
	"TestLargeImportsAreBackedUpOnlyWhenEnabled",
	"TestAutoBackupFailureIsReported",
	// Four backups started together.
	"TestBackupsStartedTogetherNeverReplaceEachOther",
	// Another store writing while a restore runs.
	"TestRestoreLosesNothingWrittenWhileItRuns",
	// The identity watch: its goroutine empties a lost file's WAL once
	// another writer lets go; a merge on a goroutine as the file moves.
	"TestLostFileWALIsEmptiedOnceTheWriterLetsGo",
	"TestMergeStopsWhenTheFileIsMoved",
	// The passage spans built on their goroutine beside counts that use
	// them, and Close waiting for a build.
	"TestCountsPerDocumentBySpans",
	"TestCloseWaitsForTheSpans",
	// Two stores of one process on one file (two pools, two watches), one
	// looking for the other's changes; eight opening a new file at once.
	"TestChangedOutsideSeesAnotherStoresWrites",
	"TestOpenNewFileConcurrently",
	// Two processes opening a new file at once.
	"TestOpenNewFileFromTwoProcesses",
	// Claims' suggestions cancelled from a timer at any moment, inside
	// and between transactions.
	"TestSuggestClaimsCancelledInATransaction",
}

// runRaceChosen, from TestMain, has a race build run only raceChosen.
func runRaceChosen() { testnames.RunOnlyUnderRace(raceChosen) }

// TestRaceChosenAreTests keeps raceChosen to tests that exist: a renamed
// test would otherwise leave the race run without a word.
func TestRaceChosenAreTests(t *testing.T) { testnames.CheckListed(t, "raceChosen", raceChosen) }
