package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// marked lists the text of each range, checking they are sorted, inside
// text and do not overlap.
func marked(t *testing.T, text string, rs []store.Range) []string {
	t.Helper()
	var out []string
	prev := 0
	for _, r := range rs {
		if r.Start < prev || r.End <= r.Start || r.End > len(text) {
			t.Fatalf("ranges %v unsorted, overlapping or outside %d bytes", rs, len(text))
		}
		prev = r.End
		out = append(out, text[r.Start:r.End])
	}
	return out
}

func TestFiltersHighlightMentions(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	res, err := s.Search(ctx, store.SearchRequest{Query: "actor:putin", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("actor:putin found nothing")
	}
	var all []string
	for _, h := range res.Hits {
		got := marked(t, h.Text, h.Matches)
		if len(got) == 0 {
			t.Errorf("passage %d: no mention marked in %q", h.Ordinal, h.Text)
		}
		for _, m := range got {
			if !strings.HasSuffix(m, "Putin") {
				t.Errorf("passage %d: marked %q", h.Ordinal, m)
			}
		}
		all = append(all, got...)
		// The snippet shows a mention, marked.
		if sn := marked(t, h.Snippet, h.SnippetRanges); len(sn) == 0 {
			t.Errorf("passage %d: snippet %q marks nothing", h.Ordinal, h.Snippet)
		}
	}
	// The name ("Vladimir Putin", whole, or the longer alias "Russian
	// President Vladimir Putin") and the alias ("Putin").
	if !slices.ContainsFunc(all, func(m string) bool { return strings.HasSuffix(m, "Vladimir Putin") }) || !slices.Contains(all, "Putin") {
		t.Errorf("marked %q, want both the name and the alias", all)
	}

	// With words: both are marked, merged in order.
	res, err = s.Search(ctx, store.SearchRequest{Query: "authorized actor:putin"})
	if err != nil || len(res.Hits) == 0 {
		t.Fatal(res, err)
	}
	for _, h := range res.Hits {
		got := marked(t, h.Text, h.Matches)
		if !slices.Contains(got, "authorized") || !slices.ContainsFunc(got, func(m string) bool { return strings.HasSuffix(m, "Putin") }) {
			t.Errorf("passage %d: marked %q", h.Ordinal, got)
		}
	}

	// A negated filter marks nothing.
	res, err = s.Search(ctx, store.SearchRequest{Query: "-actor:putin election"})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		for _, m := range marked(t, h.Text, h.Matches) {
			if strings.Contains(m, "Putin") {
				t.Errorf("-actor:putin marks %q", m)
			}
		}
	}

	// The reader: the whole document and one passage.
	dm, err := s.DocumentMatches(ctx, doc, "actor:putin")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.Passages(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range ps {
		want := strings.Count(p.Text, "Putin")
		got := marked(t, p.Text, dm[p.ID])
		if len(got) != want {
			t.Errorf("reader, passage %d: marked %q, want %d mentions", p.Ordinal, got, want)
		}
		n += len(got)
		if want > 0 {
			_, pr, err := s.PassageMatches(ctx, p.ID, "actor:putin")
			if err != nil || !slices.Equal(pr, dm[p.ID]) {
				t.Errorf("PassageMatches(%d) = %v, %v; DocumentMatches has %v", p.Ordinal, pr, err, dm[p.ID])
			}
		}
	}
	if n == 0 {
		t.Error("the reader marks no mention")
	}
	// Words and mentions together in the reader.
	dm, err = s.DocumentMatches(ctx, doc, "sanctions actor:putin")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, p := range ps {
		words = append(words, marked(t, p.Text, dm[p.ID])...)
	}
	if !slices.Contains(words, "sanctions") || !slices.Contains(words, "Putin") {
		t.Errorf("reader marks %q", words)
	}
}

// The starter gazetteer names no source by a phrase any report uses of
// itself: its alias "the report" made every "the report" of every imported
// document (17 passages of the Mueller report) a suggestion of the ODNI
// report as their source (found by a UI pass). Its specific names still
// suggest it.
func TestStarterSourcesAreNotSuggestedForAnyReport(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	if _, err := s.ImportText(ctx, "Another report", "", "The report describes a meeting in Madrid.\n\nThe 15-page declassified report says so."); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, store.SearchRequest{Query: `doc:"Another report" source:"ODNI report on foreign threats to the 2020 election"`})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || !strings.Contains(res.Hits[0].Text, "15-page") {
		var texts []string
		for _, h := range res.Hits {
			texts = append(texts, h.Text)
		}
		t.Errorf("passages suggested as the ODNI report: %q; want only the one naming it", texts)
	}
}
