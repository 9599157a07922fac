package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"
)

// Highlighting a ranked page of a query with a prefix term of four letters
// or more ("presid*", "offic*": the index holds prefixes of 2 and 3 letters
// only) costs FTS5 a merge of every doclist the prefix covers, whatever the
// page: at 1M passages 50–100 ms for a common stem, which the count has
// already paid once. markedAside highlights the page through a scratch
// full-text table holding only the page's passages, with the index's own
// tokenizer and the same MATCH expression: FTS5 marks the same tokens
// (matching is decided row by row), and the prefix is merged over the
// page's passages instead of the library (~2 ms at any size). (A page
// listed in reading order is read and highlighted in one statement, which
// merges the prefix lazily: no gain there.)

// pageMarksTokenizer is passages_fts's tokenizer (migration 0001; a test
// checks they agree).
const pageMarksTokenizer = `'porter unicode61 remove_diacritics 2'`

// pageMarksDDL makes the scratch table: per connection, in its temp schema,
// so nothing is written to the research file. Each connection of the
// store's pool makes it when it opens (guardedConnector): made inside a
// read transaction it would be rolled back with it.
const pageMarksDDL = `CREATE VIRTUAL TABLE IF NOT EXISTS temp.page_marks USING fts5(text, tokenize = ` + pageMarksTokenizer + `)`

const pageMarksFrom = `SELECT m.rowid, p.document_id, d.title, p.ordinal, p.footnote, coalesce(p.page, 0),
		highlight(page_marks, 0, char(2), char(3))
	FROM temp.page_marks m
	JOIN passages p ON p.id = m.rowid
	JOIN documents d ON d.id = p.document_id
	WHERE page_marks MATCH ?`

// makePageMarks makes the scratch table on a new connection of the pool.
// A failure only means markedAside is not used on it.
func makePageMarks(ctx context.Context, c driver.Conn) {
	if e, ok := c.(driver.ExecerContext); ok {
		e.ExecContext(ctx, pageMarksDDL, nil)
	}
}

// markedAsideRan, set by a test, runs when markedAside has marked a page.
var markedAsideRan func()

// markedAside is highlighted (same hits, same ranges), for a query with a
// long prefix term or a phrase holding a common word (see searchText); ok
// is false when the scratch table is not there (a store
// opened read-only makes none) or a passage was not marked, and the
// caller highlights as usual.
//
// The passages go in and come out within a savepoint that is rolled back:
// nothing to delete afterwards (deleting from FTS5 tokenizes every row
// again), and a cancelled search leaves nothing behind.
func (v view) markedAside(ctx context.Context, match string, ids []int64) (hits map[int64]*Hit, ok bool, err error) {
	conn, release, err := v.pinned(ctx)
	if err != nil {
		return nil, false, err
	}
	defer release()
	if _, err := conn.ExecContext(ctx, `SAVEPOINT page_marks`); err != nil {
		return nil, false, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK TO page_marks; RELEASE page_marks`)
	if _, err := conn.ExecContext(ctx, `INSERT INTO temp.page_marks (rowid, text)
		SELECT id, text FROM passages WHERE id IN (SELECT value FROM json_each(?))`, idsJSON(ids)); err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil, false, nil
		}
		return nil, false, err
	}
	rows, err := conn.QueryContext(ctx, pageMarksFrom, match)
	if err != nil {
		return nil, false, err
	}
	hits, err = scanMarked(rows, len(ids))
	if markedAsideRan != nil {
		markedAsideRan()
	}
	// A passage whose stored text no longer holds what the index matched
	// (a damaged file, or one changed behind Dossier's back) is not marked
	// here: the caller highlights through the index, which keeps it on the
	// page as before (hostile pass: `co*`'s top hit vanished).
	return hits, err == nil && len(hits) == len(ids), err
}

// scanMarked reads highlighted rows (id, document, title, ordinal, footnote,
// page, marked text) into hits by passage id, closing them.
func scanMarked(rows *sql.Rows, room int) (map[int64]*Hit, error) {
	defer rows.Close()
	out := make(map[int64]*Hit, room)
	for rows.Next() {
		h := &Hit{}
		var marked string
		if err := rows.Scan(&h.PassageID, &h.DocumentID, &h.DocumentTitle, &h.Ordinal, &h.Footnote, &h.Page, &marked); err != nil {
			return nil, err
		}
		h.Text, h.Matches = unmark(marked)
		h.Snippet, h.SnippetRanges = Snippet(h.Text, h.Matches, SnippetLen)
		out[h.PassageID] = h
	}
	return out, rows.Err()
}
