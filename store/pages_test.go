package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/store"
	"dossier/store/ingest"
	"dossier/store/query"
)

// pagedDoc is a three-page document as a paged format (PDF) delivers it:
// passages with the page each starts on, and a page count.
func pagedDoc() *ingest.Document {
	text := "Kilimnik met Manafort in Madrid.\n\nThe meeting was brief and ended early.\n\nDerkach released the tapes later."
	paras := strings.Split(text, "\n\n")
	doc := &ingest.Document{Title: "Paged report", Source: "Senate", FileName: "report.pdf", Format: "pdf",
		Text: text, Hash: "paged-report-hash", Pages: 3}
	at := 0
	for i, p := range paras {
		doc.Passages = append(doc.Passages, ingest.Span{Start: at, End: at + len(p), Page: i + 1})
		at += len(p) + 2
	}
	return doc
}

// pagedStore holds an unpaged text document and the paged one.
func pagedStore(t *testing.T) (s *store.Store, paged, unpaged int64) {
	t.Helper()
	s = mustOpen(t)
	un := importText(t, s, "notes.txt", "Kilimnik was mentioned in the notes too.\n\nAnd Derkach as well.\n")
	res, err := s.ImportDocument(context.Background(), pagedDoc())
	if err != nil {
		t.Fatal(err)
	}
	return s, res.DocumentID, un.DocumentID
}

func TestPagesStoredAndReadBack(t *testing.T) {
	ctx := context.Background()
	s, paged, unpaged := pagedStore(t)
	d, err := s.Document(ctx, paged)
	if err != nil || d.Pages != 3 {
		t.Fatalf("paged document: pages %d, %v; want 3", d.Pages, err)
	}
	ps := checkStoredOffsets(t, s, paged)
	for i, p := range ps {
		if p.Page != i+1 {
			t.Errorf("passage %d: page %d, want %d", p.Ordinal, p.Page, i+1)
		}
	}
	if p, err := s.Passage(ctx, ps[1].ID); err != nil || p.Page != 2 {
		t.Errorf("Passage: page %d, %v; want 2", p.Page, err)
	}
	if d, _ := s.Document(ctx, unpaged); d.Pages != 0 {
		t.Errorf("text document has %d pages", d.Pages)
	}
	for _, p := range checkStoredOffsets(t, s, unpaged) {
		if p.Page != 0 {
			t.Errorf("text passage %d has page %d", p.Ordinal, p.Page)
		}
	}
	// Search hits carry the page (ranked and filter-only alike).
	for _, q := range []string{"kilimnik", "doc:Paged"} {
		for _, h := range search(t, s, q).Hits {
			want := 0
			if h.DocumentID == paged {
				want = h.Ordinal
			}
			if h.Page != want {
				t.Errorf("%s: hit ¶ %d of %d has page %d, want %d", q, h.Ordinal, h.DocumentID, h.Page, want)
			}
		}
	}
}

func TestPageFilter(t *testing.T) {
	s, paged, _ := pagedStore(t)
	cases := []struct {
		q    string
		want []int // ordinals in the paged document; no unpaged passage ever matches
	}{
		{"page:2", []int{2}},
		{"page:1-2", []int{1, 2}},
		{"page:2-9", []int{2, 3}},
		{"page:4", nil},
		{"kilimnik page:1-3", []int{1}},
		{"derkach page:3", []int{3}},
		{"derkach -page:3", nil}, // the text document's passage has no page, but is not on page 3
	}
	for _, c := range cases {
		res := search(t, s, c.q)
		var got []int
		for _, h := range res.Hits {
			if h.DocumentID != paged && !strings.HasPrefix(c.q, "derkach -") {
				t.Errorf("%s matched a passage of an unpaged document: %q", c.q, h.Text)
			}
			if h.DocumentID == paged {
				got = append(got, h.Ordinal)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: ordinals %v, want %v", c.q, got, c.want)
		}
	}
	// Excluding a page keeps unpaged passages: they are on no page.
	if res := search(t, s, "derkach -page:3"); res.Total != 1 {
		t.Errorf("derkach -page:3: %d hits, want the text document's one", res.Total)
	}
	for q, msg := range map[string]string{
		"page:x":   "page:x is not a page",
		"page:9-3": "page:9-3 runs backwards",
	} {
		_, err := s.Search(context.Background(), store.SearchRequest{Query: q, Limit: 10})
		var qe *query.Error
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, msg) {
			t.Errorf("%s: %v, want a *query.Error saying %q", q, err, msg)
		}
	}
}

func TestCitationsNamePage(t *testing.T) {
	ctx := context.Background()
	s, paged, unpaged := pagedStore(t)
	ps, _ := s.Passages(ctx, paged)
	doc, _ := s.Document(ctx, paged)
	text, _ := s.DocumentText(ctx, paged)
	got := store.QuotePassage(doc, ps[1], nil, text, false).Citation()
	want := "“The meeting was brief and ended early.”\n— “Paged report”, Senate, p. 2 (passage 2, characters 34–72 of report.pdf)."
	if got != want {
		t.Errorf("citation\n%s\nwant\n%s", got, want)
	}
	ups, _ := s.Passages(ctx, unpaged)
	udoc, _ := s.Document(ctx, unpaged)
	utext, _ := s.DocumentText(ctx, unpaged)
	if c := store.QuotePassage(udoc, ups[0], nil, utext, false).Citation(); strings.Contains(c, "p. ") {
		t.Errorf("an unpaged citation names a page: %s", c)
	}

	// Bookmarks carry the page; the exports cite it.
	if _, err := s.AddBookmark(ctx, ps[1].ID, nil, "on page two"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, ups[0].ID, nil, "unpaged"); err != nil {
		t.Fatal(err)
	}
	bms, _ := s.Bookmarks(ctx)
	pages := map[string]int{}
	for _, b := range bms {
		pages[b.Note] = b.Page
	}
	if pages["on page two"] != 2 || pages["unpaged"] != 0 {
		t.Errorf("bookmark pages %v", pages)
	}
	var md bytes.Buffer
	if err := s.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "— “Paged report”, Senate, p. 2 (passage 2, characters 34–72 of report.pdf).") {
		t.Errorf("Markdown export does not cite the page:\n%s", md.String())
	}
	if strings.Count(md.String(), "p. ") != 1 {
		t.Errorf("Markdown export names a page for the unpaged bookmark:\n%s", md.String())
	}
	var buf bytes.Buffer
	if err := s.ExportCSV(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "page")
	if col < 0 {
		t.Fatalf("no page column: %q", recs[0])
	}
	byNote := map[string]string{}
	for _, r := range recs[1:] {
		if r[0] == "bookmark" {
			byNote[r[slices.Index(recs[0], "note")]] = r[col]
		}
	}
	if byNote["on page two"] != "2" || byNote["unpaged"] != "" {
		t.Errorf("CSV page cells %v", byNote)
	}
}

// A deleted paged document comes back with its pages; a recovered file
// keeps them.
func TestPagesSurviveUndoAndRecover(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "research.dossier")
	s := mustOpenAt(t, path)
	res, err := s.ImportDocument(ctx, pagedDoc())
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.RemoveDocument(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreDocument(ctx, snap); err != nil {
		t.Fatal(err)
	}
	check := func(s *store.Store, what string) {
		t.Helper()
		if d, err := s.Document(ctx, res.DocumentID); err != nil || d.Pages != 3 {
			t.Errorf("%s: pages %d, %v", what, d.Pages, err)
		}
		ps, _ := s.Passages(ctx, res.DocumentID)
		if len(ps) != 3 || ps[2].Page != 3 {
			t.Errorf("%s: passages %+v", what, ps)
		}
		if r := search(t, s, "page:3"); r.Total != 1 {
			t.Errorf("%s: page:3 found %d", what, r.Total)
		}
	}
	check(s, "restored")
	s.Close()
	out := filepath.Join(dir, "recovered.dossier")
	if _, err := store.Recover(ctx, path, out); err != nil {
		t.Fatal(err)
	}
	check(mustOpenAt(t, out), "recovered")
}

func TestImportText(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	text := "Kilimnik met Manafort in Madrid, the article says.\r\n\r\nDerkach released the tapes later that year.\r\n"
	res, err := s.ImportText(ctx, "  Madrid\tmeeting ", "copied from nytimes.com", text)
	if err != nil || res.AlreadyPresent || res.Passages != 2 || res.Title != "Madrid meeting" {
		t.Fatalf("ImportText = %+v, %v", res, err)
	}
	d, err := s.Document(ctx, res.DocumentID)
	if err != nil || d.Title != "Madrid meeting" || d.Source != "copied from nytimes.com" || d.FileName != "" || d.Format != "text" {
		t.Errorf("document %+v, %v", d, err)
	}
	ps := checkStoredOffsets(t, s, res.DocumentID)
	if ps[1].Text != "Derkach released the tapes later that year." {
		t.Errorf("passages %+v", ps)
	}
	if r := search(t, s, "derkach"); r.Total != 1 {
		t.Errorf("pasted text is not searchable: %d hits", r.Total)
	}
	// The same text again is already present, as for a file.
	if again, err := s.ImportText(ctx, "Other", "", text); err != nil || !again.AlreadyPresent {
		t.Errorf("second paste: %+v, %v", again, err)
	}
	for _, c := range []struct{ title, text, msg string }{
		{"T", "", "the clipboard is empty"},
		{"T", " \n\t\n", "the clipboard is empty"},
		{"  ", "Some text.", "give the new document a title"},
		{"T", "bin\x00ary", "the pasted text cannot be imported: looks like a binary file"},
	} {
		_, err := s.ImportText(ctx, c.title, "", c.text)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ImportText(%q, %q): %v, want %q", c.title, c.text, err, c.msg)
		}
	}
	if _, err := s.ImportText(ctx, "T", "", ""); !errors.Is(err, store.ErrNothingToPaste) {
		t.Errorf("empty paste: %v, want ErrNothingToPaste", err)
	}
	if st, _ := s.Stats(ctx); st.Documents != 1 {
		t.Errorf("%d documents after refusals, want 1", st.Documents)
	}
}

func TestImportTextReadOnly(t *testing.T) {
	path := seededFile(t)
	before := readFile(t, path)
	s, err := store.OpenReadOnly(path, "it is damaged")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.ImportText(context.Background(), "Title", "", "Some pasted text about Derkach.")
	assertReadOnlyErr(t, "ImportText", err, path)
	s.Close()
	assertUntouched(t, path, before)
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a read-only paste left a WAL file")
	}
}
