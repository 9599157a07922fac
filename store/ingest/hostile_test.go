package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

// Hostile files found by trying the real binary: each fails alone with a
// reason naming the file once, or imports with exact passages.

// A reader's *Error already names the file; Parse must not name it again
// ("a.epub: a.epub: is not a valid EPUB book").
func TestParseErrorNamesFileOnce(t *testing.T) {
	for name, data := range map[string][]byte{
		"fake.docx": []byte("This is a text file named .docx.\n"),
		"cut.epub":  append([]byte("PK\x03\x04"), make([]byte, 40)...),
		"bomb.docx": makeZip(t, member{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body/></w:document>`}),
	} {
		_, err := Parse(name, data)
		var e *Error
		if !errors.As(err, &e) || e.File != name || strings.Contains(e.Reason, name) {
			t.Errorf("%s: %v: want the file named once", name, err)
		}
		if strings.Count(err.Error(), name) != 1 {
			t.Errorf("%s: %q names the file more than once", name, err.Error())
		}
	}
}

// x/net/html before v0.45 built `text</div>` repeated with quadratic work
// (a 4 MB page took ~90 s) and nested divs without limit (a 30 MB page
// never finished). Both now read: the first as text, the second refused.
func TestHTMLQuadraticMarkup(t *testing.T) {
	stray := "<html><body><p>" + strings.Repeat("text</div>", 200000) + "</p></body></html>"
	doc, err := parseHTML("stray.html", []byte(stray))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	if !strings.HasPrefix(doc.Text, "texttext") {
		t.Fatalf("text %.40q", doc.Text)
	}

	deep := "<html><body>" + strings.Repeat("<div>", 100000) + "x" + strings.Repeat("</div>", 100000) + "</body></html>"
	_, err = Parse("deep.html", []byte(deep))
	wantError(t, err, "deep.html", "is not a readable web page: its elements nest more than 512 deep")

	// Unclosed inline elements stack the same way.
	_, err = Parse("bold.html", []byte("<html><body>"+strings.Repeat("<b>x", 50000)))
	wantError(t, err, "bold.html", "nest more than 512 deep")
}

// Word XML nesting without end made every token scan the open elements:
// 2 million nested paragraphs ran for minutes. It is refused as read.
func TestDOCXDeepNesting(t *testing.T) {
	n := 200000
	if testing.Short() {
		n = 20000
	}
	body := `<w:document ` + wNS + `><w:body>` + strings.Repeat("<w:p>", n) + `<w:r><w:t>deep</w:t></w:r>` + strings.Repeat("</w:p>", n) + `</w:body></w:document>`
	_, err := Parse("deep.docx", makeZip(t, member{name: "word/document.xml", body: body}))
	wantError(t, err, "deep.docx", fmt.Sprintf("nest more than %d deep", 1024))

	// A real nesting (a table in a table cell) still reads.
	nested := `<w:document ` + wNS + `><w:body><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>outer</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`
	doc, err := Parse("tables.docx", makeZip(t, member{name: "word/document.xml", body: nested}))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	wantPassages(t, doc, []string{"inner | outer"})
}

// A chapter nesting without end is refused while it is read (not built
// into a tree of millions of nodes first), and a chapter that neither XML
// nor the HTML parser accepts fails the book instead of being cut short.
func TestEPUBHostileChapters(t *testing.T) {
	book := func(chapter string) []byte {
		return makeZip(t,
			member{name: "mimetype", body: "application/epub+zip", stored: true},
			member{name: "META-INF/container.xml", body: `<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="c.opf"/></rootfiles></container>`},
			member{name: "c.opf", body: `<package xmlns="http://www.idpf.org/2007/opf"><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>`},
			member{name: "a.xhtml", body: chapter})
	}
	deep := `<html xmlns="http://www.w3.org/1999/xhtml"><body>` + strings.Repeat("<div>", 100000) + "x" + strings.Repeat("</div>", 100000) + `</body></html>`
	_, err := Parse("deep.epub", book(deep))
	wantError(t, err, "deep.epub", "a.xhtml is damaged (its elements nest more than 512 deep)")

	// Valid XML up to a broken tag, then nesting the HTML parser refuses:
	// before, the XML read so far was kept as the whole chapter.
	broken := `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>First part.</p>` + strings.Repeat("<b>", 600) + "<p <<" + `</body></html>`
	_, err = Parse("broken.epub", book(broken))
	wantError(t, err, "broken.epub", "a.xhtml is damaged")
}

// A spine listing one chapter 10,000 times (by 10,000 manifest ids) read
// it 10,000 times: one book became 10,000 copies of a chapter.
func TestEPUBRepeatedSpine(t *testing.T) {
	var items, refs strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&items, `<item id="c%d" href="c.xhtml" media-type="application/xhtml+xml"/>`, i)
		fmt.Fprintf(&refs, `<itemref idref="c%d"/>`, i)
	}
	data := makeZip(t,
		member{name: "mimetype", body: "application/epub+zip", stored: true},
		member{name: "META-INF/container.xml", body: `<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/c.opf"/></rootfiles></container>`},
		member{name: "OEBPS/c.opf", body: `<package xmlns="http://www.idpf.org/2007/opf"><manifest>` + items.String() + `<item id="t" href="../../../etc/passwd" media-type="application/xhtml+xml"/><item id="u" href="/etc/passwd" media-type="application/xhtml+xml"/></manifest><spine>` + refs.String() + `<itemref idref="t"/><itemref idref="u"/></spine></package>`},
		member{name: "OEBPS/c.xhtml", body: `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Chapter text.</p></body></html>`})
	doc, err := Parse("spine.epub", data)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	// The traversal hrefs name no member (nothing outside the zip is read).
	wantPassages(t, doc, []string{"Chapter text."})
}

// A member declaring more than the budget is refused before it is
// inflated: the read of a 600 MB bomb took 600 MB of memory to say no.
func TestZipBombRefusedUnread(t *testing.T) {
	defer func(old int64) { zipBudget = old }(zipBudget)
	zipBudget = 8 << 20
	bomb := makeZip(t, member{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>` + strings.Repeat(" ", 16<<20) + `</w:t></w:r></w:p></w:body></w:document>`})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Parse("bomb.docx", bomb)
	runtime.ReadMemStats(&after)
	wantError(t, err, "bomb.docx", "unpacks to more than 8.4 MB")
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
		t.Fatalf("refusing the bomb allocated %d bytes", grew)
	}
}

// A <title> (or Word title, or EPUB dc:title) of megabytes was stored as
// the title: one line of megabytes in every list, summary and citation.
// Metadata is cut to MaxMetaLen characters, as renaming allows.
func TestMetadataBounded(t *testing.T) {
	page := "<html><head><title>" + strings.Repeat("Tü ", 1<<20) + "</title><meta name=author content=\"" + strings.Repeat("A", 1<<20) +
		"\"><link rel=canonical href=\"https://example.org/" + strings.Repeat("x", 5000) + "\"></head><body><p>Body text.</p></body></html>"
	doc, err := Parse("long.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	for what, v := range map[string]string{"title": doc.Title, "author": doc.Author} {
		if n := utf8.RuneCountInString(v); n > MaxMetaLen || n < MaxMetaLen/2 || !strings.HasSuffix(v, "…") {
			t.Errorf("%s: %d characters, %.20q…", what, n, v)
		}
	}
	if !strings.HasPrefix(doc.Title, "Tü Tü") || doc.URL != "" {
		t.Errorf("title %.20q, url %.30q", doc.Title, doc.URL)
	}
	docx := makeZip(t, member{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>Body</w:t></w:r></w:p></w:body></w:document>`},
		member{name: "docProps/core.xml", body: `<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + strings.Repeat("word ", 1<<18) + `</dc:title></cp:coreProperties>`})
	doc, err = Parse("long.docx", docx)
	if err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(doc.Title); n > MaxMetaLen || !strings.HasSuffix(doc.Title, "word…") {
		t.Errorf("docx title: %d characters, ends %q", n, doc.Title[max(0, len(doc.Title)-20):])
	}
}

// A page declaring ISO-2022-KR decodes (per the WHATWG) to one U+FFFD: it
// was refused as "built by scripts". The reason now names the charset.
func TestHTMLReplacementCharset(t *testing.T) {
	_, err := Parse("kr.html", []byte(`<html><head><meta charset="iso-2022-kr"></head><body><p>Plain words.</p></body></html>`))
	wantError(t, err, "kr.html", "is not a readable web page: its declared character set (ISO-2022-KR")
}

// A reader that panics (a third-party parser meeting a file nobody
// foresaw) took the whole process down: the file now fails alone.
func TestReaderPanicFailsTheFileAlone(t *testing.T) {
	defer func(old []Format) { formats = old }(formats)
	formats = append([]Format{{Name: "trap", Exts: []string{".trap"},
		Sniff: func(head []byte) bool { return strings.HasPrefix(string(head), "TRAP") },
		Read:  func(string, []byte) (*Document, error) { panic("index out of range [3] with length 3") }}}, formats...)
	_, err := Parse("x.trap", []byte("TRAP file"))
	wantError(t, err, "x.trap", "could not be read as trap: Dossier's reader failed on it (index out of range [3] with length 3)")
	if doc, err := Parse("ok.txt", []byte("Still reads.\n")); err != nil || len(doc.Passages) != 1 {
		t.Fatalf("%v %v", doc, err)
	}
}

// UTF-8 text with one bad byte (cut short inside a character, or two
// files joined) was read as Windows-1252 whole: every "é" became "Ã©",
// reported as a successful import. It is refused, saying where; real
// Windows-1252 text still reads.
func TestDamagedUTF8NotMojibake(t *testing.T) {
	mixed := "caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 \xe2\x80\x94 end \xff\n"
	_, err := Parse("mixed.txt", []byte(mixed))
	wantError(t, err, "mixed.txt", "is UTF-8 text with a byte sequence that is not UTF-8, at offset 30")
	_, err = Parse("cut.md", []byte("cut short caf\xc3\xa9 caf\xc3\xa9 \xe2\x80"))
	wantError(t, err, "cut.md", "is UTF-8 text with a byte sequence that is not UTF-8, at offset 22")
	_, err = Parse("mixed.html", []byte("<html><body><p>"+mixed+"</p></body></html>"))
	wantError(t, err, "mixed.html", "is not a readable web page: it is UTF-8 text with a byte sequence that is not UTF-8, at offset 45")

	for name, src := range map[string]string{"latin.txt": "caf\xe9 cr\xe8me \x93quoted\x94 \xc3\xa9t\xe9\n", "latin.html": "<html><body><p>caf\xe9 cr\xe8me \x93quoted\x94 \xc3\xa9t\xe9</p></body></html>"} {
		doc, err := Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := doc.Text[doc.Passages[0].Start:doc.Passages[0].End]; got != "café crème “quoted” Ã©té" {
			t.Errorf("%s: %q", name, got)
		}
	}
}

// An error quoting the file (a megabyte entity name, tag name or member
// path) was a megabyte line in the summary: reasons are bounded.
func TestErrorReasonBounded(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	for name, data := range map[string][]byte{
		"entity.docx": makeZip(t, member{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>&` + long + `;</w:t></w:r></w:p></w:body></w:document>`}),
		"tag.odt":     makeZip(t, member{name: "mimetype", body: "application/vnd.oasis.opendocument.text", stored: true}, member{name: "content.xml", body: "<" + long + "></b>"}),
		"path.epub": makeZip(t, member{name: "mimetype", body: "application/epub+zip", stored: true},
			member{name: "META-INF/container.xml", body: `<container><rootfiles><rootfile full-path="` + long + `"/></rootfiles></container>`}),
	} {
		_, err := Parse(name, data)
		var e *Error
		if !errors.As(err, &e) || e.File != name {
			t.Fatalf("%s: %v", name, err)
		}
		if n := utf8.RuneCountInString(e.Reason); n > maxReasonLen || !strings.HasSuffix(e.Reason, "…") || !strings.HasPrefix(e.Reason, "is not a valid") {
			t.Errorf("%s: a %d-character reason: %.80q", name, n, e.Reason)
		}
	}
}

// A 1 MB Word file unpacking to 200 MB of text was imported whole (four
// minutes, 2 GB of memory): the text a zipped format yields is bounded as
// a text file's size is, and the reader stops at the limit.
func TestUnpackedTextBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 68 MB of Word XML")
	}
	var body strings.Builder
	body.WriteString(`<w:document ` + wNS + `><w:body>`)
	para := `<w:p><w:r><w:t>` + strings.Repeat("word ", 200) + `</w:t></w:r></w:p>`
	for body.Len() < MaxFileSize+(4<<20) {
		body.WriteString(para)
	}
	body.WriteString(`</w:body></w:document>`)
	data := makeZip(t, member{name: "word/document.xml", body: body.String()})
	if len(data) > 4<<20 {
		t.Fatalf("fixture is %d bytes", len(data))
	}
	_, err := Parse("huge.docx", data)
	wantError(t, err, "huge.docx", "holds more than 67 MB of text, more than Dossier imports from one file")
}

// Random bytes or an image named .html, or listed in a book's spine as a
// chapter, were imported as passages of mojibake ("‰PNG ‚·îP9¾ð~Â4…").
func TestBinaryPageRefused(t *testing.T) {
	bin := []byte("\x89PNG\r\n\x1a\n")
	for i := range 3000 {
		bin = append(bin, byte(i*131+i*i*7))
	}
	_, err := Parse("png.html", bin)
	wantError(t, err, "png.html", "is not a readable web page: it looks like a binary file (an image?), not a web page")

	book := makeZip(t,
		member{name: "mimetype", body: "application/epub+zip", stored: true},
		member{name: "META-INF/container.xml", body: `<container><rootfiles><rootfile full-path="c.opf"/></rootfiles></container>`},
		member{name: "c.opf", body: `<package xmlns="http://www.idpf.org/2007/opf"><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="b.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="b"/></spine></package>`},
		member{name: "a.xhtml", body: `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Real chapter text.</p></body></html>`},
		member{name: "b.xhtml", body: string(bin)})
	doc, err := Parse("book.epub", book)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	wantPassages(t, doc, []string{"Real chapter text."})

	// A page with a stray NUL (which the parser drops) and a UTF-16 page
	// (full of NULs) still read.
	for name, page := range map[string][]byte{
		"nul.html":  []byte("<html><body><p>text\x00 with a NUL</p></body></html>"),
		"wide.html": append([]byte{0xff, 0xfe}, []byte("<\x00p\x00>\x00W\x00i\x00d\x00e\x00")...),
	} {
		if _, err := Parse(name, page); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// XML in UTF-16 with a byte-order mark (which the XML standard allows)
// was refused as "invalid UTF-8".
func TestUTF16XML(t *testing.T) {
	xmlDoc := `<?xml version="1.0" encoding="UTF-16"?><w:document ` + wNS + `><w:body><w:p><w:r><w:t>Zürich text 日本</w:t></w:r></w:p></w:body></w:document>`
	wide := []byte{0xff, 0xfe}
	for _, r := range xmlDoc {
		wide = append(wide, byte(r), byte(r>>8))
	}
	doc, err := Parse("wide.docx", makeZip(t, member{name: "word/document.xml", body: string(wide)}))
	if err != nil {
		t.Fatal(err)
	}
	wantPassages(t, doc, []string{"Zürich text 日本"})
}

// A UTF-16 page with an odd byte count lost its last byte unsaid; a text
// file of the same bytes was refused. Both are refused now.
func TestUTF16PageCutShort(t *testing.T) {
	page := append([]byte{0xff, 0xfe}, []byte("<\x00p\x00>\x00W\x00i\x00d\x00e\x00X")...)
	_, err := Parse("odd.html", page)
	wantError(t, err, "odd.html", "is not a readable web page: it is UTF-16 text cut short (an odd number of bytes)")
	_, err = Parse("odd.txt", page)
	wantError(t, err, "odd.txt", "is UTF-16 text cut short")
}

// A Word file's document.xml was read whole before parsing: a 1 MB file of
// 234 MB markup took 876 MB of memory just to be refused. The main part is
// decoded as it inflates; the heap stays far below its size.
func TestDocumentXMLStreamed(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 128 MB")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, `<w:document `+wNS+`><w:body>`)
	para := []byte(`<w:p><w:r><w:t>` + strings.Repeat(" ", 4000) + `</w:t></w:r></w:p>`)
	for n := 0; n < 128<<20; n += len(para) {
		w.Write(para)
	}
	io.WriteString(w, `<w:p><w:r><w:t>The one line.</w:t></w:r></w:p></w:body></w:document>`)
	zw.Close()

	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
		}
	}()
	doc, err := Parse("big.docx", buf.Bytes())
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	wantPassages(t, doc, []string{"The one line."})
	if p := peak.Load(); p > 64<<20 {
		t.Fatalf("heap reached %d MB reading 128 MB of markup", p>>20)
	}
}

// A password-protected .docx (Word wraps it in an OLE compound file, as
// it does an old .doc) was "not a valid Word document: the zip container
// is damaged": the user is now told what it is and what to do.
func TestProtectedWordFile(t *testing.T) {
	ole := append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 4096)...)
	_, err := Parse("secret.docx", ole)
	wantError(t, err, "secret.docx", "is a password-protected Word file or an old-style .doc")
}

// A DRM-protected book (chapters encrypted, META-INF/encryption.xml) was
// "has no readable text (its chapters are empty or images only)", or
// before that, passages of cipher text.
func TestDRMBook(t *testing.T) {
	cipher := make([]byte, 4000)
	for i := range cipher {
		cipher[i] = byte(i*37 + i*i*11)
	}
	book := makeZip(t,
		member{name: "mimetype", body: "application/epub+zip", stored: true},
		member{name: "META-INF/container.xml", body: `<container><rootfiles><rootfile full-path="c.opf"/></rootfiles></container>`},
		member{name: "META-INF/encryption.xml", body: `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"><CipherData><CipherReference URI="a.xhtml"/></CipherData></EncryptedData></encryption>`},
		member{name: "c.opf", body: `<package xmlns="http://www.idpf.org/2007/opf"><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>`},
		member{name: "a.xhtml", body: string(cipher)})
	_, err := Parse("drm.epub", book)
	wantError(t, err, "drm.epub", "is protected by DRM")
}

// A non-breaking hyphen in a footnote was dropped ("cooperate") where the
// body keeps it ("co-operate"), and hidden text in a footnote was read
// where the body leaves it out.
func TestDOCXFootnoteHyphen(t *testing.T) {
	data := makeZip(t,
		member{name: "word/document.xml", body: `<w:document ` + wNS + `><w:body><w:p><w:r><w:t>Body co</w:t><w:noBreakHyphen/><w:t>operate.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p></w:body></w:document>`},
		member{name: "word/footnotes.xml", body: `<w:footnotes ` + wNS + `><w:footnote w:id="2"><w:p><w:r><w:t>Note co</w:t><w:noBreakHyphen/><w:t>operate.</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t> Hidden words.</w:t></w:r></w:p></w:footnote></w:footnotes>`})
	doc, err := Parse("notes.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	got := listing(doc)
	if len(got) != 2 || !strings.HasPrefix(got[0], "Body co-operate.") || !strings.HasSuffix(got[1], "Note co-operate.") {
		t.Fatalf("passages %q", got)
	}
}

// A zip of 700,000 empty entries (61 MB) took 400 MB to refuse: every
// entry was parsed, twice, before the limit was checked. The entries are
// counted first, and the message is the reader's.
func TestZipEntriesCountedFirst(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	for i := range 60000 {
		zw.CreateHeader(&zip.FileHeader{Name: strconv.Itoa(i), Method: zip.Store})
	}
	zw.Close()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Parse("many.epub", buf.Bytes())
	runtime.ReadMemStats(&after)
	wantError(t, err, "many.epub", "is not a valid EPUB book: the zip container holds 60001 entries, more than the 10000 Dossier reads")
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("refusing it allocated %d bytes", grew)
	}
}
