package store

import (
	"context"
	"strconv"

	"dossier/store/query"
)

// DocumentHitCounts counts a query's matching passages per document, over
// the whole result set (its first CountCap matches, as the total is), not
// just the page listed: the results grouped by document head each group
// with it. It parses the query as Search and MatchingDocuments do.
func (s *Store) DocumentHitCounts(ctx context.Context, userQuery string) (map[int64]int, error) {
	q, err := query.Parse(userQuery)
	if err != nil {
		return nil, err
	}
	if q.IsEmpty() {
		return nil, ErrEmptyQuery
	}
	filterSQL, args, err := s.filterClause(ctx, q.Filters)
	if err != nil {
		return nil, err
	}
	var ids string
	if q.HasText() {
		scope, err := s.ftsScope(ctx, filterSQL, args)
		if err != nil {
			return nil, err
		}
		ids = scope.query("rowid") + ` LIMIT ` + strconv.Itoa(CountCap)
		args = append([]any{q.MatchExpr()}, scope.args...)
	} else {
		ids, args = withExclusions(q, filterSQL, args)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT document_id, count(*) FROM passages WHERE id IN (`+ids+`) GROUP BY document_id`, args...)
	if err != nil {
		return nil, humanize(err)
	}
	defer rows.Close()
	counts := map[int64]int{}
	for rows.Next() {
		var doc int64
		var n int
		if err := rows.Scan(&doc, &n); err != nil {
			return nil, humanize(err)
		}
		counts[doc] = n
	}
	if err := rows.Err(); err != nil {
		return nil, humanize(err)
	}
	return counts, nil
}
