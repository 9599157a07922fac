package ingest

import (
	"os"
	"testing"

	"dossier/internal/testnames"
)

// raceSkipped are the readers' tests the race run (scripts/test) leaves
// out: each parses a large or hostile file on one goroutine (10–90 seconds
// under the detector, a tenth of that without it, in the same command).
// The PDF reader's own goroutine (run with a time limit) keeps its tests
// under the detector but for the compression bomb.
//
// To run one of them under -race anyway, give -skip '^$': -run naming it
// alone runs nothing and says ok.
var raceSkipped = []string{
	"TestPDFFlateBombIsRefused",
	"TestAWordFileOfMillionsOfParagraphsIsRefusedWithinBoundedMemory",
	"TestAnOpenDocumentPastTheParagraphCapIsRefusedWithoutReadingOn",
	"TestDocumentXMLStreamed",
	"TestUnpackedTextBounded",
	"TestMarkdownHardWrappedBookOfAMillionLinesKeepsItsHeadings",
	"TestMarkdownPiecesReadAsTheWholeAtRandom",
	"TestMarkdownMillionsOfLinesAsPlainText",
	"TestMarkdownPiecesDefinitionsPastTheFirstMegabyte",
	"TestMarkdownPiecesAStrayEmptyCommentReadsTheBookAsPlainText",
	"TestMarkdownPiecesCodeHeavyBookReadAsPlainText",
	"TestATinyEPUBOfMillionsOfParagraphsIsRefusedWithinBoundedMemory",
	"TestMetadataBounded",
}

// TestMain leaves raceSkipped out of a run under the race detector (with
// no -test.skip of the caller's own).
func TestMain(m *testing.M) {
	if raceEnabled {
		testnames.SkipTests(raceSkipped)
	}
	os.Exit(m.Run())
}

// TestRaceSkippedAreTests keeps raceSkipped to tests that exist.
func TestRaceSkippedAreTests(t *testing.T) { testnames.CheckListed(t, "raceSkipped", raceSkipped) }
