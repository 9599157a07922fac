package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// mdTable is a GFM table of rows × cols, with a heading and a sentence
// before it.
func mdTable(rows, cols int) string {
	var b strings.Builder
	b.WriteString("# Port calls\n\nThe table lists every call.\n\n|")
	for c := 0; c < cols; c++ {
		fmt.Fprintf(&b, " col%d |", c)
	}
	b.WriteString("\n|")
	for c := 0; c < cols; c++ {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for r := 0; r < rows; r++ {
		b.WriteString("|")
		for c := 0; c < cols; c++ {
			fmt.Fprintf(&b, " r%dc%d |", r, c)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// A regression test from a hostile pass (re-2026-12-05c), as it was found:
// a legitimate data table of 8,400 rows by 10 columns (under 1 MB, far
// below anything that costs much memory: some 40 MB in goldmark) counted
// as past maxMarkdownCells (100,000 cells in the whole file; tableCells
// also counts 12 cells a row for its 10, the pipes plus one), so since
// 91ab619 every table of the file is read "as written": each row's passage
// keeps its pipes ("| r7c0 | r7c1 | …"), where a table of 8,000 rows gives
// "r7c0 · r7c1 · …". Passage text, quotes and exports of a data file
// change with a few hundred rows more, and every other table of the file
// with them.
func TestAMarkdownDataTableOfAMillionBytesIsReadAsATable(t *testing.T) {
	row := func(rows int) string {
		doc, err := Parse("calls.md", []byte(mdTable(rows, 10)))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range doc.Passages {
			if s := doc.Text[p.Start:p.End]; strings.Contains(s, "r7c0") {
				return s
			}
		}
		t.Fatalf("no passage holds row 7 of %d", rows)
		return ""
	}
	small, large := row(8_000), row(8_400)
	if small != large || strings.Contains(large, "|") {
		t.Errorf("row 7 of a table of 8,000 rows reads %q, of 8,400 rows %q; want them the same, cell by cell",
			small[:min(60, len(small))], large[:min(60, len(large))])
	}
}
