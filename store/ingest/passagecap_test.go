package ingest

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

// A text of one long line and then millions of one-letter lines is read
// as a paragraph per line: 8 MB of it took 1.4 GB to read into four
// million passages (a hostile pass), a 64 MB file would have taken
// gigabytes. Past MaxPassages the file is refused, said so, and reading it
// stops there.
func TestAFileOfMillionsOfLinesIsRefusedWithinBoundedMemory(t *testing.T) {
	text := strings.Repeat("word ", 2000) + "\n" + strings.Repeat("x\n", 4_000_000)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	doc, err := Parse("lines.txt", []byte(text))
	runtime.ReadMemStats(&after)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Reason, "more than 1,000,000 paragraphs") {
		n := 0
		if doc != nil {
			n = len(doc.Passages)
		}
		t.Fatalf("a file of 4,000,001 lines: %d passages, %v; want it refused as too many paragraphs", n, err)
	}
	if got := (after.TotalAlloc - before.TotalAlloc) >> 20; got > 500 {
		t.Errorf("reading it allocated %d MB", got)
	}
}

// The same for a Word file: 594 KB of millions of one-letter paragraphs
// took 1.4 GB (a hostile pass). Its blocks stop at MaxPassages and it is
// refused.
func TestAWordFileOfMillionsOfParagraphsIsRefusedWithinBoundedMemory(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` +
		strings.Repeat(`<w:p><w:r><w:t>x</w:t></w:r></w:p>`, 3_000_000) +
		`<w:p><w:r></w:t></w:body></w:document>` // damaged past the cap: see TestAnOpenDocumentPastTheParagraphCapIsRefusedWithoutReadingOn
	data := makeZip(t,
		member{name: "[Content_Types].xml", body: `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		member{name: "word/document.xml", body: body})
	body = ""
	resetPeakRSS()
	before := peakRSS(t)
	_, err := Parse("many.docx", data)
	peak := peakRSS(t)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Reason, "more than 1,000,000 paragraphs") {
		t.Fatalf("a Word file of 3,000,000 paragraphs: %v; want it refused as too many paragraphs", err)
	}
	if grew := (peak - before) >> 20; grew > 450 {
		t.Errorf("reading it took the peak resident memory from %d MB to %d MB", before>>20, peak>>20)
	}
}
