package ingest_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/store/ingest"
)

// FuzzParseDocument: any bytes, as text or Markdown, either fail with an
// *ingest.Error or yield passages that honour the offset contract.
func FuzzParseDocument(f *testing.F) {
	f.Add(false, "Headline\n\nBody.\n")
	f.Add(true, "---\ntitle: x\n---\n# H\n\n```\ncode\n\n# c\n```\n- a\n- b\n")
	f.Add(false, strings.Repeat("word. ", 400))
	f.Add(true, "\ufeff\r\n# T\r\n\r\ntext\r")
	f.Fuzz(func(t *testing.T, markdown bool, data string) {
		name := "f.txt"
		if markdown {
			name = "f.md"
		}
		doc, err := ingest.Parse(name, []byte(data))
		if err != nil {
			if _, ok := err.(*ingest.Error); !ok {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		if !utf8.ValidString(doc.Text) || strings.ContainsAny(doc.Text, "\r\x00\x02\x03") {
			t.Fatalf("text not normalised: %q", doc.Text)
		}
		prev := 0
		for i, p := range doc.Passages {
			if p.Start < prev || p.End <= p.Start || p.End > len(doc.Text) {
				t.Fatalf("span %d %v (prev end %d, len %d)", i, p, prev, len(doc.Text))
			}
			s := doc.Text[p.Start:p.End]
			if !utf8.ValidString(s) || strings.TrimSpace(s) != s || len(s) > ingest.MaxPassageLen {
				t.Fatalf("span %d %v: %q", i, p, s)
			}
			prev = p.End
		}
		if len(doc.Passages) == 0 || doc.Title == "" || len(doc.Hash) != 64 {
			t.Fatalf("document %+v", doc)
		}
	})
}
