package ingest

import (
	"flag"
	"os"
	"testing"

	"dossier/internal/testnames"
)

// raceSkipped are the readers' tests the race run (scripts/test) leaves
// out: each parses a large or hostile file on one goroutine (10–90 seconds
// under the detector, a tenth of that without it, in the same command).
// The PDF reader's own goroutine (run with a time limit) keeps its tests
// under the detector but for the compression bomb.
var raceSkipped = []string{
	"TestPDFFlateBombIsRefused",
	"TestAWordFileOfMillionsOfParagraphsIsRefusedWithinBoundedMemory",
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
		flag.Parse()
		if f := flag.Lookup("test.skip"); f != nil && f.Value.String() == "" {
			f.Value.Set(testnames.SkipPattern(raceSkipped))
		}
	}
	os.Exit(m.Run())
}

// TestRaceSkippedAreTests keeps raceSkipped to tests that exist.
func TestRaceSkippedAreTests(t *testing.T) {
	names, err := testnames.InDir(".")
	if err != nil {
		t.Fatal(err)
	}
	if missing := testnames.Missing(raceSkipped, names); len(missing) > 0 {
		t.Errorf("raceSkipped names tests this package does not have: %v", missing)
	}
}
