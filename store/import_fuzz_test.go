package store_test

import (
	"context"
	"strings"
	"testing"

	"dossier/store/ingest"
)

// FuzzImportStored imports arbitrary text or Markdown into a research file
// and checks what was stored, as the reader and exports read it back: the
// document's text as parsed, its passages exactly text[start:end] with
// ordinals 1..n in order, the same spans and heading marks the importer
// produced, and a second import of the same bytes a no-op.
func FuzzImportStored(f *testing.F) {
	f.Add(false, "Headline\n\nBody.\n")
	f.Add(true, "---\ntitle: x\n---\n# H\n\nSome *emphasis* and [a link](https://example.org).\n\n- a\n- b\n")
	f.Add(false, strings.Repeat("word. ", 400))
	f.Add(true, "\ufeff\r\n# Tōkyō\r\n\r\ncafé 日本語 🎉\r")
	f.Add(false, "<SECTION>Part\n\nText.\n")
	s := mustOpen(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, markdown bool, data string) {
		name := "f.txt"
		if markdown {
			name = "f.md"
		}
		doc, err := ingest.Parse(name, []byte(data))
		if err != nil {
			return // refusals are FuzzPlainText's and FuzzMarkdown's business
		}
		res, err := s.ImportDocument(ctx, doc)
		if err != nil {
			t.Fatalf("ImportDocument: %v", err)
		}
		if res.AlreadyPresent {
			return // the same content came before (perhaps as the other format)
		}
		text, err := s.DocumentText(ctx, res.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		if text != doc.Text {
			t.Fatalf("stored text differs from the parsed text")
		}
		ps := checkStoredOffsets(t, s, res.DocumentID)
		if len(ps) != len(doc.Passages) {
			t.Fatalf("%d passages stored, %d parsed", len(ps), len(doc.Passages))
		}
		for i, p := range ps {
			want := doc.Passages[i]
			if p.Start != want.Start || p.End != want.End || p.Heading != want.Heading {
				t.Fatalf("passage %d stored as [%d,%d) heading %v, parsed [%d,%d) heading %v",
					i+1, p.Start, p.End, p.Heading, want.Start, want.End, want.Heading)
			}
		}
		again, err := s.ImportDocument(ctx, doc)
		if err != nil || !again.AlreadyPresent || again.DocumentID != res.DocumentID {
			t.Fatalf("second import: %+v, %v", again, err)
		}
	})
}
