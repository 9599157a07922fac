package app

import (
	"strings"
	"testing"

	"dossier/internal/testnames"
)

// The race run (scripts/test) runs, of the window's tests, one per kind of
// work done off the UI goroutine: under the detector a window test is ten
// times slower, and the 145 tests listed here before took 30 minutes, most
// of them a second or fifth test of a worker another test already drove.
// Every test runs without -race in the same command. The detector sees a
// race only where a worker's accesses and the UI goroutine's are not
// ordered: where the test lets the UI goroutine act (a keystroke, a click,
// a read of the window) while the worker runs, or a worker's step applies
// beside it. u.do alone waits for the worker, and orders everything. So
// each kind's test is the cheapest that acts while that work is under way.
//
// The rule: one test per kind, named with it. A new kind of concurrent
// work (a new worker, timer or goroutine beside the UI goroutine, or new
// state shared with one) adds its test here; a new test of a kind listed
// does not.
var raceChosen = map[string]bool{
	// The search's worker (page, counts, words measured) with the UI
	// reading the window while it runs; the debounce timer and searches
	// cancelled by keystrokes sent without waiting.
	"TestStatusSaysASearchIsUnderWay":     true,
	"TestTypingFastShowsOnlyTheLastQuery": true,
	// The background ranking, the whole count and a "more" page in flight
	// together.
	"TestRankedSwapWaitsForMore": true,
	// The reader's document read, and its highlights following the query.
	"TestReaderFollowsTheQuery": true,
	// The history's pause timer firing between trips to the UI goroutine.
	"TestHistoryPauseTimerRecords": true,
	// Words measured by a worker through trips to the UI goroutine.
	"TestWarmingAPageTakesFewTripsToTheUIGoroutine": true,
	// Text size steps applied from a goroutine of their own (work.soon).
	"TestQuickTextStepsApplyAsOne": true,
	// The claims read, and the ledger's rows measured, off the UI
	// goroutine as the window is drawn; the filter's debounce.
	"TestClaimsFilter": true,
	// Claims decided by workers, and undone.
	"TestClaimsAcceptReject": true,
	// A claim's form and the claims to link read for the claim dialog.
	"TestLinkAndUnlinkClaims": true,
	// A note saved at its pause, a bookmark made and removed by workers.
	"TestNewBookmarkNoteAutosave": true,
	// Quitting with a note's save pending: the note flushed, the file
	// closed once the work is done (whenIdle).
	"TestQuittingSavesTheNoteBeingTyped": true,
	// Undo and redo of every kind of change, each step on a worker.
	"TestUndoRedoEverything": true,
	// Tags created, renamed, merged and read by workers.
	"TestUndoRedoTagManagement": true,
	// The tag manager reading its tag afresh as it opens.
	"TestChipManageShowsTheTagsCounts": true,
	// A document deleted (its counts read for the confirmation), then
	// undone and shown in the reader again.
	"TestUndoingADeleteShowsTheDocumentAgain": true,
	// Suggestions decided in every result, the count off the UI goroutine.
	"TestRejectASuggestionInEveryResult": true,
	// An import, cancelled by Esc while its worker runs (its progress and
	// claims phase beside the UI goroutine).
	"TestCancelledImportSaysItIsStopping": true,
	// Claims found in every document, with progress.
	"TestFindClaimsInEveryDocument": true,
	// A paste held in its claims phase while the window is read.
	"TestAPasteSaysItIsImporting": true,
	// Quitting during an import: the worker stopped, the file closed after.
	"TestQuittingStopsAnImport": true,
	// The import picker listing a slow folder while the user types another.
	"TestImportPickerKeepsTheFolderAskedForLast": true,
	// Import folder… listing the folder's files.
	"TestImportFolderOffersBundle": true,
	// The save dialog's looks at the disk, then the export, off the UI
	// goroutine.
	"TestSaveDialogLooksAtTheDiskOffTheUIGoroutine": true,
	// A backup, and a restore reopening the file, off the UI goroutine.
	"TestBackUpNowSaysWhereItWent": true,
	"TestRestoreFromBackupMenu":    true,
	// The file chooser listing, then another file opened and the old one
	// closed off the UI goroutine.
	"TestOpenResearchFileDialogKeys": true,
	// The recent files looked for off the UI goroutine.
	"TestOpenRecentGreysAFileNoLongerThere": true,
	// A damaged file recovered into a new one; a file that would not open,
	// its backups looked up and one restored over it.
	"TestDamagedFileRecoversIntoANewFile":         true,
	"TestUnopenableFileOpensTheWindowWithWaysOut": true,
	// The first file opened on a goroutine of its own while the window
	// runs, another opened meanwhile, the first taken once asked again.
	"TestTheFileStillOpeningAskedForAgainIsShownOnceOpen": true,
	// The idle window's ticker asking whether another program changed the
	// file, and the window re-read.
	"TestIdleWindowAsksWhetherItsFileChanged": true,
}

// skipUnlessRaceChosen skips a window test under the race detector unless
// raceChosen names it (see there).
func skipUnlessRaceChosen(tb testing.TB) {
	t, ok := tb.(*testing.T)
	if !raceDetector || !ok {
		return
	}
	name, _, _ := strings.Cut(t.Name(), "/")
	if !raceChosen[name] {
		t.Skip("a window test with no work off the UI goroutine: scripts/test runs it without -race (see raceChosen)")
	}
}

// TestRaceChosenAreTests keeps raceChosen to tests that exist: a renamed
// test would otherwise leave the race run without a word.
func TestRaceChosenAreTests(t *testing.T) {
	names := make([]string, 0, len(raceChosen))
	for name := range raceChosen {
		names = append(names, name)
	}
	testnames.CheckListed(t, "raceChosen", names)
}
