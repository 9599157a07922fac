package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/store"
	"dossier/store/query"
)

// FuzzSearch runs arbitrary user input through Search, PassageMatches and
// DocumentMatches on a small real research file. Whatever the input, the
// outcome is results, ErrEmptyQuery or a *query.Error with a message for
// the user — never a raw SQL error — and results are consistent with the
// stored passages.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		"Kilimnik", "putin trump", `"influence operations"`, "sanction*", "iran OR china", "putin -trump",
		"doc:Russian -trump", "tokyo cafe", `"unbalanced`, `"*"`, "NEAR(", "a:b", "^", "col:", "-", "OR OR",
		"🎉", "a\x00b", strings.Repeat("w", 2000),
		"NEAR(putin biden, 10)", "putin NEAR/3 trump -biden", `NEAR("influence operations" bid*) doc:Russian`,
		"x OR a NEAR b", "putin -is:footnote", "is:footnote", "foo:bar", "10:30 https://x.org/a:b",
		"page:7", "putin page:3-9", "-page:2 putin", "page:9-3", "page:x", "page:3–9",
		"is:claim", `by:"anonymous sources" putin`, "about:putin -stance:denies", `likelihood:>="very likely"`,
		"likelihood:<=", "confidence:>high", "stance:x",
	} {
		f.Add(s)
	}
	ctx := context.Background()
	s, seedID := mustSeed(f)
	importText(f, s, "extra.md", "# Extra\n\nWe met in Tōkyō at a café; 日本語 and emoji 🎉 too.\n\n"+
		"NEAR AND OR NOT are words here: \"quoted\" * ^ col:x 100% under_score.\n")
	passages, err := s.Passages(ctx, seedID)
	if err != nil {
		f.Fatal(err)
	}
	firstID := passages[0].ID

	f.Fuzz(func(t *testing.T, in string) {
		checkErr := func(what string, err error) {
			t.Helper()
			var qe *query.Error
			if err == nil || errors.Is(err, store.ErrEmptyQuery) || errors.As(err, &qe) && qe.Msg != "" {
				return
			}
			t.Fatalf("%s(%q): raw error %T: %v", what, in, err, err)
		}
		res, err := s.Search(ctx, store.SearchRequest{Query: in, Limit: 5})
		checkErr("Search", err)
		if err == nil {
			if res.Total < len(res.Hits) || res.Total > 100 {
				t.Fatalf("Search(%q): Total %d with %d hits", in, res.Total, len(res.Hits))
			}
			for _, h := range res.Hits {
				p, err := s.Passage(ctx, h.PassageID)
				if err != nil || p.Text != h.Text {
					t.Fatalf("Search(%q): hit text differs from passage %d (%v)", in, h.PassageID, err)
				}
				for _, m := range h.Matches {
					if m.Start < 0 || m.End <= m.Start || m.End > len(h.Text) {
						t.Fatalf("Search(%q): range %v outside %d-byte text", in, m, len(h.Text))
					}
				}
				if !utf8.ValidString(h.Snippet) {
					t.Fatalf("Search(%q): invalid UTF-8 snippet", in)
				}
				for _, r := range h.SnippetRanges {
					if r.Start < 0 || r.End <= r.Start || r.End > len(h.Snippet) {
						t.Fatalf("Search(%q): snippet range %v outside %d-byte snippet", in, r, len(h.Snippet))
					}
				}
			}
		}
		// As the window asks: completing the last word, ranking everything.
		typed, err := s.Search(ctx, store.SearchRequest{Query: in, Limit: 5, CompleteLastWord: true, FullRanking: true})
		checkErr("Search (as typed)", err)
		if err == nil && typed.Completed {
			if typed.Total == 0 {
				t.Fatalf("Search(%q): completed to %q with nothing found", in, typed.Query.String())
			}
			// The window hands the completed query to the reader and counts.
			_, err := s.MatchingDocuments(ctx, typed.Query.String())
			checkErr("MatchingDocuments (completed)", err)
		}
		_, ranges, err := s.PassageMatches(ctx, firstID, in)
		checkErr("PassageMatches", err)
		for _, r := range ranges {
			if r.Start < 0 || r.End <= r.Start || r.End > len(passages[0].Text) {
				t.Fatalf("PassageMatches(%q): range %v", in, r)
			}
		}
		_, err = s.DocumentMatches(ctx, seedID, in)
		checkErr("DocumentMatches", err)
	})
}
