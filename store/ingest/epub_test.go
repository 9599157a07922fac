package ingest

import (
	"fmt"
	"strings"
	"testing"
)

const epubOPF = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:1</dc:identifier>
<dc:title>The Harbour   Book</dc:title>
<dc:creator>C. Author</dc:creator>
<dc:date>2021-06-01</dc:date>
<dc:publisher>Quay Press</dc:publisher>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="c2" href="text/chapter%202.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
<item id="cover" href="cover.jpg" media-type="image/jpeg"/>
</manifest>
<spine><itemref idref="nav"/><itemref idref="c1"/><itemref idref="cover"/><itemref idref="c2"/><itemref idref="gone"/></spine>
</package>`

// Chapter one is XHTML that the HTML parser would misread: a self-closed
// <title/> would swallow the chapter as the title's text.
const epubCh1 = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title/><link rel="stylesheet" href="../style.css"/><script type="text/javascript" src="x.js"/></head>
<body>
<h1>Chapter One</h1>
<p>The tide came&nbsp;in at   dawn.<a id="n1"/> Nobody watched.</p>
<aside epub:type="footnote" id="fn1" hidden="hidden"><p>1. A note in an aside.</p><p>Its second paragraph.</p></aside>
<aside class="pull">A sidebar, not a note.</aside>
<svg xmlns="http://www.w3.org/2000/svg"><text>drawn label</text></svg>
<p>Second &amp; last paragraph.</p>
</body></html>`

const epubCh2 = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Two</title></head>
<body><section><h2>Chapter Two</h2><ul><li>Nets</li><li>Ropes</li></ul><p>It ended.<br/><br/>Then the rain.</p></section><section epub:type="endnotes"><ol><li epub:type="endnote">An endnote.</li></ol></section></body></html>`

func epubFixture(t testing.TB) []byte {
	return makeZip(t,
		member{name: "mimetype", body: "application/epub+zip", stored: true},
		member{name: "META-INF/container.xml", body: `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`},
		member{name: "OEBPS/content.opf", body: epubOPF},
		member{name: "OEBPS/nav.xhtml", body: `<html xmlns="http://www.w3.org/1999/xhtml"><body><nav><ol><li>Contents entry</li></ol></nav></body></html>`},
		member{name: "OEBPS/text/ch1.xhtml", body: epubCh1},
		member{name: "OEBPS/text/chapter 2.xhtml", body: epubCh2},
	)
}

func TestEPUB(t *testing.T) {
	data := epubFixture(t)
	doc, err := parseEPUB("book.epub", data)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	wantPassages(t, doc, []string{
		"# Chapter One",
		"The tide came in at dawn. Nobody watched.",
		"1. A note in an aside.",
		"Its second paragraph.",
		"Second & last paragraph.",
		"# Chapter Two",
		"• Nets",
		"• Ropes",
		"It ended.",
		"Then the rain.",
		"An endnote.",
	})
	var notes []int
	for _, p := range doc.Passages {
		notes = append(notes, p.Footnote)
	}
	if fmt.Sprint(notes) != "[0 0 1 1 0 0 0 0 0 0 2]" {
		t.Errorf("footnote numbers %v", notes)
	}
	if doc.Format != "epub" || doc.Title != "The Harbour Book" || doc.Author != "C. Author" || doc.Published != "2021-06-01" || doc.Source != "Quay Press" {
		t.Fatalf("metadata %+v", doc)
	}
	for _, gone := range []string{"Contents entry", "A sidebar", "drawn label", "\n\nTwo\n"} {
		if strings.Contains(doc.Text, gone) {
			t.Errorf("%q read as text", gone)
		}
	}
	if sniffFormat(data) != FormatEPUB {
		t.Fatalf("sniffed %q", sniffFormat(data))
	}
}

func TestEPUBErrors(t *testing.T) {
	_, err := parseEPUB("a.epub", makeZip(t, member{name: "mimetype", body: "application/epub+zip", stored: true}))
	wantError(t, err, "a.epub", "is not a valid EPUB book: META-INF/container.xml is missing")
	_, err = parseEPUB("b.epub", makeZip(t, member{name: "META-INF/container.xml", body: `<container><rootfiles/></container>`}))
	wantError(t, err, "b.epub", "names no package document")
	_, err = parseEPUB("c.epub", makeZip(t,
		member{name: "META-INF/container.xml", body: `<container><rootfiles><rootfile full-path="p.opf"/></rootfiles></container>`},
		member{name: "p.opf", body: `<package xmlns="http://www.idpf.org/2007/opf"><manifest/><spine/></package>`}))
	wantError(t, err, "c.epub", "p.opf is damaged (its spine lists no chapters)")
	data := epubFixture(t)
	_, err = parseEPUB("d.epub", data[:len(data)-30])
	wantError(t, err, "d.epub", "the zip container is damaged")
}
