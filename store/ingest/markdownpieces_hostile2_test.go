package ingest

// A second hostile pass on Markdown read in pieces: its first pass read
// blocks without the table extension, a refused cut was tried only at one
// line twice as far on, and the guard against link definitions counted
// one-line definitions only. Each test failed before.

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The first pass that collects link reference definitions uses
// markdownBlocks, a parser WITHOUT the table extension, on the claim that
// only inline markup is left out. But GFM tables are a paragraph
// transformer, and they change block structure: a table followed directly
// by a setext underline ("===", e.g. a double rule drawn right under a
// table; "---" happens to agree) is, for the full parser, a table and then a paragraph starting
// "---" that swallows the next lines; for markdownBlocks it is a setext
// heading, and the next line starts a new paragraph. A definition on that
// line is therefore a definition in the first pass only: whole, "[smith]"
// stays "[smith]" (and the definition line is text); in pieces the
// definition is given to every piece and every "[smith]" in the book
// becomes a link reading "smith". So a long file's text depends on whether
// it was read in pieces, which the rewrite says cannot happen. (Found by a
// random differential: every difference in 20,000 random files was this.)
func TestMarkdownPiecesDefinitionUnderATableAndARule(t *testing.T) {
	readsAsWhole(t, "table, double rule, definition",
		"| Source | Year |\n|--------|------|\n| Smith  | 2001 |\n=====\n[smith]: https://example.org/smith\n\nAs [smith] shows.\n")
	readsAsWhole(t, "table, ===, definition",
		"a | b\n--|--\n===\n[x]: /url\n\nSee [x].\n")
}

// A cut refused is tried again at twice the distance (100,000 lines, then
// 200,000, 400,000, 800,000), not at the next place a paragraph starts; a
// fifth try at 1,600,000 lines finds no line within the million
// marginLineAfter looks at, and when a million lines or more remain the
// WHOLE file is read as plain text ("## Section 2" becomes a passage, no
// heading survives). In a code-heavy book, most lines that follow a blank
// line at the left margin are code (a function after a blank line in a
// fenced block), so the four lines tried all fall inside code blocks,
// although a heading or paragraph to cut before comes every 126 lines. The
// doc comment says nil is returned only "when some piece would reach
// maxMarkdownLines". Here: 1.3 M lines (10 MB) of sections of 40 short
// Python functions each. A real book with shorter listings fails the same
// way whenever the four lines tried each land in code (about (k/(k+2))^4
// for k blank-separated functions a listing, per piece: 45% for k = 9).
func TestMarkdownPiecesCodeHeavyBookReadAsPlainText(t *testing.T) {
	var b strings.Builder
	sections := 0
	for lines := 0; lines < 1_300_000; sections++ {
		fmt.Fprintf(&b, "## Section %d\n\nSome prose about the code below.\n\n```python\n", sections)
		for f := range 40 {
			fmt.Fprintf(&b, "def f%d():\n    return %d\n\n", f, f)
		}
		b.WriteString("```\n\n")
		lines += 126
	}
	doc, err := Parse("code.md", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	headings := 0
	for _, p := range doc.Passages {
		if p.Heading {
			headings++
		}
	}
	if headings != sections {
		t.Errorf("%d of %d section headings read as headings (read as plain text: %v)", headings, sections, strings.Contains(doc.Text, "## Section 2"))
	}
}

// PathologicalMarkdown reads a file as plain text after 10,000 lines in a
// row that look like link definitions ("[" ... "]:" on the line). A
// definition whose destination (or title) is on the next line,
// "[r1]:\n/u", is one line that looks like one and one that does not, so
// the count starts again at every definition and never passes 1. goldmark's
// time still grows with the square of the definitions in the paragraph:
// 10,000 take 0.13 s, 20,000 0.66 s, 40,000 3.3 s, 60,000 about 8 s; a
// 999,999-line file of them (500,000 definitions, 6 MB) would take some
// 9 minutes, and a 64 MB file cut into pieces of 800,000 lines hours.
// The same holds for "[r1]: /u\n\"title\"" (title on its own line) and
// labels over two lines. The guard the last pass added is bypassed by a
// change of layout that is valid CommonMark.
func TestMarkdownTwoLineDefinitionsEscapeThePathologicalGuard(t *testing.T) {
	if testing.Short() {
		t.Skip("slow by design")
	}
	var b strings.Builder
	for i := range 60_000 {
		fmt.Fprintf(&b, "[r%d]:\n/u\n", i)
	}
	b.WriteString("\nEnd.\n")
	start := time.Now()
	if _, err := Parse("refs.md", []byte(b.String())); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("a %d KB file of reference definitions (destination on the next line) took %v to read; PathologicalMarkdown: %v",
			b.Len()>>10, took, PathologicalMarkdown(b.String()))
	}
}
