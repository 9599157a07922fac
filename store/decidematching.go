package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"dossier/internal/wording"
	"dossier/store/query"
)

// DecideSuggestionsMatchingUndoable accepts or rejects every pending
// suggestion of the tag among the passages userQuery matches, as one
// change for undo, and says how many it decided. A wrong alias match is
// wrong wherever the same words stand: "Trump Jr." was suggested as Donald
// Trump on 122 passages of the Mueller report, rejected one by one (a
// researcher's pass). A query matching more than CountCap passages is
// refused: it is too broad to judge its suggestions together.
//
// through, if not zero, is where the library stood when the results were
// listed (Page.Through): passages imported since, which the user has not
// seen among them, are left as they are (a hostile pass: an import in
// another window between listing and choosing widened "every result").
func (s *Store) DecideSuggestionsMatchingUndoable(ctx context.Context, tagID int64, userQuery, state string, through Through) (TaggingChange, int, error) {
	if state != StateAccepted && state != StateRejected {
		return TaggingChange{}, 0, fmt.Errorf("unknown decision %q", query.Clip(state))
	}
	q, err := query.Parse(userQuery)
	if err != nil {
		return TaggingChange{}, 0, err
	}
	if q.IsEmpty() {
		return TaggingChange{}, 0, ErrEmptyQuery
	}
	at := s.now()
	var pending []int64
	c, err := s.trackTaggings(ctx, func(tx querier) ([]TaggingKey, [][2]int64, error) {
		ids, err := view{tx}.matchingIDs(ctx, q, CountCap)
		if err != nil {
			return nil, nil, humanize(err)
		}
		if through.Passage > 0 {
			// In id order, so that past the cap all those listed are in.
			ids = slices.DeleteFunc(ids, func(id int64) bool { return id > through.Passage })
		}
		if !through.At.IsZero() && len(ids) > 0 {
			// An import since may have taken the ids of a document removed
			// since: its import time tells it, to the second it is kept to
			// (one in the listing's second is taken as listed: it may be).
			later, err := int64Column(tx.QueryContext(ctx, `SELECT p.id FROM passages p JOIN documents d ON d.id = p.document_id
				WHERE p.id IN (SELECT value FROM json_each(?)) AND d.imported_at > ? ORDER BY p.id`, idsJSON(ids), through.At.UTC().Format(time.RFC3339)))
			if err != nil {
				return nil, nil, err
			}
			ids = slices.DeleteFunc(ids, func(id int64) bool { _, ok := slices.BinarySearch(later, id); return ok })
		}
		if len(ids) > CountCap {
			// In the window's words: %q showed a phrase's quotes escaped
			// ("\"met the\" envoy") and %d the cap as 10000 (a hostile pass).
			return nil, nil, fmt.Errorf("more than %s passages match “%s”: narrow the search to decide its suggestions together", wording.Thousands(CountCap), query.Clip(userQuery))
		}
		pending, err = int64Column(tx.QueryContext(ctx, `SELECT passage_id FROM passage_tags
			WHERE tag_id = ? AND state = 'pending' AND passage_id IN (SELECT value FROM json_each(?)) ORDER BY passage_id`, tagID, idsJSON(ids)))
		keys := make([]TaggingKey, len(pending))
		for i, id := range pending {
			keys[i] = TaggingKey{id, tagID}
		}
		return keys, nil, err
	}, func(tx querier) error {
		// One statement, dated here, as decideSuggestions does.
		_, err := tx.ExecContext(ctx, `UPDATE passage_tags SET state = ?, decided_at = ?
			WHERE tag_id = ? AND state = 'pending' AND passage_id IN (SELECT value FROM json_each(?))`,
			state, formatTime(at), tagID, idsJSON(pending))
		return err
	})
	if err != nil {
		return TaggingChange{}, 0, err
	}
	return c, len(pending), nil
}

// matchingIDs is every passage q matches, in id order, up to limit+1 (so
// that more than limit can be told).
func (v view) matchingIDs(ctx context.Context, q query.Query, limit int) ([]int64, error) {
	filterSQL, filterArgs, err := v.filterClause(ctx, q.Filters)
	if err != nil {
		return nil, err
	}
	if !q.HasText() {
		filterSQL, filterArgs = withExclusions(q, filterSQL, filterArgs)
		return int64Column(v.db.QueryContext(ctx, `SELECT DISTINCT id FROM (`+filterSQL+`) ORDER BY id LIMIT ?`, append(filterArgs, limit+1)...))
	}
	scope, err := v.ftsScope(ctx, filterSQL, filterArgs)
	if err != nil {
		return nil, err
	}
	return v.matchList(ctx, scope, append(append([]any{q.MatchExpr()}, scope.args...), limit+1))
}

// int64Column reads a query's one integer column, closing its rows.
func int64Column(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
