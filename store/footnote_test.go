package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// footnoteReport has body passages and short footnotes mentioning Kilimnik;
// short passages score better in bm25, so unweighted the footnotes come first.
const footnoteReport = `Report on contacts

Manafort met Konstantin Kilimnik in Madrid in August to discuss the plan.<FN1>

<FN1>Kilimnik interview.

Gates said Kilimnik had asked for the polling data again later that year.<FN2>

<FN2>Kilimnik <REDACTED>.
`

func TestFootnotesRankBelowBodyText(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	importText(t, s, "Report alpha.txt", footnoteReport)
	importText(t, s, "Other.txt", "Nothing about him here, only the weather in Madrid.\n")
	importText(t, s, "Report gamma.txt", strings.ReplaceAll(footnoteReport, "Madrid", "Kyiv"))
	// No filter; a filter of one run of ids; a filter of two runs (the
	// ranking query differs for each).
	for _, q := range []string{"kilimnik", "kilimnik doc:alpha", "kilimnik doc:Report"} {
		res, err := s.Search(ctx, store.SearchRequest{Query: q, FullRanking: true})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if !res.Ranked || len(res.Hits) < 4 {
			t.Fatalf("%s: ranked %v, %d hits", q, res.Ranked, len(res.Hits))
		}
		seenFootnote := false
		for i, h := range res.Hits {
			isNote := strings.HasPrefix(h.Text, "<FN")
			if seenFootnote && !isNote {
				t.Errorf("%s: hit %d (body text %q) ranks below a footnote", q, i+1, h.Text)
			}
			seenFootnote = seenFootnote || isNote
			if i > 0 && h.Score < res.Hits[i-1].Score {
				t.Errorf("%s: scores out of order: %v", q, res.Hits)
			}
		}
		if !seenFootnote {
			t.Errorf("%s: no footnote found", q)
		}
	}
}

func TestFootnoteFilterAndKind(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	res := importText(t, s, "report.txt", footnoteReport)
	ps, err := s.Passages(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	var notes []int
	for _, p := range ps {
		notes = append(notes, p.Footnote)
	}
	if len(ps) != 4 || notes[0] != 0 || notes[1] != 1 || notes[2] != 0 || notes[3] != 2 {
		t.Fatalf("footnote numbers %v, want [0 1 0 2]", notes)
	}
	if ps[3].Text != "<FN2>Kilimnik [redacted]." {
		t.Errorf("redaction shown as %q", ps[3].Text)
	}
	checkStoredOffsets(t, s, res.DocumentID)
	for q, want := range map[string][]int{
		"is:footnote":                   {2, 4},
		"kilimnik is:footnote":          {2, 4},
		"kilimnik -is:footnote":         {1, 3},
		"-is:footnote doc:rep":          {1, 3},
		"redacted is:footnotes":         {4},
		"kilimnik -is:footnote -madrid": {3},
	} {
		r, err := s.Search(ctx, store.SearchRequest{Query: q})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		got := ordinals(r.Hits)
		if !sameSet(got, want) {
			t.Errorf("%s: passages %v, want %v", q, got, want)
		}
		for _, h := range r.Hits {
			if (h.Footnote > 0) != strings.HasPrefix(h.Text, "<FN") {
				t.Errorf("%s: passage %d has footnote %d", q, h.Ordinal, h.Footnote)
			}
		}
	}
	var qe *store.QueryError
	if _, err := s.Search(ctx, store.SearchRequest{Query: "is:footnot"}); !errors.As(err, &qe) || !strings.Contains(qe.Msg, "is:footnote") {
		t.Errorf("is:footnot: %v", err)
	}
	// Importing the same file again changes nothing.
	again := importText(t, s, "report.txt", footnoteReport)
	if !again.AlreadyPresent || again.DocumentID != res.DocumentID {
		t.Errorf("re-import: %+v", again)
	}
}

func TestSearchNear(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	importText(t, s, "report.txt", footnoteReport)
	for q, want := range map[string][]int{
		"NEAR(manafort kilimnik, 2)":        {1},
		"manafort NEAR/1 kilimnik":          {}, // "met Konstantin" lies between
		"NEAR(manafort madrid)":             {1},
		"kilimnik NEAR/4 \"polling data\"":  {3}, // four words between
		"kilimnik NEAR/3 \"polling data\"":  {},
		"NEAR(kilim* madrid, 5) doc:report": {1},
		"NEAR(gates kilimnik, 2) OR madrid": {1, 3},
		"kilimnik -NEAR(gates polling, 10)": {1, 2, 4},
	} {
		r, err := s.Search(ctx, store.SearchRequest{Query: q})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if got := ordinals(r.Hits); !sameSet(got, want) {
			t.Errorf("%s: passages %v, want %v", q, got, want)
		}
	}
	r, err := s.Search(ctx, store.SearchRequest{Query: "NEAR(manafort madrid)"})
	if err != nil || len(r.Hits) != 1 {
		t.Fatal(r, err)
	}
	h := r.Hits[0]
	var words []string
	for _, m := range h.Matches {
		words = append(words, h.Text[m.Start:m.End])
	}
	if strings.Join(words, ",") != "Manafort,Madrid" {
		t.Errorf("NEAR highlights %q", words)
	}
	var qe *store.QueryError
	for _, bad := range []string{"foo:bar kilimnik", "NEAR(kilimnik", "kilimnik NEAR"} {
		if _, err := s.Search(ctx, store.SearchRequest{Query: bad}); !errors.As(err, &qe) {
			t.Errorf("%s: %v, want a query error", bad, err)
		}
	}
	// Times and web addresses are still searched as text.
	importText(t, s, "times.txt", "The call at 10:30 was logged at https://example.org/log today.\n")
	for _, q := range []string{"10:30", "https://example.org/log"} {
		if r, err := s.Search(ctx, store.SearchRequest{Query: q}); err != nil || r.Total != 1 {
			t.Errorf("%s: %v, %v", q, r, err)
		}
	}
}

func sameSet(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// The examples in the search help (app/menu.go) and README find passages in
// the built-in article.
func TestHelpExamplesOnBuiltInArticle(t *testing.T) {
	s, _ := mustSeed(t)
	ctx := context.Background()
	for _, q := range []string{
		"NEAR(putin biden, 10)", "putin NEAR/10 biden", `NEAR("influence operations" biden)`, "putin -is:footnote", "putin OR 10:30",
	} {
		res, err := s.Search(ctx, store.SearchRequest{Query: q})
		if err != nil || res.Total == 0 {
			t.Errorf("%s: %v, %v", q, res, err)
		}
	}
	res, err := s.Search(ctx, store.SearchRequest{Query: "is:footnote"})
	if err != nil || res.Total != 0 {
		t.Errorf("is:footnote in an article without footnotes: %v, %v", res, err)
	}
	var qe *store.QueryError
	if _, err := s.Search(ctx, store.SearchRequest{Query: "foo:bar"}); !errors.As(err, &qe) ||
		!strings.Contains(qe.Msg, "Unknown filter foo: — filters are doc:, page:, actor:, source:, tag:, is:, has:, by:, about:, likelihood:, confidence:, stance:") {
		t.Errorf("foo:bar: %v", err)
	}
}

// A research file from before footnotes were recognised gets its footnote
// passages marked when it is opened (migration 0007).
func TestFootnoteMigrationMarksOldImports(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	res := importText(t, s, "report.txt", footnoteReport+"\n<FN12x>Not a footnote marker.\n")
	md := importText(t, s, "notes.md", "# Notes\n\n<FN3>In Markdown this is not a footnote.\n")
	version, err := s.SchemaVersion(ctx)
	if err != nil || version != 18 {
		t.Fatalf("schema version %d, %v; this test rolls back migrations 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8 and 7", version, err)
	}
	s.Close()
	// Roll the file back to version 6, as an older Dossier left it (its
	// redactions as in the file).
	db := rawDB(t, path)
	for _, q := range append(store.UndoStateCheck(t), []string{
		`DROP TABLE claim_removals`, `DROP TABLE tag_alias_removals`, `ALTER TABLE tags DROP COLUMN by_hand`, `DROP TABLE saved_search_removals`, `DROP TABLE tag_removals`, `ALTER TABLE saved_searches DROP COLUMN updated_at`, `ALTER TABLE tags DROP COLUMN updated_at`, `DROP TABLE claim_link_removals`, `DROP TABLE tag_former_names`,
		`DROP TABLE passage_tag_removals`, `DROP TABLE document_tag_removals`, `DROP TABLE bookmark_removals`,
		`DROP TRIGGER passage_tags_decided`, `ALTER TABLE passage_tags DROP COLUMN decided_at`,
		`DROP TRIGGER passage_lengths_ai`, `DROP TRIGGER passage_lengths_ad`, `DROP TRIGGER passage_lengths_au`, `DROP TABLE passage_lengths`,
		wholeTextSQL, `ALTER TABLE documents DROP COLUMN text_length`, `ALTER TABLE documents DROP COLUMN text_z`, `ALTER TABLE passages DROP COLUMN lead`,
		`DROP INDEX passages_document_of`, `DROP TABLE claim_links`, `DROP TABLE claim_actors`, `DROP TABLE claims`,
		`DROP INDEX passages_page`, `ALTER TABLE passages DROP COLUMN page`, `ALTER TABLE documents DROP COLUMN pages`,
		`DROP INDEX passages_footnote`, `ALTER TABLE passages DROP COLUMN footnote`, `PRAGMA user_version = 6`,
		`UPDATE documents SET text = replace(text, '[redacted]', '<REDACTED>')`,
		`UPDATE passages SET text = replace(text, '[redacted]', '<REDACTED>')`,
	}...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s = mustOpenAt(t, path)
	var got []int
	for _, id := range []int64{res.DocumentID, md.DocumentID} {
		ps, err := s.Passages(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			got = append(got, p.Footnote)
		}
	}
	if want := []int{0, 1, 0, 2, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("footnote numbers after migrating %v, want %v", got, want)
	}
	if r, err := s.Search(ctx, store.SearchRequest{Query: "is:footnote"}); err != nil || r.Total != 2 {
		t.Errorf("is:footnote after migrating: %v, %v", r, err)
	}
	// Migration 0008: documents imported before pages were kept are unpaged.
	if r, err := s.Search(ctx, store.SearchRequest{Query: "page:1-1000"}); err != nil || r.Total != 0 {
		t.Errorf("page filter after migrating: %v, %v", r, err)
	}
	if d, err := s.Document(ctx, res.DocumentID); err != nil || d.Pages != 0 {
		t.Errorf("pages after migrating: %d, %v", d.Pages, err)
	}
	// Redactions read "[redacted]", in the text, the passages and the index.
	if text, err := s.DocumentText(ctx, res.DocumentID); err != nil || strings.Contains(text, "<REDACTED>") || !strings.Contains(text, "[redacted]") {
		t.Errorf("document text after migrating: %q, %v", text, err)
	}
	checkStoredOffsets(t, s, res.DocumentID)
	r, err := s.Search(ctx, store.SearchRequest{Query: "redacted"})
	if err != nil || r.Total != 1 || r.Hits[0].Text != "<FN2>Kilimnik [redacted]." {
		t.Errorf("search after migrating: %v, %v", r, err)
	}
	s.Close()
	ftsIntegrity(t, path)
}
