package store

import (
	"database/sql"
	"strings"
)

// One-statement pages: a page's hits read, highlighted and (when ranked)
// scored by the statement that chooses them, instead of a second statement
// that finds them again (see searchText). highlight() is computed in the
// full-text SELECT, so its cursor is the one that matched; the hits'
// passages and documents are joined outside it.

// highlightCol marks the matched tokens of a full-text row (see unmark).
const highlightCol = `highlight(passages_fts, 0, char(2), char(3)) AS marked`

// hitCols are the columns scanHits reads, after the row's id and score,
// from a ranking row r joined to its passage p and document d. The joins
// keep every ranking row, so that one whose passage or document is missing
// (a damaged file) still takes its place in the order and is left off the
// page by scanHits, as a page ranked apart and then highlighted leaves it:
// dropped before the LIMIT, it would let the next page's first hit onto
// this one, listed twice.
const hitCols = `d.id IS NOT NULL, coalesce(p.document_id, 0), coalesce(d.title, ''), coalesce(p.ordinal, 0),
	coalesce(p.footnote, 0), coalesce(p.page, 0), CASE WHEN d.id IS NULL THEN '' ELSE r.marked END
	FROM %s r LEFT JOIN passages p ON p.id = r.rowid LEFT JOIN documents d ON d.id = p.document_id`

// readingPage is a page of a scope's matches in reading order (LIMIT ?
// OFFSET ?), for a scope that is one SELECT: the limit is inside it, so
// FTS5 walks its matches in id order and only the page's rows are
// highlighted (SQLite skips the offset's rows before computing columns).
func readingPage(sc ftsScope) string {
	return `SELECT r.rowid, 0, ` + sprintfFrom(hitCols, `(`+sc.query("rowid, "+highlightCol)+` ORDER BY rowid LIMIT ? OFFSET ?)`) + ` ORDER BY r.rowid`
}

// rankedPage is footnotesLast over the scope's ranking, with the hits'
// columns: every match is highlighted, so it is for a query whose matches
// all fit on the page.
func rankedPage(sc ftsScope) string {
	return `SELECT r.rowid, ` + footnoteScore + ` AS score, ` + sprintfFrom(hitCols, `(`+sc.rankable("rowid, rank, "+highlightCol)+`)`) +
		` ORDER BY score, r.rowid LIMIT ? OFFSET ?`
}

// sprintfFrom puts from in place of hitCols' %s.
func sprintfFrom(cols, from string) string { return strings.Replace(cols, "%s", from, 1) }

// scanHits reads the rows of readingPage or rankedPage into hits, closing
// them; room is a capacity hint.
func scanHits(rows *sql.Rows, room int) ([]Hit, error) {
	defer rows.Close()
	hits := make([]Hit, 0, room)
	for rows.Next() {
		var h Hit
		var marked string
		var whole bool
		if err := rows.Scan(&h.PassageID, &h.Score, &whole, &h.DocumentID, &h.DocumentTitle, &h.Ordinal, &h.Footnote, &h.Page, &marked); err != nil {
			return nil, err
		}
		if !whole { // its passage or document is missing (see hitCols)
			continue
		}
		h.Text, h.Matches = unmark(marked)
		h.Snippet, h.SnippetRanges = Snippet(h.Text, h.Matches, SnippetLen)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}
