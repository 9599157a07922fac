package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// Import throughput of the structured readers on synthetic documents of
// about 1 MiB: MB/s from SetBytes, passages/s reported.

func benchReader(b *testing.B, name string, parse func(string, []byte) (*Document, error), data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	passages := 0
	for b.Loop() {
		doc, err := parse(name, data)
		if err != nil {
			b.Fatal(err)
		}
		passages += len(doc.Passages)
	}
	b.ReportMetric(float64(passages)/b.Elapsed().Seconds(), "passages/s")
}

const benchPara = "The committee heard that inspections at the northern port fell by a third in 2023, while queues at the gates shortened and seizures dropped."

func BenchmarkParseHTML(b *testing.B) {
	var s strings.Builder
	s.WriteString("<!DOCTYPE html><html><head><title>Report</title></head><body><nav><a href=/>Home</a></nav><article>")
	for i := 0; s.Len() < 1<<20; i++ {
		fmt.Fprintf(&s, "<h2>Section %d</h2><p>%s <a href=\"/x\">link</a> <em>%d</em></p>\n<ul><li>%s</li></ul>\n", i, benchPara, i, benchPara[:60])
	}
	s.WriteString("</article><footer>Footer</footer></body></html>")
	benchReader(b, "b.html", parseHTML, []byte(s.String()))
}

func BenchmarkParseDOCX(b *testing.B) {
	var s strings.Builder
	s.WriteString(`<w:document ` + wNS + `><w:body>`)
	for i := 0; s.Len() < 1<<20; i++ {
		fmt.Fprintf(&s, `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Section %d</w:t></w:r></w:p><w:p><w:r><w:t>%s</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> %d</w:t></w:r></w:p>`, i, benchPara, i)
	}
	s.WriteString(`</w:body></w:document>`)
	benchReader(b, "b.docx", parseDOCX, makeZip(b, member{name: "word/document.xml", body: s.String()}, member{name: "word/styles.xml", body: docxStyles}))
}

func BenchmarkParseEPUB(b *testing.B) {
	var ch strings.Builder
	ch.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head><body>`)
	for i := 0; ch.Len() < 1<<19; i++ {
		fmt.Fprintf(&ch, "<h2>Section %d</h2><p>%s&nbsp;%d</p>\n", i, benchPara, i)
	}
	ch.WriteString("</body></html>")
	data := makeZip(b,
		member{name: "mimetype", body: "application/epub+zip", stored: true},
		member{name: "META-INF/container.xml", body: `<container><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>`},
		member{name: "OEBPS/content.opf", body: epubOPF},
		member{name: "OEBPS/text/ch1.xhtml", body: ch.String()},
		member{name: "OEBPS/text/chapter 2.xhtml", body: ch.String()})
	benchReader(b, "b.epub", parseEPUB, data)
}
