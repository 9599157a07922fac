package ingest

import (
	"bytes"
	"fmt"
	"strings"
)

// pdfText is one line of text placed on a test page (Helvetica, or Courier
// if mono; points from the bottom left).
type pdfText struct {
	x, y, size float64
	s          string
	mono       bool
}

// makePDF writes a minimal, valid PDF of A4 pages, each holding the given
// lines; a page with no lines draws a filled rectangle instead (an image-only
// page, as a scan would be). Info dictionary entries are optional.
func makePDF(pages [][]pdfText, title, author string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	// 1: catalog, 2: pages, 3: fonts, 4: info, then a page and its content each.
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj("<< /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> /F2 << /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >> >>")
	obj(fmt.Sprintf("<< /Title (%s) /Author (%s) >>", title, author))
	for i, lines := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font 3 0 R >> /Contents %d 0 R >>", 6+2*i))
		var c strings.Builder
		if len(lines) == 0 {
			c.WriteString("0.5 g 72 72 451 698 re f\n")
		}
		for _, l := range lines {
			esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l.s)
			font := "F1"
			if l.mono {
				font = "F2"
			}
			fmt.Fprintf(&c, "BT /%s %g Tf %g %g Td (%s) Tj ET\n", font, l.size, l.x, l.y, esc)
		}
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// bookPDF is a single-column report of n pages: a running header, a page
// number, and five paragraphs of four lines (bookLines) on each page, for
// the benchmark and the page tests. Lines are set in Courier, wrapped at
// 80 characters, so that each is as full as the next word allows.
func bookPDF(n int) []byte {
	pages := make([][]pdfText, n)
	for i := range pages {
		lines := []pdfText{{x: 72, y: 800, size: 9, s: "Annual Review of Port Inspections"}, {x: 290, y: 40, size: 9, s: fmt.Sprint(i + 1)}}
		y := 760.0
		for p := 0; p < 5; p++ {
			for k, l := range bookLines(i, p) {
				x := 72.0
				if k == 0 {
					x = 96 // first-line indent
				}
				lines = append(lines, pdfText{x: x, y: y, size: 10, s: l, mono: true})
				y -= 12
			}
			y -= 12
		}
		pages[i] = lines
	}
	return makePDF(pages, "Annual Review", "Port Authority")
}

// bookLines are the lines of paragraph p on page i: each ends with a word
// of its own (letters for the numbers), as body lines do not repeat at the
// same height on every page, as running headers do.
func bookLines(i, p int) []string {
	words := strings.Fields(strings.Repeat(benchPara+" ", 3))
	var out []string
	for k := 0; k < 4; k++ {
		tag := strings.Map(func(r rune) rune { return 'a' + r - '0' }, fmt.Sprint(i*100+p*10+k))
		width := 80 - len(tag) - 1
		if k == 0 {
			width -= 4 // the indent
		}
		line := words[0]
		words = words[1:]
		for len(line)+1+len(words[0]) <= width {
			line += " " + words[0]
			words = words[1:]
		}
		out = append(out, line+" "+tag)
	}
	return out
}
