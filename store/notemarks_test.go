package store_test

import (
	"context"
	"strings"
	"testing"

	"dossier/store"
)

// quoteOf imports text as name and quotes the passage holding from (its
// whole text when to is -1; else from..to of the passage), as the window's
// Copy with citation does.
func quoteOf(t *testing.T, st *store.Store, name, text, from, to string) (store.Quote, store.Passage) {
	t.Helper()
	ctx := context.Background()
	res := importText(t, st, name, text)
	ps, err := st.Passages(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := st.Document(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		i := strings.Index(p.Text, from)
		if i < 0 {
			continue
		}
		var span *store.Range
		if to != "" {
			span = &store.Range{Start: i, End: strings.Index(p.Text, to) + len(to)}
		}
		return store.QuotePassage(doc, p, span, text, store.NoteReferences(doc, ps)), p
	}
	t.Fatalf("no passage of %s holds %q", name, from)
	return store.Quote{}, store.Passage{}
}

func TestPrintedQuotesLeaveOutFootnoteReferences(t *testing.T) {
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
	cite := store.QuotePassage(doc, p, nil, "", true).Citation()
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

// In a report, a quote that starts on a reference prints without it, not
// as a footnote's number: "[860] Putin raised…" read as footnote 860's
// text (a hostile data pass). A footnote's own number still prints, at the
// start of any of its lines (short notes read as one passage).
func TestAQuoteStartingOnAReferencePrintsNoNumber(t *testing.T) {
	const report = "Report on contacts\n\nManafort met Kilimnik in Madrid.<FN860> Putin raised the sanctions.\n\n" +
		"<FN860>Interview of the FBI.\n<FN861>\tId. at 3.\n"
	st := mustOpen(t)
	q, _ := quoteOf(t, st, "Report.txt", report, "<FN860> Putin", "sanctions.")
	if got, want := q.Printed(), "Putin raised the sanctions."; got != want {
		t.Errorf("a quote starting on a reference prints %q, want %q", got, want)
	}
	if c := q.Citation(); !strings.HasPrefix(c, "“Putin raised the sanctions.”") {
		t.Errorf("citation %q", c)
	}
	for _, c := range []struct{ from, to, want string }{
		{"<FN860>Interview", "", "[860] Interview of the FBI. [861] Id. at 3."},
		{"<FN861>", "3.", "[861] Id. at 3."}, // the tab after its number is not printed
		{"Interview", "FBI.", "Interview of the FBI."},
	} {
		q, p := quoteOf(t, st, "Report.txt", report, c.from, c.to)
		if p.Footnote != 860 {
			t.Fatalf("passage %q is footnote %d, want 860", p.Text, p.Footnote)
		}
		got := q.Printed()
		if c.from != "<FN861>" { // the passage's line break, printed as it is
			got = strings.Join(strings.Fields(got), " ")
		}
		if got != c.want {
			t.Errorf("footnote quote from %q prints %q, want %q", c.from, got, c.want)
		}
	}

	// The Markdown export prints a bookmark so too.
	ctx := context.Background()
	_, p := quoteOf(t, st, "Report.txt", report, "<FN860> Putin", "")
	i := strings.Index(p.Text, "<FN860>")
	if _, err := st.AddBookmark(ctx, p.ID, &store.Range{Start: i, End: len(p.Text)}, ""); err != nil {
		t.Fatal(err)
	}
	var md strings.Builder
	if err := st.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "\n> Putin raised the sanctions.\n") || strings.Contains(md.String(), "860") {
		t.Errorf("Markdown export:\n%s", md.String())
	}
}

// A document whose "<FN12>" is its own text, not a report's reference (its
// import found no footnotes it starts), prints it: notes about the markup
// lost the words they were about (a hostile data pass).
func TestLiteralNoteMarksOfAnOrdinaryDocumentPrint(t *testing.T) {
	const notes = "Notes on the markup\n\nThe cleaned text writes <FN12> where footnote 12 is cited.\n"
	st := mustOpen(t)
	q, _ := quoteOf(t, st, "Markup.txt", notes, "The cleaned", "")
	if q.References {
		t.Fatal("an ordinary document's marks were taken for references")
	}
	if c := q.Citation(); !strings.Contains(c, "writes <FN12> where") {
		t.Errorf("citation %q", c)
	}
	q, _ = quoteOf(t, st, "Markup.txt", notes, "<FN12>", "cited.")
	if c := q.Citation(); !strings.HasPrefix(c, "“<FN12> where footnote 12 is cited.”") {
		t.Errorf("citation of a quote starting on the mark: %q", c)
	}
	ctx := context.Background()
	res, err := st.Search(ctx, store.SearchRequest{Query: "cleaned"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v, %v", res, err)
	}
	if _, err := st.AddBookmark(ctx, res.Hits[0].PassageID, nil, ""); err != nil {
		t.Fatal(err)
	}
	var md strings.Builder
	if err := st.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), `writes \<FN12> where`) {
		t.Errorf("Markdown export lost the mark:\n%s", md.String())
	}
}
