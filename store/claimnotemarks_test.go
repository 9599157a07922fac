package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"dossier/store"
)

// A claim's words are shown without the footnote references of a report
// whose marks are references (the Mueller report's "…,<FN281> but the
// Office did not identify …" showed "<FN281>" in the list of claims), while
// its span still places them, marks and all, in the passage for the
// reader's highlight. A document whose "<FN12>" is its own text keeps it.
func TestClaimWordsAreShownWithoutFootnoteReferences(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	const said = "Flynn told Eisenberg that the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him.<FN204>"
	report := importText(t, s, "report.txt", "Report\n\n"+said+"\n\n<FN203> Eisenberg 2/23/18 302, at 3.\n\n<FN204> Id.\n")
	notes := importText(t, s, "notes.txt", "Notes\n\nThe cleaned text writes <FN12> where footnote 12 is cited, Okonjo said.\n")
	if _, err := s.SuggestClaims(ctx, []int64{report.DocumentID, notes.DocumentID}, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		doc         int64
		shown, span string
	}{
		{report.DocumentID, "the FBI had told him that the FBI was closing out its investigation of him, but Eisenberg did not believe him",
			"the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him"},
		{notes.DocumentID, "The cleaned text writes <FN12> where footnote 12 is cited", "The cleaned text writes <FN12> where footnote 12 is cited"},
	} {
		got := claimList(t, s, store.ClaimQuery{DocumentID: c.doc, State: "all"})
		if len(got) != 1 {
			t.Fatalf("claims %+v, want one", got)
		}
		g := got[0]
		if g.Text != c.shown || g.PassageText[g.Span.Start:g.Span.End] != c.span {
			t.Errorf("claim shown %q, span %q; want %q, %q", g.Text, g.PassageText[g.Span.Start:g.Span.End], c.shown, c.span)
		}
		if one, err := s.Claim(ctx, g.ID); err != nil || one.Text != c.shown {
			t.Errorf("Claim(%d) = %q, %v", g.ID, one.Text, err)
		}
	}
}

// The CSV's quote and the JSON bundle's quote show a claim's words as the
// window does, without the report's footnote references ("…of him,<FN203>
// but …" was exported raw), while the offsets they give still count the
// marks: the CSV's char_start/char_end in the document, the bundle's span
// in the passage.
func TestClaimExportsShowTheWordsAsTheWindowDoes(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	const said = "Flynn told Eisenberg that the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him.<FN204>"
	const raw = "the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him"
	shown := strings.Replace(raw, "<FN203>", "", 1)
	report := importText(t, s, "report.txt", "Report\n\n"+said+"\n\n<FN203> Eisenberg 2/23/18 302, at 3.\n\n<FN204> Id.\n")
	if _, err := s.SuggestClaims(ctx, []int64{report.DocumentID}, nil); err != nil {
		t.Fatal(err)
	}
	got := claimList(t, s, store.ClaimQuery{DocumentID: report.DocumentID, State: "all"})
	if len(got) != 1 || got[0].Words() != raw {
		t.Fatalf("claims %+v, want Flynn's", got)
	}
	if err := s.AcceptClaim(ctx, got[0].ID); err != nil {
		t.Fatal(err)
	}

	var csvOut bytes.Buffer
	if err := s.ExportCSV(ctx, &csvOut, ""); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	found := 0
	for _, r := range rows[1:] {
		if r[col["type"]] != "claim" || !strings.Contains(r[col["quote"]], "Eisenberg did not") {
			continue
		}
		found++
		from, _ := strconv.Atoi(r[col["char_start"]])
		to, _ := strconv.Atoi(r[col["char_end"]])
		if r[col["quote"]] != shown || to-from != len([]rune(raw)) {
			t.Errorf("CSV quote %q at [%d,%d); want %q, over the %d characters of the words with their mark", r[col["quote"]], from, to, shown, len([]rune(raw)))
		}
	}
	if found != 1 {
		t.Errorf("%d claim rows of the report in the CSV, want 1", found)
	}

	var jsonOut bytes.Buffer
	if err := s.ExportJSON(ctx, &jsonOut, ""); err != nil {
		t.Fatal(err)
	}
	var b store.Bundle
	if err := json.Unmarshal(jsonOut.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	found = 0
	for _, c := range b.Claims {
		if !strings.Contains(c.Quote, "Eisenberg did not") {
			continue
		}
		found++
		if c.Quote != shown || said[c.Span.Start:c.Span.End] != raw {
			t.Errorf("bundle quote %q, span %+v; want %q, at the words with their mark", c.Quote, c.Span, shown)
		}
	}
	if found != 1 {
		t.Errorf("%d claims of the report in the bundle, want 1", found)
	}
}

// A bookmark's and a tagged passage's quote in the CSV, and a bookmark's
// quote in the JSON bundle, read as Copy with citation and the Markdown
// export print them: without a report's footnote references ("…of
// him,<FN203> but…" was exported raw, as claims' quotes were), a footnote
// keeping its number ("[203] Eisenberg…"); the CSV's offsets still count
// the marks. A document whose "<FN12>" is its own text keeps it.
func TestBookmarkAndTagExportsPrintQuotesAsCopyDoes(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	const said = "Flynn told Eisenberg that the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him.<FN204>"
	report := importText(t, s, "report.txt", "Report\n\n"+said+"\n\n<FN203> Eisenberg 2/23/18 302, at 3.\n\n<FN204> Id.\n")
	notes := importText(t, s, "notes.txt", "Notes\n\nThe cleaned text writes <FN12> where footnote 12 is cited.\n")
	body := passageAt(t, s, report.DocumentID, 1)
	note := passageAt(t, s, report.DocumentID, 2)
	own := passageAt(t, s, notes.DocumentID, 1)
	if body.Text != said || !strings.HasPrefix(note.Text, "<FN203>") || !strings.Contains(own.Text, "<FN12>") {
		t.Fatalf("passages %q, %q, %q", body.Text, note.Text, own.Text)
	}
	spanned := span(t, said, "investigation of him,<FN203> but Eisenberg")
	tag := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Eisenberg"})
	want := map[string]string{ // by the CSV's note (bookmarks) or the passage's start (tags)
		"body":  "Flynn told Eisenberg that the FBI had told him that the FBI was closing out its investigation of him, but Eisenberg did not believe him.",
		"span":  "investigation of him, but Eisenberg",
		"note":  "[203] Eisenberg 2/23/18 302, at 3.",
		"own":   own.Text,
		"tag:F": "Flynn told Eisenberg that the FBI had told him that the FBI was closing out its investigation of him, but Eisenberg did not believe him.",
	}
	for _, b := range []struct {
		id   int64
		span *store.Range
		note string
	}{{body.ID, nil, "body"}, {body.ID, spanned, "span"}, {note.ID, nil, "note"}, {own.ID, nil, "own"}} {
		if _, err := s.AddBookmark(ctx, b.id, b.span, b.note); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.TagPassage(ctx, body.ID, tag.ID, nil); err != nil {
		t.Fatal(err)
	}

	var csvOut bytes.Buffer
	if err := s.ExportCSV(ctx, &csvOut, ""); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		key := r[col["note"]]
		if r[col["type"]] == "passage_tag" {
			key = "tag:" + r[col["quote"]][:1]
		} else if r[col["type"]] != "bookmark" {
			continue
		}
		seen[key] = true
		if r[col["quote"]] != want[key] {
			t.Errorf("CSV %s row %q: quote %q, want %q", r[col["type"]], key, r[col["quote"]], want[key])
		}
		if key == "span" {
			from, _ := strconv.Atoi(r[col["char_start"]])
			to, _ := strconv.Atoi(r[col["char_end"]])
			if to-from != spanned.End-spanned.Start {
				t.Errorf("CSV span row at [%d,%d): %d characters, want the %d of the span with its mark", from, to, to-from, spanned.End-spanned.Start)
			}
		}
	}
	if len(seen) != len(want) {
		t.Errorf("CSV rows %v, want one for each of %d", seen, len(want))
	}

	var jsonOut bytes.Buffer
	if err := s.ExportJSON(ctx, &jsonOut, ""); err != nil {
		t.Fatal(err)
	}
	var b store.Bundle
	if err := json.Unmarshal(jsonOut.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	if len(b.Bookmarks) != 4 {
		t.Fatalf("%d bookmarks in the bundle, want 4", len(b.Bookmarks))
	}
	for _, bm := range b.Bookmarks {
		if bm.Quote != want[bm.Note] {
			t.Errorf("bundle bookmark %q: quote %q, want %q", bm.Note, bm.Quote, want[bm.Note])
		}
	}
}
