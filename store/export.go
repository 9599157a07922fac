package store

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dossier/store/query"
)

// An annotation bundle is the user's work — tags, taggings, bookmarks and
// saved searches — as JSON that another research file holding the same
// documents can restore (ImportBundle). Documents are named by content
// hash; passages by ordinal, with their byte offsets as a check.
const (
	BundleFormat  = "dossier-annotations"
	BundleVersion = 1
)

// Bundle is the JSON form of an annotation bundle.
type Bundle struct {
	Format        string              `json:"format"`
	Version       int                 `json:"version"`
	Exported      time.Time           `json:"exported"`
	ResearchFile  string              `json:"research_file,omitempty"`
	Query         string              `json:"query,omitempty"` // the export was limited to passages matching it
	Documents     []BundleDocument    `json:"documents"`
	Tags          []BundleTag         `json:"tags"`
	PassageTags   []BundlePassageTag  `json:"passage_tags"`
	DocumentTags  []BundleDocumentTag `json:"document_tags"`
	Bookmarks     []BundleBookmark    `json:"bookmarks"`
	SavedSearches []BundleSavedSearch `json:"saved_searches"`
}

// BundleDocument names a document by content hash; title and file name are
// for people (and for reporting a document that is missing on import).
type BundleDocument struct {
	Hash     string `json:"hash"`
	Title    string `json:"title"`
	FileName string `json:"file_name,omitempty"`
}

// BundleTag is a tag, matched on import by family and name.
type BundleTag struct {
	Family      string    `json:"family"`
	Kind        string    `json:"kind"`
	Name        string    `json:"name"`
	Aliases     []string  `json:"aliases"`
	Description string    `json:"description"`
	Color       string    `json:"color"`
	Created     time.Time `json:"created"`
}

// TagRef refers to a tag by family and name.
type TagRef struct {
	Family string `json:"family"`
	Name   string `json:"name"`
}

// BundlePassage locates a passage: its document's content hash and its
// ordinal; Start and End are its byte offsets in the document text, checked
// on import.
type BundlePassage struct {
	Document string `json:"document"`
	Ordinal  int    `json:"passage"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// BundleSpan is a byte range within a passage's text.
type BundleSpan struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// BundlePassageTag is a tag applied to a passage.
type BundlePassageTag struct {
	BundlePassage
	Tag     TagRef      `json:"tag"`
	Origin  string      `json:"origin"`
	State   string      `json:"state"`
	Span    *BundleSpan `json:"span,omitempty"`
	Created time.Time   `json:"created"`
}

// BundleDocumentTag is a tag applied to a whole document.
type BundleDocumentTag struct {
	Document string    `json:"document"`
	Tag      TagRef    `json:"tag"`
	Created  time.Time `json:"created"`
}

// BundleBookmark is a bookmark. Quote is the bookmarked text, for people;
// import ignores it.
type BundleBookmark struct {
	BundlePassage
	Span    *BundleSpan `json:"span,omitempty"`
	Note    string      `json:"note"`
	Quote   string      `json:"quote,omitempty"`
	Created time.Time   `json:"created"`
	Updated time.Time   `json:"updated"`
}

// BundleSavedSearch is a named query.
type BundleSavedSearch struct {
	Name  string `json:"name"`
	Query string `json:"query"`
}

// ---------------------------------------------------------------------------
// Gathering what to export.

type exportPassage struct {
	ID, DocumentID      int64
	Ordinal, Start, End int
	Text                string
}

type exportBookmark struct {
	P                *exportPassage
	Span             *Range
	Note             string
	Created, Updated time.Time
}

// Quote is the bookmarked text: the span, or the whole passage.
func (b exportBookmark) Quote() string {
	if b.Span != nil && checkSpan(b.P.Text, *b.Span) {
		return b.P.Text[b.Span.Start:b.Span.End]
	}
	return b.P.Text
}

type exportTagging struct {
	P             *exportPassage
	TagID         int64
	Origin, State string
	Span          *Range
	Created       time.Time
}

type exportData struct {
	file      string
	query     string
	docs      []Document // referenced documents, by title
	docByID   map[int64]*Document
	texts     map[int64]*runeIndex // document texts (for reading exports)
	tags      map[int64]Tag
	tagOrder  []int64 // by family, then name
	bookmarks []exportBookmark
	taggings  []exportTagging
	docTags   []DocumentTagging
	saved     []SavedSearch
	problems  []string // damaged items met (see checkPassages)
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
	filterSQL, args, err := s.filterClause(ctx, q.Filters)
	if err != nil {
		return "", nil, err
	}
	if q.HasText() {
		set := `SELECT rowid AS id FROM passages_fts WHERE passages_fts MATCH ?`
		if filterSQL != "" {
			set += ` AND rowid IN (` + filterSQL + `)`
		}
		return set, append([]any{q.MatchExpr()}, args...), nil
	}
	set, args := withExclusions(q, filterSQL, args)
	return set, args, nil
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
		docByID: map[int64]*Document{}, texts: map[int64]*runeIndex{}, tags: map[int64]Tag{},
	}
	restrict := func(col string) (string, []any) {
		if set == "" {
			return "", nil
		}
		return ` AND ` + col + ` IN (` + set + `)`, setArgs
	}
	passages := map[int64]*exportPassage{}
	scanPassage := func(id, doc int64, ordinal, start, end int, text string) *exportPassage {
		if p, ok := passages[id]; ok {
			return p
		}
		p := &exportPassage{id, doc, ordinal, start, end, text}
		passages[id] = p
		return p
	}

	// Bookmarks.
	where, args := restrict("p.id")
	rows, err := tx.QueryContext(ctx, `SELECT b.passage_id, p.document_id, p.ordinal, p.start, p.end, p.text,
			b.span_start, b.span_end, b.note, b.created_at, b.updated_at
		FROM bookmarks b JOIN passages p ON p.id = b.passage_id
		WHERE 1`+where+` ORDER BY b.created_at, b.id`, args...)
	if err != nil {
		return nil, humanize(err)
	}
	for rows.Next() {
		var pid, doc int64
		var ordinal, start, end int
		var text, note, created, updated string
		var ss, se sql.NullInt64
		if err := rows.Scan(&pid, &doc, &ordinal, &start, &end, &text, &ss, &se, &note, &created, &updated); err != nil {
			rows.Close()
			return nil, err
		}
		b := exportBookmark{P: scanPassage(pid, doc, ordinal, start, end, text), Note: note,
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
	rows, err = tx.QueryContext(ctx, `SELECT pt.passage_id, p.document_id, p.ordinal, p.start, p.end,
			CASE WHEN ? THEN p.text ELSE '' END,
			pt.tag_id, pt.origin, pt.state, pt.span_start, pt.span_end, pt.created_at
		FROM passage_tags pt JOIN passages p ON p.id = pt.passage_id
		WHERE (NOT ? OR pt.state = 'accepted')`+where+`
		ORDER BY p.document_id, p.ordinal, pt.tag_id`, append([]any{reading, reading}, args...)...)
	if err != nil {
		return nil, humanize(err)
	}
	for rows.Next() {
		var pid, doc int64
		var ordinal, start, end int
		var text string
		tg := exportTagging{}
		var ss, se sql.NullInt64
		var created string
		if err := rows.Scan(&pid, &doc, &ordinal, &start, &end, &text, &tg.TagID, &tg.Origin, &tg.State, &ss, &se, &created); err != nil {
			rows.Close()
			return nil, err
		}
		tg.P = scanPassage(pid, doc, ordinal, start, end, text)
		if ss.Valid && se.Valid {
			tg.Span = &Range{int(ss.Int64), int(se.Int64)}
		}
		tg.Created = parseTime(created)
		d.taggings = append(d.taggings, tg)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
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
	rows, err = tx.QueryContext(ctx, `SELECT `+tagColumns+` FROM tags t ORDER BY t.family, t.name, t.id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		t, err := scanTag(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if set == "" || used[t.ID] {
			d.tags[t.ID] = t
			d.tagOrder = append(d.tagOrder, t.ID)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Documents referenced by anything exported.
	docUsed := map[int64]bool{}
	for _, p := range passages {
		docUsed[p.DocumentID] = true
	}
	for _, dt := range d.docTags {
		docUsed[dt.DocumentID] = true
	}
	rows, err = tx.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents d ORDER BY d.title COLLATE NOCASE, d.id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		doc, err := scanDocument(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if docUsed[doc.ID] {
			d.docs = append(d.docs, doc)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range d.docs {
		d.docByID[d.docs[i].ID] = &d.docs[i]
	}
	if reading {
		for _, doc := range d.docs {
			var text string
			if err := tx.QueryRowContext(ctx, `SELECT text FROM documents WHERE id = ?`, doc.ID).Scan(&text); err != nil {
				return nil, err
			}
			d.texts[doc.ID] = &runeIndex{text: text}
		}
	}
	textLen := map[int64]int{}
	for _, doc := range d.docs {
		if ri := d.texts[doc.ID]; ri != nil {
			textLen[doc.ID] = len(ri.text)
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT length(CAST(text AS BLOB)) FROM documents WHERE id = ?`, doc.ID).Scan(&n); err != nil {
			return nil, err
		}
		textLen[doc.ID] = n
	}
	d.checkPassages(textLen, reading)

	// Saved searches: all of them, whatever the query.
	rows, err = tx.QueryContext(ctx, `SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var ss SavedSearch
		if err := rows.Scan(&ss.ID, &ss.Name, &ss.Query); err != nil {
			rows.Close()
			return nil, err
		}
		d.saved = append(d.saved, ss)
	}
	rows.Close()
	return d, rows.Err()
}

// runeIndex converts byte offsets in a text into code-point offsets,
// counting on from the previous conversion when offsets ascend.
type runeIndex struct {
	text            string
	lastByte, runes int
}

func (ri *runeIndex) at(byteOff int) int {
	byteOff = max(0, min(byteOff, len(ri.text)))
	if byteOff < ri.lastByte {
		ri.lastByte, ri.runes = 0, 0
	}
	ri.runes += utf8.RuneCountInString(ri.text[ri.lastByte:byteOff])
	ri.lastByte = byteOff
	return ri.runes
}

// charRange returns the code-point range in the document of a passage, or of
// a span within it.
func (d *exportData) charRange(p *exportPassage, span *Range) (int, int) {
	ri := d.texts[p.DocumentID]
	start, end := p.Start, p.End
	if span != nil && checkSpan(p.Text, *span) {
		start, end = p.Start+span.Start, p.Start+span.End
	}
	if ri == nil || start < 0 || end < start || end > len(ri.text) {
		return 0, 0 // checkPassages has left such passages out
	}
	s := ri.at(start)
	return s, s + utf8.RuneCountInString(ri.text[start:end])
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

// ---------------------------------------------------------------------------
// Markdown.

// ExportMarkdown writes the user's findings as Markdown: per document, its
// bookmarks (quote, note, tags, citation) and its accepted tagged passages
// that have no bookmark. A non-empty query limits the export to the passages
// matching it (the Search language). Character offsets in citations count
// Unicode code points in the document text, from 0, end exclusive.
func (s *Store) ExportMarkdown(ctx context.Context, w io.Writer, userQuery string) error {
	d, err := s.gather(ctx, userQuery, true)
	if err != nil {
		return err
	}
	bw := &errWriter{w: w}
	bms, tgs, dts := d.byDocument()
	tagsOn := d.acceptedTags()

	bw.printf("# Dossier export: %s\n\n", mdEscape(d.file))
	bw.printf("Exported %s from the research file `%s`.\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), strings.ReplaceAll(d.file, "`", "'"))
	if d.query != "" {
		bw.printf("Limited to passages matching `%s`.\n", strings.ReplaceAll(d.query, "`", "'"))
	}
	bookmarked := map[int64]bool{}
	for _, b := range d.bookmarks {
		bookmarked[b.P.ID] = true
	}
	tagged := map[int64]bool{}
	for _, tg := range d.taggings {
		tagged[tg.P.ID] = true
	}
	bw.printf("\n%s and %s in %s. Character offsets count Unicode characters (code points) from the start of the document, starting at 0; the end is exclusive.\n",
		count(len(d.bookmarks), "bookmark"), count(len(tagged), "tagged passage"), count(len(d.docs), "document"))

	for _, doc := range d.docs {
		bw.printf("\n---\n\n## %s\n\n", mdEscape(oneLine(doc.Title)))
		field := func(label, value string) {
			if value != "" {
				bw.printf("- **%s:** %s\n", label, mdEscape(oneLine(value)))
			}
		}
		field("Source", doc.Source)
		field("Author", doc.Author)
		field("Date", doc.Published)
		if doc.URL != "" {
			bw.printf("- **URL:** <%s>\n", strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(doc.URL))
		}
		field("File", doc.FileName)
		if ts := dts[doc.ID]; len(ts) > 0 {
			field("Document tags", tagList(ts))
		}

		if list := bms[doc.ID]; len(list) > 0 {
			bw.printf("\n### Bookmarks\n")
			for _, b := range list {
				cs, ce := d.charRange(b.P, b.Span)
				what := "Passage " + strconv.Itoa(b.P.Ordinal)
				if b.Span != nil {
					what += " (excerpt)"
				}
				bw.printf("\n#### %s\n\n%s\n", what, blockquote(b.Quote()))
				if b.Note != "" {
					bw.printf("\n**Note:** %s\n", mdLines(b.Note))
				}
				if ts := tagsOn[b.P.ID]; len(ts) > 0 {
					bw.printf("\n**Tags:** %s\n", mdEscape(tagList(ts)))
				}
				bw.printf("\n%s\n", citation(doc, b.P.Ordinal, cs, ce))
			}
		}

		var rest []*exportPassage
		seen := map[int64]bool{}
		for _, tg := range tgs[doc.ID] {
			if !bookmarked[tg.P.ID] && !seen[tg.P.ID] {
				seen[tg.P.ID] = true
				rest = append(rest, tg.P)
			}
		}
		if len(rest) > 0 {
			bw.printf("\n### Tagged passages without a bookmark\n")
			for _, p := range rest {
				cs, ce := d.charRange(p, nil)
				bw.printf("\n#### Passage %d\n\n%s\n", p.Ordinal, blockquote(p.Text))
				bw.printf("\n**Tags:** %s\n", mdEscape(tagList(tagsOn[p.ID])))
				bw.printf("\n%s\n", citation(doc, p.Ordinal, cs, ce))
			}
		}
	}
	if len(d.saved) > 0 {
		bw.printf("\n---\n\n## Saved searches\n\n")
		for _, ss := range d.saved {
			bw.printf("- **%s:** `%s`\n", mdEscape(oneLine(ss.Name)), strings.ReplaceAll(oneLine(ss.Query), "`", "'"))
		}
	}
	return d.result(bw.err)
}

// tagList renders tags as "Name (kind), …".
func tagList(ts []Tag) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		kind := KindLabel[t.Kind]
		if kind == "" {
			kind = t.Kind
		}
		parts[i] = t.Name + " (" + kind + ")"
	}
	return strings.Join(parts, ", ")
}

// citation renders "— “Title”, Source, Date, passage N, characters A–B."
func citation(doc Document, ordinal, cs, ce int) string {
	parts := []string{"“" + oneLine(doc.Title) + "”"}
	for _, v := range []string{doc.Source, doc.Published} {
		if v != "" {
			parts = append(parts, oneLine(v))
		}
	}
	parts = append(parts, fmt.Sprintf("passage %d", ordinal), fmt.Sprintf("characters %d–%d", cs, ce))
	return "— " + mdEscape(strings.Join(parts, ", ")) + "."
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// mdEscape keeps text from being read as Markdown: inline markup is
// backslash-escaped, and so is whatever would start a block at a line's
// start (a heading, quote, list item or rule).
func mdEscape(s string) string {
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		trimmed := strings.TrimLeft(line, " \t")
		b.WriteString(line[:len(line)-len(trimmed)])
		at := blockStart(trimmed)
		for i, r := range trimmed {
			switch {
			case i == at:
				b.WriteByte('\\')
			case r == '\\', r == '`', r == '*', r == '_', r == '[', r == ']', r == '<':
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// blockStart returns the byte index in line of the character to escape so
// that the line does not start a block, or -1.
func blockStart(line string) int {
	if line == "" {
		return -1
	}
	switch line[0] {
	case '#', '>', '=', '|':
		return 0
	case '-', '+':
		if len(line) == 1 || line[1] == ' ' || line[1] == line[0] {
			return 0
		}
		return -1
	}
	// "1." and "1)" start ordered lists; a backslash before a digit is not
	// an escape, so it goes before the punctuation: "1\.".
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')') {
		return i
	}
	return -1
}

// mdLines escapes a multi-line text and keeps its line breaks.
func mdLines(s string) string {
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")), "\n")
	for i, l := range lines {
		lines[i] = mdEscape(strings.TrimRight(l, " \t"))
	}
	return strings.Join(lines, "  \n")
}

// blockquote quotes text, one "> " per line.
func blockquote(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + mdEscape(l)
		}
	}
	return strings.Join(lines, "\n")
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// ---------------------------------------------------------------------------
// CSV.

// CSVHeader is the header row of ExportCSV.
var CSVHeader = []string{"type", "document", "source", "date", "passage", "char_start", "char_end",
	"quote", "note", "tag", "tag_family", "tag_kind", "state", "origin", "created"}

// ExportCSV writes one row per bookmark (type "bookmark"; tag lists the
// passage's accepted tags, separated by "; "), one per accepted passage
// tagging ("passage_tag"; the quote is the passage) and one per document
// tagging ("document_tag"), as RFC 4180 CSV with a header row. A cell that
// a spreadsheet would take for a formula (it starts with =, +, -, @, a tab
// or a carriage return) gets a leading apostrophe (see csvCell). A non-empty
// query limits it to the passages matching it. char_start/char_end are code
// point offsets in the document text (0-based, end exclusive).
func (s *Store) ExportCSV(ctx context.Context, w io.Writer, userQuery string) error {
	d, err := s.gather(ctx, userQuery, true)
	if err != nil {
		return err
	}
	cw := safeCSV{csv.NewWriter(w)}
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	bms, tgs, dts := d.byDocument()
	tagsOn := d.acceptedTags()
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	for _, doc := range d.docs {
		for _, b := range bms[doc.ID] {
			cs, ce := d.charRange(b.P, b.Span)
			var names []string
			for _, t := range tagsOn[b.P.ID] {
				names = append(names, t.Name)
			}
			if err := cw.Write([]string{"bookmark", doc.Title, doc.Source, doc.Published, strconv.Itoa(b.P.Ordinal),
				strconv.Itoa(cs), strconv.Itoa(ce), b.Quote(), b.Note, strings.Join(names, "; "), "", "", "", "", ts(b.Created)}); err != nil {
				return err
			}
		}
		for _, tg := range tgs[doc.ID] {
			cs, ce := d.charRange(tg.P, nil)
			t := d.tags[tg.TagID]
			if err := cw.Write([]string{"passage_tag", doc.Title, doc.Source, doc.Published, strconv.Itoa(tg.P.Ordinal),
				strconv.Itoa(cs), strconv.Itoa(ce), tg.P.Text, "", t.Name, t.Family, t.Kind, tg.State, tg.Origin, ts(tg.Created)}); err != nil {
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
				t.Name, t.Family, t.Kind, StateAccepted, OriginManual, ts(created)}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return d.result(cw.Error())
}

// ---------------------------------------------------------------------------
// JSON bundle.

// ExportJSON writes the annotation bundle (see Bundle). With a query, only
// the bookmarks and taggings on passages matching it (document taggings of
// documents with a match), and only the tags they use; saved searches are
// always all included.
func (s *Store) ExportJSON(ctx context.Context, w io.Writer, userQuery string) error {
	b, err := s.ExportBundle(ctx, userQuery)
	var problems *ExportProblems
	if err != nil && !errors.As(err, &problems) {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return err
	}
	if problems != nil {
		return problems
	}
	return nil
}

// ExportBundle builds the annotation bundle that ExportJSON writes. With a
// damaged research file it returns the bundle and *ExportProblems.
func (s *Store) ExportBundle(ctx context.Context, userQuery string) (*Bundle, error) {
	d, err := s.gather(ctx, userQuery, false)
	if err != nil {
		return nil, err
	}
	b := &Bundle{
		Format: BundleFormat, Version: BundleVersion, Exported: time.Now().UTC(),
		ResearchFile: d.file, Query: d.query,
		Documents: []BundleDocument{}, Tags: []BundleTag{}, PassageTags: []BundlePassageTag{},
		DocumentTags: []BundleDocumentTag{}, Bookmarks: []BundleBookmark{}, SavedSearches: []BundleSavedSearch{},
	}
	for _, doc := range d.docs {
		b.Documents = append(b.Documents, BundleDocument{Hash: doc.Hash, Title: doc.Title, FileName: doc.FileName})
	}
	for _, id := range d.tagOrder {
		t := d.tags[id]
		aliases := t.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		b.Tags = append(b.Tags, BundleTag{Family: t.Family, Kind: t.Kind, Name: t.Name, Aliases: aliases,
			Description: t.Description, Color: t.Color, Created: t.Created})
	}
	ref := func(id int64) TagRef { t := d.tags[id]; return TagRef{t.Family, t.Name} }
	where := func(p *exportPassage) BundlePassage {
		return BundlePassage{Document: d.docByID[p.DocumentID].Hash, Ordinal: p.Ordinal, Start: p.Start, End: p.End}
	}
	span := func(r *Range) *BundleSpan {
		if r == nil {
			return nil
		}
		return &BundleSpan{r.Start, r.End}
	}
	_, tgs, _ := d.byDocument()
	for _, doc := range d.docs {
		for _, tg := range tgs[doc.ID] {
			b.PassageTags = append(b.PassageTags, BundlePassageTag{BundlePassage: where(tg.P), Tag: ref(tg.TagID),
				Origin: tg.Origin, State: tg.State, Span: span(tg.Span), Created: tg.Created})
		}
	}
	for _, dt := range d.docTags {
		b.DocumentTags = append(b.DocumentTags, BundleDocumentTag{Document: d.docByID[dt.DocumentID].Hash,
			Tag: ref(dt.TagID), Created: dt.Created})
	}
	for _, bm := range d.bookmarks {
		b.Bookmarks = append(b.Bookmarks, BundleBookmark{BundlePassage: where(bm.P), Span: span(bm.Span),
			Note: bm.Note, Quote: bm.Quote(), Created: bm.Created, Updated: bm.Updated})
	}
	for _, ss := range d.saved {
		b.SavedSearches = append(b.SavedSearches, BundleSavedSearch{Name: ss.Name, Query: ss.Query})
	}
	return b, d.result(nil)
}

// ---------------------------------------------------------------------------
// Import.

// ErrNotBundle is returned for JSON that is not a Dossier annotation bundle.
var ErrNotBundle = errors.New("not a Dossier annotation bundle")

// IsBundle reports whether data is JSON that says it is an annotation
// bundle (of any version): the caller should restore it with ImportBundle
// rather than import it as a document.
func IsBundle(data []byte) bool {
	var head struct {
		Format string `json:"format"`
	}
	return json.Unmarshal(data, &head) == nil && head.Format == BundleFormat
}

// ReadBundle decodes a bundle (up to MaxBundleSize) and checks its format
// and version.
func ReadBundle(r io.Reader) (*Bundle, error) {
	data, err := readBundleBytes(r)
	if err != nil {
		return nil, err
	}
	var b Bundle
	if err := decodeBundle(data, &b); err != nil {
		return nil, err
	}
	switch {
	case b.Format != BundleFormat:
		return nil, fmt.Errorf("%w (its format is %q, not %q)", ErrNotBundle, query.Clip(b.Format), BundleFormat)
	case b.Version > BundleVersion:
		return nil, fmt.Errorf("the annotation bundle is version %d, written by a newer Dossier; this version reads version %d. Update Dossier to import it", b.Version, BundleVersion)
	case b.Version != BundleVersion:
		return nil, fmt.Errorf("the annotation bundle has version %d; this Dossier reads version %d only", b.Version, BundleVersion)
	}
	return &b, nil
}

// BundleReport says what ImportBundle did. The counts are of annotations
// added or changed; Unchanged counts those already present as the bundle
// has them.
type BundleReport struct {
	TagsCreated, TagsUpdated int
	PassageTags              int
	DocumentTags             int
	Bookmarks                int
	SavedSearches            int
	Unchanged                int
	// Skipped lists the documents the bundle annotates that this research
	// file does not hold; their annotations were not restored.
	Skipped []SkippedDocument
	// Mismatched describes annotations whose passage differs here (other
	// offsets, or a span that does not fit); they were not restored.
	Mismatched []string
}

// SkippedDocument is a document missing from the research file.
type SkippedDocument struct {
	Title, Hash string
	Annotations int
}

// Changed reports how many things the import added or changed.
func (r BundleReport) Changed() int {
	return r.TagsCreated + r.TagsUpdated + r.PassageTags + r.DocumentTags + r.Bookmarks + r.SavedSearches
}

// String summarises the report in one line.
func (r BundleReport) String() string {
	msg := fmt.Sprintf("%s created, %s updated, %s, %s, %s and %s restored; %d already present",
		count(r.TagsCreated, "tag"), count(r.TagsUpdated, "tag"), count(r.PassageTags, "passage tagging"),
		count(r.DocumentTags, "document tagging"), count(r.Bookmarks, "bookmark"), count(r.SavedSearches, "saved search"), r.Unchanged)
	if len(r.Skipped) > 0 {
		var names []string
		for _, d := range r.Skipped {
			names = append(names, fmt.Sprintf("“%s” (%d annotations)", d.Title, d.Annotations))
		}
		msg += fmt.Sprintf("; skipped %d documents not in this research file: %s", len(r.Skipped), strings.Join(names, ", "))
	}
	if len(r.Mismatched) > 0 {
		msg += fmt.Sprintf("; %d annotations did not fit their passage here", len(r.Mismatched))
	}
	return msg
}

// ImportBundle restores an annotation bundle, all or nothing. Tags are
// matched by family and name: missing ones are created; existing ones take
// the bundle's kind, description and colour and gain its aliases (none are
// removed). Passages are matched by document hash and ordinal, and their
// offsets checked. An existing passage tagging takes the bundle's origin,
// state and span; document taggings and saved searches (by name) are
// upserted. A bookmark already present — same passage, span and creation
// time — is not duplicated; if its note differs, the more recently updated
// note wins. Annotations of documents not in this file are skipped and
// reported. Importing the same bundle twice changes nothing the second time.
// New tags, and tags that gained aliases, are suggested across the library
// as CreateTag and UpdateTag do (rejected suggestions stay rejected).
func (s *Store) ImportBundle(ctx context.Context, r io.Reader) (BundleReport, error) {
	rep, err := s.importBundle(ctx, r)
	if err != nil {
		return BundleReport{}, s.fileErr(err) // rolled back: nothing was restored
	}
	return rep, nil
}

func (s *Store) importBundle(ctx context.Context, r io.Reader) (BundleReport, error) {
	var rep BundleReport
	b, err := ReadBundle(r)
	if err != nil {
		return rep, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, err
	}
	defer tx.Rollback()
	im := &bundleImport{ctx: ctx, tx: tx, rep: &rep, titles: map[string]string{},
		docs: map[string]int64{}, skipped: map[string]*SkippedDocument{}, tags: map[TagRef]int64{}}
	for _, d := range b.Documents {
		im.titles[d.Hash] = d.Title
	}
	var suggest []int64
	for _, bt := range b.Tags {
		id, again, err := im.tag(bt)
		if err != nil {
			return rep, err
		}
		if again {
			suggest = append(suggest, id)
		}
	}
	for _, pt := range b.PassageTags {
		if err := im.passageTag(pt); err != nil {
			return rep, err
		}
	}
	for _, dt := range b.DocumentTags {
		if err := im.documentTag(dt); err != nil {
			return rep, err
		}
	}
	for _, bm := range b.Bookmarks {
		if err := im.bookmark(bm); err != nil {
			return rep, err
		}
	}
	for _, ss := range b.SavedSearches {
		if err := im.savedSearch(ss); err != nil {
			return rep, err
		}
	}
	if len(suggest) > 0 {
		if err := suggestTx(ctx, tx, suggest, nil); err != nil {
			return rep, err
		}
	}
	for _, sd := range im.skippedOrder {
		rep.Skipped = append(rep.Skipped, *im.skipped[sd])
	}
	if err := tx.Commit(); err != nil {
		return BundleReport{}, err
	}
	return rep, nil
}

type bundleImport struct {
	ctx          context.Context
	tx           *sql.Tx
	rep          *BundleReport
	titles       map[string]string // hash → title, from the bundle
	docs         map[string]int64  // hash → document id (0: missing)
	skipped      map[string]*SkippedDocument
	skippedOrder []string
	tags         map[TagRef]int64
}

// tag finds or creates a bundle tag; again says whether suggestions should
// run for it (it is new or gained aliases).
func (im *bundleImport) tag(bt BundleTag) (id int64, again bool, err error) {
	bt.Name = strings.TrimSpace(bt.Name)
	if err := validateTag(bt.Family, bt.Kind, bt.Name, bt.Color); err != nil {
		return 0, false, fmt.Errorf("annotation bundle: tag %q: %w", query.Clip(bt.Name), err)
	}
	ctx, tx := im.ctx, im.tx
	var kind, desc, color string
	err = tx.QueryRowContext(ctx, `SELECT id, kind, description, color FROM tags WHERE family = ? AND name = ?`,
		bt.Family, bt.Name).Scan(&id, &kind, &desc, &color)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		id, err = insertTag(ctx, tx, Tag{Family: bt.Family, Kind: bt.Kind, Name: bt.Name, Aliases: bt.Aliases,
			Description: bt.Description, Color: bt.Color, Created: bt.Created})
		if err != nil {
			return 0, false, err
		}
		im.rep.TagsCreated++
		im.tags[TagRef{bt.Family, bt.Name}] = id
		return id, true, nil
	case err != nil:
		return 0, false, err
	}
	im.tags[TagRef{bt.Family, bt.Name}] = id
	changed := false
	if kind != bt.Kind || desc != bt.Description || color != bt.Color {
		if _, err := tx.ExecContext(ctx, `UPDATE tags SET kind = ?, description = ?, color = ? WHERE id = ?`,
			bt.Kind, bt.Description, bt.Color, id); err != nil {
			return 0, false, err
		}
		changed = true
	}
	for _, a := range bt.Aliases {
		a = strings.TrimSpace(a)
		if a == "" || strings.EqualFold(a, bt.Name) {
			continue
		}
		r, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO tag_aliases (tag_id, alias)
			SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM tags WHERE id = ?1 AND name = ?2)`, id, a)
		if err != nil {
			return 0, false, err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			changed, again = true, true
		}
	}
	if changed {
		im.rep.TagsUpdated++
	} else {
		im.rep.Unchanged++
	}
	return id, again, nil
}

func (im *bundleImport) tagID(ref TagRef) (int64, error) {
	if id, ok := im.tags[ref]; ok {
		return id, nil
	}
	var id int64
	err := im.tx.QueryRowContext(im.ctx, `SELECT id FROM tags WHERE family = ? AND name = ?`, query.Clip(ref.Family), query.Clip(ref.Name)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("annotation bundle: it refers to the %s %q, which it does not define", query.Clip(ref.Family), query.Clip(ref.Name))
	}
	if err == nil {
		im.tags[ref] = id
	}
	return id, err
}

// document resolves a content hash; a missing document is counted against
// the skipped list and yields ok = false.
func (im *bundleImport) document(hash string) (int64, bool, error) {
	id, seen := im.docs[hash]
	if !seen {
		err := im.tx.QueryRowContext(im.ctx, `SELECT id FROM documents WHERE content_hash = ?`, hash).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, false, err
		}
		im.docs[hash] = id
	}
	if id == 0 {
		sd := im.skipped[hash]
		if sd == nil {
			title := im.titles[hash]
			if title == "" {
				title = "untitled document " + hash
			}
			sd = &SkippedDocument{Title: title, Hash: hash}
			im.skipped[hash] = sd
			im.skippedOrder = append(im.skippedOrder, hash)
		}
		sd.Annotations++
		return 0, false, nil
	}
	return id, true, nil
}

// passage resolves a bundle passage and checks it, and a span within it.
func (im *bundleImport) passage(bp BundlePassage, span *BundleSpan, what string) (int64, bool, error) {
	docID, ok, err := im.document(bp.Document)
	if err != nil || !ok {
		return 0, false, err
	}
	var id int64
	var start, end int
	var text string
	err = im.tx.QueryRowContext(im.ctx, `SELECT id, start, end, text FROM passages WHERE document_id = ? AND ordinal = ?`,
		docID, bp.Ordinal).Scan(&id, &start, &end, &text)
	title := im.titles[bp.Document]
	if title == "" {
		title = bp.Document
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		im.rep.Mismatched = append(im.rep.Mismatched, fmt.Sprintf("%s on “%s” passage %d: this research file's copy has no such passage", what, title, bp.Ordinal))
		return 0, false, nil
	case err != nil:
		return 0, false, err
	case start != bp.Start || end != bp.End:
		im.rep.Mismatched = append(im.rep.Mismatched, fmt.Sprintf("%s on “%s” passage %d: the passage is at bytes [%d,%d) in the bundle but [%d,%d) here",
			what, title, bp.Ordinal, bp.Start, bp.End, start, end))
		return 0, false, nil
	case span != nil && !checkSpan(text, Range{span.Start, span.End}):
		im.rep.Mismatched = append(im.rep.Mismatched, fmt.Sprintf("%s on “%s” passage %d: the span [%d,%d) does not fit the passage",
			what, title, bp.Ordinal, span.Start, span.End))
		return 0, false, nil
	}
	return id, true, nil
}

func spanArgs(span *BundleSpan) (any, any) {
	if span == nil {
		return nil, nil
	}
	return span.Start, span.End
}

func sameSpan(a *BundleSpan, start, end sql.NullInt64) bool {
	if a == nil || !start.Valid || !end.Valid {
		return a == nil && !start.Valid && !end.Valid
	}
	return int64(a.Start) == start.Int64 && int64(a.End) == end.Int64
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return now()
	}
	return formatTime(t)
}

func (im *bundleImport) passageTag(pt BundlePassageTag) error {
	if pt.Origin != OriginManual && pt.Origin != OriginSuggest {
		return fmt.Errorf("annotation bundle: unknown tagging origin %q", query.Clip(pt.Origin))
	}
	if pt.State != StateAccepted && pt.State != StatePending && pt.State != StateRejected {
		return fmt.Errorf("annotation bundle: unknown tagging state %q", query.Clip(pt.State))
	}
	tagID, err := im.tagID(pt.Tag)
	if err != nil {
		return err
	}
	pid, ok, err := im.passage(pt.BundlePassage, pt.Span, "tag "+pt.Tag.Name)
	if err != nil || !ok {
		return err
	}
	ctx, tx := im.ctx, im.tx
	var origin, state string
	var ss, se sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT origin, state, span_start, span_end FROM passage_tags WHERE passage_id = ? AND tag_id = ?`,
		pid, tagID).Scan(&origin, &state, &ss, &se)
	start, end := spanArgs(pt.Span)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, `INSERT INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, pid, tagID, pt.Origin, pt.State, start, end, stamp(pt.Created))
	case err != nil:
		return err
	case origin == pt.Origin && state == pt.State && sameSpan(pt.Span, ss, se):
		im.rep.Unchanged++
		return nil
	default:
		_, err = tx.ExecContext(ctx, `UPDATE passage_tags SET origin = ?, state = ?, span_start = ?, span_end = ?
			WHERE passage_id = ? AND tag_id = ?`, pt.Origin, pt.State, start, end, pid, tagID)
	}
	if err == nil {
		im.rep.PassageTags++
	}
	return err
}

func (im *bundleImport) documentTag(dt BundleDocumentTag) error {
	tagID, err := im.tagID(dt.Tag)
	if err != nil {
		return err
	}
	docID, ok, err := im.document(dt.Document)
	if err != nil || !ok {
		return err
	}
	r, err := im.tx.ExecContext(im.ctx, `INSERT OR IGNORE INTO document_tags (document_id, tag_id, created_at) VALUES (?, ?, ?)`,
		docID, tagID, stamp(dt.Created))
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n > 0 {
		im.rep.DocumentTags++
	} else {
		im.rep.Unchanged++
	}
	return nil
}

func (im *bundleImport) bookmark(bm BundleBookmark) error {
	pid, ok, err := im.passage(bm.BundlePassage, bm.Span, "bookmark")
	if err != nil || !ok {
		return err
	}
	ctx, tx := im.ctx, im.tx
	rows, err := tx.QueryContext(ctx, `SELECT id, span_start, span_end, note, created_at, updated_at FROM bookmarks WHERE passage_id = ?`, pid)
	if err != nil {
		return err
	}
	type existing struct {
		id      int64
		note    string
		updated time.Time
	}
	var match *existing
	for rows.Next() {
		var e existing
		var ss, se sql.NullInt64
		var created, updated string
		if err := rows.Scan(&e.id, &ss, &se, &e.note, &created, &updated); err != nil {
			rows.Close()
			return err
		}
		e.updated = parseTime(updated)
		if sameSpan(bm.Span, ss, se) && parseTime(created).Equal(bm.Created) {
			if match == nil || e.note == bm.Note {
				match = &e
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	start, end := spanArgs(bm.Span)
	switch {
	case match == nil:
		updated := bm.Updated
		if updated.IsZero() {
			updated = bm.Created
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO bookmarks (passage_id, span_start, span_end, note, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, pid, start, end, bm.Note, stamp(bm.Created), stamp(updated))
	case match.note == bm.Note || !bm.Updated.After(match.updated):
		im.rep.Unchanged++ // the same bookmark, or one whose note was edited here since
		return nil
	default:
		_, err = tx.ExecContext(ctx, `UPDATE bookmarks SET note = ?, updated_at = ? WHERE id = ?`, bm.Note, formatTime(bm.Updated), match.id)
	}
	if err == nil {
		im.rep.Bookmarks++
	}
	return err
}

func (im *bundleImport) savedSearch(ss BundleSavedSearch) error {
	if err := checkSavedSearch(ss.Name, ss.Query); err != nil {
		return fmt.Errorf("annotation bundle: saved search %q: %w", query.Clip(ss.Name), err)
	}
	if strings.TrimSpace(ss.Name) == "" || strings.TrimSpace(ss.Query) == "" {
		return errors.New("annotation bundle: a saved search needs a name and a query")
	}
	var q string
	err := im.tx.QueryRowContext(im.ctx, `SELECT query FROM saved_searches WHERE name = ?`, ss.Name).Scan(&q)
	switch {
	case err == nil && q == ss.Query:
		im.rep.Unchanged++
		return nil
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return err
	}
	_, err = im.tx.ExecContext(im.ctx, `INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET query = excluded.query`, ss.Name, ss.Query, now())
	if err == nil {
		im.rep.SavedSearches++
	}
	return err
}

// count writes "1 bookmark", "2 bookmarks", "2 saved searches".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "ch") || strings.HasSuffix(noun, "s") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
