package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ftsScope is a full-text query (its MATCH expression bound as ?1) limited
// to the passages a filter selects: one SELECT on passages_fts per run of
// ids, joined by UNION ALL, or (with no runs) one SELECT with cond.
type ftsScope struct {
	runs [][2]int64 // first and last id of each run
	cond string     // after "MATCH ?1" when there are no runs
	args []any      // bound after ?1
}

// maxRuns is the most id runs a filter is split into (SQLite compiles at
// most 500 SELECTs into one compound).
const maxRuns = 200

// ftsScope limits a full-text query to a filter's passage ids. FTS5 serves
// "rowid IN (…)" by restarting the query for each id, which is slow, but it
// seeks a rowid range quickly. A filter's ids mostly come in runs (a
// document's passages are consecutive), so a filter of up to maxRuns runs
// becomes one range per run. A more scattered one becomes the range its ids
// span plus "+rowid IN (…)", which hides the set from FTS5 so that SQLite
// checks each match's membership instead.
func (v view) ftsScope(ctx context.Context, filterSQL string, args []any) (ftsScope, error) {
	if filterSQL == "" {
		return ftsScope{}, nil
	}
	// Read the ids in order, cutting them into runs, until there are too
	// many runs to be worth it. (SQL window functions do this ~2× slower.)
	rows, err := v.db.QueryContext(ctx, `SELECT DISTINCT id FROM (`+filterSQL+`) ORDER BY id`, args...)
	if err != nil {
		return ftsScope{}, err
	}
	defer rows.Close()
	var scope ftsScope
	var lo, runStart, prev int64
	ids := 0
	endRun := func() { scope.runs = append(scope.runs, [2]int64{runStart, prev}) }
	for ; rows.Next() && len(scope.runs) <= maxRuns; ids++ {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return ftsScope{}, err
		}
		switch {
		case ids == 0:
			lo, runStart = id, id
		case id != prev+1:
			endRun()
			runStart = id
		}
		prev = id
	}
	if err := rows.Err(); err != nil {
		return ftsScope{}, err
	}
	if ids > 0 && len(scope.runs) <= maxRuns {
		endRun()
	}
	rows.Close()
	switch {
	case len(scope.runs) == 0: // nothing passes the filter
		return ftsScope{cond: " AND 0"}, nil
	case len(scope.runs) > maxRuns:
		hi, err := v.maxID(ctx, filterSQL, args)
		if err != nil {
			return ftsScope{}, err
		}
		return ftsScope{cond: fmt.Sprintf(" AND rowid BETWEEN %d AND %d AND +rowid IN (%s)", lo, hi, filterSQL), args: args}, nil
	}
	return scope, nil
}

// maxID is the largest passage id a filter selects.
func (v view) maxID(ctx context.Context, filterSQL string, args []any) (int64, error) {
	var hi int64
	err := v.db.QueryRowContext(ctx, `SELECT coalesce(max(id), -1) FROM (`+filterSQL+`)`, args...).Scan(&hi)
	return hi, err
}

// query selects cols from every matching passage in the scope.
func (sc ftsScope) query(cols string) string {
	sel := `SELECT ` + cols + ` FROM passages_fts WHERE passages_fts MATCH ?1`
	if len(sc.runs) == 0 {
		return sel + sc.cond
	}
	parts := make([]string, len(sc.runs))
	for i, r := range sc.runs {
		parts[i] = fmt.Sprintf("%s AND rowid BETWEEN %d AND %d", sel, r[0], r[1])
	}
	return strings.Join(parts, " UNION ALL ")
}

// ordered is query(cols) ordered by rowid or rank, with LIMIT and OFFSET
// parameters. A single SELECT keeps FTS5's own ordering.
func (sc ftsScope) ordered(cols, by string) string {
	if by == "rank" {
		return footnotesLast(sc.rankable(cols))
	}
	if len(sc.runs) <= 1 {
		return sc.query(cols) + ` ORDER BY ` + by + ` LIMIT ? OFFSET ?`
	}
	return sc.query(cols) + ` ORDER BY 1 LIMIT ? OFFSET ?` // rowid, the first column
}

// rankable is query(cols) as one SELECT, for ranking: with several runs,
// one over the runs' span keeping its rows in the runs.
func (sc ftsScope) rankable(cols string) string {
	if len(sc.runs) <= 1 {
		return sc.query(cols)
	}
	// bm25 reads each query term's whole posting list once per cursor (for
	// its IDF), so ranking across many runs' cursors multiplies that. Rank
	// in one cursor over the runs' span, keeping its rows in the runs; "+"
	// keeps SQLite from offering the ORs to FTS5.
	in := make([]string, len(sc.runs))
	for i, r := range sc.runs {
		in[i] = fmt.Sprintf("+rowid BETWEEN %d AND %d", r[0], r[1])
	}
	return fmt.Sprintf(`SELECT %s FROM passages_fts WHERE passages_fts MATCH ?1 AND rowid BETWEEN %d AND %d AND (%s)`,
		cols, sc.runs[0][0], sc.runs[len(sc.runs)-1][1], strings.Join(in, " OR "))
}

// whole says the scope is the whole library: its SQL is the same for every
// query (the MATCH expression is a parameter), so it can be kept prepared.
func (sc ftsScope) whole() bool { return len(sc.runs) == 0 && sc.cond == "" }

// queryIn runs text, built from scope (and otherwise fixed), keeping its
// prepared statement when the scope is the whole library (see stmtCache).
func (v view) queryIn(ctx context.Context, scope ftsScope, text string, args ...any) (*sql.Rows, error) {
	if scope.whole() {
		return v.queryKept(ctx, text, args...)
	}
	return v.db.QueryContext(ctx, text, args...)
}

// queryRowIn is queryIn for one row.
func (v view) queryRowIn(ctx context.Context, scope ftsScope, text string, args ...any) *sql.Row {
	if scope.whole() {
		return v.queryRowKept(ctx, text, args...)
	}
	return v.db.QueryRowContext(ctx, text, args...)
}
