package store

import (
	"context"

	"dossier/store/query"
)

// passageMatches returns a whole passage with every range that matches the
// query, for the reader: its words and the mentions its actor:, source: and
// tag: filters name.
func (v view) passageMatches(ctx context.Context, passageID int64, userQuery string) (Passage, []Range, error) {
	p, err := v.passage(ctx, passageID)
	if err != nil {
		return p, nil, err
	}
	q, err := query.Parse(userQuery)
	if err != nil {
		return p, nil, nil
	}
	var ranges []Range
	if q.HasText() {
		var marked string
		err = v.db.QueryRowContext(ctx, `SELECT highlight(passages_fts, 0, char(2), char(3)) FROM passages_fts
			WHERE passages_fts MATCH ? AND rowid = ?`, q.MatchExpr(), passageID).Scan(&marked)
		if err != nil {
			// The passage does not match (e.g. an excluded word): no ranges.
			return p, nil, nil
		}
		_, ranges = unmark(marked)
	}
	m, err := v.filterMatcher(ctx, q)
	if err != nil || m == nil {
		return p, ranges, nil // an unknown name matches nothing to mark
	}
	return p, mergeRanges(ranges, m.findAll(p.Text)), nil
}

// DocumentMatches returns every matching range in every passage of a
// document, keyed by passage id, for highlighting a whole document in the
// reader: the query's words and the mentions its actor:, source: and tag:
// filters name. A query that cannot be read matches nothing.
func (s *Store) DocumentMatches(ctx context.Context, documentID int64, userQuery string) (map[int64][]Range, error) {
	q, err := query.Parse(userQuery)
	if err != nil {
		return nil, nil
	}
	return view{s.db}.documentMatches(ctx, documentID, q, nil)
}

// documentMatches is DocumentMatches for a parsed query; passages are the
// document's when the caller has them already (nil: read when needed).
func (v view) documentMatches(ctx context.Context, documentID int64, q query.Query, passages []Passage) (map[int64][]Range, error) {
	out, err := v.documentTextMatches(ctx, documentID, q)
	if err != nil {
		return nil, err
	}
	m, err := v.filterMatcher(ctx, q)
	if err != nil || m == nil {
		return out, nil // an unknown name matches nothing to mark
	}
	if passages == nil {
		if passages, err = v.passages(ctx, documentID); err != nil {
			return nil, err
		}
	}
	if out == nil {
		out = map[int64][]Range{}
	}
	for _, p := range passages {
		if found := m.findAll(p.Text); len(found) > 0 {
			out[p.ID] = mergeRanges(out[p.ID], found)
		}
	}
	return out, nil
}

// documentTextMatches is DocumentMatches for the query's words: their
// ranges in the passages the query matches.
func (v view) documentTextMatches(ctx context.Context, documentID int64, q query.Query) (map[int64][]Range, error) {
	if !q.HasText() {
		return nil, nil
	}
	// The passages the query matches, as the results list them, with every
	// occurrence of its words there. Every occurrence in every passage
	// made a ten-word question "19,239 hits in this document" (each "the"
	// and "in") beside 3 results (found by a hostile pass).
	// A document's passages have consecutive ids (each import inserts them in
	// one transaction), so a rowid range lets FTS5 seek straight to them;
	// "+rowid IN" then checks membership without restarting the query per row.
	var lo, hi int64
	if err := v.db.QueryRowContext(ctx, `SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM passages WHERE document_id = ?`,
		documentID).Scan(&lo, &hi); err != nil {
		return nil, err
	}
	rows, err := v.db.QueryContext(ctx, `SELECT f.rowid, highlight(passages_fts, 0, char(2), char(3))
		FROM passages_fts f WHERE passages_fts MATCH ? AND f.rowid BETWEEN ? AND ?
		AND +f.rowid IN (SELECT id FROM passages WHERE document_id = ?)`, q.MatchExpr(), lo, hi, documentID)
	if err != nil {
		return nil, humanize(err)
	}
	defer rows.Close()
	out := map[int64][]Range{}
	for rows.Next() {
		var id int64
		var marked string
		if err := rows.Scan(&id, &marked); err != nil {
			return nil, err
		}
		_, out[id] = unmark(marked)
	}
	return out, rows.Err()
}
