package app

import (
	"strings"
	"testing"

	"dossier/internal/testnames"
)

// The race run (scripts/test) runs the window's tests that have work on
// goroutines beside the UI goroutine: workers searching, ranking, importing,
// measuring and saving while the user types, clicks, changes the text size,
// switches files or quits. Every test runs without -race in the same
// command; under the detector a window test is ten times slower (1–90 s),
// so the whole package took 30 of the suite's 40 minutes, most of it in
// tests that lay out the window at many sizes on the UI goroutine alone,
// where there is nothing to race. A new test that starts work off the UI
// goroutine belongs here.
var raceChosen = map[string]bool{
	// Typing, searching, ranking, paging, the reader following a query.
	"TestTypeQueryShowsHighlightedHits":                 true,
	"TestTypingFastShowsOnlyTheLastQuery":               true,
	"TestBroadQueryIsRankedInTheBackground":             true,
	"TestRankedSwapWaitsForMore":                        true,
	"TestMoreResults":                                   true,
	"TestMoreLoadsOnce":                                 true,
	"TestMoreKeepsScroll":                               true,
	"TestQuietRerunKeepsTheListAsItWas":                 true,
	"TestKeystrokeCostsOneStoreCallAndOneParse":         true,
	"TestKeystrokeWithReaderOpenAndGroupedCostsOneCall": true,
	"TestCompletingKeystrokeCostsOneCall":               true,
	"TestOpeningAResultCostsOneCall":                    true,
	"TestSelectResultOpensReader":                       true,
	"TestReaderFollowsTheQuery":                         true,
	"TestKeyboardNavigation":                            true,
	"TestStatusSaysASearchIsUnderWay":                   true,
	"TestSteppingWhileASearchRunsSaysNothing":           true,
	"TestSteppingThroughHitsKeepsTheReadersRows":        true,
	"TestAnnotationChangeDuringPendingSearch":           true,
	"TestHistoryPauseTimerRecords":                      true,
	"TestFindSelectsTheQuerySoTypingReplacesIt":         true,
	// Measuring text off the UI goroutine, and text size and theme changes
	// while pages warm.
	"TestWarmingAPageTakesFewTripsToTheUIGoroutine":   true,
	"TestLedgerMeasuresColumnsOffTheUIGoroutine":      true,
	"TestLedgerRowsAreEstimatedUntilMeasured":         true,
	"TestLedgerIgnoresClicksWhileItsRowsAreEstimated": true,
	"TestFirstLedgerClickShowsItsPassageAtTheTop":     true,
	"TestLedgerKeepsWordsWholeInASmallWindow":         true, // the rows measured off the UI goroutine at the new size and width
	"TestClaimsPaneSaysItIsReadingTheClaims":          true, // the claims read off the UI goroutine
	"TestClaimsPaneSaysWhichVersion":                  true, // the rows measured off the UI goroutine with the library's versions
	"TestQuickTextStepsApplyAsOne":                    true,
	"TestThemeChangesHappenWithTheGLContextCurrent":   true,
	"TestTextSizeChangeHidesTips":                     true,
	"TestTipGoesWhenTheResultsChange":                 true,
	"TestTipWaitingWhenTheViewChangesStaysHidden":     true,
	"TestEveryCommandAtEveryTextSize":                 true, // under -race: the extremes and one walk
	// Annotations saved by workers: bookmarks, notes, tags, claims, undo.
	"TestAnnotationWorkflow":                                true,
	"TestBookmarkNoteAutosave":                              true,
	"TestNewBookmarkNoteAutosave":                           true,
	"TestBookmarkAndTagASelection":                          true,
	"TestResultTagLineFilters":                              true,
	"TestRenamingSelectedTagKeepsItsSearch":                 true,
	"TestMarkSelectionAsClaim":                              true,
	"TestLinkAndUnlinkClaims":                               true,
	"TestClaimsAcceptReject":                                true,
	"TestClaimsDoubleClickDecidesOnce":                      true,
	"TestClaimsLedgerEditsInTheDialog":                      true,
	"TestClaimsMatrix":                                      true, // the ledger's worker reading the claim matrix
	"TestClaimMarksReadInBothThemes":                        true, // the same
	"TestCorroborationMarksAreDrawnLarge":                   true, // the same
	"TestClaimsFilter":                                      true, // the filter's debounce timer refreshing the ledger
	"TestClaimsFilterSaysANameReadAsAnotherForm":            true, // the same, the reading said on the UI goroutine
	"TestChipManageShowsTheTagsCounts":                      true, // the tag manager reading its tag off the UI goroutine
	"TestTagRowMenu":                                        true, // the same, and the merge dialog reading the tags
	"TestNewTagKindFollowsTheName":                          true, // creating the tags off the UI goroutine
	"TestNewTagSaysWhichTagItWouldDuplicate":                true, // the tags read off the UI goroutine while the name is typed
	"TestBookmarkRowMenu":                                   true, // bookmarking, removing and undoing off the UI goroutine
	"TestAnUntaggedSourceSaysSoNotTryFewerWords":            true, // searching
	"TestRejectASuggestionInEveryResult":                    true, // the count decided off the UI goroutine, told on it
	"TestAcceptASuggestionInEveryResult":                    true, // the same, accepting
	"TestFindClaimsInEveryDocument":                         true,
	"TestUndoRedoEverything":                                true,
	"TestUndoRedoTagManagement":                             true,
	"TestUndoKeepsTyping":                                   true,
	"TestUndoAfterTypingEarlier":                            true,
	"TestUndoingADeleteShowsTheDocumentAgain":               true,
	"TestMergeRedoneThenUndoneAgainPutsBackWhatCameBetween": true,
	"TestDeleteAndRenameDocument":                           true,
	"TestDeleteDocumentSaysItsSuggestedClaimsGoToo":         true, // the counts read off the UI goroutine
	"TestRefusedDocumentUndoKeepsTheEarlierDetails":         true, // the refused steps run on the worker, the message and clipboard on the UI goroutine
	"TestCopyCitation":                                      true,
	"TestCopyCitationOfNoteMarks":                           true,
	"TestCopyCitationNamesTheSection":                       true,
	// Imports, pastes, exports and backups, cancelled and quit part way.
	"TestImport":                                    true,
	"TestImportFindsClaims":                         true,
	"TestImportPickerMultiSelect":                   true, // the import picker listing a folder off the UI goroutine
	"TestImportPickerGoesToATypedPath":              true, // the path looked at and the folder listed off the UI goroutine
	"TestImportPickerKeepsTheFolderAskedForLast":    true, // two folders listed off the UI goroutine, one held
	"TestImportPickerPathFieldSaysWhatIsWrong":      true, // the paths looked at off the UI goroutine
	"TestImportPickerTakesAPathTypedAtOnce":         true, // a typed path listed, then an import, off the UI goroutine
	"TestImportFolderOffersBundle":                  true, // Import folder… walking the folder off the UI goroutine
	"TestImportFolderListFollowsTheFocus":           true, // the same
	"TestImportPickerListFollowsTheFocus":           true, // the same
	"TestNoFocusRingBehindTheProgressDialogs":       true, // an import and Finding claims under way
	"TestImportProgressIsHonest":                    true,
	"TestImportStoppedPartwayListsWhatWasStored":    true,
	"TestImportSummaryWarnsWhenTheBackupFailed":     true,
	"TestCancelWhileTidyingFinishesTheImport":       true,
	"TestCancelledImportSummary":                    true,
	"TestCancelledImportSaysItIsStopping":           true,
	"TestImportSummaryMarksOneFileOnce":             true,
	"TestRowsOfOneTitleKeepTheirImportStamps":       true,
	"TestALibraryRowsTipNamesItsImport":             true,
	"TestHitsOfOneTitleSayTheirImports":             true,
	"TestVersionsImportedInOneSecondReadApart":      true,
	"TestDeletingAVersionNamesIt":                   true,
	"TestDeletingV2LeavesV3":                        true,
	"TestTheReaderSaysWhichVersionIsOpen":           true,
	"TestATagPickerSaysWhichVersion":                true,
	"TestBookmarkRenameAndCopyNameTheVersion":       true,
	"TestLibraryIsNotEmptyBeforeItIsRead":           true,
	"TestBookmarkSaysWhichVersion":                  true,
	"TestStatusSaysWhichTagAFilterRead":             true,
	"TestACancelledImportWithProblemsSaysCancelled": true,
	"TestPasteAsNewDocument":                        true,
	"TestQuittingStopsAnImport":                     true,
	"TestQuittingStopsAPaste":                       true,
	"TestQuittingStopsFindingClaims":                true,

	// An import stopped by the window's end, in its files or its claims.
	"TestAnImportStoppedByTheWindowsEndIsSaidAtTheNextOpen": true,
	"TestAnImportStoppedFindingClaimsIsSaidAtTheNextOpen":   true,
	"TestFindingClaimsKilledIsSaidAtTheNextOpen":            true,
	"TestAPasteStoppedFindingClaimsIsSaidAtTheNextOpen":     true,
	"TestAPasteFinishedLeavesNoNote":                        true,
	"TestAPasteSaysItIsImporting":                           true,

	"TestQuittingSavesTheNoteBeingTyped":                 true,
	"TestExportRefusesTheResearchFileWhenWriting":        true,
	"TestFailedExportKeepsTheFileItWasToReplace":         true,
	"TestSaveDialogLooksAtTheDiskOffTheUIGoroutine":      true,
	"TestBackUpNowSaysWhereItWent":                       true,
	"TestStatusLineKeepsTheBackupsFileName":              true, // the backup made off the UI goroutine
	"TestStatusLineCutsAPathToALineWhereTheMessageWraps": true,
	"TestOpeningMakesTheDailyBackup":                     true,
	"TestRestoreFromBackupMenu":                          true,

	// Folders looked at off the UI goroutine by the import picker and the
	// save dialogs.
	"TestImportPickerLooksAtItsFolderOffTheUIGoroutine": true,
	"TestSaveDialogsFolderPickerTakesEscAndEnter":       true,
	"TestImportFolderDialogKeys":                        true, // the folder chooser listing off the UI goroutine, then an import
	"TestOpenResearchFileDialogKeys":                    true, // the file chooser listing, then a file opened, off the UI goroutine
	"TestRenameTagSaysWhichTagItWouldDuplicate":         true, // the tags read off the UI goroutine as the manager opens
	// Files switched, damaged, read-only or in use elsewhere.
	"TestSwitchResearchFile":                                  true,
	"TestSwitchFileForgetsAnnotations":                        true,
	"TestOpenRecentGreysAFileNoLongerThere":                   true, // the recent files looked for off the UI goroutine
	"TestChoosingAFileNoLongerThereMakesNoNewFile":            true, // the open, and the look before it, off the UI goroutine
	"TestAnImportThatDidNotFinishIsSaidAtTheNextOpen":         true, // the open, and the look for the note, off the UI goroutine
	"TestSaveDialogAsksAgainWhenTheNameChangedDuringTheCheck": true, // the name changed while the check runs off the UI goroutine
	"TestNewResearchFileStartsBesideTheOpenOne":               true, // the new file made off the UI goroutine
	"TestShortcutsWaitForTheOpenDialog":                       true,
	"TestDamagedFileShowsBannerWithWaysOut":                   true,
	"TestDamagedFileRecoversIntoANewFile":                     true,
	"TestUnopenableFileOpensTheWindowWithWaysOut":             true, // the banner's backup lookup, and restoring over a file that would not open
	"TestBannerForAFileInUseElsewhere":                        true,
	"TestReadOnlyBanner":                                      true,
	// The first file taken from another goroutine once open.
	"TestTheWindowWaitsForASlowOpenThenTakesTheFile": true,
	"TestASlowOpenThatFailsShowsWhy":                 true,
	"TestAFileOpenedWhileTheFirstOpensStays":         true,
	// The late first open taken once asked for again, and a query from
	// the history run once the file is open.
	"TestTheFileStillOpeningAskedForAgainIsShownOnceOpen": true,
	"TestAQueryFromTheHistoryWaitsForTheFile":             true,
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
