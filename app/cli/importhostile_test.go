package cli_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/app/cli"
)

// dossier import of a folder mixing good files with hostile ones (found by
// trying the binary): exit 1, one line per file, each refusal naming its
// file once and briefly, and only the good files in `dossier docs`.
func TestImportHostileFolder(t *testing.T) {
	dir := t.TempDir()
	put := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zipped := func(name, body string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create(name)
		w.Write([]byte(body))
		zw.Close()
		return buf.Bytes()
	}
	wNS := `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	put("good.html", []byte("<html><head><title>Plover page</title></head><body><p>A plover paragraph.</p></body></html>"))
	put("good.docx", minimalDOCX(t, "A plover paragraph in Word."))
	put("deep.html", []byte("<html><body>"+strings.Repeat("<div>", 100000)+"x"))
	put("deep.docx", zipped("word/document.xml", `<w:document `+wNS+`><w:body>`+strings.Repeat("<w:p>", 50000)+strings.Repeat("</w:p>", 50000)+`</w:body></w:document>`))
	put("entity.docx", zipped("word/document.xml", `<w:document `+wNS+`><w:body><w:p><w:r><w:t>&`+strings.Repeat("a", 100000)+`;</w:t></w:r></w:p></w:body></w:document>`))
	put("fake.epub", []byte("not a book\n"))
	put("mixed.txt", []byte("plover caf\xc3\xa9 na\xc3\xafve \xff\n"))
	put("image.html", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1, 2, 3, 200, 17}, 600)...))

	db := newDB(t)
	r := run(t, db, "import", dir)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != cli.ExitError || len(lines) != 8 || !strings.Contains(r.stderr, "6 of 8 files could not be imported") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, l := range lines {
		name := strings.TrimSuffix(strings.Fields(l)[1], ":")
		base := filepath.Base(name)
		if strings.Count(l, base) != 1 || len(l) > 600 {
			t.Errorf("line names %s more than once, or runs %d bytes: %.200q", base, len(l), l)
		}
		if strings.HasPrefix(base, "good") != strings.HasPrefix(l, "imported  ") {
			t.Errorf("%q", l)
		}
	}
	docs := run(t, db, "docs")
	if !strings.Contains(docs.stdout, "3 documents") || !strings.Contains(docs.stdout, "Plover page") { // the built-in article and the two good files
		t.Fatalf("docs:\n%s", docs.stdout)
	}
	if c := run(t, db, "check"); c.code != cli.ExitOK {
		t.Fatalf("check: %d %s%s", c.code, c.stdout, c.stderr)
	}
}

// The research file's own -wal, named or through a link, is refused as
// what it is: it read as "the file is empty".
func TestImportRefusesTheResearchFilesWAL(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs")
	link := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.Symlink(db+"-wal", link); err != nil {
		t.Skip(err)
	}
	r := run(t, db, "import", db+"-wal", link)
	if r.code != cli.ExitError || strings.Count(r.stdout+r.stderr, "is the write-ahead log of") != 2 || strings.Contains(r.stdout+r.stderr, "empty") {
		t.Errorf("importing the -wal: %+v", r)
	}
}
