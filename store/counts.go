package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"dossier/store/query"
)

// countMatches counts a query's matches in its scope (args bind the MATCH
// expression and the scope's parameters) up to countCap+1 (CountCap, or
// RankAll for a quick count): one more than the cap says "more than". With
// perDoc it also sets *perDoc to the matches per document among the first
// countCap (as documentHitCounts counts them for CountCap),
// read in the same pass over the index: for a broad query or a phrase the
// index walk is most of the cost, and the window asks for both.
//
// With perDoc and collect, ids are the ids of the matches counted (up to
// countCap+1), ascending, and matched is the same as a JSON array when
// there are no more than RankAll of them (else ""): ranking them by some of
// the query's terms (rareTerms), or reading a page of them in reading
// order, then need not evaluate the whole query again, which for a prefix
// means merging its terms' doclists again. (Collecting costs every query
// that asks, so only those with a prefix do.)
func (v view) countMatches(ctx context.Context, q query.Query, scope ftsScope, args []any, countCap int, perDoc *map[int64]int, collect bool) (n int, matched string, ids []int64, err error) {
	capArgs := append(append([]any(nil), args...), countCap+1)
	// The matches, when aroundCommonPrefix found them.
	found, around, err := v.aroundCommonPrefix(ctx, q, scope, countCap+1)
	if err != nil {
		return 0, "", nil, err
	}
	if perDoc == nil {
		if around {
			return len(found), "", nil, nil
		}
		err := v.queryRowIn(ctx, scope, `SELECT count(*) FROM (`+scope.query("1")+` LIMIT ?)`, capArgs...).Scan(&n)
		return n, "", nil, err
	}
	if spans, ok := v.documentSpans(ctx); ok {
		matches := found
		if !around {
			if matches, err = v.matchList(ctx, scope, capArgs); err != nil {
				return 0, "", nil, err
			}
		}
		if counts, ok := perDocument(spans, matches, countCap); ok {
			n = len(matches)
			if collect {
				ids = matches
				if n <= RankAll {
					matched = idsJSON(ids)
				}
			}
			*perDoc = counts
			return n, matched, ids, nil
		}
	}
	// Without the spans, each match's document is looked up.
	// INDEXED BY: the planner would seek each match in the wide passages
	// table (its rowid) rather than in the narrow index that covers the join.
	idsCol := "NULL"
	if collect {
		idsCol = "group_concat(m.id)"
	}
	grouped := `SELECT p.document_id, count(*), max(m.id), ` + idsCol + `
		FROM (%s) m JOIN passages p INDEXED BY passages_document_of ON p.id = m.id
		GROUP BY p.document_id`
	var rows *sql.Rows
	if around {
		rows, err = v.queryKept(ctx, fmt.Sprintf(grouped, `SELECT value AS id FROM json_each(?)`), idsJSON(found))
	} else {
		rows, err = v.queryIn(ctx, scope, fmt.Sprintf(grouped, scope.query("rowid AS id")+` LIMIT ?`), capArgs...)
	}
	if err != nil {
		return 0, "", nil, err
	}
	defer rows.Close()
	counts := map[int64]int{}
	var lastDoc, lastID int64 = 0, -1
	for rows.Next() {
		var doc, maxID int64
		var c int
		var some sql.RawBytes // comma-separated ids
		if err := rows.Scan(&doc, &c, &maxID, &some); err != nil {
			return 0, "", nil, err
		}
		counts[doc] = c
		n += c
		if maxID > lastID {
			lastDoc, lastID = doc, maxID
		}
		if collect {
			for _, f := range bytes.Split(some, []byte{','}) {
				id, err := strconv.ParseInt(string(f), 10, 64)
				if err != nil {
					return 0, "", nil, fmt.Errorf("counting matches: id %q: %w", f, err)
				}
				ids = append(ids, id)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, "", nil, err
	}
	if collect {
		slices.Sort(ids) // documents' groups need not come in id order
		if n <= RankAll {
			matched = idsJSON(ids)
		}
	}
	// The index yields matches in id order (scope runs ascend), so the one
	// past the cap is the highest id: its document counts one less.
	if n > countCap {
		if counts[lastDoc]--; counts[lastDoc] == 0 {
			delete(counts, lastDoc)
		}
	}
	*perDoc = counts
	return n, matched, ids, nil
}

// matchSet renders SQL selecting the ids of a query's matching passages (its
// first CountCap matches, as the total counts them), with its arguments:
// the document count and the per-document counts read from it.
func (v view) matchSet(ctx context.Context, q query.Query) (string, []any, error) {
	if q.IsEmpty() {
		return "", nil, ErrEmptyQuery
	}
	filterSQL, args, err := v.filterClause(ctx, q.Filters)
	if err != nil {
		return "", nil, err
	}
	if !q.HasText() {
		ids, args := withExclusions(q, filterSQL, args) // "doc:x -word" counts as Search lists
		return ids, args, nil
	}
	scope, err := v.ftsScope(ctx, filterSQL, args)
	if err != nil {
		return "", nil, err
	}
	return scope.query("rowid") + ` LIMIT ` + strconv.Itoa(CountCap), append([]any{q.MatchExpr()}, scope.args...), nil
}

// matchingDocuments counts the distinct documents among a query's matches
// (among the first CountCap matches, as the total is).
func (v view) matchingDocuments(ctx context.Context, q query.Query) (int, error) {
	ids, args, err := v.matchSet(ctx, q)
	if err != nil {
		return 0, err
	}
	var n int
	err = v.db.QueryRowContext(ctx, `SELECT count(DISTINCT document_id) FROM passages WHERE id IN (`+ids+`)`, args...).Scan(&n)
	if err != nil {
		return 0, humanize(err)
	}
	return n, nil
}

// documentHitCounts counts a query's matching passages per document, over
// the whole result set (its first CountCap matches, as the total is), not
// just the page listed: the results grouped by document head each group
// with it.
func (v view) documentHitCounts(ctx context.Context, q query.Query) (map[int64]int, error) {
	ids, args, err := v.matchSet(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := v.db.QueryContext(ctx, `SELECT document_id, count(*) FROM passages WHERE id IN (`+ids+`) GROUP BY document_id`, args...)
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

// Counts are a query's totals as a page counted in full gives them:
// passages counted exactly up to CountCap, and the documents among them.
type Counts struct {
	Total     int
	Capped    bool // more than CountCap passages match
	Documents int  // distinct documents among the counted matches
	// DocumentHits are the counted matches per document, when asked for.
	DocumentHits map[int64]int
}

// Count counts the matches of a query that was run (a page's
// Results.Query, completed or not) as SearchPage counts them without
// QuickCount: the window completes a quick first page's totals with it.
func (s *Store) Count(ctx context.Context, q query.Query, perDocument bool) (*Counts, error) {
	if q.IsEmpty() {
		return nil, ErrEmptyQuery
	}
	c := &Counts{}
	err := s.readTx(ctx, func(v view) error {
		if !q.HasText() {
			// Filters alone are not capped: their passages, per document.
			hits, err := v.documentHitCounts(ctx, q)
			if err != nil {
				return err
			}
			for _, n := range hits {
				c.Total += n
			}
			c.Documents = len(hits)
			if perDocument {
				c.DocumentHits = hits
			}
			return nil
		}
		filterSQL, filterArgs, err := v.filterClause(ctx, q.Filters)
		if err != nil {
			return err
		}
		scope, err := v.ftsScope(ctx, filterSQL, filterArgs)
		if err != nil {
			return err
		}
		var perDoc map[int64]int
		n, _, _, err := v.countMatches(ctx, q, scope, append([]any{q.MatchExpr()}, scope.args...), CountCap, &perDoc, false)
		if err != nil {
			return humanize(err)
		}
		c.Total, c.Capped, c.Documents = min(n, CountCap), n > CountCap, len(perDoc)
		if perDocument {
			c.DocumentHits = perDoc
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	return c, nil
}
