package store_test

import (
	"testing"

	"dossier/internal/testnames"
)

// raceSkipped are the store's tests the race run (scripts/test) leaves out:
// each runs on one goroutine and starts no work on another, and takes 4 to
// 30 seconds under the detector (a tenth of that without it, in the same
// command). The store's concurrent paths (imports' pipeline, backups,
// readers beside the writer, files opened from two processes, restores
// while writing) keep their tests under the detector.
//
// To run one of them under -race anyway, give -skip '^$': -run naming it
// alone runs nothing and says ok.
var raceSkipped = []string{
	// Every search, ranking and count checked against a reference.
	"TestSearchMatchesReference",
	"TestRankedPagesListEveryMatch",
	"TestRankTopAgreesWithFullRanking",
	"TestRankTopPhrasesAgreeWithFullRanking",
	"TestRankTopPrefixesAgreeWithFullRanking",
	"TestRankTopStopwordsFromStoredLengths",
	"TestRankTopAcrossSegments",
	"TestTermRunsReadBothWays",
	"TestCountAroundCommonPrefix",
	"TestCountAroundCommonPrefixInterleaved",
	"TestCountAroundCommonPrefixDamagedBTree",
	"TestPrefixCountedFromPages",
	"TestPrefixCountsFollowTheTablesPrefixIndexes",
	"TestMentionMatcherMatchesReferenceOnCorpus",
	// The stored passage lengths followed through every kind of write.
	"TestLengthsFollowChangesBehindTheStoresBack",
	"TestDroppedLengthsTable",
	"TestPassageLengthsFollowEveryWrite",
	"TestReadOnlyFileBeforeStoredLengths",
	"TestCheckNamesWrongStoredLengths",
	// Damaged, altered and foreign files checked and recovered.
	"TestCheckDescribesARenamedIndexedColumnAsSQLRecoverDrops",
	"TestRecoverRenamesInAChildOfARenamedParentKey",
	"TestRecoverCopiesRowsBesideADamagedPage",
	"TestRecoverARenamedKeyColumnKeepsTheRows",
	"TestRecoverClaimActorsBelowTwoRenamedParents",
	"TestRecoverRunningOutOfRoomSaysSo",
	"TestRecoverRebuildsADamagedDocumentTextFromItsPassages",
	"TestRecoverKeepsTheRowsOfATableLackingAColumn",
	"TestRecoverACycleTheStatementProvesIsRenames",
	"TestRecoverReadsASwapAsRenamesWhereAnIndexShowsThem",
	"TestRecoverKeepsTheTextWhenThePassagesAreLost",
	"TestRecoverARebuildWithColumnsReorderedAndOneRenamedSwapsTheDates",
	"TestRecoverASwapInCapitalsIsNotSeenAsACycle",
	"TestCheckNamesDamageBehindARenamedColumn",
	"TestCheckNamesMissingTablesAndIndexes",
	"TestCheckFindsDamagedTexts",
	"TestQuickCheckFindsDamageInEveryKindOfTable",
	"TestSalvageUsesThePassagesThatRead",
	"TestACraftedCopyIsNotReadWhileThePassagesAreWhole",
	"TestReadsOfAnAlteredFileSayWhy",
	"TestForeignSQLKeepsAFileReadOnly",
	"TestForeignSQLInDisguiseKeepsAFileReadOnly",
	"TestOwnSchemaAtEveryVersionIsNotForeign",
	"TestDamagedFileDoesNotPruneTheSoundBackups",
	// Claims found over a whole report; bundles replaced many times over.
	"TestSuggestClaimsOnAReportNeedsOneRun",
	"TestManyReplacingBundlesInOneImportKeepTheFileAsItWas",
}

// skipUnderRace leaves raceSkipped out of a run under the race detector
// (with no -test.skip of the caller's own).
func skipUnderRace() {
	if underRace {
		testnames.SkipTests(raceSkipped)
	}
}

// TestRaceSkippedAreTests keeps raceSkipped to tests that exist.
func TestRaceSkippedAreTests(t *testing.T) { testnames.CheckListed(t, "raceSkipped", raceSkipped) }
