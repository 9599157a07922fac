package store_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dossier/store"
)

// zipOf builds a zip archive of name/body pairs (the first stored, as an
// EPUB's mimetype must be).
func zipOf(t *testing.T, kv ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(kv); i += 2 {
		method := zip.Deflate
		if i == 0 {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: kv[i], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(kv[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const testWNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// A folder mixing every format with hostile files imports through the one
// path: one outcome per file, the good ones with passages exactly
// text[start:end] and found by search with the stored text, the bad ones
// refused alone, naming the file once, leaving nothing behind.
func TestImportMixedHostileFolder(t *testing.T) {
	dir := t.TempDir()
	put := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put("page.html", []byte("<!doctype html><html><head><title>Wren page</title></head><body><nav>Home</nav>"+
		"<h1>Wren heading</h1><p>wren text \x00 with \x02 controls \x03 and \u202eevil\u202c bidi &amp; entities&nbsp;here.</p>"+
		"<ul><li>wren bullet one</li><li>wren bullet two</li></ul><table><tr><td>wren cell</td><td>two</td></tr></table></body></html>"))
	put("draft.docx", zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml",
		`<w:document `+testWNS+`><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Wren draft</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t xml:space="preserve">wren  word </w:t></w:r><w:r><w:tab/><w:t>paragraph&#x202E;x</w:t></w:r></w:p></w:body></w:document>`))
	put("notes.odt", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml",
		`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:h text:outline-level="1">Wren notes</text:h><text:p>wren odt<text:s text:c="4"/>para</text:p></office:text></office:body></office:document-content>`))
	put("book.epub", zipOf(t, "mimetype", "application/epub+zip",
		"META-INF/container.xml", `<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="o/c.opf"/></rootfiles></container>`,
		"o/c.opf", `<package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Wren book</dc:title></metadata><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="b.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="b"/><itemref idref="a"/></spine></package>`,
		"o/a.xhtml", `<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Chapter</h1><p>wren chapter one&#160;text</p></body></html>`,
		"o/b.xhtml", `<html><body><p>wren chapter two <b>bold</b></p></body></html>`))
	put("latin.txt", []byte("wren caf\xe9 \x93quoted\x94\n"))
	put("wide.txt", append([]byte{0xfe, 0xff}, 0, 'w', 0, 'r', 0, 'e', 0, 'n', 0, ' ', 0, 'B', 0, 'E'))
	// Hostile: every one fails alone.
	put("odd.txt", []byte{0xff, 0xfe, 'w', 0, 'r'})
	put("fake.docx", []byte("wren plain text named .docx\n"))
	put("deep.docx", zipOf(t, "x", "", "word/document.xml", `<w:document `+testWNS+`><w:body>`+strings.Repeat("<w:p>", 5000)+`<w:r><w:t>wren deep</w:t></w:r>`+strings.Repeat("</w:p>", 5000)+`</w:body></w:document>`))
	put("deep.html", []byte("<html><body>"+strings.Repeat("<div>", 5000)+"wren deep"))
	put("ctl.docx", zipOf(t, "x", "", "word/document.xml", `<w:document `+testWNS+`><w:body><w:p><w:r><w:t>wren&#1;</w:t></w:r></w:p></w:body></w:document>`))

	s := mustOpen(t)
	ctx := context.Background()
	var outs []store.FileOutcome
	if err := s.ImportFiles(ctx, []string{dir}, func(o store.FileOutcome) { outs = append(outs, o) }); err != nil {
		t.Fatal(err)
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].Path < outs[j].Path })
	good := map[string]bool{"page.html": true, "draft.docx": true, "notes.odt": true, "book.epub": true, "latin.txt": true, "wide.txt": true}
	if len(outs) != 11 {
		t.Fatalf("%d outcomes for 11 files", len(outs))
	}
	var texts []string
	for _, o := range outs {
		name := filepath.Base(o.Path)
		if !good[name] {
			if o.Err == nil {
				t.Errorf("%s imported: %+v", name, o.Result)
			} else if strings.Count(o.Err.Error(), name) != 1 {
				t.Errorf("%s: %q does not name the file once", name, o.Err)
			}
			continue
		}
		if o.Err != nil {
			t.Errorf("%s: %v", name, o.Err)
			continue
		}
		for _, p := range checkStoredOffsets(t, s, o.Result.DocumentID) {
			if strings.ContainsAny(p.Text, "\x00\x01\x02\x03\ufffd") || strings.Contains(p.Text, "&amp;") || strings.Contains(p.Text, "<") {
				t.Errorf("%s: stray control, entity or markup in %q", name, p.Text)
			}
			texts = append(texts, p.Text)
		}
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(good) {
		t.Fatalf("%d documents after importing six", len(docs))
	}
	for _, want := range []string{"wren text with controls and \u202eevil\u202c bidi & entities here.", "• wren bullet one", "wren cell | two",
		"wren word paragraph\u202ex", "wren odt para", "wren chapter one text", "wren chapter two bold", "wren café “quoted”", "wren BE"} {
		found := false
		for _, got := range texts {
			found = found || got == want
		}
		if !found {
			t.Errorf("no passage %q in %q", want, texts)
		}
	}
	res, err := s.Search(ctx, store.SearchRequest{Query: "wren", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Fatal("wren not found")
	}
	for _, h := range res.Hits {
		ps, err := s.Passages(ctx, h.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		if p := ps[h.Ordinal-1]; p.ID != h.PassageID || p.Text != h.Text {
			t.Errorf("hit %d shows %q, stored %q", h.PassageID, h.Text, p.Text)
		}
	}
}
