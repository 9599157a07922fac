package store_test

import (
	"context"
	"strings"
	"testing"

	"dossier/store"
)

// Footnote references are markup of the stored text: a quote printed in an
// export or pasted with its citation leaves them out, a footnote keeps its
// number, and quotation marks inside a pasted quote become single ones (a
// researcher's pass: "…intelligence.\<FN860" in print, and “…a Russian
// “spy.””).
func TestPrintedQuotesLeaveOutFootnoteReferences(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ties to Russian intelligence.<FN860> More.", "ties to Russian intelligence. More."},
		{"<FN12>Id. at 3.<FN13>", "[12] Id. at 3."},
		{"no marks <FN> <FNx>", "no marks <FN> <FNx>"},
		{"", ""},
	} {
		if got := store.WithoutNoteMarks(c.in); got != c.want {
			t.Errorf("WithoutNoteMarks(%q) = %q, want %q", c.in, got, c.want)
		}
	}

	text := "Manafort said Kilimnik was not a Russian “spy.”<FN859> The FBI, however, assesses that Kilimnik has ties to Russian intelligence.<FN860>"
	for _, c := range []struct {
		start, end      int
		wantStart, end2 int
	}{
		// Ending inside the reference after the sentence: up to the sentence.
		{strings.Index(text, "The FBI"), strings.Index(text, "860>"), strings.Index(text, "The FBI"), strings.Index(text, "<FN860>")},
		// Starting inside one: after it.
		{strings.Index(text, "59>"), strings.Index(text, " The FBI") + 8, strings.Index(text, " The FBI"), strings.Index(text, " The FBI") + 8},
		// Whole references inside are kept (printing leaves them out).
		{0, len(text), 0, len(text)},
	} {
		s, e := store.OutsideNoteMarks(text, c.start, c.end)
		if s != c.wantStart || e != c.end2 {
			t.Errorf("OutsideNoteMarks(%q) = %q", text[c.start:c.end], text[s:e])
		}
	}

	ctx := context.Background()
	st := mustOpen(t)
	importText(t, st, "Report.txt", "Report on contacts\n\n"+text+"\n\n<FN860>Interview of the FBI.\n")
	res, err := st.Search(ctx, store.SearchRequest{Query: "assesses"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v, %v", res, err)
	}
	p, err := st.Passage(ctx, res.Hits[0].PassageID)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := st.Document(ctx, p.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	cite := store.QuotePassage(doc, p, nil, "").Citation()
	if strings.Contains(cite, "<FN") || !strings.Contains(cite, "a Russian ‘spy.’ The FBI") || !strings.HasPrefix(cite, "“Manafort said") {
		t.Errorf("citation %q", cite)
	}
	if _, err := st.AddBookmark(ctx, p.ID, nil, "the FBI's view"); err != nil {
		t.Fatal(err)
	}
	var md strings.Builder
	if err := st.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "FN") || !strings.Contains(md.String(), "ties to Russian intelligence.\n") {
		t.Errorf("Markdown export:\n%s", md.String())
	}
}
