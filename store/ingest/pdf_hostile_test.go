package ingest

// PDFs that cost far more than their size (a hostile pass, 2026-12-05c).

import (
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
