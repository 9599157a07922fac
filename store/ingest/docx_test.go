package ingest

import (
	"fmt"
	"strings"
	"testing"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// docxBody is a Word document with a Title, headings (one through a
// localised style id that only styles.xml names), runs split mid-word,
// a tab, a list, a table, a tracked deletion, a field code and a text box
// whose fallback copy must not be read twice.
const docxBody = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + wNS + `><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Port Security Review</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:hyperlink w:anchor="_Toc1"><w:r><w:t>Summary</w:t></w:r><w:r><w:tab/><w:t>1</w:t></w:r></w:hyperlink></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Summary</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Inspections fell by a </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>th</w:t></w:r><w:r><w:t>ird</w:t></w:r><w:del w:id="1"><w:r><w:delText>deleted words</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> in 2023</w:t></w:r><w:r><w:tab/><w:t>&amp; queues   shortened.</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Hidden note. </w:t></w:r><w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>Shown. </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE \* MERGEFORMAT</w:instrText></w:r><w:r><w:t>Field result stays.</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r><w:r><w:footnoteReference w:id="9"/></w:r></w:p>
<w:p><w:r><w:t>Quoted</w:t></w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="3"/><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> and cited again</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="berschrift2"/></w:pPr><w:r><w:t>Findings</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Fewer seizures</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Shorter queues</w:t></w:r></w:p>
<w:p/>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Seizures</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>2022</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1,204</w:t></w:r></w:p><w:p><w:r><w:t>(revised)</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed quote.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed quote.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Text around the box.</w:t></w:r></w:p>
<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Outline heading</w:t></w:r></w:p>
</w:body></w:document>`

const docxStyles = `<?xml version="1.0" encoding="UTF-8"?>
<w:styles ` + wNS + `>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style>
</w:styles>`

const docxCore = `<?xml version="1.0" encoding="UTF-8"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
<dc:title>Port   Security
Review 2024</dc:title><dc:creator>A. Analyst</dc:creator><dcterms:created>2024-01-02T00:00:00Z</dcterms:created>
</cp:coreProperties>`

var docxPassages = []string{
	"# Summary",
	"Inspections fell by a third in 2023 & queues shortened.",
	"Shown. Field result stays.[1]",
	"Quoted* and cited again[1]",
	"# Findings",
	"• Fewer seizures",
	"• Shorter queues",
	"Year | Seizures",
	"2022 | 1,204 (revised)",
	"Boxed quote.",
	"Text around the box.",
	"# Outline heading",
	"[1] See annex A. It has the tables.",
	"[2] The author's own mark.",
}

const docxFootnotes = `<?xml version="1.0" encoding="UTF-8"?>
<w:footnotes ` + wNS + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>rule</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See annex A.</w:t></w:r></w:p><w:p><w:r><w:t>It has the tables.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="3"><w:p><w:r><w:t>The author's own mark.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="4"><w:p><w:r><w:t>Never cited.</w:t></w:r></w:p></w:footnote>
</w:footnotes>`

func docxFixture(t testing.TB, core bool) []byte {
	ms := []member{
		{name: "[Content_Types].xml", body: `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{name: "word/document.xml", body: docxBody},
		{name: "word/styles.xml", body: docxStyles},
		{name: "word/footnotes.xml", body: docxFootnotes},
	}
	if core {
		ms = append(ms, member{name: "docProps/core.xml", body: docxCore})
	}
	return makeZip(t, ms...)
}

func TestDOCX(t *testing.T) {
	doc, err := parseDOCX("review.docx", docxFixture(t, true))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	wantPassages(t, doc, docxPassages)
	if doc.Format != "docx" || doc.Title != "Port Security Review 2024" || doc.Author != "A. Analyst" {
		t.Fatalf("metadata %+v", doc)
	}
	// The Title paragraph stays in the text, as Markdown's title does.
	if !strings.HasPrefix(doc.Text, "Port Security Review\n\nSummary\n\n") {
		t.Fatalf("text starts %q", doc.Text[:40])
	}
	var notes []int
	for _, p := range doc.Passages {
		notes = append(notes, p.Footnote)
	}
	if fmt.Sprint(notes) != "[0 0 0 0 0 0 0 0 0 0 0 0 1 2]" {
		t.Errorf("footnote numbers %v", notes)
	}
	for _, gone := range []string{"deleted words", "MERGEFORMAT", "Hidden note", "rule", "Never cited"} {
		if strings.Contains(doc.Text, gone) {
			t.Errorf("%q read as text", gone)
		}
	}
	if strings.Count(doc.Text, "Boxed quote.") != 1 {
		t.Errorf("the text box is read %d times", strings.Count(doc.Text, "Boxed quote."))
	}
}

func TestDOCXTitleFromTitleStyle(t *testing.T) {
	doc, err := parseDOCX("review.docx", docxFixture(t, false))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Port Security Review" || doc.Author != "" {
		t.Fatalf("title %q author %q", doc.Title, doc.Author)
	}
}

func TestDOCXErrors(t *testing.T) {
	good := docxFixture(t, true)
	_, err := parseDOCX("cut.docx", good[:len(good)/2])
	wantError(t, err, "cut.docx", "is not a valid Word document: the zip container is damaged")
	_, err = parseDOCX("none.docx", makeZip(t, member{name: "word/styles.xml", body: docxStyles}))
	wantError(t, err, "none.docx", "is not a valid Word document: word/document.xml is missing")
	_, err = parseDOCX("bad.docx", makeZip(t, member{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>x</w:body>`}))
	wantError(t, err, "bad.docx", "word/document.xml is damaged")
	_, err = parseDOCX("empty.docx", makeZip(t, member{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body><w:p/></w:body></w:document>`}))
	wantError(t, err, "empty.docx", "has no readable text")
	_, err = parseDOCX("notzip.docx", []byte("plain text, not a zip"))
	wantError(t, err, "notzip.docx", "is not a valid Word document")
}

// A zip that unpacks past the budget is refused, not read into memory.
func TestZipBomb(t *testing.T) {
	defer func(old int64) { zipBudget = old }(zipBudget)
	zipBudget = 1 << 20
	bomb := makeZip(t, member{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>` + strings.Repeat("a", 2<<20) + `</w:t></w:r></w:p></w:body></w:document>`})
	if len(bomb) > 64<<10 {
		t.Fatalf("fixture is %d bytes: not a bomb", len(bomb))
	}
	_, err := parseDOCX("bomb.docx", bomb)
	wantError(t, err, "bomb.docx", "unpacks to more than 1.0 MB")

	var many []member
	for i := 0; i <= maxZipEntries; i++ {
		many = append(many, member{name: fmt.Sprintf("f%d", i), stored: true})
	}
	_, err = parseEPUB("many.epub", makeZip(t, many...))
	wantError(t, err, "many.epub", fmt.Sprintf("holds %d entries", maxZipEntries+1))
}

const odtContent = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">
<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/></office:automatic-styles>
<office:body><office:text>
<text:sequence-decls><text:sequence-decl text:name="Figure"/></text:sequence-decls>
<text:p text:style-name="P1">Harbour Notes</text:p>
<text:h text:outline-level="1">First section</text:h>
<text:p>Ships<text:hidden-text text:string-value="secret" text:is-hidden="true"/><text:s text:c="3"/>waited<text:tab/>two days.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note></text:p>
<text:list><text:list-item><text:p>One item</text:p></text:list-item><text:list-item><text:p>Two item</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>A</text:p></table:table-cell><table:table-cell><text:p>B</text:p></table:table-cell></table:table-row></table:table>
<text:tracked-changes><text:changed-region><text:deletion><text:p>Removed text.</text:p></text:deletion></text:changed-region></text:tracked-changes>
</office:text></office:body></office:document-content>`

func TestODT(t *testing.T) {
	data := makeZip(t,
		member{name: "mimetype", body: "application/vnd.oasis.opendocument.text", stored: true},
		member{name: "content.xml", body: odtContent},
		member{name: "meta.xml", body: `<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:initial-creator>B. Writer</meta:initial-creator></office:meta></office:document-meta>`})
	doc, err := parseODT("notes.odt", data)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	wantPassages(t, doc, []string{"# First section", "Ships waited two days.", "• One item", "• Two item", "A | B"})
	if doc.Format != "odt" || doc.Title != "Harbour Notes" || doc.Author != "B. Writer" {
		t.Fatalf("metadata %+v", doc)
	}
	if sniffFormat(data) != FormatODT {
		t.Fatalf("sniffed %q", sniffFormat(data))
	}
	_, err = parseODT("x.odt", makeZip(t, member{name: "mimetype", body: "application/vnd.oasis.opendocument.text"}))
	wantError(t, err, "x.odt", "is not a valid OpenDocument text: content.xml is missing")
}
