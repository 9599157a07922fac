package ingest

// Regression tests from a hostile pass (re-2026-12-05c) on the passage cap
// (f4fcdcc): each comment says what went wrong before the fix.

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// An HTML page of 3,000,000 empty-looking paragraphs ("<p>x</p>", 24 MB,
// well under MaxFileSize) is refused as having more than 1,000,000
// paragraphs, but only after x/net/html built its whole tree and every
// passage was made: 2.2 GB resident for the 24 MB page, 5.9 GB and 30 s
// for a 56 MB one (dossier import, /usr/bin/time -v). The passage cap
// bounds text files only; an HTML page (or an EPUB chapter) is still read
// whole before it is counted.
func TestAnHTMLPageOfMillionsOfParagraphsIsRefusedWithinBoundedMemory(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<p>x</p>", 3_000_000) + "</body></html>"
	resetPeakRSS()
	before := peakRSS(t)
	doc, err := Parse("many.html", []byte(page))
	peak := peakRSS(t)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Reason, "more than 1,000,000 paragraphs") {
		n := 0
		if doc != nil {
			n = len(doc.Passages)
		}
		t.Errorf("a page of 3,000,000 paragraphs: %d passages, %v; want it refused as too many paragraphs", n, err)
	}
	if grew := (peak - before) >> 20; peak>>20 > 800 {
		t.Errorf("reading a 24 MB page peaked at %d MB resident (%d MB more than before it)", peak>>20, grew)
	}
}

// A 70 KB EPUB whose one chapter unpacks to 48 MB of "<p>x</p>" (six
// million paragraphs; under the 268 MB unpacked limit) is refused as
// having more than 1,000,000 paragraphs only after the chapter's whole
// HTML tree and every passage were built: 3.8 GB resident and 11 s for
// `dossier import many.epub` (/usr/bin/time -v). A .docx of the same
// (594 KB, six million <w:p>) peaks at 1.4 GB. The passage cap stops
// text files early; these still cost gigabytes for a file of kilobytes.
func TestATinyEPUBOfMillionsOfParagraphsIsRefusedWithinBoundedMemory(t *testing.T) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, body string, method uint16) {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	add("mimetype", "application/epub+zip", zip.Store)
	add("META-INF/container.xml", `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`, zip.Deflate)
	add("OEBPS/content.opf", `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title><dc:identifier id="id">x</dc:identifier><dc:language>en</dc:language></metadata><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>`, zip.Deflate)
	add("OEBPS/c1.xhtml", `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title></head><body>`+
		strings.Repeat("<p>x</p>", 6_000_000)+`</body></html>`, zip.Deflate)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	resetPeakRSS()
	before := peakRSS(t)
	doc, err := Parse("many.epub", data)
	peak := peakRSS(t)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Reason, "more than 1,000,000 paragraphs") {
		n := 0
		if doc != nil {
			n = len(doc.Passages)
		}
		t.Errorf("an EPUB of 6,000,000 paragraphs: %d passages, %v; want it refused as too many paragraphs", n, err)
	}
	if peak>>20 > 800 {
		t.Errorf("reading a %d KB EPUB peaked at %d MB resident (%d MB more than before it)", len(data)>>10, peak>>20, (peak-before)>>20)
	}
}

// A Word or OpenDocument file past the paragraph cap is refused as soon as
// the reader reaches the cap: the reader went on decoding the rest of the
// XML (some 11 s of CPU for six million Word paragraphs) before refusing
// it. Damaged XML after the cap shows it: the file was refused as
// damaged, for a part never needed. (TestAWordFileOfMillionsOfParagraphs…
// checks the same of a Word file.)
func TestAnOpenDocumentPastTheParagraphCapIsRefusedWithoutReadingOn(t *testing.T) {
	paras := strings.Repeat("<text:p>x</text:p>", MaxPassages+1)
	odt := makeZip(t,
		member{name: "mimetype", body: "application/vnd.oasis.opendocument.text", stored: true},
		member{name: "content.xml", body: `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="` + nsOffice + `" xmlns:text="` + nsText + `"><office:body><office:text>` + paras + `<text:p></text:span></office:text></office:body></office:document-content>`},
	)
	_, err := Parse("many.odt", odt)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Reason, "more than 1,000,000 paragraphs") {
		t.Errorf("%v; want it refused as too many paragraphs", err)
	}
}
