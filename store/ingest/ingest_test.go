package ingest_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/internal/wording"
	"dossier/store/ingest"
)

// checkSpans verifies the offset contract: Text[Start:End] is the passage,
// spans are ordered, disjoint, trimmed, valid UTF-8 and at most
// MaxPassageLen bytes (the splitter falls back to a character boundary, so
// even text with no sentence end or space to cut at fits).
func checkSpans(t *testing.T, doc *ingest.Document) []string {
	t.Helper()
	if len(doc.Passages) == 0 {
		t.Fatal("no passages")
	}
	var out []string
	prev := 0
	for i, p := range doc.Passages {
		if p.Start < prev || p.End <= p.Start || p.End > len(doc.Text) {
			t.Fatalf("span %d %v: out of order or range (prev end %d, text %d bytes)", i, p, prev, len(doc.Text))
		}
		s := doc.Text[p.Start:p.End]
		if !utf8.ValidString(s) {
			t.Errorf("span %d splits a character", i)
		}
		if strings.TrimSpace(s) != s {
			t.Errorf("span %d has surrounding white space: %q", i, s)
		}
		if len(s) > ingest.MaxPassageLen {
			t.Errorf("span %d is %d bytes", i, len(s))
		}
		prev = p.End
		out = append(out, s)
	}
	return out
}

func mustParse(t *testing.T, name, text string) *ingest.Document {
	t.Helper()
	doc, err := ingest.Parse(name, []byte(text))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return doc
}

func TestSeedArticle(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "seed-article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := mustParse(t, "seed-article.txt", string(data))
	ps := checkSpans(t, doc)
	if doc.Title != "Russian interference in 2020 included influencing Trump associates" ||
		doc.Source != "Reuters" || doc.PhotoCredit != "Reuters / Carlos Barria" || doc.Format != "text" || doc.FileName != "seed-article.txt" {
		t.Errorf("metadata: %+v", doc)
	}
	if len(ps) != 19 || !strings.HasPrefix(ps[0], "Russian President Vladimir Putin") || !strings.HasPrefix(ps[18], "The White House") {
		t.Errorf("%d passages: first %q last %q", len(ps), ps[0], ps[len(ps)-1])
	}
	if doc.Text != string(data) {
		t.Error("text changed although the file has no CR or BOM")
	}
}

func TestMuellerReport(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "mueller-report.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("Mueller report absent: %v", err)
	}
	doc, err := ingest.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ps := checkSpans(t, doc)
	if len(ps) < 3000 {
		t.Errorf("only %d passages", len(ps))
	}
	long := 0
	for _, p := range ps {
		if len(p) > ingest.MaxPassageLen*9/10 {
			long++
		}
	}
	t.Logf("%d passages, %d near the length limit, title %q", len(ps), long, doc.Title)
}

func TestCraftedTexts(t *testing.T) {
	long := strings.Repeat("The committee reviewed the documents carefully and found more questions than answers. ", 60)
	cases := []struct {
		name, text string
		title      string
		want       []string // passages, if given
	}{
		{name: "crlf.txt", text: "A headline\r\n\r\nFirst paragraph, CRLF.\r\nStill first.\r\n\r\nSecond paragraph.\r\n",
			title: "A headline", want: []string{"First paragraph, CRLF.\nStill first.", "Second paragraph."}},
		{name: "cr.txt", text: "Old Mac\r\rOne.\rTwo.\r\rThree.\r",
			title: "Old Mac", want: []string{"One.\nTwo.", "Three."}},
		{name: "bom.txt", text: "\ufeffHeadline after a BOM\n\nBody text.\n",
			title: "Headline after a BOM", want: []string{"Body text."}},
		{name: "wrapped.txt", text: "Hard wrapped\n\nThis paragraph was wrapped at a narrow\ncolumn by an editor, so its lines are\nshort and belong together.\n\nA second wrapped paragraph with\ntwo lines.\n",
			title: "Hard wrapped", want: []string{"This paragraph was wrapped at a narrow\ncolumn by an editor, so its lines are\nshort and belong together.", "A second wrapped paragraph with\ntwo lines."}},
		{name: "long-lines.txt", text: "Intro line ends here.\n" + strings.Repeat("L", 120) + " one.\n" + strings.Repeat("M", 120) + " two.\n",
			title: "Long lines", want: []string{"Intro line ends here.", strings.Repeat("L", 120) + " one.", strings.Repeat("M", 120) + " two."}},
		{name: "sentence-first.txt", text: "This first line is a sentence.\n\nSecond.\n",
			title: "Sentence first", want: []string{"This first line is a sentence.", "Second."}},
		{name: "accents.txt", text: "Café “quotes” — naïve résumé\n\nÀ Zürich, l’équipe a dit « bonjour » à Tōkyō. Ελληνικά. 日本語。\n\nEmoji 🎉 and combining e\u0301.\n",
			title: "Café “quotes” — naïve résumé", want: []string{"À Zürich, l’équipe a dit « bonjour » à Tōkyō. Ελληνικά. 日本語。", "Emoji 🎉 and combining e\u0301."}},
		{name: "unicode-space.txt", text: "Title\n\n\u00a0Non-breaking spaces around\u00a0\u2003\n",
			title: "Title", want: []string{"Non-breaking spaces around"}},
		{name: "long-paragraph.txt", text: "Long one\n\n" + long + "\n\nShort tail.\n", title: "Long one"},
		{name: "long-sentence.txt", text: "Run-on\n\n" + strings.Repeat("word ", 1200) + "\n", title: "Run-on"},
		{name: "no-spaces.txt", text: "Blob\n\n" + strings.Repeat("é", 2000) + strings.Repeat("z", 1001) + "\n", title: "Blob"},
		{name: "abbrev.txt", text: "Abbrev\n\n" + strings.Repeat("Mr. Smith met Gen. Jones in the U.S. on Jan. 5 and said “It ended.” Then they left! Was it over? Yes. ", 40) + "\n", title: "Abbrev"},
		{name: "one-line.txt", text: "Kilimnik met Manafort", title: "Kilimnik met Manafort", want: []string{"Kilimnik met Manafort"}},
		{name: "credit.txt", text: "Headline\n\nA caption   AP  EVAN VUCCI\n\nBody.\n", title: "Headline", want: []string{"Body."}},
		{name: "noext", text: "Just text.\n", title: "Noext", want: []string{"Just text."}},
		{name: "marker-controls.txt", text: "Title\n\nA \x02marked\x03 word in a sentence long enough not to look binary.\n", title: "Title", want: []string{"A marked word in a sentence long enough not to look binary."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := mustParse(t, c.name, c.text)
			ps := checkSpans(t, doc)
			if strings.ContainsAny(doc.Text, "\r\ufeff") {
				t.Errorf("text keeps CR or BOM: %q", doc.Text)
			}
			if c.title != "" && doc.Title != c.title {
				t.Errorf("title %q, want %q", doc.Title, c.title)
			}
			if c.want != nil && !slices.Equal(ps, c.want) {
				t.Errorf("passages\n%q\nwant\n%q", ps, c.want)
			}
		})
	}
}

func TestSplitLongAtSentences(t *testing.T) {
	sentence := "The committee reviewed the documents carefully and found more questions than answers. "
	doc := mustParse(t, "long.txt", "Long\n\n"+strings.Repeat(sentence, 60)+"\n")
	ps := checkSpans(t, doc)
	if len(ps) < 4 {
		t.Fatalf("%d passages for ~5,200 bytes", len(ps))
	}
	for i, p := range ps {
		if !strings.HasPrefix(p, "The committee") || !strings.HasSuffix(p, "answers.") {
			t.Errorf("passage %d not cut at sentence ends: %q…%q", i, p[:20], p[len(p)-20:])
		}
	}
	// Nothing is lost between the pieces: only white space.
	var joined strings.Builder
	for i, sp := range doc.Passages {
		if i > 0 && strings.TrimSpace(doc.Text[doc.Passages[i-1].End:sp.Start]) != "" {
			t.Errorf("text lost between passages %d and %d", i-1, i)
		}
		joined.WriteString(doc.Text[sp.Start:sp.End])
	}

	// Abbreviations and initials are not sentence ends.
	abbrev := strings.Repeat("Robert S. Mueller met Mr. Smith and Gen. Jones in the U.S. capital today. ", 30)
	doc = mustParse(t, "abbrev.txt", "Abbrev\n\n"+abbrev+"\n")
	for i, p := range checkSpans(t, doc) {
		if !strings.HasSuffix(p, "today.") {
			t.Errorf("passage %d ends mid-sentence: …%q", i, p[max(0, len(p)-30):])
		}
	}

	// No sentence end: cut at a space; no space either: at a character boundary.
	doc = mustParse(t, "words.txt", "W\n\n"+strings.Repeat("word ", 1000)+"\n")
	for i, p := range checkSpans(t, doc) {
		if strings.Contains(p, "wor ") || strings.HasSuffix(p, "wor") {
			t.Errorf("passage %d cut inside a word", i)
		}
	}
	doc = mustParse(t, "blob.txt", "B\n\n"+strings.Repeat("ü", 3000)+"\n")
	if ps := checkSpans(t, doc); len(ps) != 4 {
		t.Errorf("6,000 bytes without spaces: %d passages", len(ps))
	}
}

func TestMarkdown(t *testing.T) {
	text := "---\ntitle: \"A Markdown Note\"\nauthor: Jane Roe\ndate: 2021-03-16\nsource: Notes\nurl: https://example.com/x\n---\n\n" +
		"# Heading One\n\nIntro paragraph\nwrapped.\n\n## Sub heading ##\n\n- item one\n- item two\n  continued\n1. first\n2) second\n\n> quoted text\n\n" +
		"```go\nfunc main() {\n\n\t// blank line above\n}\n```\n\n~~~\ntilde fence\n~~~\n\nTrailing paragraph."
	doc := mustParse(t, "note.md", text)
	ps := checkSpans(t, doc)
	if doc.Title != "A Markdown Note" || doc.Author != "Jane Roe" || doc.Published != "2021-03-16" || doc.Source != "Notes" ||
		doc.URL != "https://example.com/x" || doc.Format != "markdown" {
		t.Errorf("metadata: %+v", doc)
	}
	want := []string{
		"Heading One",              // the front matter has the title, so the H1 is a passage
		"Intro paragraph wrapped.", // a soft line break is a space
		"Sub heading",
		"• item one",
		"• item two continued",
		"1. first",
		"2. second", // ")" starts a new list, numbered from 2
		"quoted text",
		"func main() {\n\n\t// blank line above\n}", // code keeps its lines, not its fences
		"tilde fence",
		"Trailing paragraph.",
	}
	if !slices.Equal(ps, want) {
		t.Errorf("passages\n%q\nwant\n%q", ps, want)
	}
	for i, p := range doc.Passages {
		if heading := i == 0 || i == 2; p.Heading != heading {
			t.Errorf("passage %q: heading %v, want %v", ps[i], p.Heading, heading)
		}
	}

	// Without front matter, the first H1 is the title and not a passage.
	doc = mustParse(t, "x.md", "Preface.\n\n# The Title\n\nBody.\n\n# Second H1\n")
	if ps := checkSpans(t, doc); doc.Title != "The Title" || !slices.Equal(ps, []string{"Preface.", "Body.", "Second H1"}) {
		t.Errorf("title %q, passages %q", doc.Title, ps)
	}
	// No H1 either: the file name.
	doc = mustParse(t, "notes.markdown", "## Only h2\n\ntext\n")
	if doc.Title != "Notes" {
		t.Errorf("title %q", doc.Title)
	}
	// Not headings: #hashtag, 7 #s, indented 4 spaces; "C#" keeps its #.
	doc = mustParse(t, "h.md", "#hashtag\n\n####### seven\n\n    # code\n\n## C#\n")
	if ps := checkSpans(t, doc); !slices.Equal(ps, []string{"#hashtag", "####### seven", "# code", "C#"}) {
		t.Errorf("passages %q", ps)
	}
}

// Regression: the fence state was reset at every blank line, so a fenced
// block with blank lines was torn into pieces, its "# comment" lines read as
// headings, and one of them became the document title.
func TestMarkdownFenceWithBlankLines(t *testing.T) {
	doc := mustParse(t, "install.md", "Intro para.\n\n```bash\n# install it\nmake\n\n# run it\n./x\n```\n\nAfter.\n")
	ps := checkSpans(t, doc)
	want := []string{"Intro para.", "# install it\nmake\n\n# run it\n./x", "After."}
	if !slices.Equal(ps, want) {
		t.Errorf("passages\n%q\nwant\n%q", ps, want)
	}
	if doc.Title != "Install" {
		t.Errorf("title %q: a comment in a code block became the title", doc.Title)
	}
	// An unterminated fence runs to the end of the file.
	doc = mustParse(t, "open.md", "Text.\n\n```\ncode\n\n# more code\n")
	if ps := checkSpans(t, doc); !slices.Equal(ps, []string{"Text.", "code\n\n# more code"}) || doc.Title != "Open" {
		t.Errorf("title %q, passages %q", doc.Title, ps)
	}
}

// The stored text is what a reader sees: markup is gone, and quoting a
// passage never carries "**" or a link target.
func TestMarkdownInlineMarkupIsRendered(t *testing.T) {
	text := "# Report\n\n" +
		"The **GRU** and *IRA* ran [fake accounts](https://example.com/a \"t\") and ~~bots~~.\n\n" +
		"Run `go test` \\*not\\* now &amp; &#8212; see <https://example.org>.\n\n" +
		"![Map of Ukraine](map.png)\n\n" +
		"Line one  \nline two<br>end.\n\n" +
		"| Actor | Role |\n|---|---|\n| Kilimnik | *associate* |\n\n" +
		"<div class=\"note\">\nA raw <b>HTML</b> note.\n</div>\n\n" +
		"- outer\n  - inner **bold**\n\n" +
		"[ref]: https://example.com/ref\n\n" +
		"See [the report][ref].\n"
	doc := mustParse(t, "r.md", text)
	ps := checkSpans(t, doc)
	want := []string{
		"The GRU and IRA ran fake accounts and bots.",
		"Run go test *not* now & — see https://example.org.",
		"Map of Ukraine",
		"Line one\nline two\nend.",
		"Actor · Role",
		"Kilimnik · associate",
		"A raw HTML note.",
		"• outer",
		"• inner bold",
		"See the report.",
	}
	if doc.Title != "Report" || !slices.Equal(ps, want) {
		t.Errorf("title %q, passages\n%q\nwant\n%q", doc.Title, ps, want)
	}
	if !strings.HasPrefix(doc.Text, "Report\n\n") {
		t.Errorf("text should open with the title: %q", clip(doc.Text))
	}
	for _, junk := range []string{"**", "](", "https://example.com/a", "<b>", "&amp;"} {
		if strings.Contains(doc.Text, junk) {
			t.Errorf("stored text still has %q: %q", junk, doc.Text)
		}
	}
}

func TestMarkdownLongHeadingIsSplit(t *testing.T) {
	doc := mustParse(t, "h.md", "# T\n\n## "+strings.Repeat("very long heading words ", 100)+"\n\nBody.\n")
	ps := checkSpans(t, doc)
	if len(ps) < 3 || ps[len(ps)-1] != "Body." {
		t.Errorf("passages %q", ps)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		data string
		want string
	}{
		{"a.txt", "", "the file is empty"},
		{"a.txt", "\ufeff", "the file is empty"},
		{"a.txt", " \n\t\n", "only white space"},
		{"a.txt", "text\x00more", "binary"},
		{"a.txt", strings.Repeat("line of text\n", 1000) + "\x00", "binary"},
		{"a.txt", strings.Repeat("\x1b[0m\x07", 50), "binary"},
		{"a.txt", "caf\xe9 \x81", "neither UTF-8 nor Windows-1252 text (byte 0x81 at offset 5"},
		{"a.doc", "text", `unsupported file type ".doc" (Dossier imports .txt, .text, .md, .markdown, .html`},
		{"a.txt", "%PDF-1.7\n", "is a PDF"},
		{"a.txt", "PK\x03\x04 not really a zip", "binary"},
		{"a.TXT.gz", "text", `unsupported file type ".gz"`},
		{"a.txt", "Headline\n\nPhoto REUTERS  JOHN DOE\n", "has no readable paragraphs"},
	}
	for _, c := range cases {
		_, err := ingest.Parse(c.name, []byte(c.data))
		var ie *ingest.Error
		if !errors.As(err, &ie) || ie.File != c.name || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.name+": ") {
			t.Errorf("Parse(%q, %q): %v; want an *Error naming the file and saying %q", c.name, clip(c.data), err, c.want)
		}
	}
	// Upper-case extensions are fine.
	if _, err := ingest.Parse("NOTES.TXT", []byte("Hello.\n")); err != nil {
		t.Errorf("NOTES.TXT: %v", err)
	}
	// The size limit is checked on data too.
	big := make([]byte, ingest.MaxFileSize+1)
	if _, err := ingest.Parse("big.txt", big); err == nil || !strings.Contains(err.Error(), "import limit") {
		t.Errorf("oversized data: %v", err)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ingest.ReadFile(filepath.Join(dir, "missing.txt")); err == nil || !strings.Contains(err.Error(), "missing.txt: no such file") {
		t.Errorf("missing: %v", err)
	}
	if _, err := ingest.ReadFile(dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder: %v", err)
	}
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, nil, 0o644)
	if err := os.Truncate(big, ingest.MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	_, err := ingest.ReadFile(big)
	// Rounded, both sizes read "67 MB": the message must not claim a
	// file is over a limit equal to its size.
	if err == nil || !strings.Contains(err.Error(), big) || !strings.Contains(err.Error(), "is 67108865 bytes; the import limit is 67108864 bytes") {
		t.Errorf("too large: %v", err)
	}
	// Errors from Parse name the full path, not just the base name.
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("\x00\x01"), 0o644)
	if _, err := ingest.ReadFile(bad); err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
		t.Errorf("binary: %v", err)
	}
	good := filepath.Join(dir, "good.md")
	os.WriteFile(good, []byte("# Good\n\nText.\n"), 0o644)
	doc, err := ingest.ReadFile(good)
	if err != nil || doc.FileName != "good.md" || doc.Title != "Good" || len(doc.Hash) != 64 {
		t.Errorf("good: %+v, %v", doc, err)
	}
}

// The hash identifies normalised content: line endings and a BOM do not
// make a different document; different text does.
func TestHash(t *testing.T) {
	a := mustParse(t, "a.txt", "T\n\nSame text.\n")
	b := mustParse(t, "b.txt", "\ufeffT\r\n\r\nSame text.\r\n")
	c := mustParse(t, "c.txt", "T\n\nOther text.\n")
	if a.Hash != b.Hash || a.Hash == c.Hash {
		t.Errorf("hashes: %s %s %s", a.Hash, b.Hash, c.Hash)
	}
}

// Every text format's extension reads text; the others are told by their
// content (see TestFormatsByContent).
func TestSupported(t *testing.T) {
	for _, ext := range []string{".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"} {
		if !slices.Contains(ingest.Supported(), ext) {
			t.Errorf("%s not supported", ext)
		}
		if _, err := ingest.Parse("x"+ext, []byte("Some text.\n")); err != nil {
			t.Errorf("%s: %v", ext, err)
		}
	}
	for _, ext := range []string{".docx", ".odt", ".epub"} {
		if !slices.Contains(ingest.Supported(), ext) {
			t.Errorf("%s not supported", ext)
		}
	}
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func TestMarkdownFrontMatter(t *testing.T) {
	cases := []struct {
		in, title string
		want      []string
	}{
		{"---\ntitle: X\nauthors: A, B\ntags:\n  - one\n  - two\n# a comment\n---\nBody.\n", "X", []string{"Body."}},
		{"---\ntitle: 'Quoted: with colon'\n---\n\n# H\n\nBody.\n", "Quoted: with colon", []string{"H", "Body."}},
		// Empty front matter closes at once.
		{"---\n---\n# T\n\nBody.\n", "T", []string{"Body."}},
		// Unterminated: not front matter, but a rule above text.
		{"---\ntitle: X\n\nBody.\n", "X", []string{"title: X", "Body."}},
		// Regression: a thematic break above prose is not front matter; the
		// prose up to the next break used to be dropped.
		{"---\nSome intro paragraph.\n\n---\nMore.\n", "X", []string{"Some intro paragraph.", "More."}},
	}
	for _, c := range cases {
		doc := mustParse(t, "x.md", c.in)
		ps := checkSpans(t, doc)
		if doc.Title != c.title || !slices.Equal(ps, c.want) {
			t.Errorf("%q: title %q, passages %q; want %q, %q", c.in, doc.Title, ps, c.title, c.want)
		}
	}
}

// Regressions from review of the goldmark rewrite.
func TestMarkdownKeepsEveryWord(t *testing.T) {
	cases := []struct {
		in, title string
		text      []string // must appear in the stored text
		passages  []string
	}{
		// A level-one heading after other text is the title, and stays in
		// the text the reader shows.
		{"Intro.\n\n# Late Title\n\nMore.\n", "Late Title", []string{"Late Title"}, []string{"Intro.", "More."}},
		// goldmark keeps a <pre>/<script>/comment block's closing line apart.
		{"<pre>\nfirst\nlast line</pre>\n\nAfter.\n", "F", []string{"last line"}, []string{"first\nlast line", "After."}},
		// Scripts and style sheets are not text anyone reads.
		{"<script>\nvar x = 1;\n</script>\n\n<style>\np { }\n</style>\n\nAfter.\n", "F", nil, []string{"After."}},
		// A comment is invisible in rendered Markdown, so it is not text.
		{"<!-- a note\nhidden -->\n\nAfter.\n", "F", nil, []string{"After."}},
		// Escapes and references are decoded once, as CommonMark says.
		{"Literal \\&amp; and &#38;amp; here.\n", "F", nil, []string{"Literal &amp; and &amp; here."}},
		// References to search's marker characters or CR are dropped.
		{"Ctrl &#2;marker&#3; and &#13;here.\n", "F", nil, []string{"Ctrl marker and \nhere."}},
	}
	for _, c := range cases {
		doc := mustParse(t, "f.md", c.in)
		ps := checkSpans(t, doc)
		if doc.Title != c.title || !slices.Equal(ps, c.passages) {
			t.Errorf("%q: title %q, passages %q; want %q, %q", c.in, doc.Title, ps, c.title, c.passages)
		}
		for _, w := range c.text {
			if !strings.Contains(doc.Text, w) {
				t.Errorf("%q: stored text %q lacks %q", c.in, doc.Text, w)
			}
		}
		if strings.ContainsAny(doc.Text, "\x02\x03\r") {
			t.Errorf("%q: stored text has a marker or CR: %q", c.in, doc.Text)
		}
	}
}

// Two Markdown files that differ only in their front matter are two
// documents; the same file twice is one.
func TestMarkdownHashCoversFrontMatter(t *testing.T) {
	a := mustParse(t, "a.md", "---\ntitle: One\n---\nSame body.\n")
	b := mustParse(t, "b.md", "---\ntitle: Two\n---\nSame body.\n")
	a2 := mustParse(t, "copy.md", "---\ntitle: One\n---\nSame body.\n")
	if a.Text != b.Text || a.Hash == b.Hash || a.Hash != a2.Hash {
		t.Errorf("hashes: %s %s %s (texts %q %q)", a.Hash, b.Hash, a2.Hash, a.Text, b.Text)
	}
}

// Input that would make the Markdown parser crawl (its time grows with the
// square of nesting depth: 20–50 s for these) is read as plain text.
func TestMarkdownPathologicalNestingFallsBack(t *testing.T) {
	for name, in := range map[string]string{
		"quotes":   strings.Repeat(">", 200_000) + " deep\n",
		"lists":    strings.Repeat("- ", 100_000) + "deep\n",
		"brackets": strings.Repeat("[a](", 100_000) + "\n",
	} {
		if !ingest.PathologicalMarkdown(in) {
			t.Errorf("%s: not recognised as pathological", name)
		}
		checkSpans(t, mustParse(t, name+".md", in))
	}
	for _, ok := range []string{"> quoted\n> > nested twice\n", "- a\n  - b\n    - c\n", "See [a](x) and [b](y).\n", "- - -\n"} {
		if ingest.PathologicalMarkdown(ok) {
			t.Errorf("%q taken for pathological", ok)
		}
	}
}

// Lists nest across lines too, by indentation: 2,000 levels took goldmark
// 28 s (time grows with the cube of the depth), 5,000 levels many minutes.
func TestMarkdownDeepListsAcrossLinesFallBack(t *testing.T) {
	var bullets, numbered strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&bullets, "%s- item %d\n", strings.Repeat("  ", i), i)
		fmt.Fprintf(&numbered, "%s1. item %d\n", strings.Repeat("   ", i), i)
	}
	for name, in := range map[string]string{"bullets": bullets.String(), "numbered": numbered.String()} {
		if !ingest.PathologicalMarkdown(in) {
			t.Errorf("%s: 2,000 nested list levels not recognised as pathological", name)
		}
	}
	var ok strings.Builder
	for i := range 20 {
		fmt.Fprintf(&ok, "%s- level %d\n%s1. numbered\n", strings.Repeat("  ", i), i, strings.Repeat("  ", i+1))
	}
	ok.WriteString("    indented code\n\n" + strings.Repeat(" ", 300) + "far-indented text, no marker\n")
	if ingest.PathologicalMarkdown(ok.String()) {
		t.Error("20 nested levels taken for pathological")
	}
}

// "<SECTION>Heading" lines (the Mueller report corpus's markup) are heading
// passages without the marker.
func TestSectionMarkersAreHeadings(t *testing.T) {
	doc := mustParse(t, "r.txt", "<SECTION>Introduction to Volume I\n\nThis report is submitted.\n\n<SECTION>\n\n<SECTION>A.  Scope\n")
	ps := checkSpans(t, doc)
	want := []string{"Introduction to Volume I", "This report is submitted.", "<SECTION>", "A.  Scope"}
	if !slices.Equal(ps, want) {
		t.Fatalf("passages %q, want %q", ps, want)
	}
	for i, p := range doc.Passages {
		if heading := i == 0 || i == 3; p.Heading != heading {
			t.Errorf("%q: heading %v", ps[i], p.Heading)
		}
	}
}

// A file whose text has no title is named after the file, readably.
func TestTitleFromFileName(t *testing.T) {
	for name, want := range map[string]string{
		"mueller-report.txt":         "Mueller report",
		"2021-03-16_field-notes.txt": "2021-03-16 field notes",
		"ODNI-ICA.md":                "ODNI ICA",
		"covid-19-brief.txt":         "Covid-19-brief",
		"notes":                      "Notes",
	} {
		doc := mustParse(t, name, "A first line that is a sentence.\n\nMore.\n")
		if doc.Title != want {
			t.Errorf("%s: title %q, want %q", name, doc.Title, want)
		}
	}
}

// A title of invisible characters alone is none: the file's name stands
// for it, as for no title at all (imported, the library showed a blank
// row; a file named "\u200b.txt" had an empty title).
func TestATitleOfInvisibleCharactersIsNone(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"zero-width.txt", "\u200b\u200c\n\nThe minister met the ambassador on Tuesday.\n"},
		{"joiner.txt", "\u2060\n\nThe minister met the ambassador on Sunday.\n"},
		{"marks.md", "# \ufe0f\u200d\n\nThe minister met the ambassador on Friday.\n"},
		{"marks.html", "<html><head><title>\u200e\u200f</title></head><body><h1>\u202a\u202c</h1><p>The minister met the ambassador on Thursday.</p></body></html>"},
		{"\u200b.txt", "The minister met the ambassador on Monday.\n"},
		{"\u3164\u00ad", "The minister met the ambassador on Monday.\n"},
	} {
		doc, err := ingest.Parse(c.name, []byte(c.text))
		if err != nil {
			t.Errorf("%q: %v", c.name, err)
			continue
		}
		if wording.Blank(doc.Title) {
			t.Errorf("%q: title %q shows nothing", c.name, doc.Title)
		}
	}
}
