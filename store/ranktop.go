package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"dossier/store/internal/fts5read"
	"dossier/store/query"
)

// Ranked broad queries (issue 13): a query matching more than RankAll
// passages, ranked anyway (the CLI always; the window in the background).
//
// Where the time goes (1M generated passages, `campaign`, 436k matches, a
// quiet run): walking the matches costs ~25 ms, FTS5's bm25 ~600 ms
// (≈1.4 µs a match, mostly a docsize lookup statement per row), and the
// JOIN with passages for the footnote weight plus the sort ~180 ms. bm25
// itself is the cost, so no SQL around it ranks every match fast; instead:
//
//   - A single plain word, or a prefix of a prefix index's length (the
//     commonest broad queries), is ranked from its term frequencies, read
//     from the index's pages (fts5read), and the passages' lengths, stored
//     in blocks (passagelengths.go; per passage from the index where a
//     block is missing) (topByFrequency), and a bounded candidate set
//     (rankTopCandidates) is scored in Go in bm25's own floating-point
//     operations (exactScores). The result is exact, not an
//     approximation: see topByFrequency for why.
//   - Several words or phrases, all common, are ranked alike from their
//     doclists and positions (topByPhrases, rankterms.go), exactly too.
//   - Any other broad query (a long prefix, NEAR, alternatives, an
//     exclusion, a file without stored lengths) keeps exact bm25 over
//     every match, without the per-row JOIN: footnotes are found through
//     the passages_footnote partial index (~20-50% faster).
//   - Filtered broad queries, and those searchText ranks by their rare
//     terms, are left as they were.

// rankTopCandidates is how many passages a broad single-word query is
// ranked among (see topByFrequency): far more than a page, so that ties the
// idf's rounding makes at the last place cannot matter.
var rankTopCandidates = 4000

// maxInstancesPerMatch bounds a word's mean count per matching passage for
// topByFrequency: above it (a stopword: "the" is ~8 times in every
// passage), reading its instances costs about what bm25 does.
const maxInstancesPerMatch = 3

// FTS5's bm25 parameters (fts5_aux.c).
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// broadRanking is the hook in searchText's full-ranking branch: for a
// broad (more than RankAll matches), fully ranked query over the whole
// library it returns a cheaper ranking statement of the same shape as
// footnotesLast's (rowid, score; LIMIT ? OFFSET ? still to bind) with its
// arguments, or the ranking itself (best first, at least need long, the
// scores footnotesLast's), or ok false to leave the query to the usual
// plan. need is limit+offset.
func (v view) broadRanking(ctx context.Context, q query.Query, scope ftsScope, args []any, matches int, fullRanking bool, need int) (string, []any, []scoredID, bool, error) {
	if !fullRanking || matches <= RankAll || len(scope.runs) > 0 || scope.cond != "" {
		return "", nil, nil, false, nil // narrow, unranked, or filtered: as before
	}
	if word, prefix, ok := singleWord(q); ok && need <= rankTopCandidates/4 {
		ranked, ok, err := v.topByFrequency(ctx, word, prefix, rankTopCandidates, need)
		if err != nil || ok {
			return "", nil, ranked, ok, err
		}
	}
	// Several terms, some rare: searchText ranks by the rare ones (asking
	// again costs a capped count per term, a few ms).
	if _, rare, err := v.rareTerms(ctx, q, matches); err != nil || rare {
		return "", nil, nil, false, err
	}
	if need <= rankTopCandidates/4 {
		ranked, ok, err := v.topByPhrases(ctx, q, rankTopCandidates, need)
		if err != nil || ok {
			return "", nil, ranked, ok, err
		}
	}
	return footnotesIndexed(scope.query("rowid, rank")), args, nil, true, nil
}

// scoredID is a passage and its score as footnotesLast computes it (bm25,
// footnotes weighed; lower is better).
type scoredID struct {
	id    int64
	score float64
}

// footnotesIndexed is footnotesLast (same scores, same order, same paging)
// with footnotes found through the passages_footnote partial index rather
// than by a JOIN with passages on every row: exact, and cheaper per match.
func footnotesIndexed(ranking string) string {
	return `SELECT r.rowid, r.rank * CASE WHEN r.rowid IN (SELECT id FROM passages WHERE footnote > 0) THEN ` +
		strconv.FormatFloat(FootnoteWeight, 'g', -1, 64) + ` ELSE 1 END AS score
		FROM (` + ranking + `) r ORDER BY score, r.rowid LIMIT ? OFFSET ?`
}

// singleWord returns the text of a query that is one plain word, or one
// prefix (prefix true), and nothing else (no phrase, NEAR, alternatives or
// exclusions).
func singleWord(q query.Query) (text string, prefix, ok bool) {
	if len(q.Clauses) != 1 || len(q.Clauses[0]) != 1 || len(q.Excludes) > 0 {
		return "", false, false
	}
	t := q.Clauses[0][0]
	return t.Text, t.Kind == query.Prefix, t.Kind == query.Word || t.Kind == query.Prefix
}

// topByFrequency ranks the n passages matching word that come first by
// bm25 (footnotes weighed) among all its matches, without scoring every
// match, returning them with the scores footnotesLast would give them,
// best first (ties: lower ids first); the first need of them are exactly
// the first need of the full ranking.
//
// For one term, bm25 is idf × tf·(k1+1)/(tf + k1·(1−b+b·len/avglen)): the
// idf is the same for every match, so the order depends only on tf (the
// word's count in the passage) and len (its length in tokens). Both are in
// the index: tf in the term's doclists (decoded by fts5read, see
// termRunsOf), len in the stored blocks (loadLengths: every match is then
// estimated, ~10 ns each) or else in passages_fts_docsize (read through an
// aggregate in rankfuncs.go, ~0.8 µs a passage), where bm25 costs ~1.4 µs
// a match; a prefix of a prefix index's length is ranked alike from that
// index. From docsize, only passages where the word occurs at least twice
// need their length when the need-th best of them beats any passage with
// one occurrence (whose best possible score is that of the shortest
// passage); failing that, every match is estimated. The n best
// estimates are then scored as FTS5's bm25 scores them (exactScores), in
// the same floating-point operations, so scores and order are exactly
// searchText's; n ≫ need keeps ties that the idf's rounding makes at the
// n-th place from mattering.
//
// ok is false when the word is not one index token (e.g. "U.S."), occurs
// in no more than n passages, or is a stopword (see maxInstancesPerMatch)
// in a file without stored lengths, or is a prefix of another length: full
// ranking is then as cheap or cheaper, or the only way.
func (v view) topByFrequency(ctx context.Context, word string, prefix bool, n, need int) ([]scoredID, bool, error) {
	conn, release, err := v.pinned(ctx)
	if err != nil {
		return nil, false, err
	}
	defer release()
	term, ok, err := indexTerm(ctx, conn, word)
	if err != nil || !ok {
		return nil, false, err
	}
	index := 0 // the main index; a prefix is ranked from a prefix index
	if prefix {
		// FTS5 reads a prefix of exactly a prefix index's length there
		// (and stems it as a word: "con" is "con"); any other is merged
		// from the main index's terms, which this does not do.
		if index, err = fts5read.PrefixIndex(ctx, conn, "passages_fts", utf8.RuneCountInString(term)); err != nil || index == 0 {
			return nil, false, ignoreUnsupported(err)
		}
	}
	avgLen, passages, err := averageLength(ctx, conn)
	if err != nil || avgLen <= 0 {
		return nil, false, err
	}
	score := func(tf, length float64) float64 { return bm25Frac(tf, length, avgLen) }
	// With the lengths stored in blocks, every match is estimated from
	// them, a stopword's too (its counts used as decoded: a copy of a
	// million would cost more than the estimating); without (a file never
	// migrated), a stopword costs what bm25 does.
	lengths, err := loadLengths(ctx, conn)
	if err != nil {
		return nil, false, err
	}
	if lengths != nil {
		best, matches, err := estimateFromTable(ctx, conn, index, term, lengths, score, n)
		switch {
		case err == nil:
			if matches <= n || len(best) < need {
				return nil, false, nil
			}
			return exactScores(ctx, conn, best, passages, int64(matches))
		case !errors.Is(err, fts5read.ErrUnsupported):
			return nil, false, err
		}
		// Not a format fts5read reads: as without stored lengths.
	}
	docs, instances, many, once, ok, err := termRunsOf(ctx, conn, index, term)
	if err != nil || !ok || docs <= int64(n) || instances > maxInstancesPerMatch*docs {
		return nil, false, err
	}
	best, err := estimateTop(ctx, conn, term, many, score, n)
	if err != nil {
		return nil, false, err
	}
	if len(best) >= need {
		// A passage with one occurrence scores at most score(1, shortest).
		// (len ≥ 1 first, as it costs nothing; then the real shortest.)
		if best[need-1].score() > score(1, 1)*(1+1e-9) {
			return exactScores(ctx, conn, best, passages, docs)
		}
		// Finding the shortest passage scans them all (~0.05 µs each);
		// estimating a passage costs ~0.8 µs: do the cheaper.
		if uint64(len(once))*16 > passages {
			shortest, err := shortestPassage(ctx, conn)
			if err != nil {
				return nil, false, err
			}
			if best[need-1].score() > score(1, float64(shortest))*(1+1e-9) {
				return exactScores(ctx, conn, best, passages, docs)
			}
		}
	}
	rest, err := estimateTop(ctx, conn, term, once, score, n)
	if err != nil {
		return nil, false, err
	}
	best = bestFirst(append(best, rest...), n)
	if len(best) < need {
		return nil, false, nil
	}
	return exactScores(ctx, conn, best, passages, docs)
}

// tokenizerTables makes the scratch tables that indexTerm and indexTokens
// tokenize through; ok is false if the index's tokenizer cannot be read.
// Temporary tables live in the connection's own temp schema: nothing is
// written to the research file (a read-only file works too).
func tokenizerTables(ctx context.Context, conn querier) (bool, error) {
	tokenizer, err := indexTokenizer(ctx, conn)
	if err != nil || tokenizer == "" {
		return false, err
	}
	for _, ddl := range []string{
		// The index holds stems ("campaigns" → "campaign"): a scratch table
		// with the same tokenizer turns the word into its index term.
		`CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_word USING fts5(t, tokenize = ` + tokenizer + `)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_word_terms USING fts5vocab(temp, rank_word, instance)`,
	} {
		if _, err := conn.ExecContext(ctx, ddl); err != nil {
			return false, err
		}
	}
	return true, nil
}

// exactScores turns estimates into the scores footnotesLast gives (bm25 as
// fts5_aux.c computes it, times FootnoteWeight for a footnote), best first
// (ties: lower ids), for a term in docs of the index's passages. Each
// operation is the C code's, in its order, on the same float64s (Go and the
// transpiled C round alike; the logarithm is SQLite's own), so the scores
// are equal to the last bit: FTS5 need not score the candidates again.
func exactScores(ctx context.Context, conn querier, best []estimate, passages uint64, docs int64) ([]scoredID, bool, error) {
	idf, err := bm25IDF(ctx, conn, passages, docs)
	if err != nil {
		return nil, false, err
	}
	out := make([]scoredID, len(best))
	for i, e := range best {
		// score = 0.0 + idf·frac (rounded first: see topByFrequency's
		// score), then −1.0 × score, then × the weight.
		sc := -1.0 * (0.0 + float64(idf*e.frac))
		if e.footnote {
			sc *= FootnoteWeight
		}
		out[i] = scoredID{e.id, sc}
	}
	return sortScored(out), true, nil
}

// sortScored sorts scores best (lowest) first, ties in passage order, as
// footnotesLast pages them.
func sortScored(out []scoredID) []scoredID {
	slices.SortFunc(out, func(a, b scoredID) int {
		if c := cmp.Compare(a.score, b.score); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return out
}

// bm25Frac is bm25 for one term without its idf:
// tf·(k1+1)/(tf + k1·(1−b+b·len/avglen)), in fts5_aux.c's operations and
// order (see exactScores): k1 and b are float64 variables there, so k1+1
// is rounded at run time; and every product is rounded before it is
// added, as the transpiled C writes it (float64(x*y)), or Go would fuse
// x*y+z into one instruction on arm64 and round once, a last-bit
// difference that can reorder ties.
func bm25Frac(tf, length, avgLen float64) float64 {
	k1, b := float64(bm25K1), float64(bm25B)
	return float64(tf*(k1+1)) / (tf + float64(k1*(1-b+float64(b*length)/avgLen)))
}

// bm25IDF is bm25's weight of a phrase found in docs of the index's
// passages: log((nRow − nHit + 0.5) / (nHit + 0.5)), at least 1e-6, the
// difference taken in integers, the logarithm SQLite's own.
func bm25IDF(ctx context.Context, conn querier, passages uint64, docs int64) (float64, error) {
	var idf float64
	ratio := (float64(int64(passages)-docs) + 0.5) / (float64(docs) + 0.5)
	if err := conn.QueryRowContext(ctx, `SELECT ln(?)`, ratio).Scan(&idf); err != nil {
		return 0, err
	}
	if idf <= 0 {
		idf = 1e-6
	}
	return idf, nil
}

// readTermCounts reads a term's passages and its count in each straight
// from the index's pages; a variable so that a test can take the
// fallback.
var readTermCounts = fts5read.CountsUnless

// termRunsOf returns the number of passages holding term in the index's
// index-th index (0 the main one, else a prefix index), its occurrences in
// all, and the passages, split into those holding it more than once and
// once (each in passage order). It decodes the term's doclists (fts5read:
// ~10–25 ms for a word in 436k of 1M passages); where that reader does not
// know the index's format, it reads a main-index term's fts5vocab rows
// (~120–350 ms), and a prefix is not ok.
func termRunsOf(ctx context.Context, conn querier, index int, term string) (docs, instances int64, many, once []termCount, ok bool, err error) {
	// A stopword is not ranked here (see maxInstancesPerMatch): the reader
	// gives up on it early rather than decode millions of positions.
	counts, err := readTermCounts(ctx, conn, "passages_fts", index, term, maxInstancesPerMatch)
	switch {
	case errors.Is(err, fts5read.ErrTooMany):
		return 0, 0, nil, nil, false, nil
	case err == nil:
		// Both lists sized first: appending a stopword's million passages
		// to a growing list cost ~90 ms of copying at 1M passages.
		nMany := 0
		for _, c := range counts {
			if c.N > 1 {
				nMany++
			}
		}
		many = make([]termCount, 0, nMany)
		once = make([]termCount, 0, len(counts)-nMany)
		for _, c := range counts {
			instances += int64(c.N)
			if c.N > 1 {
				many = append(many, termCount{c.Rowid, c.N})
			} else {
				once = append(once, termCount{c.Rowid, 1})
			}
		}
		return int64(len(counts)), instances, many, once, true, nil
	case !errors.Is(err, fts5read.ErrUnsupported):
		return 0, 0, nil, nil, false, err
	case index != 0:
		return 0, 0, nil, nil, false, nil
	}
	// Not a format it reads: the vocabulary's count, then the instance
	// rows in one statement.
	for _, ddl := range []string{
		// Every (term, passage, offset) of the main index, term by term;
		// and per term, its passages and instances.
		`CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_instances USING fts5vocab(main, passages_fts, instance)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS temp.rank_terms USING fts5vocab(main, passages_fts, row)`,
	} {
		if _, err := conn.ExecContext(ctx, ddl); err != nil {
			return 0, 0, nil, nil, false, err
		}
	}
	err = conn.QueryRowContext(ctx, `SELECT doc, cnt FROM temp.rank_terms WHERE term = ?`, term).Scan(&docs, &instances)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil, nil, false, nil
	}
	if err != nil || instances > maxInstancesPerMatch*docs {
		return docs, instances, nil, nil, err == nil, err // a stopword: not read
	}
	h := newHandle()
	var collected int64
	err = conn.QueryRowContext(ctx, `SELECT dossier_term_runs(doc, ?, ?) FROM temp.rank_instances WHERE term = ?`,
		docs, h, term).Scan(&collected)
	runs := takeHandedOver[termRuns](h) // taken whatever happened, not left behind
	return docs, instances, runs.many, runs.once, err == nil, err
}

// termCount is a passage and the number of times a term occurs in it.
type termCount struct {
	id int64
	tf uint32
}

// estimate is a passage's bm25 for one term without its idf (frac), and
// whether the passage is a footnote.
type estimate struct {
	id       int64
	frac     float64
	footnote bool
}

// score is the estimate with footnotes weighed (higher is better).
func (e estimate) score() float64 {
	if e.footnote {
		return e.frac * FootnoteWeight
	}
	return e.frac
}

// estimateTop returns the n best estimates (see topByFrequency) among
// counts (in passage order), best first (ties: lower ids first), reading
// the passages' lengths through dossier_lengths (rankfuncs.go).
func estimateTop(ctx context.Context, conn querier, term string, counts []termCount, score func(tf, length float64) float64, n int) ([]estimate, error) {
	if len(counts) == 0 {
		return nil, nil
	}
	lens, err := lookupLengths(ctx, conn, len(counts), func(i int) int64 { return counts[i].id })
	if err != nil {
		return nil, err
	}
	all := make([]estimate, 0, len(lens))
	// Both lists are in passage order (the lengths are read by ascending
	// id); a passage without a length is skipped.
	r := 0
	for _, l := range lens {
		for r < len(counts) && counts[r].id < l.id {
			r++
		}
		if r == len(counts) || counts[r].id != l.id {
			return nil, fmt.Errorf("ranking %q: passage %d's length came out of order", term, l.id)
		}
		all = append(all, estimate{l.id, score(float64(counts[r].tf), float64(l.length)), l.footnote})
	}
	return bestFirst(all, n), nil
}

// lookupLengths reads the lengths of n passages (the i-th's id is id(i))
// from the index's docsize rows, in ascending id order, and whether each
// is a footnote; a passage the index does not hold is left out.
func lookupLengths(ctx context.Context, conn querier, n int, id func(i int) int64) ([]passageLength, error) {
	ids := make([]byte, 0, n*8+2)
	ids = append(ids, '[')
	for i := range n {
		if i > 0 {
			ids = append(ids, ',')
		}
		ids = strconv.AppendInt(ids, id(i), 10)
	}
	ids = append(ids, ']')
	h := newHandle()
	var collected int64
	err := conn.QueryRowContext(ctx, `SELECT dossier_lengths(d.id, d.sz, d.id IN (SELECT id FROM passages WHERE footnote > 0), ?2, ?3)
		FROM passages_fts_docsize d WHERE d.id IN (SELECT value FROM json_each(?1))`, string(ids), n, h).Scan(&collected)
	lens := takeHandedOver[[]passageLength](h)
	return lens, err
}

// bestFirst sorts estimates best first (ties: lower ids) and keeps n.
func bestFirst(all []estimate, n int) []estimate {
	slices.SortFunc(all, func(a, b estimate) int {
		if c := cmp.Compare(b.score(), a.score()); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return all[:min(n, len(all))]
}

// averageLength is the mean passage length in tokens as bm25 reads it, and
// the number of passages: from the index's averages record (row count,
// then total tokens, varints).
func averageLength(ctx context.Context, conn querier) (avg float64, passages uint64, err error) {
	var rec []byte
	if err := conn.QueryRowContext(ctx, `SELECT block FROM passages_fts_data WHERE id = 1`).Scan(&rec); err != nil {
		return 0, 0, err
	}
	rowCount, k := fts5Varint(rec)
	tokens, _ := fts5Varint(rec[k:])
	if rowCount == 0 {
		return 0, 0, nil
	}
	return float64(tokens) / float64(rowCount), rowCount, nil
}

// shortestPassage is the length in tokens of the shortest indexed passage.
// (Varints of the same length sort as their values, and shorter first.)
func shortestPassage(ctx context.Context, conn querier) (int, error) {
	var sz []byte
	if err := conn.QueryRowContext(ctx, `SELECT min(sz) FROM passages_fts_docsize`).Scan(&sz); err != nil {
		return 0, err
	}
	n, _ := fts5Varint(sz)
	return int(n), nil
}

// fts5Varint decodes an SQLite varint (big-endian, 7 bits a byte, the
// ninth byte whole), returning it and the bytes read (0 if b is short).
func fts5Varint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 9; i++ {
		if i == 8 {
			return v<<8 | uint64(b[i]), 9
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return v, 0
}

// indexTerm tokenizes word as the index does; ok is false unless it is
// exactly one token.
func indexTerm(ctx context.Context, conn querier, word string) (string, bool, error) {
	terms, ok, err := indexTermsOf(ctx, conn, []string{word})
	return terms[word], ok && terms[word] != "", err
}

// tokenizing, set by a test, is told each list of words indexTermsOf
// tokenizes.
var tokenizing func(words []string)

// indexTermsOf tokenizes words as the index does, in one pass through the
// scratch table (three statements, however many words: ~60 µs each, and a
// keystroke brings up to three new words): each word's index term, or ""
// for a word that is not exactly one token.
//
// ok is false, with no error, when the index's tokenizer cannot be read.
// The scratch tables are made when a statement finds one missing (a new
// connection, or one left with only the first by a cancelled
// tokenizerTables): a connection keeps them, and checking for them every
// time (the schema read and the CREATEs) cost three times the tokenizing.
func indexTermsOf(ctx context.Context, conn querier, words []string) (map[string]string, bool, error) {
	if tokenizing != nil {
		tokenizing(words)
	}
	list, err := json.Marshal(words)
	if err != nil {
		return nil, false, err
	}
	terms, err := tokenizeThrough(ctx, conn, string(list), words)
	if err != nil && strings.Contains(err.Error(), "no such table") {
		if ok, err := tokenizerTables(ctx, conn); err != nil || !ok {
			return nil, false, err
		}
		terms, err = tokenizeThrough(ctx, conn, string(list), words)
	}
	return terms, err == nil, err
}

// tokenizeThrough is indexTermsOf's pass through the scratch tables, words
// given as the JSON array list.
func tokenizeThrough(ctx context.Context, conn querier, list string, words []string) (map[string]string, error) {
	// A word's row is its place in the list, from 1. REPLACE: a search
	// cancelled here may have left rows behind; those past the list are
	// not read.
	if _, err := conn.ExecContext(ctx, `INSERT OR REPLACE INTO temp.rank_word(rowid, t) SELECT key + 1, value FROM json_each(?)`, list); err != nil {
		return nil, err
	}
	// The scratch table is emptied even if the search was cancelled: a
	// word left in it would be read with the next one.
	defer conn.ExecContext(context.WithoutCancel(ctx), `DELETE FROM temp.rank_word`)
	rows, err := conn.QueryContext(ctx, `SELECT doc, count(*), min(term) FROM temp.rank_word_terms
		WHERE doc BETWEEN 1 AND ? GROUP BY doc`, len(words))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	terms := make(map[string]string, len(words))
	for _, w := range words {
		terms[w] = ""
	}
	for rows.Next() {
		var doc, tokens int
		var term string
		if err := rows.Scan(&doc, &tokens, &term); err != nil {
			return nil, err
		}
		if tokens == 1 {
			terms[words[doc-1]] = term
		}
	}
	return terms, rows.Err()
}

// indexTokenizer returns the tokenize option of passages_fts as written in
// its CREATE statement (a quoted SQL string), or "" if it cannot be read.
func indexTokenizer(ctx context.Context, conn querier) (string, error) {
	var ddl string
	err := conn.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'passages_fts'`).Scan(&ddl)
	if err != nil {
		return "", err
	}
	m := tokenizeOption.FindStringSubmatch(ddl)
	if m == nil {
		return "", nil
	}
	return m[1], nil
}

var tokenizeOption = regexp.MustCompile(`(?i)\btokenize\s*=\s*('(?:[^']|'')*')`)

// pinned returns a querier whose statements all run on one connection
// (temporary tables are per connection), and a release function. The
// store's pool refuses writes on a read-only file; a connection of its own
// does not, and the temporary tables written are not the file.
func (v view) pinned(ctx context.Context) (querier, func(), error) {
	var db *sql.DB
	switch h := v.db.(type) {
	case dbHandle:
		h.s.poolUses.Add(1)
		db = h.DB
	case *sql.DB:
		db = h
	default:
		return v.db, func() {}, nil // a transaction or connection already is one
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	return conn, func() { conn.Close() }, nil
}
