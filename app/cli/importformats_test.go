package cli_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

// dossier import reads every supported format by its content: a saved web
// page (without its script and navigation), a Word file, text in Latin-1
// and UTF-16 (the encoding said in the summary), and an HTML page misnamed
// .txt. A PDF is refused with a reason, alone.
func TestImportFormats(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	page := write("page.html", []byte(`<!doctype html><html><head><title>Quince report</title>
<meta name="author" content="A. Writer"><script>alert("run me")</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<h1>Quince report</h1><p>The quince harvest was &amp; remains late.</p>
<p>Officials said the <b>orchard</b> survey continues.</p></body></html>`))
	latin1 := write("latin1.txt", []byte("Caf\xe9 notes\n\nThe cr\xe8me br\xfbl\xe9e was served.\n"))
	utf16 := write("utf16.txt", utf16LE("Wide notes\n\nA medlar passage in UTF-16.\n"))
	misnamed := write("saved.txt", []byte(`<!DOCTYPE html><html><body><p>A loquat paragraph from a page saved as text.</p></body></html>`))
	word := write("draft.docx", minimalDOCX(t, "A persimmon paragraph in Word."))
	pdf := write("report.pdf", []byte("%PDF-1.4\n% pretend\n"))

	db := newDB(t)
	r := run(t, db, "import", page, latin1, utf16, misnamed, word, pdf)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != cli.ExitError || len(lines) != 6 {
		t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for i, want := range []string{
		"imported  " + page + `: "Quince report" with 3 passages`,
		"imported  " + latin1 + `: "Café notes" with 1 passage (read as ISO-8859-1 (Latin-1))`,
		"imported  " + utf16 + `: "Wide notes" with 1 passage (read as UTF-16 LE)`,
		"imported  " + misnamed + ":",
		"imported  " + word + ":",
		"error     " + pdf + ": is a PDF",
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d: %q\nwant it to start %q", i, lines[i], want)
		}
	}
	withStore(t, db, func(ctx context.Context, st *store.Store, seed int64) {
		for q, want := range map[string]int{"quince": 2, "medlar": 1, "loquat": 1, "persimmon": 1, `"crème brûlée"`: 1, "alert": 0, "World": 0} {
			res, err := st.Search(ctx, store.SearchRequest{Query: q, Limit: 5})
			if err != nil || res.Total != want {
				t.Errorf("search %s: %v hits, %v; want %d", q, res, err, want)
			}
		}
	})
}

func utf16LE(s string) []byte {
	out := []byte{0xff, 0xfe}
	for _, r := range s { // the test text is all in the BMP
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// minimalDOCX is the smallest Word file that holds one paragraph.
func minimalDOCX(t *testing.T, para string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"word/document.xml": `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` +
			para + `</w:t></w:r></w:p></w:body></w:document>`,
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
