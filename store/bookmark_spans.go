package store

import "context"

// documentMarks tells, for the passages of a document that are bookmarked,
// which parts of them are: a passage is a key if it has a bookmark, and its
// value lists the spans of its bookmarks that keep only part of it (empty
// when every bookmark is on the whole passage). The reader draws these
// spans. (Found through the document: a long report's list of passage ids
// made SQL text of tens of KB for SQLite to parse.)
func (v view) documentMarks(ctx context.Context, documentID int64) (map[int64][]Range, error) {
	return v.readMarks(ctx, `SELECT b.passage_id, b.span_start, b.span_end, length(CAST(p.text AS BLOB))
		FROM bookmarks b JOIN passages p ON p.id = b.passage_id
		WHERE p.document_id = ? ORDER BY b.passage_id, b.span_start`, documentID)
}

// readMarks runs a query of documentMarks' columns (passage id, span
// start and end, the passage's length in bytes).
func (v view) readMarks(ctx context.Context, query string, args ...any) (map[int64][]Range, error) {
	out := map[int64][]Range{}
	rows, err := v.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var start, end *int
		var textLen int
		if err := rows.Scan(&id, &start, &end, &textLen); err != nil {
			return nil, err
		}
		spans := out[id]
		// A span that does not fit its passage (a damaged file) is not drawn.
		if start != nil && end != nil && *start >= 0 && *start < *end && *end <= textLen {
			spans = append(spans, Range{*start, *end})
		}
		out[id] = spans
	}
	return out, rows.Err()
}
