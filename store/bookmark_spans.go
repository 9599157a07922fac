package store

import "context"

// passageMarks tells, for the passages among ids that are bookmarked, which
// parts of them are: a passage is a key if it has a bookmark, and its value
// lists the spans of its bookmarks that keep only part of it (empty when
// every bookmark is on the whole passage). The reader draws these spans.
func (v view) passageMarks(ctx context.Context, ids []int64) (map[int64][]Range, error) {
	if len(ids) == 0 {
		return map[int64][]Range{}, nil
	}
	return v.readMarks(ctx, `SELECT b.passage_id, b.span_start, b.span_end, length(CAST(p.text AS BLOB))
		FROM bookmarks b JOIN passages p ON p.id = b.passage_id
		WHERE b.passage_id IN (`+joinIDs(ids)+`) ORDER BY b.passage_id, b.span_start`)
}

// documentMarks is passageMarks for every passage of a document (the
// reader's): one short statement, where the list of a long report's
// passages made SQL text of tens of KB for SQLite to parse.
func (v view) documentMarks(ctx context.Context, documentID int64) (map[int64][]Range, error) {
	return v.readMarks(ctx, `SELECT b.passage_id, b.span_start, b.span_end, length(CAST(p.text AS BLOB))
		FROM bookmarks b JOIN passages p ON p.id = b.passage_id
		WHERE p.document_id = ? ORDER BY b.passage_id, b.span_start`, documentID)
}

// readMarks runs a query of passageMarks' columns.
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
