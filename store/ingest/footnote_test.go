package ingest_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store/ingest"
)

// reportText is cleaned report text in the Mueller corpus's markup: inline
// footnote references, "<FNn>" footnote lines (two short ones adjacent),
// "<REDACTED>" marks and a section heading.
const reportText = `Kilimnik met Manafort in Madrid.<FN1> The meeting was brief, <REDACTED> and ended early.

<SECTION>Contacts

<FN1>Interview of Gates, 302 at 3 (<REDACTED>).
<FN2>Id.
<FN3>Id. at 4.

Putin denied it.<FN4>

<FN4>See Volume II.
`

func TestFootnotesAndRedactions(t *testing.T) {
	doc, err := ingest.Parse("report.txt", []byte(reportText))
	if err != nil {
		t.Fatal(err)
	}
	ps := checkSpans(t, doc)
	type want struct {
		text     string
		footnote int
		heading  bool
	}
	wants := []want{
		{"Kilimnik met Manafort in Madrid.<FN1> The meeting was brief, [redacted] and ended early.", 0, false},
		{"Contacts", 0, true},
		// Adjacent short lines are one hard-wrapped paragraph, as before
		// footnotes were recognised (so passage numbers stay the same).
		{"<FN1>Interview of Gates, 302 at 3 ([redacted]).\n<FN2>Id.\n<FN3>Id. at 4.", 1, false},
		{"Putin denied it.<FN4>", 0, false},
		{"<FN4>See Volume II.", 4, false},
	}
	if len(ps) != len(wants) {
		t.Fatalf("passages %q, want %d", ps, len(wants))
	}
	for i, w := range wants {
		p := doc.Passages[i]
		if ps[i] != w.text || p.Footnote != w.footnote || p.Heading != w.heading {
			t.Errorf("passage %d = %q footnote %d heading %v, want %+v", i+1, ps[i], p.Footnote, p.Heading, w)
		}
	}
	// The stored text is normalised (passages are cut from it) ...
	if strings.Contains(doc.Text, "<REDACTED>") || strings.Count(doc.Text, "[redacted]") != 2 {
		t.Errorf("text still holds redaction markup: %q", doc.Text)
	}
	// ... but the document is known by the file it came from, so a file
	// imported before normalisation is recognised when imported again.
	sum := sha256.Sum256([]byte(reportText))
	if doc.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("hash %s is not the hash of the file", doc.Hash)
	}
}

// A long footnote is split like any paragraph; every piece is the footnote.
func TestLongFootnoteKeepsNumber(t *testing.T) {
	long := "<FN77>" + strings.Repeat("The witness recalled the meeting in some detail. ", 60)
	doc, err := ingest.Parse("report.txt", []byte("Body text here.\n\n"+long+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	ps := checkSpans(t, doc)
	if len(ps) < 3 {
		t.Fatalf("long footnote not split: %d passages", len(ps))
	}
	for i, p := range doc.Passages[1:] {
		if p.Footnote != 77 {
			t.Errorf("piece %d: footnote %d, want 77", i+1, p.Footnote)
		}
	}
	if doc.Passages[0].Footnote != 0 {
		t.Error("body text marked as a footnote")
	}
}

// Only a paragraph starting with the marker is a footnote.
func TestFootnoteMarkerOnlyAtStart(t *testing.T) {
	doc, err := ingest.Parse("a.txt", []byte("See note <FN3> here.\n\n <FN> not numbered.\n\n<FN12x>odd.\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range doc.Passages {
		if p.Footnote != 0 {
			t.Errorf("passage %d %q read as footnote %d", i+1, doc.Text[p.Start:p.End], p.Footnote)
		}
	}
}

func TestMuellerFootnotes(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "mueller-report.txt")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("Mueller report absent: %v", err)
	}
	doc, err := ingest.Parse("mueller-report.txt", raw)
	if err != nil {
		t.Fatal(err)
	}
	ps := checkSpans(t, doc)
	notes, body := map[int]bool{}, 0
	for i, p := range doc.Passages {
		if p.Footnote > 0 {
			notes[p.Footnote] = true
			// A footnote starts with its marker, unless it is the rest of
			// a long one.
			if !strings.HasPrefix(ps[i], "<FN") && (i == 0 || doc.Passages[i-1].Footnote != p.Footnote) {
				t.Errorf("footnote passage %q", ps[i])
			}
		} else if !p.Heading {
			body++
		}
		if strings.Contains(ps[i], "<REDACTED>") {
			t.Fatalf("passage %d still shows <REDACTED>", i+1)
		}
	}
	// 2,358 lines start with a footnote marker (numbering restarts in
	// Volume II, so numbers repeat).
	lines := strings.Count("\n"+string(raw), "\n<FN")
	if len(notes) < 1000 || body < 1500 {
		t.Errorf("%d distinct footnote numbers, %d body passages (of %d footnote lines)", len(notes), body, lines)
	}
	if len(doc.Text) != len(raw) {
		t.Errorf("normalising changed the text's length: %d, was %d", len(doc.Text), len(raw))
	}
}
