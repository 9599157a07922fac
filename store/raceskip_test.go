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
// What the detector must see is each kind of work beside another: a
// store's writer and its readers, the import pipeline's reading and
// deflating goroutines, backups beside merges, the identity watch, files
// opened from two processes. One test of a kind shows it; the tests here
// repeat single-goroutine work (a reference compared over many inputs, a
// file damaged and checked) that the others run under it already.
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
	"TestMentionMatcherMatchesReference", // random names and texts; no store
	"TestOutlineCitesAsSectionOfDoes",    // 40 random outlines; no store
	"TestCommonTermsFollowTheIndex",
	"TestCommonWordPhrasePageMarkedAside",
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
	"TestCheckFindsDamage",
	"TestQuickCheckOfAFileWithManyTablesFindsDamage",
	"TestRecoverCopiesWhatCanBeRead",
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
