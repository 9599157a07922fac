package store_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/store"
)

// Hostile text in printed quotes (a hostile data pass): a title's
// right-to-left override turned the citation written after it around in
// any editor ("…”, passage 1, characters 20–133." read backwards), a
// note's lone carriage return began a Markdown line no escape had seen
// ("ok\r# Injected" headed the report), and a title ending in " #" lost it
// as a heading's closing sequence. The CSV and the JSON bundle keep the
// text as stored.
func TestHostileTextInPrintedQuotes(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	rlo := importText(t, st, "rtl.txt", "\u202eEvil title gnp.exe\n\nA passage about the override.\n")
	csharp := importText(t, st, "csharp.txt", "Notes on C #\n\nA passage about the language.\n")
	for _, id := range []int64{rlo.DocumentID, csharp.DocumentID} {
		ps, err := st.Passages(ctx, id)
		if err != nil || len(ps) == 0 {
			t.Fatalf("passages: %v, %v", ps, err)
		}
		if _, err := st.AddBookmark(ctx, ps[0].ID, nil, "ok\r# Injected heading\r\n- injected item\rlast"); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := st.Document(ctx, rlo.DocumentID)
	if err != nil || doc.Title != "\u202eEvil title gnp.exe" {
		t.Fatalf("document %q, %v", doc.Title, err)
	}
	ps, _ := st.Passages(ctx, rlo.DocumentID)
	cite := store.QuotePassage(doc, ps[0], nil, "", false).Citation()
	if strings.ContainsRune(cite, '\u202e') || !strings.Contains(cite, "“\ufffdEvil title gnp.exe” (passage 1") {
		t.Errorf("citation %q: the override is printed", cite)
	}

	var md strings.Builder
	if err := st.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	if strings.ContainsRune(out, '\u202e') || !strings.Contains(out, "## \ufffdEvil title gnp.exe\n") {
		t.Errorf("Markdown export prints the override:\n%q", out)
	}
	// Markdown ends a line at a line feed, a carriage return or both.
	for _, line := range regexp.MustCompile(`\r\n|\r|\n`).Split(out, -1) {
		if strings.HasPrefix(line, "# Injected") || strings.HasPrefix(line, "- injected") {
			t.Errorf("a note's line starts a Markdown block: %q in\n%q", line, out)
		}
	}
	if !strings.Contains(out, "**Note:** ok  \n\\# Injected heading  \n\\- injected item  \nlast\n") {
		t.Errorf("a note's lines are not kept as escaped lines:\n%q", out)
	}
	if !strings.Contains(out, "## Notes on C \\#\n") {
		t.Errorf("a title ending in # is not escaped in its heading:\n%s", out)
	}

	// The data formats keep what the file holds.
	for _, f := range []store.ExportFormat{store.ExportCSVFormat, store.ExportJSONFormat} {
		var b strings.Builder
		if _, err := st.Export(ctx, &b, f, ""); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "\u202eEvil") && !strings.Contains(b.String(), `\u202eEvil`) {
			t.Errorf("%v export lost the title as stored:\n%s", f, b.String())
		}
	}
}

// A research file's name and an export's query are printed on one line
// each: a line break in either (the CLI's `export $'rtl\n# Injected'`)
// began a line of the report's own, a heading (a hostile data pass).
func TestMarkdownExportKeepsItsFileNameAndQueryOnOneLine(t *testing.T) {
	ctx := context.Background()
	st := mustOpenAt(t, filepath.Join(t.TempDir(), "evil\n# Injected file.dossier"))
	importText(t, st, "notes.txt", "Notes\n\nA passage about the zebrafinch.\n")
	var md strings.Builder
	if err := st.ExportMarkdown(ctx, &md, "zebrafinch\n# Injected query"); err != nil {
		t.Fatal(err)
	}
	for _, line := range regexp.MustCompile(`\r\n|\r|\n`).Split(md.String(), -1) {
		if strings.HasPrefix(line, "# Injected") {
			t.Errorf("a line of the report starts a heading: %q in\n%s", line, md.String())
		}
	}
	for _, want := range []string{"# Dossier export: evil # Injected file.dossier\n", "Limited to passages matching `zebrafinch # Injected query`."} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the export lacks %q:\n%s", want, md.String())
		}
	}
}
