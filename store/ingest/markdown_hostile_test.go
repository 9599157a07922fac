package ingest

// Markdown that costs far more than its size (a hostile pass, 2026-12-05c).

import (
	"strings"
	"testing"
	"time"
)

// A 2 MB Markdown file holding one wide table (5,000 columns, 200 rows)
// took dossier import to 1.2 GB resident, an 8 MB one (20,000 columns) to
// 4.6 GB: goldmark builds a node for every cell, and decodeText made a
// 4 KB writer for each. Files up to 64 MB are read. Such a table is now
// read as the text it is written in, within a small multiple of its size.
func TestMarkdownWideTableIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("|" + strings.Repeat("a|", 5000) + "\n|" + strings.Repeat("-|", 5000) + "\n")
	for i := 0; i < 200; i++ {
		b.WriteString("|" + strings.Repeat("b|", 5000) + "\n")
	}
	resetPeakRSS()
	before := peakRSS(t)
	start := time.Now()
	doc, err := Parse("table.md", []byte(b.String()))
	after := peakRSS(t)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d-byte table: %d passages, after %s; peak resident %d MB (before %d MB)", b.Len(), len(doc.Passages), time.Since(start).Round(time.Millisecond), after>>20, before>>20)
	if after-before > 512<<20 {
		t.Errorf("a %d KB Markdown table took the peak resident memory from %d MB to %d MB", b.Len()>>10, before>>20, after>>20)
	}
	// Every cell is kept, as written.
	if n := strings.Count(doc.Text, "b"); n != 200*5000 {
		t.Errorf("%d cells of b kept, want %d", n, 200*5000)
	}
}

// tableCells bounds the cells goldmark would build: a delimiter row's
// columns times the lines of its run (rows short of cells are filled out
// to the header's width); a blank line ends a table.
func TestMarkdownTableCells(t *testing.T) {
	for _, c := range []struct {
		text string
		min  int
	}{
		{"no table here\n\njust | a pipe\n", 0},
		{"| a | b |\n|---|:-:|\n| 1 | 2 |\n\nafter\n", 6}, // the edges' pipes open and close rows: two cells a row
		{"a | b\n--|--\n1 | 2\n", 6},
		{"|a|b|c|\n|-|-|-|\n" + strings.Repeat("x\n", 1000) + "\n" + strings.Repeat("y\n", 1000), 3 * 1000},
		{"- - -\n", 0}, // a thematic break, the first line of its run
	} {
		got := tableCells(c.text)
		if got < c.min || (c.min == 0 && got != 0) || got > 4*c.min {
			t.Errorf("tableCells(%.40q) = %d, want at least %d (and not far more)", c.text, got, c.min)
		}
	}
	// A row wider than its delimiter is cut to it (goldmark's parseRow).
	if n := tableCells("|a|\n|-|\n|" + strings.Repeat("b|", 5000) + "\n"); n > 9 {
		t.Errorf("a row wider than its delimiter: %d", n)
	}
}

// A table within the bound is read cell by cell (" · "); past it, as
// written, rows and pipes, every word kept. Its two bytes a row are filled
// out to the header's 5,000 columns.
func TestMarkdownTablePastTheBoundIsReadAsWritten(t *testing.T) {
	doc, err := Parse("small.md", []byte("| a | *b* |\n|---|---|\n| 1 | 2 |\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Text[doc.Passages[1].Start:doc.Passages[1].End]; got != "1 · 2" {
		t.Errorf("a small table's row: %q", got)
	}
	wide := "|" + strings.Repeat("a|", 5000) + "\n|" + strings.Repeat("-|", 5000) + "\n" + strings.Repeat("*x*\n", 100)
	doc, err = Parse("wide.md", []byte(wide))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.Text, "|a|a|a|") || strings.Count(doc.Text, "x") != 100 || strings.Contains(doc.Text, "*") {
		t.Errorf("a wide table's text: %.80q… (%d x)", doc.Text, strings.Count(doc.Text, "x"))
	}
}

// Millions of lines no blank line parts (goldmark keeps some 230 bytes
// for each: an 8 MB file of one-letter lines took 950 MB) are read as
// plain text.
func TestMarkdownMillionsOfLinesAsPlainText(t *testing.T) {
	if pieces, _ := markdownPieces(markdownBlocks, strings.Repeat("x\n", maxMarkdownLines)); pieces != nil {
		t.Errorf("%d lines without a place to cut them were cut", maxMarkdownLines)
	}
	big := strings.Repeat("x\n", 4_000_000)
	resetPeakRSS()
	before := peakRSS(t)
	doc, err := Parse("lines.md", []byte(big))
	after := peakRSS(t)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(doc.Text, "x") != 4_000_000 {
		t.Errorf("%d of 4,000,000 letters kept", strings.Count(doc.Text, "x"))
	}
	if after-before > 512<<20 {
		t.Errorf("8 MB of one-letter lines took the peak resident memory from %d MB to %d MB", before>>20, after>>20)
	}
}

// decodeText resolves escapes and references, and leaves other text as it
// is (its writer reused across calls).
func TestMarkdownDecodeText(t *testing.T) {
	r := &mdRenderer{}
	for in, want := range map[string]string{
		`plain <b> "quoted" 'a' > c`:  `plain <b> "quoted" 'a' > c`,
		`\* not emphasis`:             `* not emphasis`,
		`a &amp; b &#65; &#x42; &lt;`: `a & b A B <`,
		`\&amp; literal`:              `&amp; literal`,
		`stray & ampersand`:           `stray & ampersand`,
		`back\slash`:                  `back\slash`,
	} {
		if got := r.decodeText([]byte(in)); got != want {
			t.Errorf("decodeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// A heading's control characters do not reach the title, as an HTML
// page's do not: an escape went into citations and exports (hostile data
// pass data10).
func TestMarkdownTitleLeavesOutControlCharacters(t *testing.T) {
	doc, err := Parse("memo.md", []byte("# Kilimnik\x1b[31m memo\x07\n\nKilimnik met Manafort in Madrid, the memo says at length.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Kilimnik[31m memo" {
		t.Errorf("title %q, want the heading without its control characters", doc.Title)
	}
	doc, err = Parse("front.md", []byte("---\ntitle: Front\x1b matter\nauthor: Jane\x07 Roe\n---\n\nKilimnik met Manafort in Madrid, the memo says at length.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Front matter" || doc.Author != "Jane Roe" {
		t.Errorf("front matter: title %q, author %q", doc.Title, doc.Author)
	}
}
