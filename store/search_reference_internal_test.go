package store

// The query path as it was before it was made cheaper (three or more
// statements per search: a capped count, a capped count per term for
// rareTerms, the ranking, then highlight() over "rowid IN (ids)"), kept as
// the reference the faster path must agree with exactly (see
// search_equiv_internal_test.go) and as the "before" in
// BenchmarkQueryClasses.

import (
	"context"
	"strconv"
	"time"

	"dossier/store/query"
)

// ReferenceSearch is Search through the reference path.
func (s *Store) ReferenceSearch(ctx context.Context, req SearchRequest) (*Results, error) {
	began := time.Now()
	q, err := query.Parse(req.Query)
	if err != nil {
		return nil, err
	}
	res, err := view{s.db}.refSearch(ctx, q, req)
	if err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(began)
	return res, nil
}

// ReferenceSearchPage is SearchPage through the reference path.
func (s *Store) ReferenceSearchPage(ctx context.Context, req PageRequest) (*Page, error) {
	began := time.Now()
	q, err := query.Parse(req.Query)
	if err != nil {
		return nil, err
	}
	if q.IsEmpty() {
		return nil, ErrEmptyQuery
	}
	p := &Page{Documents: -1}
	err = s.readTx(ctx, func(v view) error {
		if p.Results, err = v.refSearch(ctx, q, req.SearchRequest); err != nil {
			return err
		}
		if p.Total > 0 && req.PerDocument {
			p.DocumentHits, _ = v.refDocumentHitCounts(ctx, p.Query)
		}
		switch {
		case p.Total == 0 || !req.CountDocuments:
		case p.DocumentHits != nil:
			p.Documents = len(p.DocumentHits)
		default:
			if n, err := v.refMatchingDocuments(ctx, p.Query); err == nil {
				p.Documents = n
			}
		}
		if len(p.Hits) > 0 {
			ids := make([]int64, len(p.Hits))
			for i, h := range p.Hits {
				ids[i] = h.PassageID
			}
			p.Bookmarked, p.Tags, _ = v.hitAnnotations(ctx, ids)
		}
		if req.Document != 0 && p.Total > 0 { // a query that matched nothing marks nothing
			p.DocumentMatches, _ = v.documentMatches(ctx, req.Document, p.Query, nil)
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	p.Elapsed = time.Since(began)
	return p, nil
}

func (v view) refSearch(ctx context.Context, q query.Query, req SearchRequest) (*Results, error) {
	if q.IsEmpty() {
		return nil, ErrEmptyQuery
	}
	limit := req.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, MaxLimit)
	offset := max(req.Offset, 0)

	filterSQL, filterArgs, err := v.filterClause(ctx, q.Filters)
	if err != nil {
		return nil, err
	}
	res := &Results{Query: q}
	if q.HasText() {
		err = v.refSearchText(ctx, q, filterSQL, filterArgs, limit, offset, req.FullRanking, res)
		if err == nil && res.Total == 0 && req.CompleteLastWord {
			done, ok := q.CompleteLast(req.Query)
			for try := 0; ok && try <= maxShorten; try++ {
				more := &Results{Query: done, Completed: true}
				if err = v.refSearchText(ctx, done, filterSQL, filterArgs, limit, offset, req.FullRanking, more); err != nil {
					break
				}
				if more.Total > 0 {
					res = more
					break
				}
				done, ok = done.ShortenLast()
			}
		}
	} else {
		err = v.searchFilters(ctx, q, filterSQL, filterArgs, limit, offset, res)
	}
	if err == nil {
		var m *mentionMatcher
		if m, err = v.filterMatcher(ctx, q); err == nil {
			markMentions(m, res.Hits)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, humanize(err)
	}
	return res, nil
}

func (v view) refSearchText(ctx context.Context, q query.Query, filterSQL string, filterArgs []any, limit, offset int, fullRanking bool, res *Results) error {
	match := q.MatchExpr()
	scope, err := v.ftsScope(ctx, filterSQL, filterArgs)
	if err != nil {
		return err
	}
	args := append([]any{match}, scope.args...)
	var n int
	err = v.db.QueryRowContext(ctx, `SELECT count(*) FROM (`+scope.query("1")+` LIMIT ?)`,
		append(append([]any(nil), args...), CountCap+1)...).Scan(&n)
	if err != nil {
		return err
	}
	res.Total, res.Capped = min(n, CountCap), n > CountCap
	res.Ranked = n <= RankAll || fullRanking
	if n == 0 || offset >= res.Total {
		return nil
	}
	rankSQL := scope.ordered("rowid, rank", "rank")
	rankArgs := args
	switch {
	case !res.Ranked:
		rankSQL = scope.ordered("rowid, 0", "rowid")
	default:
		if rare, ok, err := v.refRareTerms(ctx, q); err != nil {
			return err
		} else if ok {
			rankSQL = footnotesLast(`SELECT rowid, rank FROM passages_fts WHERE +rowid IN (` + scope.query("rowid") + `)
				AND passages_fts MATCH ?`)
			rankArgs = append(append([]any(nil), args...), rare)
		}
	}
	rows, err := v.db.QueryContext(ctx, rankSQL, append(rankArgs, limit, offset)...)
	if err != nil {
		return err
	}
	ranked, err := scanScored(rows)
	if err != nil {
		return err
	}
	var ids []int64
	scores := map[int64]float64{}
	for _, r := range ranked {
		ids = append(ids, r.id)
		scores[r.id] = r.score
	}
	if len(ids) == 0 {
		return nil
	}
	hits, err := v.refHighlighted(ctx, match, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		h, ok := hits[id]
		if !ok {
			continue
		}
		h.Score = scores[id]
		res.Hits = append(res.Hits, *h)
	}
	return nil
}

func (v view) refRareTerms(ctx context.Context, q query.Query) (string, bool, error) {
	var terms []query.Term
	for _, c := range q.Clauses {
		terms = append(terms, c...)
	}
	if len(terms) < 2 {
		return "", false, nil
	}
	var rare []query.Term
	someClauseRare := false // every match has a rare term (see rareTerms)
	for _, c := range q.Clauses {
		clauseRare := true
		for _, t := range c {
			var df int
			one := query.Query{Clauses: [][]query.Term{{t}}}
			err := v.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)`,
				one.MatchExpr(), CommonDF+1).Scan(&df)
			if err != nil {
				return "", false, err
			}
			if df <= CommonDF {
				rare = append(rare, t)
			} else {
				clauseRare = false
			}
		}
		someClauseRare = someClauseRare || clauseRare
	}
	if len(rare) == 0 || len(rare) == len(terms) || !someClauseRare {
		return "", false, nil
	}
	return query.Query{Clauses: [][]query.Term{rare}}.MatchExpr(), true, nil
}

func (v view) refHighlighted(ctx context.Context, match string, ids []int64) (map[int64]*Hit, error) {
	rows, err := v.db.QueryContext(ctx, `SELECT f.rowid, p.document_id, d.title, p.ordinal, p.footnote, coalesce(p.page, 0),
			highlight(passages_fts, 0, char(2), char(3))
		FROM passages_fts f
		JOIN passages p ON p.id = f.rowid
		JOIN documents d ON d.id = p.document_id
		WHERE passages_fts MATCH ? AND f.rowid IN (`+joinIDs(ids)+`)`, match)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]*Hit, len(ids))
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

func (v view) refMatchSet(ctx context.Context, q query.Query) (string, []any, error) {
	if q.IsEmpty() {
		return "", nil, ErrEmptyQuery
	}
	filterSQL, args, err := v.filterClause(ctx, q.Filters)
	if err != nil {
		return "", nil, err
	}
	if !q.HasText() {
		ids, args := withExclusions(q, filterSQL, args)
		return ids, args, nil
	}
	scope, err := v.ftsScope(ctx, filterSQL, args)
	if err != nil {
		return "", nil, err
	}
	return scope.query("rowid") + ` LIMIT ` + strconv.Itoa(CountCap), append([]any{q.MatchExpr()}, scope.args...), nil
}

func (v view) refMatchingDocuments(ctx context.Context, q query.Query) (int, error) {
	ids, args, err := v.refMatchSet(ctx, q)
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

func (v view) refDocumentHitCounts(ctx context.Context, q query.Query) (map[int64]int, error) {
	ids, args, err := v.refMatchSet(ctx, q)
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
	return counts, rows.Err()
}
