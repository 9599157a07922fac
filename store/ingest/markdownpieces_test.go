package ingest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// piecedSample is Markdown whose blocks run past blank lines and the left
// margin (fences, HTML comments and <pre>, list items' paragraphs), with a
// link whose reference is defined at the end of the file.
func piecedSample(copies int) string {
	var b strings.Builder
	for i := range copies {
		fmt.Fprintf(&b, `# Part %d

A paragraph [with a link][far] and *emphasis*,
hard-wrapped over
three lines.

`+"```"+`
code at the margin

# not a heading
`+"```"+`

~~~~ text
~~~
still code

plain
~~~~

<!-- a comment

# not a heading either
-->

<pre>
preformatted

Text at the margin
</pre>

1. an item

   its second paragraph
2. another

> a quote
over two lines

Setext heading
--------------

| a | b |
|---|---|
| 1 | 2 |

Closing words of part %d.

`, i, i)
	}
	b.WriteString("[far]: https://example.org/far \"Far\"\n")
	return b.String()
}

// onOneP runs the rest of the test with GOMAXPROCS 1. Pieces of a few
// lines make settle force a collection after most of them, and
// runtime.GC waits for the sweep by yielding in a loop that spins while
// the other P is busy: on a loaded 2-core machine the 3,700 collections of
// TestMarkdownPiecesReadAsTheWholeAtRandom took 18.5 CPU seconds, 3.3 on
// one P. The parses run on the test's goroutine alone.
func onOneP(t *testing.T) {
	t.Helper()
	was := runtime.GOMAXPROCS(1)
	t.Cleanup(func() { runtime.GOMAXPROCS(was) })
}

// A long file read piece by piece reads as the whole does: the pieces are
// cut only where a block starts that nothing before it continues, and a
// link finds its reference in another piece.
func TestMarkdownPiecesReadAsTheWhole(t *testing.T) {
	text := piecedSample(40)
	whole, err := Parse("sample.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(whole.Text, "with a link and emphasis") {
		t.Fatalf("the whole file's link is not resolved: %.200q", whole.Text)
	}
	defer func(from, lines int) { markdownPiecesFrom, markdownPieceLines = from, lines }(markdownPiecesFrom, markdownPieceLines)
	markdownPiecesFrom, markdownPieceLines = 1, 3
	onOneP(t)
	// Every part has text at the margin inside its blocks, where a cut is
	// tried and refused, and tried again twice as far on.
	if pieces, _ := markdownPieces(markdownBlocks, text); len(pieces) < 3 {
		t.Errorf("the sample was cut into %d pieces", len(pieces))
	}
	pieced, err := Parse("sample.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if pieced.Text != whole.Text {
		t.Errorf("read in pieces:\n%.600q\nwhole:\n%.600q", pieced.Text, whole.Text)
	}
	if !reflect.DeepEqual(pieced.Passages, whole.Passages) || pieced.Title != whole.Title {
		t.Errorf("read in pieces: %d passages, title %q; whole: %d passages, title %q", len(pieced.Passages), pieced.Title, len(whole.Passages), whole.Title)
	}
}

// A hard-wrapped Markdown book of 52 MB (1.19 million lines of about 50
// characters, some 120,000 paragraphs) keeps its headings: read as plain
// text past a million lines, its second chapter's heading was the passage
// "# Chapter 2" (a hostile pass). Read in pieces, it takes some 300 MB.
func TestMarkdownHardWrappedBookOfAMillionLinesKeepsItsHeadings(t *testing.T) {
	if testing.Short() {
		t.Skip("a 52 MB book")
	}
	var b strings.Builder
	line := "The quick brown fox jumps over the lazy dog again.\n"
	chapters := 0
	for b.Len() < 52<<20 {
		chapters++
		fmt.Fprintf(&b, "# Chapter %d\n\n", chapters)
		for range 100 {
			b.WriteString(strings.Repeat(line, 9) + "\n")
		}
	}
	text := b.String()
	if n := strings.Count(text, "\n"); n < maxMarkdownLines {
		t.Fatalf("only %d lines", n)
	}
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	before := peakRSS(t)
	doc, err := Parse("book.md", []byte(text))
	peak := peakRSS(t)
	if err != nil {
		t.Fatal(err)
	}
	headings := 0
	for _, p := range doc.Passages {
		if p.Heading {
			headings++
			if got := doc.Text[p.Start:p.End]; !strings.HasPrefix(got, "Chapter ") {
				t.Fatalf("a heading reads %q", got)
			}
		}
	}
	if doc.Title != "Chapter 1" || headings != chapters-1 {
		t.Errorf("title %q and %d headings; want Chapter 1 and %d more", doc.Title, headings, chapters-1)
	}
	bound := int64(600) // MB
	if raceEnabled {
		bound = 1200 // the detector's shadow memory: 356 MB measured
	}
	if grew := (peak - before) >> 20; grew > bound {
		t.Errorf("reading the book took the peak resident memory %d MB higher", grew)
	}
}

// Random files of blocks that run past blank lines, containers, HTML,
// definitions and look-alikes read in pieces as they read whole, cut at
// every place a cut may be tried.
func TestMarkdownPiecesReadAsTheWholeAtRandom(t *testing.T) {
	snippets := []string{
		"# Heading\n", "Plain text at the margin.\n", "A paragraph\nover two lines.\n", "\n", "\n\n",
		"```\n", "```go\n", "~~~\n", "````\n", "  ```\n", "```\u00a0\n", "\u00a0\n", "\f\n",
		"    indented code\n", "\tcode after a tab\n", "- item\n", "- item\n\n  ```\n", "1. one\n", "1.\n", "2) two\n", "   continued\n",
		"> quote\n", "lazy line\n", "Setext\n", "===\n", "---\n", "***\n",
		"| a | b |\n", "|---|---|\n", "| 1 | 2 |\n",
		"<div>\n", "</div>\n", "<pre>\n", "<pre/>\n", "</pre>\n", "<script>\n", "</script>\n", "<!--\n", "-->\n", "<!-->\n",
		"<![CDATA[\n", "]]>\n", "<?php\n", "?>\n", "<!DOCTYPE html>\n", "<!doctype\n",
		"[far]: /far\n", "[far]:\n/far\n", "> [quoted]: /q\n", "[1]: ibid\n", "Cited [1] here,\n", "A [link][far] and [quoted][] and [Far].\n",
		"*emphasis* and `code`\n", "Ünïcödé text.\n",
	}
	rng := rand.New(rand.NewPCG(2016, 12))
	defer func(from, lines int) { markdownPiecesFrom, markdownPieceLines = from, lines }(markdownPiecesFrom, markdownPieceLines)
	onOneP(t)
	for i := range 1000 {
		var b strings.Builder
		for range 5 + rng.IntN(60) {
			b.WriteString(snippets[rng.IntN(len(snippets))])
		}
		text := b.String()
		markdownPiecesFrom, markdownPieceLines = maxMarkdownLines, 100_000
		whole, err := Parse("random.md", []byte(text))
		if err != nil {
			continue // (a file of nothing but markup)
		}
		markdownPiecesFrom, markdownPieceLines = 1, 1+rng.IntN(3)
		pieced, err := Parse("random.md", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if pieced.Text != whole.Text || pieced.Title != whole.Title || !reflect.DeepEqual(pieced.Passages, whole.Passages) {
			t.Fatalf("file %d read in pieces differs from whole\ninput:  %q\nwhole:  %q (title %q)\npieced: %q (title %q)",
				i, text, whole.Text, whole.Title, pieced.Text, pieced.Title)
		}
	}
}
