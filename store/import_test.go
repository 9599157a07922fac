package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
	"dossier/store/ingest"
)

func TestImportMuellerOffsets(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 1.2 MB; slow under -race")
	}
	if _, err := os.Stat(muellerPath); err != nil {
		t.Skipf("Mueller report absent: %v", err)
	}
	ctx := context.Background()
	s := mustOpen(t)
	res, err := s.ImportFile(ctx, muellerPath)
	if err != nil {
		t.Fatal(err)
	}
	if res.AlreadyPresent || res.Passages < 1000 {
		t.Fatalf("import: %+v", res)
	}
	ps := checkStoredOffsets(t, s, res.DocumentID)
	if len(ps) != res.Passages {
		t.Errorf("ImportResult.Passages = %d, stored %d", res.Passages, len(ps))
	}
	// The stored text is the file's text (it has no CR or BOM to normalise),
	// its redaction marks shown as "[redacted]".
	text, _ := s.DocumentText(ctx, res.DocumentID)
	if raw := readFile(t, muellerPath); text != strings.ReplaceAll(string(raw), "<REDACTED>", "[redacted]") {
		t.Errorf("stored text (%d bytes) differs from the file (%d bytes)", len(text), len(raw))
	}
	// Nothing of the body is lost: every non-blank line is covered by
	// passages (the first line, a <SECTION> heading, may be the title; a
	// heading's passage leaves its <SECTION> marker out).
	covered := make([]bool, len(text))
	for _, p := range ps {
		for i := p.Start; i < p.End; i++ {
			covered[i] = true
		}
	}
	for i, c := range []byte(text) {
		if !covered[i] && c != ' ' && c != '\n' && c != '\t' {
			line := strings.Count(text[:i], "\n") + 1
			lineStart := strings.LastIndexByte(text[:i], '\n') + 1
			if line == 1 || (strings.HasPrefix(text[lineStart:], "<SECTION>") && i < lineStart+len("<SECTION>")) {
				continue
			}
			t.Fatalf("byte %d (line %d, %q) is in no passage", i, line, clip(text[i:min(i+80, len(text))]))
		}
	}
	// And it is searchable, with passages from deep inside the report.
	r, err := s.Search(ctx, store.SearchRequest{Query: "Papadopoulos", Limit: 500})
	if err != nil || r.Total < 50 {
		t.Fatalf("Papadopoulos: %v, %v", r, err)
	}
	for _, h := range r.Hits {
		for _, m := range h.Matches {
			if !strings.EqualFold(h.Text[m.Start:m.End], "Papadopoulos") && !strings.HasPrefix(strings.ToLower(h.Text[m.Start:m.End]), "papadopoulos") {
				t.Errorf("passage %d: match %q", h.Ordinal, h.Text[m.Start:m.End])
			}
		}
	}
	ftsIntegrity(t, s.Path())
}

// Crafted texts round-trip through a file, the importer and the database.
func TestImportCraftedOffsets(t *testing.T) {
	for name, text := range craftedTexts() {
		t.Run(name, func(t *testing.T) {
			s := mustOpen(t)
			res := importText(t, s, name, text)
			checkStoredOffsets(t, s, res.DocumentID)
		})
	}
}

// craftedTexts are awkward inputs for the segmenter; names carry the
// extension that selects the parser.
func craftedTexts() map[string]string {
	long := strings.Repeat("The committee reviewed the documents carefully and found more questions than answers. ", 60) // ~5,000 bytes
	return map[string]string{
		"crlf.txt": "A headline\r\n\r\nFirst paragraph, CRLF.\r\nStill first.\r\n\r\nSecond paragraph.\r\n",
		"cr.txt":   "Old Mac\r\rOne.\rTwo.\r\rThree.\r",
		"bom.txt":  "\ufeffHeadline after a BOM\n\nBody text.\n",
		"wrapped.txt": "Hard wrapped\n\nThis paragraph was wrapped at a narrow\ncolumn by an editor, so its lines are\nshort and belong together.\n\n" +
			"A second wrapped paragraph with\ntwo lines.\n",
		"long-lines.txt": strings.Repeat("x", 30) + "\n" + strings.Repeat("This is a long line of prose that goes well beyond one hundred characters in length, surely. ", 2) + "\n" +
			strings.Repeat("Another long line, also far past the wrap width of one hundred characters, to stand alone. ", 2) + "\n",
		"front.md": "---\ntitle: \"A Markdown Note\"\nauthor: Jane Roe\ndate: 2021-03-16\nsource: Notes\nurl: https://example.com/x\n---\n\n" +
			"# Heading One\n\nIntro paragraph\nwrapped.\n\n## Sub heading ##\n\n- item one\n- item two\n  continued\n1. first\n2) second\n\n> quoted text\n\n" +
			"```go\nfunc main() {\n\n\t// blank line above\n}\n```\n\n~~~\ntilde fence\n~~~\n\nTrailing paragraph.",
		"unterminated-fence.md": "Text.\n\n```\ncode\n\nmore code\n",
		"accents.txt": "Café “quotes” — naïve résumé\n\nÀ Zürich, l’équipe a dit « bonjour » à Tōkyō. Ελληνικά κείμενα. 日本語の文章。Ещё текст на русском.\n\n" +
			"Emoji 🎉 and combining é (e\u0301).\n",
		"long-paragraph.txt": "Long one\n\n" + long + "\n\nShort tail.\n",
		"long-sentence.txt":  "Run-on\n\n" + strings.Repeat("word ", 1200) + "\n",
		"no-spaces.txt":      "Blob\n\n" + strings.Repeat("é", 2000) + strings.Repeat("z", 1001) + "\n",
		"abbrev.txt":         "Abbreviations\n\n" + strings.Repeat("Mr. Smith met Gen. Jones in the U.S. on Jan. 5 and said “It ended.” Then they left! Was it over? Yes. ", 40) + "\n",
		"tabs.txt":           "Tabs\n\n\tIndented paragraph\twith tabs.\t\n\n   \n\nAfter blank-with-spaces line.\n",
		"no-trailing-nl.txt": "No newline\n\nLast paragraph without newline",
		"md-long-heading.md": "## " + strings.Repeat("very long heading words ", 100) + "\n\nBody.\n",
	}
}

func TestImportErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name   string
		path   func() string
		reason string
	}{
		{"missing", func() string { return filepath.Join(dir, "nope.txt") }, "no such file"},
		{"folder", func() string {
			p := filepath.Join(dir, "folder.txt")
			os.Mkdir(p, 0o755)
			return p
		}, "is a folder"},
		{"empty", func() string { return write("empty.txt", nil) }, "empty"},
		{"bom only", func() string { return write("bom.txt", []byte("\xef\xbb\xbf")) }, "empty"},
		{"whitespace", func() string { return write("blank.md", []byte(" \n\t\r\n  \n")) }, "white space"},
		{"binary", func() string { return write("image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")) }, "binary"},
		{"NUL after 8 KiB", func() string {
			return write("late-nul.txt", []byte(strings.Repeat("Plain text line.\n", 600)+"oops\x00\n"))
		}, "binary"},
		{"control characters", func() string { return write("ctl.txt", []byte(strings.Repeat("\x01\x02\x03\x04text", 20))) }, "binary"},
		{"neither UTF-8 nor Windows-1252", func() string { return write("odd.txt", []byte("Caf\xe9 au lait\n\nCr\x81me.\n")) }, "neither UTF-8 nor Windows-1252"},
		{"PDF", func() string { return write("report.pdf", []byte("%PDF-1.4 pretend\n")) }, "is a PDF"},
		{"unsupported extension", func() string { return write("sheet.xls", []byte("a\tb\n")) }, `unsupported file type ".xls"`},
		{"no extension match", func() string { return write("data.json", []byte(`{"a": 1}`)) }, "unsupported file type"},
		{"too large", func() string {
			p := write("huge.txt", nil)
			if err := os.Truncate(p, ingest.MaxFileSize+1); err != nil { // sparse: no disk used
				t.Fatal(err)
			}
			return p
		}, fmt.Sprintf("import limit is %d bytes", ingest.MaxFileSize)},
		{"much too large", func() string {
			p := write("huger.txt", nil)
			if err := os.Truncate(p, 3*ingest.MaxFileSize); err != nil {
				t.Fatal(err)
			}
			return p
		}, "is 201 MB; the import limit is 67 MB"},
		{"nothing readable", func() string {
			return write("credit.txt", []byte("A headline\n\nPhoto caption here REUTERS  CARLOS BARRIA\n"))
		}, "no readable paragraphs"},
	}
	s, _ := mustSeed(t)
	before, _ := s.Stats(ctx)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := c.path()
			res, err := s.ImportFile(ctx, path)
			if err == nil {
				t.Fatalf("imported: %+v", res)
			}
			var ie *ingest.Error
			if !errors.As(err, &ie) {
				t.Errorf("error %T %v is not an *ingest.Error", err, err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file %s", err, path)
			}
			if !strings.Contains(err.Error(), c.reason) {
				t.Errorf("error %q does not say %q", err, c.reason)
			}
			if res != (store.ImportResult{}) {
				t.Errorf("result on error: %+v", res)
			}
			if after, _ := s.Stats(ctx); after != before {
				t.Errorf("stats changed from %+v to %+v", before, after)
			}
		})
	}
	// The too-large file is refused without being read: 64 MiB of zeros
	// would otherwise read as binary.
}

func TestReimportIsNoop(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "note.md")
	content := "# Field note\n\nThe kumquat report was filed.\n\nSecond paragraph.\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	first, err := s.ImportFile(ctx, path)
	if err != nil || first.AlreadyPresent || first.Passages != 2 || first.Title != "Field note" {
		t.Fatalf("first import: %+v, %v", first, err)
	}
	before, _ := s.Stats(ctx)
	doc, _ := s.Document(ctx, first.DocumentID)

	again, err := s.ImportFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !again.AlreadyPresent || again.DocumentID != first.DocumentID || again.Passages != first.Passages || again.Title != first.Title {
		t.Errorf("re-import: %+v, first %+v", again, first)
	}
	// Same content under another name and with CRLF endings: same text
	// after normalisation, so also already present.
	other := filepath.Join(dir, "copy.md")
	os.WriteFile(other, []byte(strings.ReplaceAll(content, "\n", "\r\n")), 0o644)
	if r, err := s.ImportFile(ctx, other); err != nil || !r.AlreadyPresent || r.DocumentID != first.DocumentID {
		t.Errorf("copy import: %+v, %v", r, err)
	}
	if after, _ := s.Stats(ctx); after != before {
		t.Errorf("stats changed from %+v to %+v", before, after)
	}
	if d, _ := s.Document(ctx, first.DocumentID); d != doc {
		t.Errorf("document changed: %+v -> %+v", doc, d)
	}
}

// Regression: a one-line note with no full stop reads like a headline;
// taking it as the title left no passages and the file was refused.
func TestImportOneLineNote(t *testing.T) {
	s := mustOpen(t)
	res := importText(t, s, "note.txt", "Kilimnik met Manafort in Madrid\n")
	if res.Passages != 1 || res.Title != "Kilimnik met Manafort in Madrid" {
		t.Errorf("import: %+v", res)
	}
	checkStoredOffsets(t, s, res.DocumentID)
	r, err := s.Search(context.Background(), store.SearchRequest{Query: "madrid"})
	if err != nil || r.Total != 1 {
		t.Errorf("search: %v, %v", r, err)
	}
}

// Regression: the search highlighter marks matches with \x02 and \x03; a
// stray one in a document made the hit's text and ranges differ from the
// stored passage. Import drops them.
func TestImportDropsMarkerControls(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	res := importText(t, s, "ctl.txt", "Marker test\n\nThe \x02giraffe\x03 is tall and the giraffe eats.\n")
	ps := checkStoredOffsets(t, s, res.DocumentID)
	if ps[0].Text != "The giraffe is tall and the giraffe eats." {
		t.Errorf("passage = %q", ps[0].Text)
	}
	r, err := s.Search(ctx, store.SearchRequest{Query: "giraffe"})
	if err != nil || len(r.Hits) != 1 {
		t.Fatal(r, err)
	}
	h := r.Hits[0]
	if h.Text != ps[0].Text {
		t.Errorf("hit text %q != passage text %q", h.Text, ps[0].Text)
	}
	if len(h.Matches) != 2 || h.Text[h.Matches[0].Start:h.Matches[0].End] != "giraffe" || h.Text[h.Matches[1].Start:h.Matches[1].End] != "giraffe" {
		t.Errorf("matches %v in %q", h.Matches, h.Text)
	}
}

// ImportDocument refuses spans that do not fit the text, storing nothing.
func TestImportDocumentBadSpans(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	for _, spans := range [][]ingest.Span{{{Start: 0, End: 5}, {Start: 3, End: 100}}, {{Start: -1, End: 2}}, {{Start: 4, End: 4}}} {
		doc := &ingest.Document{Title: "T", FileName: "t.txt", Text: "hello world", Hash: fmt.Sprint(spans), Passages: spans}
		if _, err := s.ImportDocument(ctx, doc); err == nil || !strings.Contains(err.Error(), "bad offsets") {
			t.Errorf("spans %v: err = %v", spans, err)
		}
	}
	if st, _ := s.Stats(ctx); st.Documents != 0 || st.Passages != 0 {
		t.Errorf("partial import stored: %+v", st)
	}
}

// Markdown headings are stored as heading passages; body text is not.
func TestHeadingPassagesAreStored(t *testing.T) {
	s := mustOpen(t)
	res := importText(t, s, "brief.md", "# Brief\n\n## Key actors\n\nKilimnik met Manafort.\n\n- a list item\n")
	ps := checkStoredOffsets(t, s, res.DocumentID)
	want := map[string]bool{"Key actors": true, "Kilimnik met Manafort.": false, "• a list item": false}
	if len(ps) != len(want) {
		t.Fatalf("%d passages, want %d", len(ps), len(want))
	}
	for _, p := range ps {
		if heading, ok := want[p.Text]; !ok || p.Heading != heading {
			t.Errorf("passage %q: heading %v", p.Text, p.Heading)
		}
		one, err := s.Passage(context.Background(), p.ID)
		if err != nil || one.Heading != p.Heading {
			t.Errorf("Passage(%d): heading %v, %v", p.ID, one.Heading, err)
		}
	}
}
