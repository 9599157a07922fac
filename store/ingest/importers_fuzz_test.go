package ingest_test

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"dossier/store/ingest"
)

// One fuzz target per importer. Each asserts the contract every importer
// owes the store, not just "no panic":
//   - a failure is an *ingest.Error naming the file, with a reason;
//   - the text is valid UTF-8, free of NUL, CR and the search markers \x02
//     and \x03;
//   - passages are non-empty, in order (so ordinals increase), do not
//     overlap, lie inside the text, start and end on character boundaries,
//     carry no surrounding white space and fit in MaxPassageLen;
//   - the title and metadata are valid UTF-8 on one line;
//   - parsing is deterministic.

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{
		"Headline\n\nBody.\n",
		"Kilimnik met Manafort",
		"Photo: Jane Doe/Reuters\n\nText of the story. More text.\n",
		"<SECTION>Part One\n\nBody text here.\n<SECTION>\n",
		"\ufeffTitle\r\n\r\nline one\r\nline two\rline three\n",
		strings.Repeat("A long sentence without end ", 120),
		strings.Repeat("Mr. Smith went to Washington. ", 80) + "\n\n" + strings.Repeat("x", 1600),
		"\t \f\n\n  indented\n\n\n",
		"a\x02b\x03c\n\nd",
		"日本語の文章です。\n\n" + strings.Repeat("é", 900),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		doc := checkImporter(t, "story.txt", data)
		if doc == nil {
			return
		}
		// Plain text is stored as written: only BOMs, CR line ends and
		// the search markers are normalised away — after decoding, for
		// text that is not UTF-8 (read as Windows-1252/Latin-1, and said).
		if strings.HasPrefix(data, "\xff\xfe") || strings.HasPrefix(data, "\xfe\xff") {
			return // UTF-16: its decoding has its own fuzz target (FuzzDecodeText)
		}
		want := data
		if !utf8.ValidString(data) {
			if doc.Encoding == "" {
				t.Fatalf("text that is not UTF-8 imported without naming its encoding")
			}
			dec, err := charmap.Windows1252.NewDecoder().String(data)
			if err != nil {
				t.Fatalf("imported as %s, but it does not decode: %v", doc.Encoding, err)
			}
			want = dec
		}
		for strings.HasPrefix(want, "\ufeff") {
			want = want[len("\ufeff"):]
		}
		want = strings.ReplaceAll(want, "\r\n", "\n")
		want = strings.ReplaceAll(want, "\r", "\n")
		want = strings.NewReplacer("\x02", "", "\x03", "").Replace(want)
		if doc.Text != want {
			t.Fatalf("text changed beyond normalisation:\n got %q\nwant %q", doc.Text, want)
		}
		if sum := sha256.Sum256([]byte(doc.Text)); doc.Hash != hex.EncodeToString(sum[:]) {
			t.Fatalf("hash %s is not the text's", doc.Hash)
		}
		// Stored text parses again to the same passages (a re-import of an
		// exported text, or a check of a stored document, relies on it).
		again, err := ingest.Parse("story.txt", []byte(doc.Text))
		if err != nil || !reflect.DeepEqual(again.Passages, doc.Passages) || again.Title != doc.Title {
			t.Fatalf("re-parsing the stored text differs: %v", err)
		}
	})
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\nauthor: Jane\ndate: 2020-01-02\nsource: Wire\nurl: https://example.org/a\n---\n# H\n\n```\ncode\n\n# c\n```\n- a\n- b\n",
		"# Title\n\nSome *emphasis*, a [link](https://example.org) and `code`.\n\n## Section\n\n1. one\n2. two\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ kept\n",
		"> quoted\n> > deeper\n\n---\n\ntext after a break\n",
		"<div>html block</div>\n\n&amp; &#2; &#0; &copy; \\* escaped\n",
		"---\n---\nbody\n",
		"Setext\n======\n\nparagraph\nwrapped\n",
		strings.Repeat(">", 300) + " deep\n",
		strings.Repeat("- ", 200) + "nested\n",
		"\ufeff\r\n# T\r\n\r\ntext\r",
		"[ref]\n\n[ref]: https://example.org \"t\"\n",
		"    indented code\n\n![image alt](i.png)\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		doc := checkImporter(t, "notes.md", data)
		if doc == nil {
			return
		}
		if doc.Format != "markdown" {
			t.Fatalf("format %q", doc.Format)
		}
	})
}

// checkImporter parses data as the file name and checks the importer
// contract; it returns nil when the file was (properly) refused.
func checkImporter(t *testing.T, name, data string) *ingest.Document {
	t.Helper()
	doc, err := ingest.ParseWithin(t, name, []byte(data))
	if err != nil {
		e, ok := err.(*ingest.Error)
		if !ok || e.File != name || strings.TrimSpace(e.Reason) == "" || !utf8.ValidString(e.Reason) {
			t.Fatalf("error %T %q: want an *ingest.Error naming %s with a reason", err, err, name)
		}
		return nil
	}
	if !utf8.ValidString(doc.Text) || strings.ContainsAny(doc.Text, "\r\x00\x02\x03") {
		t.Fatalf("text not normalised: %q", doc.Text)
	}
	if len(doc.Passages) == 0 {
		t.Fatal("a document without passages was accepted")
	}
	prev := 0
	for i, p := range doc.Passages {
		if p.Start < prev || p.End <= p.Start || p.End > len(doc.Text) {
			t.Fatalf("passage %d %+v out of order or outside the %d-byte text (previous end %d)", i+1, p, len(doc.Text), prev)
		}
		if !utf8.RuneStart(doc.Text[p.Start]) || p.End < len(doc.Text) && !utf8.RuneStart(doc.Text[p.End]) {
			t.Fatalf("passage %d %+v cuts a character", i+1, p)
		}
		s := doc.Text[p.Start:p.End]
		if strings.TrimSpace(s) != s || strings.TrimFunc(s, unicode.IsSpace) == "" {
			t.Fatalf("passage %d %+v: %q is blank or has white space around it", i+1, p, s)
		}
		if len(s) > ingest.MaxPassageLen {
			t.Fatalf("passage %d is %d bytes, over %d", i+1, len(s), ingest.MaxPassageLen)
		}
		prev = p.End
	}
	meta := map[string]string{"title": doc.Title, "source": doc.Source, "author": doc.Author,
		"published": doc.Published, "url": doc.URL, "photo credit": doc.PhotoCredit, "file name": doc.FileName}
	for what, v := range meta {
		if !utf8.ValidString(v) || strings.ContainsAny(v, "\n\r\x00") {
			t.Fatalf("%s %q is not one line of text", what, v)
		}
	}
	if strings.TrimSpace(doc.Title) == "" || doc.FileName != name || len(doc.Hash) != 64 {
		t.Fatalf("document title %q, file name %q, hash %q", doc.Title, doc.FileName, doc.Hash)
	}
	again, err := ingest.Parse(name, []byte(data))
	if err != nil || !reflect.DeepEqual(again, doc) {
		t.Fatalf("parsing the same bytes twice differs (%v)", err)
	}
	return doc
}
