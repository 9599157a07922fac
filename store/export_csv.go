package store

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"dossier/store/claims"
)

// CSVHeader is the header row of ExportCSV.
var CSVHeader = []string{"type", "document", "source", "date", "passage", "char_start", "char_end",
	"quote", "note", "tag", "tag_family", "tag_kind", "state", "origin", "created", "page",
	"about", "stance", "cue", "likelihood", "confidence", "author", "url", "section", "citation"}

// ExportCSV writes one row per bookmark (type "bookmark"; tag lists the
// passage's accepted tags, separated by "; "), one per accepted passage
// tagging ("passage_tag"; the quote is the passage) and one per document
// tagging ("document_tag") and one per accepted claim ("claim": the quote
// is the claim's words; tag its source; about, stance, cue, likelihood and
// confidence are the claim's, empty on other rows), as RFC 4180 CSV with a
// header row. Quotes read as Copy with citation prints them
// (Quote.Printed), without a report's footnote references, which
// char_start/char_end still count. A cell that a spreadsheet would take
// for a formula (it starts with =, +, -, @, a tab or a carriage return, or
// with white space before =, +, - or @) gets a leading apostrophe (see
// csvCell). A non-empty query limits it to the passages matching it.
// char_start/char_end are code point offsets in the document text
// (0-based, end exclusive). page is the page the passage starts on in a
// paged document (PDF), empty otherwise; it comes after the first fifteen
// columns, the claim columns after it, and the document's author and
// address last (the CSV named no author; a researcher's pass), then the
// section (the heading the passage comes under) and the citation an
// editor can paste (Quote.CitationLine; empty on document_tag rows), so
// that earlier columns keep their places.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer, userQuery string) error {
	_, err := s.exportCSV(ctx, w, userQuery)
	return err
}

func (s *Store) exportCSV(ctx context.Context, w io.Writer, userQuery string) (ExportCounts, error) {
	d, err := s.gather(ctx, userQuery, true)
	if err != nil {
		return ExportCounts{}, s.fileErr(err)
	}
	c := d.counts()
	c.SavedSearches = 0 // the sheet has no rows for them (it said "and 1 saved search"; a hostile UI pass)
	return c, d.writeCSV(w)
}

// writeCSV writes d as ExportCSV describes.
func (d *exportData) writeCSV(w io.Writer) error {
	cw := safeCSV{csv.NewWriter(w)}
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	bms, tgs, dts := d.byDocument()
	tagsOn := d.acceptedTags()
	docClaims := d.claimsByDocument()
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	for _, doc := range d.docs {
		for _, b := range bms[doc.ID] {
			q := d.quote(b.P, b.Span)
			var names []string
			for _, t := range tagsOn[b.P.ID] {
				names = append(names, t.Name)
			}
			if err := cw.Write([]string{"bookmark", doc.Title, doc.Source, doc.Published, strconv.Itoa(b.P.Ordinal),
				strconv.Itoa(q.CharStart), strconv.Itoa(q.CharEnd), q.Printed(), b.Note, strings.Join(names, "; "), "", "", "", "", ts(b.Created), pageCell(b.P.Page), "", "", "", "", "", doc.Author, doc.URL, q.Section, q.CitationLine()}); err != nil {
				return err
			}
		}
		for _, tg := range tgs[doc.ID] {
			q := d.quote(tg.P, nil)
			t := d.tags[tg.TagID]
			if err := cw.Write([]string{"passage_tag", doc.Title, doc.Source, doc.Published, strconv.Itoa(tg.P.Ordinal),
				strconv.Itoa(q.CharStart), strconv.Itoa(q.CharEnd), q.Printed(), "", t.Name, t.Family, t.Kind, tg.State, tg.Origin, ts(tg.Created), pageCell(tg.P.Page), "", "", "", "", "", doc.Author, doc.URL, q.Section, q.CitationLine()}); err != nil {
				return err
			}
		}
		for _, t := range dts[doc.ID] {
			var created time.Time
			for _, dt := range d.docTags {
				if dt.DocumentID == doc.ID && dt.TagID == t.ID {
					created = dt.Created
				}
			}
			if err := cw.Write([]string{"document_tag", doc.Title, doc.Source, doc.Published, "", "", "", "", "",
				t.Name, t.Family, t.Kind, StateAccepted, OriginManual, ts(created), "", "", "", "", "", "", doc.Author, doc.URL, "", ""}); err != nil {
				return err
			}
		}
	}
	for _, doc := range d.docs {
		for _, c := range docClaims[doc.ID] {
			q := d.quote(c.P, &c.Span)
			src := d.tags[c.SourceID]
			if err := cw.Write([]string{"claim", doc.Title, doc.Source, doc.Published, strconv.Itoa(c.P.Ordinal),
				strconv.Itoa(q.CharStart), strconv.Itoa(q.CharEnd), d.shown(c), c.Note, src.Name, src.Family, src.Kind, c.State, c.Origin,
				ts(c.Created), pageCell(c.P.Page), d.claimAbout(c), c.Stance, c.Cue, claims.Likelihood(c.Likelihood).String(),
				claims.Confidence(c.Confidence).String(), doc.Author, doc.URL, q.Section, q.CitationLine()}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return d.result(cw.Error())
}

// pageCell is a passage's page for the CSV's page column: empty when unpaged.
func pageCell(page int) string {
	if page <= 0 {
		return ""
	}
	return strconv.Itoa(page)
}
