package store

import (
	"context"
	"strconv"

	"dossier/store/query"
)

// MatchingDocuments counts the distinct documents among a query's matches
// (among the first CountCap matches, as the total is). It is a
// separate call so the first page of results never waits for it.
func (s *Store) MatchingDocuments(ctx context.Context, userQuery string) (int, error) {
	q, err := query.Parse(userQuery)
	if err != nil {
		return 0, err
	}
	if q.IsEmpty() {
		return 0, ErrEmptyQuery
	}
	filterSQL, args, err := s.filterClause(ctx, q.Filters)
	if err != nil {
		return 0, err
	}
	var ids string
	if q.HasText() {
		scope, err := s.ftsScope(ctx, filterSQL, args)
		if err != nil {
			return 0, err
		}
		ids = scope.query("rowid") + ` LIMIT ` + strconv.Itoa(CountCap)
		args = append([]any{q.MatchExpr()}, scope.args...)
	} else {
		ids, args = withExclusions(q, filterSQL, args) // "doc:x -word" counts as Search lists
	}
	var n int
	err = s.db.QueryRowContext(ctx, `SELECT count(DISTINCT document_id) FROM passages WHERE id IN (`+ids+`)`, args...).Scan(&n)
	if err != nil {
		return 0, humanize(err)
	}
	return n, nil
}
