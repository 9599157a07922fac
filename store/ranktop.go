package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"dossier/store/query"
)

// Ranked broad queries (issue 13): a query matching more than RankAll
// passages, ranked anyway (the CLI always; the window in the background).
//
// Where the time goes (1M generated passages, `campaign`, 436k matches):
// walking the matches costs ~25 ms, FTS5's bm25 ~600 ms (≈1.4 µs a match:
// its instance array and a docsize lookup per row), and the JOIN with
// passages for the footnote weight plus the sort ~180 ms. bm25 itself is
// the cost, so no SQL around it makes ranking every match fast; instead:
//
//   - A single plain word (the commonest broad query) is ranked among a
//     bounded candidate set chosen by term frequency (rankTopCandidates).
//   - Any other broad single-term query (a phrase, a prefix, a NEAR) keeps
//     exact bm25 over every match, without the per-row JOIN: footnotes are found through the passages_footnote
//     partial index (exact, ~20% faster).

// RankTopCandidates is how many passages a broad single-word query is
// ranked among: those where the word occurs most often.
//
// The approximation: for one term, bm25 depends only on the term's count in
// the passage (tf) and the passage's length, and grows with tf. The
// candidates are the RankTopCandidates matching passages with the highest
// tf (ties at the cut: the lower passage ids); they are then ranked by
// FTS5's own bm25 with the footnote weight, so their scores and order are
// exactly full ranking's. A passage outside them is missed only if it
// mentions the word no more often than the least of the candidates yet
// outranks a candidate by being shorter. On the generated benchmark corpora
// the top 50 agree with full bm25 (TestRankTopAgreesWithFullRanking).
var RankTopCandidates = 4000

// maxInstancesPerMatch bounds a word's mean count per matching passage for
// topByFrequency: above it, grouping its instances costs more than bm25.
const maxInstancesPerMatch = 3

// broadRanking is the hook in searchText's full-ranking branch: for a
// broad (more than RankAll matches), fully ranked query over the whole
// library it returns a cheaper ranking statement of the same shape as
// footnotesLast's (rowid, score; LIMIT ? OFFSET ? still to bind) with its
// arguments, or ok false to leave the query to the usual plan. need is
// limit+offset.
func (v view) broadRanking(ctx context.Context, q query.Query, scope ftsScope, args []any, matches int, fullRanking bool, need int) (string, []any, bool, error) {
	if !fullRanking || matches <= RankAll || len(scope.runs) > 0 || scope.cond != "" {
		return "", nil, false, nil // narrow, unranked, or filtered: as before
	}
	if word, ok := singleWord(q); ok && need <= RankTopCandidates/4 {
		ids, ok, err := v.topByFrequency(ctx, word, RankTopCandidates)
		if err != nil {
			return "", nil, false, err
		}
		if ok {
			list, err := json.Marshal(ids)
			if err != nil {
				return "", nil, false, err
			}
			// "+rowid": FTS5 walks the matches and SQLite checks membership;
			// bm25 (the rank column) is computed only for the candidates.
			return footnotesIndexed(`SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ?1
				AND +rowid IN (SELECT value FROM json_each(?2))`), []any{args[0], string(list)}, true, nil
		}
	}
	if len(q.Clauses) != 1 || len(q.Clauses[0]) != 1 {
		return "", nil, false, nil // several terms: searchText may rank by the rare ones
	}
	return footnotesIndexed(scope.query("rowid, rank")), args, true, nil
}

// footnotesIndexed is footnotesLast (same scores, same order, same paging)
// with footnotes found through the passages_footnote partial index rather
// than by a JOIN with passages on every row: exact, and cheaper per match.
func footnotesIndexed(ranking string) string {
	return `SELECT r.rowid, r.rank * CASE WHEN r.rowid IN (SELECT id FROM passages WHERE footnote > 0) THEN ` +
		strconv.FormatFloat(FootnoteWeight, 'g', -1, 64) + ` ELSE 1 END AS score
		FROM (` + ranking + `) r ORDER BY score, r.rowid LIMIT ? OFFSET ?`
}

// singleWord returns the text of a query that is one plain word and
// nothing else (no phrase, prefix, NEAR, alternatives or exclusions).
func singleWord(q query.Query) (string, bool) {
	if len(q.Clauses) != 1 || len(q.Clauses[0]) != 1 || len(q.Excludes) > 0 {
		return "", false
	}
	t := q.Clauses[0][0]
	return t.Text, t.Kind == query.Word
}

// topByFrequency returns the ids of the n passages where word occurs most
// often (ties: lower ids first), read from the index's instance list. ok
// is false when the word is not one index token (e.g. "U.S."), occurs in
// no more than n passages (full ranking is then cheap enough and exact), or
// is a stopword (see maxInstancesPerMatch).
func (v view) topByFrequency(ctx context.Context, word string, n int) ([]int64, bool, error) {
	conn, release, err := v.pinned(ctx)
	if err != nil {
		return nil, false, err
	}
	defer release()
	// Temporary tables live in the connection's own temp schema: nothing
	// is written to the research file (a read-only file works too).
	for _, ddl := range []string{
		// The index holds stems ("campaigns" → "campaign"): a scratch table
		// with the same tokenizer turns the word into its index term.
		`CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_word USING fts5(t, tokenize = 'porter unicode61 remove_diacritics 2')`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_word_terms USING fts5vocab(temp, rank_word, instance)`,
		// Every (term, passage, offset) of the main index, term by term;
		// and per term, its passages and instances.
		`CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_instances USING fts5vocab(main, passages_fts, instance)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_terms USING fts5vocab(main, passages_fts, row)`,
	} {
		if _, err := conn.ExecContext(ctx, ddl); err != nil {
			return nil, false, err
		}
	}
	term, ok, err := indexTerm(ctx, conn, word)
	if err != nil || !ok {
		return nil, false, err
	}
	// Grouping the term's instances by passage costs ~0.2 µs an instance,
	// bm25 ~1.4 µs a match: worth it unless the word is in few passages or
	// many times in each (a stopword: "the" is ~8 times in every passage).
	var docs, instances int64
	err = conn.QueryRowContext(ctx, `SELECT doc, cnt FROM temp.rank_terms WHERE term = ?`, term).Scan(&docs, &instances)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, false, err
	}
	if err != nil || docs <= int64(n) || instances > maxInstancesPerMatch*docs {
		return nil, false, nil
	}
	rows, err := conn.QueryContext(ctx, `SELECT doc FROM temp.rank_instances WHERE term = ?
		GROUP BY doc ORDER BY count(*) DESC, doc LIMIT ?`, term, n+1)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	ids := make([]int64, 0, n+1)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if len(ids) <= n {
		return nil, false, nil
	}
	return ids[:n], true, nil
}

// indexTerm tokenizes word as the index does; ok is false unless it is
// exactly one token.
func indexTerm(ctx context.Context, conn querier, word string) (string, bool, error) {
	if _, err := conn.ExecContext(ctx, `INSERT INTO temp.rank_word(rowid, t) VALUES (1, ?)`, word); err != nil {
		return "", false, err
	}
	var term string
	var tokens int
	err := conn.QueryRowContext(ctx, `SELECT count(*), coalesce(min(term), '') FROM temp.rank_word_terms`).Scan(&tokens, &term)
	if _, derr := conn.ExecContext(ctx, `DELETE FROM temp.rank_word`); err == nil {
		err = derr
	}
	return term, err == nil && tokens == 1, err
}

// pinned returns a querier whose statements all run on one connection
// (temporary tables are per connection), and a release function.
func (v view) pinned(ctx context.Context) (querier, func(), error) {
	db, ok := v.db.(*sql.DB)
	if !ok {
		return v.db, func() {}, nil // a transaction or connection already is one
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	return conn, func() { conn.Close() }, nil
}
