package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The structured readers' fuzz targets: any bytes either fail with an
// *Error naming the file, or give a document that keeps the passage
// contract (checkSpans) and parses the same twice. Inputs are capped so a
// run explores shapes, not sizes.

const fuzzMax = 256 << 10

// fuzzTimeLimit is how long one input may take before the fuzzer calls it
// a hang: far above any real parse of fuzzMax bytes (milliseconds), so
// only a runaway loop trips it, on a loaded machine too.
const fuzzTimeLimit = 30 * time.Second

// parseWithin runs parse and fails the test if it does not return within
// fuzzTimeLimit.
func parseWithin(t *testing.T, name string, parse func(string, []byte) (*Document, error), data []byte) (*Document, error) {
	t.Helper()
	type result struct {
		doc *Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		doc, err := parse(name, data)
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		return r.doc, r.err
	case <-time.After(fuzzTimeLimit):
		t.Fatalf("%s: reading %d bytes did not finish within %v (a hang)", name, len(data), fuzzTimeLimit)
		return nil, nil
	}
}

// ParseWithin is Parse under the fuzz time limit, for the package's
// external tests.
func ParseWithin(t *testing.T, name string, data []byte) (*Document, error) {
	t.Helper()
	return parseWithin(t, name, Parse, data)
}

func checkReader(t *testing.T, name string, parse func(string, []byte) (*Document, error), data []byte) {
	doc, err := parseWithin(t, name, parse, data)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.File != name || strings.TrimSpace(e.Reason) == "" || !utf8.ValidString(e.Reason) {
			t.Fatalf("error %T %q: want an *Error naming %s", err, err, name)
		}
		return
	}
	if len(doc.Passages) == 0 {
		t.Fatal("a document without passages was accepted")
	}
	checkSpans(t, doc)
	again, err := parse(name, data)
	if err != nil || !reflect.DeepEqual(again, doc) {
		t.Fatalf("parsing the same bytes twice differs (%v)", err)
	}
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte(savedPage))
	f.Add([]byte(epubCh1))
	f.Add([]byte("<table><tr><td><table><tr><td>x<li>y</td></tr></table><h1>z<br><br>w</h1></td></tr></table>"))
	f.Add([]byte(`<meta charset="utf-16le"><p>a</p>`))
	f.Add([]byte("<ol start=-5><li value=99999999999>a<ol><li>b</ol></ol><p hidden>c</p><p style=\"display:none\">d"))
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMax {
			return
		}
		checkReader(t, "page.html", parseHTML, data)
	})
}

// FuzzDOCX fuzzes whole files (raw) and, more usefully, document.xml and
// styles.xml (also given as footnotes.xml) inside a well-formed zip, which mutation of a zip's bytes
// rarely reaches past its checksums.
func FuzzDOCX(f *testing.F) {
	f.Add(true, docxFixture(f, true), []byte(nil))
	f.Add(false, []byte(docxBody), []byte(docxStyles))
	f.Add(false, []byte(docxBody), []byte(docxFootnotes))
	f.Add(false, []byte(odtContent), []byte(nil))
	f.Add(false, []byte(`<w:document `+wNS+`><w:p><w:p><w:tr><w:tc><w:tr><w:tc><w:p><w:t>x</w:t></w:p></w:tc></w:tr></w:tc></w:tr></w:p></w:p></w:document>`), []byte(`<w:styles `+wNS+`><w:style w:styleId="a"><w:name w:val="Heading 9"/></w:style></w:styles>`))
	f.Fuzz(func(t *testing.T, raw bool, body, styles []byte) {
		if len(body)+len(styles) > fuzzMax {
			return
		}
		if raw {
			checkReader(t, "f.docx", parseDOCX, body)
			checkReader(t, "f.odt", parseODT, body)
			return
		}
		checkReader(t, "f.docx", parseDOCX, makeZip(t, member{name: "word/document.xml", body: string(body)},
			member{name: "word/styles.xml", body: string(styles)}, member{name: "word/footnotes.xml", body: string(styles)}))
		checkReader(t, "f.odt", parseODT, makeZip(t, member{name: "content.xml", body: string(body)}, member{name: "meta.xml", body: string(styles)}))
	})
}

// FuzzEPUB fuzzes whole files, and the package document and a chapter
// inside a well-formed book.
func FuzzEPUB(f *testing.F) {
	f.Add(true, epubFixture(f), []byte(nil))
	f.Add(false, []byte(epubOPF), []byte(epubCh1))
	f.Add(false, []byte(`<package xmlns="http://www.idpf.org/2007/opf"><manifest><item id="c" href="../../c.xhtml#x" media-type="text/html"/></manifest><spine><itemref idref="c"/><itemref idref="c"/></spine></package>`), []byte(epubCh2))
	f.Fuzz(func(t *testing.T, raw bool, opf, chapter []byte) {
		if len(opf)+len(chapter) > fuzzMax {
			return
		}
		data := opf
		if !raw {
			data = makeZip(t,
				member{name: "mimetype", body: "application/epub+zip", stored: true},
				member{name: "META-INF/container.xml", body: `<container><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>`},
				member{name: "OEBPS/content.opf", body: string(opf)},
				member{name: "OEBPS/text/ch1.xhtml", body: string(chapter)},
				member{name: "c.xhtml", body: string(chapter)},
				member{name: "OEBPS/text/chapter 2.xhtml", body: epubCh2})
		}
		checkReader(t, "f.epub", parseEPUB, data)
	})
}

// FuzzDecodeText: decoding never invents U+FFFD (the input's own are
// kept: as UTF-8 bytes, or as UTF-16 code units), gives valid UTF-8, and
// names an encoding.
func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{"caf\u00e9", "\xef\xbb\xbfx", "\xff\xfeZ\x00", "\xfe\xff\x00Z", "\x93q\x94", "\xff\xfe\x3d\xd8", "abc\x81", "\xef\xbf\xbd\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, enc, err := decodeTextFile(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) || enc == "" {
			t.Fatalf("%q decoded to %q (%s)", data, text, enc)
		}
		had := 0
		switch enc {
		case EncUTF8, EncUTF8BOM:
			had = strings.Count(string(data), "\ufffd")
		case EncUTF16LE, EncUTF16BE:
			for i := 2; i+1 < len(data); i += 2 {
				u := uint16(data[i])<<8 | uint16(data[i+1])
				if enc == EncUTF16LE {
					u = uint16(data[i+1])<<8 | uint16(data[i])
				}
				if u == 0xfffd {
					had++
				}
			}
		}
		if got := strings.Count(text, "\ufffd"); got != had {
			t.Fatalf("%q decoded as %s has %d U+FFFD, the input %d", data, enc, got, had)
		}
	})
}
