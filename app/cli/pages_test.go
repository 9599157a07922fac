package cli_test

import (
	"context"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
	"dossier/store/ingest"
)

// A passage of a paged document (PDF) carries "page" in search --json and
// "p. N" in the text listing; a passage of an unpaged one has no page field.
func TestSearchJSONPage(t *testing.T) {
	db := newDB(t)
	withStore(t, db, func(ctx context.Context, st *store.Store, _ int64) {
		text := "Kilimnik met Manafort in Madrid.\n\nKilimnik flew home on page two."
		doc := &ingest.Document{Title: "Paged report", FileName: "report.pdf", Format: "pdf", Text: text, Hash: "paged", Pages: 2,
			Passages: []ingest.Span{{Start: 0, End: 32, Page: 1}, {Start: 34, End: len(text), Page: 2}}}
		if _, err := st.ImportDocument(ctx, doc); err != nil {
			t.Fatal(err)
		}
	})
	res := searchJSONOut(t, db, "kilimnik", "doc:paged")
	if res.Total != 2 {
		t.Fatalf("total %d", res.Total)
	}
	for _, h := range res.Hits {
		if h.Page != h.Ordinal {
			t.Errorf("hit ¶ %d: page %d", h.Ordinal, h.Page)
		}
	}
	if res := searchJSONOut(t, db, "kilimnik", "page:2"); res.Total != 1 || res.Hits[0].Page != 2 {
		t.Errorf("page:2: %+v", res)
	}
	// The built-in article is unpaged: its hits have no page field at all.
	r := run(t, db, "search", "--json", "kilimnik", "-doc:paged")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, `"ordinal"`) || strings.Contains(r.stdout, `"page"`) {
		t.Errorf("unpaged hits: %d %s", r.code, r.stdout)
	}
	r = run(t, db, "search", "kilimnik", "page:2")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "Paged report — p. 2, passage 2") {
		t.Errorf("text listing: %d %s", r.code, r.stdout)
	}
	// docs --json counts a paged document's pages.
	for _, d := range docsJSON(t, db) {
		if want := map[bool]int{true: 2, false: 0}[d.Title == "Paged report"]; d.Pages != want {
			t.Errorf("docs --json: %q has pages %d, want %d", d.Title, d.Pages, want)
		}
	}
	r = run(t, db, "search", "page:9-3")
	if r.code == cli.ExitOK || !strings.Contains(r.stderr, "page:9-3 runs backwards") {
		t.Errorf("page:9-3: %d %s", r.code, r.stderr)
	}
}
