package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"dossier/store/query"
)

// Gathering what to export: one read transaction collects the annotations
// (and, for reading exports, the texts) that every export format writes.

type exportPassage struct {
	ID, DocumentID            int64
	Ordinal, Page, Start, End int // Page: 0 when unpaged
	Footnote                  int // the footnote's number; 0 for body text
	Text                      string
}

type exportBookmark struct {
	P                *exportPassage
	Span             *Range
	Note             string
	Created, Updated time.Time
}

// printed is a bookmark's or tagging's quote as Copy with citation prints
// it (Quote.Printed): the span, or the whole passage, without a report's
// footnote references.
func (d *exportData) printed(p *exportPassage, span *Range) string {
	q, _, _ := quoteText(p.Text, span, p.Footnote, d.refs[p.DocumentID])
	return q.Printed()
}

type exportTagging struct {
	P             *exportPassage
	TagID         int64
	Origin, State string
	Span          *Range
	Created       time.Time
	Decided       time.Time // when its state was last set; zero if not known
}

type exportData struct {
	file       string
	query      string
	docs       []Document // referenced documents, by title
	docByID    map[int64]*Document
	texts      map[int64]*charIndex // document texts (for reading exports)
	refs       map[int64]bool       // whose note marks are references (NoteReferences; reading exports)
	headings   map[int64][]Passage  // each document's heading passages, in order (reading exports; see quote)
	outlines   map[int64]*Outline   // headings read as an outline, as quote needs them
	tags       map[int64]Tag
	tagOrder   []int64 // by family, then name
	bookmarks  []exportBookmark
	taggings   []exportTagging
	docTags    []DocumentTagging
	claims     []exportClaim // see claimexport.go
	claimLinks []exportClaimLink
	// outsideLinks: links of exported claims to claims not exported
	// (reading exports only; see gatherClaims).
	outsideLinks []outsideClaimLink
	saved        []SavedSearch
	problems     []string // damaged items met (see checkPassages)
	// The suggested taggings and claims in the export's scope that a
	// reading export leaves out (the bundle carries them).
	leftOut struct{ taggings, claims int }
}

// passageSetSQL renders a user query as SQL selecting (in a column named id)
// every passage that matches it, without Search's ranking cap. The empty
// query selects everything and yields "".
func (s *Store) passageSetSQL(ctx context.Context, userQuery string) (string, []any, error) {
	if strings.TrimSpace(userQuery) == "" {
		return "", nil, nil
	}
	q, err := query.Parse(userQuery)
	if err != nil {
		return "", nil, err
	}
	if q.IsEmpty() {
		return "", nil, ErrEmptyQuery
	}
	return view{s.db}.passageSet(ctx, q)
}

// gather reads the annotations to export in one read transaction. reading
// (Markdown, CSV) keeps only accepted passage taggings and loads passage and
// document texts; otherwise (JSON) every tagging is kept, in any state.
func (s *Store) gather(ctx context.Context, userQuery string, reading bool) (*exportData, error) {
	set, setArgs, err := s.passageSetSQL(ctx, userQuery)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d := &exportData{
		file: filepath.Base(s.path), query: strings.TrimSpace(userQuery),
		docByID: map[int64]*Document{}, texts: map[int64]*charIndex{}, refs: map[int64]bool{}, headings: map[int64][]Passage{}, outlines: map[int64]*Outline{}, tags: map[int64]Tag{},
	}
	restrict := func(col string) (string, []any) {
		if set == "" {
			return "", nil
		}
		return ` AND ` + col + ` IN (` + set + `)`, setArgs
	}
	passages := map[int64]*exportPassage{}
	passageOf := func(id, doc int64, ordinal, page, start, end, footnote int, text string) *exportPassage {
		if p, ok := passages[id]; ok {
			if p.Text == "" {
				// A bundle reads a tagging's passage without its text; a
				// claim on it needs it for its quote (which was empty).
				p.Text = text
			}
			return p
		}
		p := &exportPassage{id, doc, ordinal, page, start, end, footnote, text}
		passages[id] = p
		return p
	}

	// Bookmarks.
	where, args := restrict("p.id")
	rows, err := tx.QueryContext(ctx, `SELECT b.passage_id, p.document_id, p.ordinal, coalesce(p.page, 0), p.start, p.end, p.footnote, p.text,
			b.span_start, b.span_end, b.note, b.created_at, b.updated_at
		FROM bookmarks b JOIN passages p ON p.id = b.passage_id
		WHERE 1`+where+` ORDER BY b.created_at, b.id`, args...)
	if err != nil {
		return nil, humanize(err)
	}
	for rows.Next() {
		var pid, doc int64
		var ordinal, page, start, end, footnote int
		var text, note, created, updated string
		var ss, se sql.NullInt64
		if err := rows.Scan(&pid, &doc, &ordinal, &page, &start, &end, &footnote, &text, &ss, &se, &note, &created, &updated); err != nil {
			rows.Close()
			return nil, err
		}
		b := exportBookmark{P: passageOf(pid, doc, ordinal, page, start, end, footnote, text), Note: note,
			Created: parseTime(created), Updated: parseTime(updated)}
		if ss.Valid && se.Valid {
			b.Span = &Range{int(ss.Int64), int(se.Int64)}
		}
		d.bookmarks = append(d.bookmarks, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Passage taggings.
	where, args = restrict("p.id")
	decided := "pt.decided_at"
	if !hasColumn(ctx, tx, "passage_tags", "decided_at") {
		decided = "NULL" // a read-only file from before migration 0013
	}
	rows, err = tx.QueryContext(ctx, `SELECT pt.passage_id, p.document_id, p.ordinal, coalesce(p.page, 0), p.start, p.end, p.footnote,
			CASE WHEN ? THEN p.text ELSE '' END,
			pt.tag_id, pt.origin, pt.state, pt.span_start, pt.span_end, pt.created_at, `+decided+`
		FROM passage_tags pt JOIN passages p ON p.id = pt.passage_id
		WHERE (NOT ? OR pt.state = 'accepted')`+where+`
		ORDER BY p.document_id, p.ordinal, pt.tag_id`, append([]any{reading, reading}, args...)...)
	if err != nil {
		return nil, humanize(err)
	}
	for rows.Next() {
		var pid, doc int64
		var ordinal, page, start, end, footnote int
		var text string
		tg := exportTagging{}
		var ss, se sql.NullInt64
		var created string
		var decidedAt sql.NullString
		if err := rows.Scan(&pid, &doc, &ordinal, &page, &start, &end, &footnote, &text, &tg.TagID, &tg.Origin, &tg.State, &ss, &se, &created, &decidedAt); err != nil {
			rows.Close()
			return nil, err
		}
		tg.P = passageOf(pid, doc, ordinal, page, start, end, footnote, text)
		if ss.Valid && se.Valid {
			tg.Span = &Range{int(ss.Int64), int(se.Int64)}
		}
		tg.Created = parseTime(created)
		if decidedAt.Valid {
			tg.Decided = parseTime(decidedAt.String)
		}
		d.taggings = append(d.taggings, tg)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	if err := d.gatherClaims(ctx, tx, reading, restrict, passageOf); err != nil {
		return nil, err
	}
	if !reading { // a reading export learns every document's below
		for _, b := range d.bookmarks {
			if err := d.learnReferences(ctx, tx, b.P.DocumentID, b.P.Text); err != nil {
				return nil, err
			}
		}
	}
	if reading {
		// The suggestions a reading export leaves out, counted so that its
		// message can say so (see ExportCounts.Held). Only for the message:
		// a count that cannot be read (a damaged page) leaves it unsaid
		// rather than fail the export.
		where, args = restrict("pt.passage_id")
		if tx.QueryRowContext(ctx, `SELECT count(*) FROM passage_tags pt WHERE pt.state = 'pending'`+where, args...).Scan(&d.leftOut.taggings) != nil {
			d.leftOut.taggings = 0
		}
		where, args = restrict("c.passage_id")
		if tx.QueryRowContext(ctx, `SELECT count(*) FROM claims c WHERE c.state = 'suggested'`+where, args...).Scan(&d.leftOut.claims) != nil {
			d.leftOut.claims = 0
		}
	}

	// Document taggings: with a query, those of documents with a match.
	where, args = "", nil
	if set != "" {
		where, args = ` WHERE document_id IN (SELECT document_id FROM passages WHERE id IN (`+set+`))`, setArgs
	}
	if d.docTags, err = queryDocumentTaggings(ctx, tx, `SELECT document_id, tag_id, created_at FROM document_tags`+where+
		` ORDER BY document_id, tag_id`, args...); err != nil {
		return nil, humanize(err)
	}

	// Tags: all of them for a whole export (a tag with no tagging yet is
	// work too), only the referenced ones for a partial one.
	used := map[int64]bool{}
	for _, tg := range d.taggings {
		used[tg.TagID] = true
	}
	for _, dt := range d.docTags {
		used[dt.TagID] = true
	}
	d.claimTags(used)
	tags, err := queryTags(ctx, tx, `SELECT `+tagColumns+` FROM tags t ORDER BY t.family, t.name, t.id`)
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		if set == "" || used[t.ID] {
			d.tags[t.ID] = t
			d.tagOrder = append(d.tagOrder, t.ID)
		}
	}

	// Documents referenced by anything exported.
	docUsed := map[int64]bool{}
	for _, p := range passages {
		docUsed[p.DocumentID] = true
	}
	for _, dt := range d.docTags {
		docUsed[dt.DocumentID] = true
	}
	cols, err := documentColumnsIn(ctx, tx)
	if err != nil {
		return nil, err
	}
	docs, err := queryAll(ctx, tx, scanDocument, `SELECT `+cols+` FROM documents d ORDER BY d.title COLLATE NOCASE, d.id`)
	if err != nil {
		return nil, err
	}
	sortByTitle(docs)
	for _, doc := range docs {
		if docUsed[doc.ID] {
			d.docs = append(d.docs, doc)
		}
	}
	for i := range d.docs {
		d.docByID[d.docs[i].ID] = &d.docs[i]
	}
	if reading {
		for _, doc := range d.docs {
			text, problems, err := (view{tx}).documentText(ctx, doc.ID)
			if err != nil {
				return nil, err
			}
			d.problems = append(d.problems, problems...)
			d.texts[doc.ID] = newCharIndex(text)
			var refs bool
			if err := tx.QueryRowContext(ctx, referencesSQL, doc.ID).Scan(&refs); err != nil {
				return nil, err
			}
			d.refs[doc.ID] = refs
			// Only the headings: citations name the section a quote is in
			// (and the paragraphs that may be an appendix's title alone,
			// which the outline reads as headings: outlineHeading).
			d.headings[doc.ID], err = queryAll(ctx, tx, func(row scanner) (Passage, error) {
				var p Passage
				err := row.Scan(&p.Ordinal, &p.Text, &p.Heading)
				return p, err
			}, `SELECT ordinal, text, heading FROM passages WHERE document_id = ?
				AND (heading OR length(text) <= 16 AND (text LIKE 'appendix%' OR text LIKE 'annex%')) ORDER BY ordinal`, doc.ID)
			if err != nil {
				return nil, err
			}
		}
	}
	textLen := map[int64]int{}
	for _, doc := range d.docs {
		if ri := d.texts[doc.ID]; ri != nil {
			textLen[doc.ID] = len(ri.text)
			continue
		}
		n, err := textLength(ctx, tx, doc.ID)
		if err != nil {
			return nil, err
		}
		textLen[doc.ID] = n
	}
	d.checkPassages(textLen, reading)

	// Saved searches: all of them, whatever the query.
	d.saved, err = queryAll(ctx, tx, func(row scanner) (SavedSearch, error) {
		var ss SavedSearch
		err := row.Scan(&ss.ID, &ss.Name, &ss.Query)
		return ss, err
	}, `SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE`)
	return d, err
}

// quote locates a passage, or a span within it, in its document's text
// (loaded by reading exports only).
func (d *exportData) quote(p *exportPassage, span *Range) Quote {
	ci := d.texts[p.DocumentID]
	if ci == nil {
		ci = newCharIndex("")
	}
	q := quoteIn(ci, *d.docByID[p.DocumentID], p.Ordinal, p.Page, p.Start, p.Footnote, p.Text, span, d.refs[p.DocumentID])
	o := d.outlines[p.DocumentID]
	if o == nil {
		o = NewOutline(d.headings[p.DocumentID])
		d.outlines[p.DocumentID] = o
	}
	q.Section = o.SectionOf(p.Ordinal)
	q.Volume = o.VolumeOf(p.Ordinal)
	return q
}

// acceptedTags returns the accepted tags on each passage, by family and name.
func (d *exportData) acceptedTags() map[int64][]Tag {
	out := map[int64][]Tag{}
	for _, tg := range d.taggings {
		if tg.State == StateAccepted {
			out[tg.P.ID] = append(out[tg.P.ID], d.tags[tg.TagID])
		}
	}
	for _, ts := range out {
		sortTags(ts)
	}
	return out
}

func sortTags(ts []Tag) {
	sort.SliceStable(ts, func(i, j int) bool {
		if ts[i].Family != ts[j].Family {
			return ts[i].Family < ts[j].Family
		}
		return strings.ToLower(ts[i].Name) < strings.ToLower(ts[j].Name)
	})
}

// byDocument groups bookmarks and taggings per document, each in reading
// order (bookmarks on one passage by creation).
func (d *exportData) byDocument() (map[int64][]exportBookmark, map[int64][]exportTagging, map[int64][]Tag) {
	bms := map[int64][]exportBookmark{}
	for _, b := range d.bookmarks {
		bms[b.P.DocumentID] = append(bms[b.P.DocumentID], b)
	}
	for _, list := range bms {
		sort.SliceStable(list, func(i, j int) bool { return list[i].P.Ordinal < list[j].P.Ordinal })
	}
	tgs := map[int64][]exportTagging{}
	for _, tg := range d.taggings {
		tgs[tg.P.DocumentID] = append(tgs[tg.P.DocumentID], tg)
	}
	for _, list := range tgs {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].P.Ordinal != list[j].P.Ordinal {
				return list[i].P.Ordinal < list[j].P.Ordinal
			}
			a, b := d.tags[list[i].TagID], d.tags[list[j].TagID]
			if a.Family != b.Family {
				return a.Family < b.Family
			}
			return strings.ToLower(a.Name) < strings.ToLower(b.Name)
		})
	}
	dts := map[int64][]Tag{}
	for _, dt := range d.docTags {
		dts[dt.DocumentID] = append(dts[dt.DocumentID], d.tags[dt.TagID])
	}
	for _, ts := range dts {
		sortTags(ts)
	}
	return bms, tgs, dts
}
