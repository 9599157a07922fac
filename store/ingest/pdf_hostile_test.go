package ingest

// PDFs that cost far more than their size (a hostile pass, 2026-12-05c).

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium"
)

// A PDF whose pages each hold one line at the same place, none ending a
// sentence, reads as one paragraph running across every page. joinLine
// converted the whole paragraph so far to runes for every line it added:
// a 1.8 MB file of 300,000 such pages (one page object listed 300,000
// times) kept dossier import busy for over 5 minutes at 2.7 GB, past the
// 2-minute limit, which covers PDFium alone (layoutPDF runs after it).
// Here the page PDFium read once is laid out 100,000 times (what those
// 300,000 pages give layoutPDF, a third of it): it takes a second or two.
func TestPDFOneParagraphAcrossManyPagesIsLinear(t *testing.T) {
	const line = "and so the same words go on across the page"
	data := makePDF([][]pdfText{{{x: 72, y: 700, size: 10, s: line}}}, "", "")
	var one []pdfPage
	if err := withPDFium(func(p pdfium.Pdfium) error {
		var err error
		one, _, _, err = readPDF(p, data, func(int, int) {})
		return err
	}); err != nil || len(one) != 1 {
		t.Fatalf("the one-page PDF: %d pages, %v", len(one), err)
	}
	const n = 100000
	pages := make([]pdfPage, n)
	for i := range pages {
		pages[i] = one[0]
		pages[i].lines = nil
		for _, l := range one[0].lines {
			c := *l
			pages[i].lines = append(pages[i].lines, &c)
		}
	}
	start := time.Now()
	done := make(chan *Document, 1)
	go func() { done <- layoutPDF(pages) }()
	select {
	case doc := <-done:
		if took := time.Since(start); took > 20*time.Second {
			t.Errorf("laying out %d pages of one line each took %s (%d passages)", n, took.Round(time.Second), len(doc.Passages))
		}
		// One paragraph, its lines joined by a space, cut into passages.
		if want := strings.TrimSuffix(strings.Repeat(line+" ", n), " "); strings.Join(strings.Fields(doc.Text), " ") != want {
			t.Errorf("the text is not the line %d times (%d bytes, want %d)", n, len(doc.Text), len(want))
		}
		for _, p := range doc.Passages {
			if p.End-p.Start > MaxPassageLen {
				t.Fatalf("a passage of %d bytes", p.End-p.Start)
			}
		}
	case <-time.After(60 * time.Second):
		t.Errorf("laying out %d pages of one line each had not ended after a minute", n)
	}
}

// joinLine joins a word hyphenated at a line's end, whatever the hyphen
// (a soft hyphen and U+2010 are more than one byte) and whatever the
// letters before it, and otherwise puts a space between the lines.
func TestPDFJoinLine(t *testing.T) {
	for _, c := range []struct{ text, line, want string }{
		{"", "first line", "first line"},
		{"investiga-", "tion", "investigation"},
		{"investiga\u00ad", "tion", "investigation"},
		{"Ü\u2010", "ber", "Über"},
		{"ñ\u00ad", "ñu", "ññu"},
		{"investiga-", "Tion", "investiga- Tion"}, // a capital: a name, kept
		{"1990-", "tion", "1990- tion"},           // no letter before the hyphen
		{"-", "tion", "- tion"},                   // the hyphen alone
		{"a word", "and more", "a word and more"},
	} {
		if got := string(joinLine([]byte(c.text), c.line)); got != c.want {
			t.Errorf("joinLine(%q, %q) = %q, want %q", c.text, c.line, got, c.want)
		}
	}
}

// flateBombPDF is a one-page PDF whose content stream inflates to mb
// megabytes of text operators (one line of a megabyte of A's, mb times),
// compressed to about a thousandth of that.
func flateBombPDF(mb int) []byte {
	raw := []byte("BT /F1 12 Tf 72 712 Td (" + strings.Repeat("A", 1<<20) + ") Tj ET\n")
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	for i := 0; i < mb; i++ {
		w.Write(raw)
	}
	w.Close()
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
	obj(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String()))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// peakRSS is the process's peak resident memory, in bytes (Linux).
// resetPeakRSS lowers the process's peak resident memory to what it holds
// now (Linux 4.0 and later; elsewhere it stays), so that a test's peak is
// its own, not an earlier test's in the same process.
func resetPeakRSS() {
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0o200)
}

func peakRSS(t *testing.T) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(l, "VmHWM:"), "kB")), 10, 64)
			return kb << 10
		}
	}
	t.Skip("no VmHWM")
	return 0
}

// An 830 KB PDF whose one content stream inflates to 800 MB of text
// operators (a flate bomb) was imported as 22 passages after 53 s with a
// peak of 5.6 GB resident, where .docx, .odt and EPUB refuse what unpacks
// past 268 MB ("a zip bomb?"). PDFium's memory is now bounded
// (pdfMemoryLimit): the file is refused, naming it, in about a second.
func TestPDFFlateBombIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 800 MB")
	}
	data := flateBombPDF(800)
	resetPeakRSS()
	before := peakRSS(t)
	start := time.Now()
	doc, err := Parse("flatebomb.pdf", data)
	after := peakRSS(t)
	t.Logf("%d-byte PDF: %v after %s, peak resident %d MB (before %d MB)", len(data), err, time.Since(start).Round(time.Millisecond), after>>20, before>>20)
	if doc != nil {
		t.Errorf("a flate bomb was imported: %d passages", len(doc.Passages))
	}
	wantError(t, err, "flatebomb.pdf", "needs more memory to read than Dossier allows (500 MB), probably a compression bomb; nothing was imported")
	if after-before > 800<<20 {
		t.Errorf("a %d KB PDF took the peak resident memory from %d MB to %d MB", len(data)>>10, before>>20, after>>20)
	}
}

// The same with a small bomb against a lowered limit (fast, so it runs
// under -short): the file is refused, and the next one reads normally in
// a fresh instance.
func TestPDFMemoryLimit(t *testing.T) {
	if _, err := pdfPool(); err != nil {
		t.Fatal(err)
	}
	old := pdfMemoryLimit
	pdfMemoryLimit = 64 << 20
	defer func() { pdfMemoryLimit = old }()
	_, err := Parse("bomb.pdf", flateBombPDF(100))
	wantError(t, err, "bomb.pdf", "needs more memory to read than Dossier allows (67 MB), probably a compression bomb")
	if _, err := Parse("report.pdf", readFixture(t, "report.pdf")); err != nil {
		t.Fatalf("after a file past the limit: %v", err)
	}
}

// Legitimate PDFs need a small share of the limit: a 300-page report (the
// same holds for 3,000 pages, 19 MB) and the fixture.
func TestPDFMemoryLimitLeavesRoom(t *testing.T) {
	for name, data := range map[string][]byte{"book.pdf": bookPDF(300), "report.pdf": readFixture(t, "report.pdf")} {
		if _, err := Parse(name, data); err != nil {
			t.Fatal(err)
		}
		peak := pdfLastPeak.Load()
		t.Logf("%s: PDFium's memory reached %d MB", name, peak>>20)
		if peak == 0 || peak > pdfMemoryLimit/10 {
			t.Errorf("%s: PDFium's memory reached %d MB, the limit is %d MB", name, peak>>20, pdfMemoryLimit>>20)
		}
	}
}

// The characters read from a PDF's pages are bounded as other formats'
// text is (MaxFileSize): one page object listed on 300,000 pages is read
// anew for each.
func TestPDFTextBounded(t *testing.T) {
	old := pdfTextBudget
	pdfTextBudget = 5000
	defer func() { pdfTextBudget = old }()
	_, err := Parse("long.pdf", bookPDF(10))
	wantError(t, err, "long.pdf", "of text, more than Dossier imports from one file")
	pdfTextBudget = old
	if _, err := Parse("long.pdf", bookPDF(10)); err != nil {
		t.Fatal(err)
	}
}
