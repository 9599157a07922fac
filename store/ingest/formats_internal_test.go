package ingest

import (
	"slices"
	"strings"
	"testing"
)

// A format added to the list is offered by extension, read by content
// whatever the file is named, and listed in Supported — with no other
// change.
func TestFormatRegistry(t *testing.T) {
	saved := formats
	t.Cleanup(func() { formats = saved })
	fake := Format{
		Name:  "fake",
		Exts:  []string{".fake"},
		Sniff: func(head []byte) bool { return strings.HasPrefix(string(head), "FAKE1") },
		Read: func(name string, data []byte) (*Document, error) {
			text := strings.TrimPrefix(string(data), "FAKE1 ")
			return &Document{Format: "fake", Text: text, Passages: []Span{{Start: 0, End: len(text)}}}, nil
		},
	}
	if Importable("a.fake") {
		t.Fatal(".fake importable before it is added")
	}
	formats = append(slices.Clip(formats), fake)

	if !Importable("notes.FAKE") || !slices.Contains(Supported(), ".fake") {
		t.Errorf("Importable(.FAKE) = %v, Supported = %v", Importable("notes.FAKE"), Supported())
	}
	// By content: a .txt file that starts with the magic is read as fake.
	doc, err := Parse("misnamed.txt", []byte("FAKE1 Kumquat passage."))
	if err != nil || doc.Format != "fake" || doc.Text != "Kumquat passage." || doc.Title != "Misnamed" {
		t.Errorf("sniffed: %+v, %v", doc, err)
	}
	// Without the magic, the extension decides.
	if doc, err := Parse("plain.txt", []byte("Kumquat passage.\n")); err != nil || doc.Format != "text" {
		t.Errorf("plain: %+v, %v", doc, err)
	}
	if _, err := Parse("x.fake", []byte("no magic")); err != nil {
		t.Errorf("by extension: %v", err)
	}
}

// The rule for folders: known extensions only, in any case; a file without
// an extension is read as plain text only when named on its own.
func TestImportable(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "b.TEXT": true, "c.md": true, "d.Markdown": true,
		"README": false, "e.pdf": true, "f.json": false, "g.txt.gz": false,
	} {
		if got := Importable(name); got != want {
			t.Errorf("Importable(%q) = %v", name, got)
		}
	}
	if doc, err := Parse("README", []byte("Some text.\n")); err != nil || doc.Format != "text" {
		t.Errorf("README named on its own: %+v, %v", doc, err)
	}
}
