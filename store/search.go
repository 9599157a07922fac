package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dossier/store/internal/fts5read"
	"dossier/store/query"

	sqlite3 "modernc.org/sqlite/lib"
)

// Range is a half-open byte range [Start, End) within some text.
type Range struct{ Start, End int }

// SearchRequest asks for one page of results.
type SearchRequest struct {
	Query  string
	Limit  int // default 50, at most 2,000
	Offset int
	// FullRanking ranks by bm25 however many passages match, instead of
	// listing more than RankAll in reading order. It costs about a µs per
	// match (a broad single word less: see ranktop.go), so ~0.25 s for a
	// word in 400,000 passages: give ctx a deadline when it is interactive.
	FullRanking bool
	// CompleteLastWord: if nothing matches, read the last word as a prefix
	// and search again (for search as you type: "kilim" finds Kilimnik).
	// Results.Completed then says so, and Results.Query is what was run.
	CompleteLastWord bool
	// QuickCount counts a text query's matches exactly only up to RankAll,
	// which is enough to choose between ranking and reading order, rather
	// than up to CountCap: beyond RankAll, Total is RankAll and Capped is
	// set. Counting is most of a broad phrase's or a typed prefix's search
	// (FTS5 walks every match), so the window asks for the first page this
	// way and for the exact totals afterwards (Store.Count). Ignored with
	// FullRanking.
	QuickCount bool
}

// Hit is one matching passage.
type Hit struct {
	PassageID     int64
	DocumentID    int64
	DocumentTitle string
	Ordinal       int
	Footnote      int     // the passage is this footnote (0: body text)
	Page          int     // the page it starts on in a paged document; 0 when unpaged
	Text          string  // the whole passage
	Matches       []Range // byte ranges in Text that matched the query
	Snippet       string  // a short excerpt of Text around the best matches
	SnippetRanges []Range // byte ranges in Snippet that matched
	Score         float64 // bm25 (lower is better); 0 for filter-only queries
}

// Results is one page of hits plus totals.
type Results struct {
	Query  query.Query
	Total  int  // passages matching (exact, or the cap when Capped: CountCap, or RankAll for a QuickCount)
	Capped bool // more than that many passages match
	// Ranked says the hits are in order of relevance (bm25). Queries
	// matching more than RankAll passages, and filter-only queries, list
	// their passages in reading order instead.
	Ranked bool
	// Completed says nothing matched the query as typed, so its last word
	// was read as a prefix (see SearchRequest.CompleteLastWord).
	Completed bool
	// Read is each filter whose name no tag has that was read as the one
	// tag it names by another form (filterTags: "actor:Россия" as
	// "actor:Russia"), for the status line to say so. Nil for most.
	Read    []ReadFilter
	Hits    []Hit
	Elapsed time.Duration
}

// QuickCapped says the total was counted only to RankAll (a QuickCount
// page of a broader query): Store.Count has the whole of it.
func (r *Results) QuickCapped() bool { return r.Capped && r.Total < CountCap }

// ReadFilter is a filter as typed and as it was read.
type ReadFilter struct{ Typed, As query.Filter }

// ErrEmptyQuery is returned for a query with nothing to search for.
var ErrEmptyQuery = errors.New("type something to search for")

// QueryError is a query the engine cannot run; its message is for the user.
type QueryError = query.Error

// Broad queries in a large library are where ranked search gets slow: bm25
// costs microseconds per matching passage, and before ranking anything it
// scans every query term's whole posting list to weigh the terms (IDF). So
// totals are counted exactly up to CountCap ("more than" beyond), and a query
// matching more than RankAll passages lists them in reading order instead of
// ranking them: a broad query is one to narrow, and this keeps typing
// responsive at a million passages (the window then asks again with
// FullRanking, in the background). See BENCHMARKS.md.
const (
	CountCap = 10_000
	RankAll  = 1000
)

const (
	// maxShorten is how many letters completion may drop from a word being
	// typed (porter's longest suffixes: "-ational" → "-ate").
	maxShorten   = 4
	defaultLimit = 50
	MaxLimit     = 2000 // a page's most results; a window's rerun lists again all the results loaded
	// Markers that highlight() wraps around matched tokens. They are control
	// characters that never occur in imported text (ingest rejects text with
	// many controls, and these two are stripped before offsets are computed).
	markOpen  = "\x02"
	markClose = "\x03"
)

// Search runs a user query and returns one page of ranked hits.
func (s *Store) Search(ctx context.Context, req SearchRequest) (*Results, error) {
	began := time.Now()
	q, err := query.Parse(req.Query)
	if err != nil {
		return nil, err
	}
	res, err := view{s.db}.search(ctx, q, req, nil)
	if err != nil {
		return nil, s.fileErr(err)
	}
	res.Elapsed = time.Since(began)
	return res, nil
}

// search runs an already parsed query (req.Query is its text, as typed):
// Search, SearchPage and the counts share it, so a request parses once.
// perDoc, if not nil, asks for the matches per document as well (see
// countMatches); it is left nil for a query without text.
func (v view) search(ctx context.Context, q query.Query, req SearchRequest, perDoc *map[int64]int) (*Results, error) {
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
		err = v.searchText(ctx, q, filterSQL, filterArgs, limit, offset, req, res, perDoc)
		if err == nil && res.Total == 0 && req.CompleteLastWord {
			err = v.complete(ctx, q, req, filterSQL, filterArgs, limit, offset, &res, perDoc)
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
	if err == nil {
		res.Read, err = v.readFilters(ctx, q.Filters)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, humanize(err)
	}
	return res, nil
}

// complete searches again, for a query typed so far that matches nothing,
// with its last word read as a prefix ("kilim" → "kilim*"), then shorter
// prefixes a letter at a time: the index holds stems, and "interferen*"
// only finds once it is "interfer*". The first that finds replaces *res.
func (v view) complete(ctx context.Context, q query.Query, req SearchRequest, filterSQL string, filterArgs []any, limit, offset int, res **Results, perDoc *map[int64]int) error {
	done, ok := q.CompleteLast(req.Query)
	for try := 0; ok && try <= maxShorten; try++ {
		more := &Results{Query: done, Completed: true}
		if err := v.searchText(ctx, done, filterSQL, filterArgs, limit, offset, req, more, perDoc); err != nil {
			return err
		}
		if more.Total > 0 {
			*res = more
			return nil
		}
		done, ok = done.ShortenLast()
	}
	return nil
}

// humanize turns the rare FTS5 complaint that slips through translation into
// a user message rather than an SQL error, and says so when the search met
// a damaged index (its words would be no help: nothing is wrong with them).
func humanize(err error) error {
	msg := err.Error()
	if sqliteCode(err) == sqlite3.SQLITE_CORRUPT {
		return &QueryError{Msg: "Dossier could not run this search: the research file's search index is damaged (" + sqliteMessage(err) +
			"). `dossier check` says what is damaged; `dossier recover` copies what can be read into a new file, with a new index."}
	}
	if strings.Contains(msg, "fts5") || strings.Contains(msg, "syntax error") {
		return &QueryError{Msg: "Dossier could not run this search; try simpler words or quote the phrase."}
	}
	return err
}

func (v view) searchText(ctx context.Context, q query.Query, filterSQL string, filterArgs []any, limit, offset int, req SearchRequest, res *Results, perDoc *map[int64]int) error {
	fullRanking := req.FullRanking
	countCap := CountCap
	if req.QuickCount && !fullRanking {
		countCap = RankAll
	}
	match := q.MatchExpr()
	scope, err := v.ftsScope(ctx, filterSQL, filterArgs)
	if err != nil {
		return err
	}
	v.setQueryWords(q)
	args := append([]any{match}, scope.args...)

	// Count first (cheap: no ranking, no rows, and capped); its result
	// decides between ranking and reading order.
	prefix := hasPrefix(q)
	n, matched, counted, err := v.countMatches(ctx, q, scope, args, countCap, perDoc, prefix && clauseTerms(q) >= 2 || hasLongPrefix(q))
	if err != nil {
		return err
	}
	res.Total, res.Capped = min(n, countCap), n > countCap
	res.Ranked = n <= RankAll || fullRanking
	if n == 0 || offset >= res.Total {
		return nil
	}
	if !res.Ranked && hasLongPrefix(q) && len(counted) >= min(offset+limit, res.Total) {
		// A page in reading order is the first matches counted: highlight
		// them aside rather than merge the long prefix's doclists again
		// (most of such a search: "supervised by preside*" at 1M).
		page := counted[offset:min(offset+limit, res.Total)]
		if hits, ok, err := v.markedAside(ctx, match, page); err != nil {
			return err
		} else if ok {
			for _, id := range page {
				if h, ok := hits[id]; ok {
					res.Hits = append(res.Hits, *h)
				}
			}
			return nil
		}
	}
	rankSQL := scope.ordered("rowid, rank", "rank")
	rankArgs := args
	onePass := false      // rankSQL reads and highlights the page's hits as well
	var ranked []scoredID // the ranking itself, when broadRanking computed it
	switch {
	case !res.Ranked:
		rankSQL = scope.ordered("rowid, 0", "rowid")
		if len(scope.runs) <= 1 {
			rankSQL, onePass = readingPage(scope), true
		}
	default:
		// A broad query ranked in full gets a cheaper plan in ranktop.go,
		// or ok false.
		if sql, a, r, ok, err := v.broadRanking(ctx, q, scope, args, n, fullRanking, limit+offset); err != nil {
			return err
		} else if ok {
			rankSQL, rankArgs, ranked = sql, a, r
			break
		}
		// bm25 weighs each term by a scan of its whole posting list (IDF).
		// A very common term weighs almost nothing, yet scanning it costs
		// most of the search; rank by the other terms instead, among the
		// passages that match the whole query.
		if rare, ok, err := v.rareTerms(ctx, q, n); err != nil {
			return err
		} else if ok && matched != "" {
			// The count read the matches: rank those by the rare terms
			// ("+rowid": by set membership; a plain "rowid IN" would
			// restart the full-text query per row).
			rankSQL = rankAmongSQL
			rankArgs = []any{matched, rare}
		} else if ok {
			// The same among the matches of the query in its scope, which
			// comes first in the text: it binds ?1.
			rankSQL = footnotesLast(`SELECT rowid, rank FROM passages_fts WHERE +rowid IN (` + scope.query("rowid") + `)
				AND passages_fts MATCH ?`)
			rankArgs = append(append([]any(nil), args...), rare)
		} else if offset == 0 && (n <= limit || n <= onePassMatches(limit) && !hasLongPrefix(q)) {
			// (Nearly) every match is on the page: highlighting them while
			// ranking costs little and saves a statement that walks the
			// matches again (a rare word's search; "to but" at 100k: 53
			// matches among common words' long doclists, 15 -> 11 ms).
			rankSQL, onePass = rankedPage(scope), true
		}
	}
	if ranked == nil {
		rows, err := v.queryIn(ctx, scope, rankSQL, append(rankArgs, limit, offset)...)
		if err != nil {
			return err
		}
		if onePass {
			res.Hits, err = scanHits(rows, min(limit, n))
			return err
		}
		if ranked, err = scanScored(rows); err != nil {
			return err
		}
	} else {
		ranked = ranked[min(offset, len(ranked)):min(offset+limit, len(ranked))]
	}
	ids := make([]int64, len(ranked))
	scores := make(map[int64]float64, len(ranked))
	for i, r := range ranked {
		ids[i], scores[r.id] = r.id, r.score
	}
	if len(ids) == 0 {
		return nil
	}

	// Only the page's passages are highlighted. A page ranked from more
	// than RankAll matches is spread over most of them: seeking each of its
	// passages beats walking them all, unless a prefix term must be merged
	// again for every seek. Such a page, ranked in full, is marked aside,
	// as is any page of a long prefix (merged once more by highlighted):
	// walking `con*`'s 790k matches at 1M to highlight 20 of them took
	// 70 ms, most of `dossier search con*`.
	//
	// A ranked page of a phrase with a common word is marked aside too:
	// walking the page's span checks the phrase's positions in most of the
	// common word's passages ("flynn to" at 100k: 6–11 ms), where marking
	// aside costs 2–3 ms whatever the words.
	var hits map[int64]*Hit
	ok := false
	aside := hasLongPrefix(q) || prefix && n > RankAll && fullRanking
	if !aside && !prefix && n <= RankAll {
		if aside, err = v.phraseWithCommonWord(ctx, q); err != nil {
			return err
		}
	}
	if aside {
		if hits, ok, err = v.markedAside(ctx, match, ids); err != nil {
			return err
		}
	}
	if !ok {
		if hits, err = v.highlighted(ctx, match, ids, n > RankAll && !prefix); err != nil {
			return err
		}
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

// onePassMatches is the most matches a first page of limit hits highlights
// while ranking them all. Each match past the page costs a highlight
// (~20 µs); a second statement walks the matches again, milliseconds when
// the query holds a common word. (A long prefix's page is highlighted
// aside, by markedAside, which reads the passages' words as stored now.)
func onePassMatches(limit int) int { return 2 * limit }

// scanScored reads a ranking statement's rows (rowid, score) and closes them.
func scanScored(rows *sql.Rows) ([]scoredID, error) {
	defer rows.Close()
	var out []scoredID
	for rows.Next() {
		var r scoredID
		if err := rows.Scan(&r.id, &r.score); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FootnoteWeight scales a footnote's bm25 score (negative: lower is
// better), so that a footnote ranks below body text that matches as well.
// Footnotes are short, and bm25 favours short passages: unweighted, a
// report's citation lines crowd out its narrative.
const FootnoteWeight = 0.5

// footnotesLast orders the rows of a ranking query (selecting rowid and
// rank) by bm25 with footnotes weighed down, and pages them (LIMIT ?
// OFFSET ?). Ties go to reading order.
//
// Whether a match is a footnote is a probe into the narrow passages_footnote
// index, not a JOIN with passages: their rows hold the text, so the JOIN
// read a page per match — up to RankAll pages, 40–190 ms for a word in a
// few hundred passages when the file is not in the cache yet, ~1 ms probed.
func footnotesLast(ranking string) string {
	return `SELECT r.rowid, r.rank * CASE WHEN EXISTS (SELECT 1 FROM passages f INDEXED BY passages_footnote
			WHERE f.id = r.rowid AND f.footnote > 0) THEN ` + strconv.FormatFloat(FootnoteWeight, 'g', -1, 64) + ` ELSE 1 END AS score
		FROM (` + ranking + `) r ORDER BY score, r.rowid LIMIT ? OFFSET ?`
}

// rankAmongSQL ranks the passages of a JSON array of ids (?1) by a MATCH
// expression (?2) that they all match, as footnotesLast does.
var rankAmongSQL = footnotesLast(`SELECT rowid, rank FROM passages_fts WHERE +rowid IN (SELECT value FROM json_each(?))
	AND passages_fts MATCH ?`)

// footnoteScore is a ranking row's score (r.rank) weighed by its passage's
// (p) being a footnote.
var footnoteScore = `r.rank * CASE WHEN p.footnote > 0 THEN ` + strconv.FormatFloat(FootnoteWeight, 'g', -1, 64) + ` ELSE 1 END`

// CommonDF is the number of matching passages above which a term counts as
// common: its bm25 weight is then close to nothing.
const CommonDF = CountCap

// rareTerms returns an FTS5 expression of the query's terms that are not
// common (ORed, or ANDed when each is required), when some of its terms
// are common and some are not (ok false otherwise: plain bm25 is then
// right, and cheap or unavoidable). n is the
// query's capped count: a term alone in its clause is in every match, so
// it is common without a count of its own when n is past CommonDF.
//
// Ranking among the matches by that expression must not lose any of them:
// it holds only if every match has a rare term, i.e. some clause (an OR of
// terms, every clause required) is rare throughout. "(the OR kilimnik)
// (of OR manafort)" has no such clause: a passage with "the" and "of"
// matches it and none of the rare terms.
func (v view) rareTerms(ctx context.Context, q query.Query, n int) (string, bool, error) {
	if clauseTerms(q) < 2 {
		return "", false, nil
	}
	var rare []query.Term
	terms, someClauseRare, eachRequired := 0, false, true
	for _, c := range q.Clauses {
		clauseRare := true
		for _, t := range c {
			terms++
			if len(c) == 1 && n > CommonDF {
				clauseRare = false // in every match, and there are many
				continue
			}
			common, err := v.commonTerm(ctx, t)
			if err != nil {
				return "", false, err
			}
			if !common {
				rare = append(rare, t)
				eachRequired = eachRequired && len(c) == 1
			} else {
				clauseRare = false
			}
		}
		someClauseRare = someClauseRare || clauseRare
	}
	if len(rare) == 0 || len(rare) == terms || !someClauseRare {
		return "", false, nil
	}
	if eachRequired {
		// Every match holds every rare term: ANDed, FTS5 skips through
		// their doclists rather than walking them all, and bm25 scores a
		// passage holding them all alike either way (the same phrases, in
		// the same order).
		clauses := make([][]query.Term, len(rare))
		for i, t := range rare {
			clauses[i] = []query.Term{t}
		}
		return query.Query{Clauses: clauses}.MatchExpr(), true, nil
	}
	return query.Query{Clauses: [][]query.Term{rare}}.MatchExpr(), true, nil
}

// phraseWithCommonWord says whether one of the query's phrases (a NEAR's
// included) holds a word that matches more than CommonDF passages.
func (v view) phraseWithCommonWord(ctx context.Context, q query.Query) (bool, error) {
	var phrases []query.Term
	anyTerm(q, func(t query.Term) bool {
		if t.Kind == query.Phrase {
			phrases = append(phrases, t)
		}
		return false
	})
	for _, p := range phrases {
		for _, w := range strings.FieldsFunc(p.Text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
			if common, err := v.commonTerm(ctx, query.Term{Kind: query.Word, Text: w}); err != nil || common {
				return common, err
			}
		}
	}
	return false, nil
}

// commonTerm says whether t matches more than CommonDF passages.
//
// A prefix matches every passage its whole word does (FTS5 stems the two
// alike: "preside*" is "presid*", and "preside" is "presid"), and the word
// is much cheaper to count: FTS5 merges all of a prefix's terms before it
// yields a first match ("that*" at 100k passages: 5.4 ms; "that": 0.5 ms).
// So a prefix whose word is common is common without a count of its own,
// as is the last word of most as-you-type searches.
func (v view) commonTerm(ctx context.Context, t query.Term) (bool, error) {
	if t.Kind == query.Prefix {
		if common, err := v.commonTerm(ctx, query.Term{Kind: query.Word, Text: t.Text}); err != nil || common {
			return common, err
		}
	}
	df, err := v.termDF(ctx, t)
	return df > CommonDF, err
}

// termDF counts the passages matching t, up to CommonDF+1.
func (v view) termDF(ctx context.Context, t query.Term) (int, error) {
	match := query.Query{Clauses: [][]query.Term{{t}}}.MatchExpr()
	kept, structure := v.keptCommon(ctx)
	if kept != nil {
		if df, ok := kept.lookup(structure, match); ok {
			return df, nil
		}
	}
	df, ok, err := v.pagesDF(ctx, t)
	if err == nil && !ok {
		err = v.queryRowKept(ctx, `SELECT count(*) FROM (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)`,
			match, CommonDF+1).Scan(&df)
	}
	if err == nil && kept != nil {
		kept.keep(structure, match, df)
	}
	return df, err
}

// pagesDF is termDF read from the index's pages, for a word or a prefix
// of one token. Counting a common word to CommonDF+1 through FTS5 steps a
// cursor and the VDBE 10,001 times (0.54–0.58 ms at 100k passages),
// reading its first pages of rowids 0.15–0.34 ms. A prefix as long as a
// prefix index's (2 or 3 letters, as stemmed, in the table Dossier makes:
// the one FTS5 reads it from) is one doclist of that index, counted alike (`th*` through FTS5: 0.7–2.3 ms
// for a keystroke's first sight of it); FTS5 merges every term of a longer
// prefix in full before it counts one row (`trum*`: all of "trump"'s),
// where the pages are read only until CommonDF+1 rows. ok is false for any
// other term, or where the index cannot be read so (the caller asks FTS5).
func (v view) pagesDF(ctx context.Context, t query.Term) (df int, ok bool, err error) {
	if t.Kind != query.Word && t.Kind != query.Prefix {
		return 0, false, nil
	}
	term, ok, err := v.keptIndexTerm(ctx, t.Text)
	if err != nil || !ok {
		return 0, false, err
	}
	r, release, err := v.indexReader(ctx)
	if err == nil {
		defer release()
		switch index := r.PrefixIndex(utf8.RuneCountInString(term)); {
		case t.Kind == query.Word:
			df, err = r.CountUpTo(ctx, 0, term, CommonDF+1)
		case index > 0:
			df, err = r.CountUpTo(ctx, index, term, CommonDF+1)
		case utf8.RuneCountInString(t.Text) > 3:
			df, err = r.CountPrefixUpTo(ctx, 0, term, CommonDF+1)
		default:
			return 0, false, nil
		}
	}
	if errors.Is(err, fts5read.ErrUnsupported) {
		return 0, false, nil
	}
	return df, err == nil, err
}

// highlighted loads passages with their match ranges, computed by FTS5's own
// highlight() so they agree exactly with what the index matched (stemming
// included).
//
// One full-text cursor walks the matches between the page's first and last
// id, keeping the page's ids ("+" hides the set from FTS5), or, with seek,
// FTS5 restarts the query at each id ("rowid IN"). A restart rebuilds a
// prefix term's merged doclist (most of an as-you-type search when every
// search did it), but a walk costs the matches in the span. Either SQL text
// is always the same, so SQLite's work to compile it can be kept.
func (v view) highlighted(ctx context.Context, match string, ids []int64, seek bool) (map[int64]*Hit, error) {
	sql, args := highlightSQL, []any{match, slices.Min(ids), slices.Max(ids), idsJSON(ids)}
	if seek {
		sql, args = highlightSeekSQL, []any{match, idsJSON(ids)}
	}
	rows, err := v.queryKept(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return scanMarked(rows, len(ids))
}

const highlightFrom = `SELECT f.rowid, p.document_id, d.title, p.ordinal, p.footnote, coalesce(p.page, 0),
		highlight(passages_fts, 0, char(2), char(3))
	FROM passages_fts f
	JOIN passages p ON p.id = f.rowid
	JOIN documents d ON d.id = p.document_id`

const (
	highlightSQL = highlightFrom + `
	WHERE passages_fts MATCH ?1 AND f.rowid BETWEEN ?2 AND ?3
		AND +f.rowid IN (SELECT value FROM json_each(?4))`
	highlightSeekSQL = highlightFrom + `
	WHERE passages_fts MATCH ?1 AND f.rowid IN (SELECT value FROM json_each(?2))`
)

// hasPrefix says whether any of the query's terms, excluded ones included,
// is a prefix.
// clauseTerms is the number of terms of q's clauses (as rareTerms counts them).
func clauseTerms(q query.Query) int {
	n := 0
	for _, c := range q.Clauses {
		n += len(c)
	}
	return n
}

func hasPrefix(q query.Query) bool {
	return anyTerm(q, func(t query.Term) bool { return t.Kind == query.Prefix })
}

// hasLongPrefix says whether any of the query's terms, excluded ones
// included, is a prefix longer than the index's prefixes (2 and 3
// letters): FTS5 merges its terms' doclists for every statement that
// reads it (see markedAside).
func hasLongPrefix(q query.Query) bool {
	return anyTerm(q, func(t query.Term) bool { return t.Kind == query.Prefix && utf8.RuneCountInString(t.Text) > 3 })
}

// anyTerm says whether any of the query's terms (excluded ones and NEAR's
// own included) is one that is.
func anyTerm(q query.Query, is func(query.Term) bool) bool {
	var terms []query.Term
	for _, c := range q.Clauses {
		terms = append(terms, c...)
	}
	terms = append(terms, q.Excludes...)
	for len(terms) > 0 {
		t := terms[len(terms)-1]
		terms = append(terms[:len(terms)-1], t.Terms...) // NEAR's own terms
		if is(t) {
			return true
		}
	}
	return false
}

// idsJSON renders ids as a JSON array, for json_each.
func idsJSON(ids []int64) string {
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

func joinIDs(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}

// unmark strips highlight markers and returns the plain text with the
// byte ranges they enclosed; adjacent ranges are merged.
func unmark(marked string) (string, []Range) {
	var b strings.Builder
	b.Grow(len(marked))
	var ranges []Range
	start := -1
	for i := 0; i < len(marked); i++ {
		switch marked[i] {
		case markOpen[0]:
			start = b.Len()
		case markClose[0]:
			if start >= 0 {
				end := b.Len()
				if n := len(ranges); n > 0 && ranges[n-1].End == start {
					ranges[n-1].End = end
				} else if end > start {
					ranges = append(ranges, Range{start, end})
				}
				start = -1
			}
		default:
			b.WriteByte(marked[i])
		}
	}
	return b.String(), ranges
}

// withExclusions narrows the passage ids of a filter-only query by its
// exclusions ("doc:Mueller -trump"); without it they were silently ignored.
// A query with text carries its exclusions in the MATCH expression instead.
func withExclusions(q query.Query, filterSQL string, filterArgs []any) (string, []any) {
	if q.HasText() || len(q.Excludes) == 0 || filterSQL == "" {
		return filterSQL, filterArgs
	}
	// One MATCH over the excluded terms ORed together; the result is still
	// a plain id list, so it nests in IN (...) like the filters.
	excl := query.Query{Clauses: [][]query.Term{q.Excludes}}
	filterSQL = `SELECT id FROM (` + filterSQL + `) WHERE id NOT IN
		(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)`
	return filterSQL, append(append([]any(nil), filterArgs...), excl.MatchExpr())
}

// searchFilters lists passages chosen by filters alone, in reading order,
// less any that contain an excluded term.
func (v view) searchFilters(ctx context.Context, q query.Query, filterSQL string, filterArgs []any, limit, offset int, res *Results) error {
	filterSQL, filterArgs = withExclusions(q, filterSQL, filterArgs)
	// DISTINCT: a filter may name a passage once per tag (is:suggested).
	if err := v.db.QueryRowContext(ctx, `SELECT count(DISTINCT id) FROM (`+filterSQL+`)`, filterArgs...).Scan(&res.Total); err != nil {
		return err
	}
	rows, err := v.db.QueryContext(ctx, `SELECT p.id, p.document_id, d.title, p.ordinal, p.footnote, coalesce(p.page, 0), p.text
		FROM passages p JOIN documents d ON d.id = p.document_id
		WHERE p.id IN (`+filterSQL+`)
		ORDER BY d.title COLLATE NOCASE, d.id, p.ordinal LIMIT ? OFFSET ?`, append(filterArgs, limit, offset)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.PassageID, &h.DocumentID, &h.DocumentTitle, &h.Ordinal, &h.Footnote, &h.Page, &h.Text); err != nil {
			return err
		}
		h.Snippet, h.SnippetRanges = Snippet(h.Text, nil, SnippetLen)
		res.Hits = append(res.Hits, h)
	}
	return rows.Err()
}

// ReadFilters is the filters of a typed query (a search's or the Claims
// pane's) that name no tag but are read as the one tag they name by
// another form, as Results.Read: the Claims pane read "by:Россия" as
// Russia and said nothing (ui20's pass).
func (s *Store) ReadFilters(ctx context.Context, typed string) ([]ReadFilter, error) {
	q, err := query.Parse(typed)
	if err != nil {
		return nil, err
	}
	return view{s.db}.readFilters(ctx, q.Filters)
}

// readFilters is the filters of a query that name no tag but were read as
// the one tag they name by another form (filterTags), as Results.Read.
func (v view) readFilters(ctx context.Context, filters []query.Filter) ([]ReadFilter, error) {
	family := map[string]string{"actor": FamilyActor, "source": FamilySource, "tag": "", "by": FamilySource, "about": FamilyActor}
	var out []ReadFilter
	for _, f := range filters {
		fam, ok := family[f.Key]
		if !ok {
			continue
		}
		tags, byForm, err := v.filterTags(ctx, fam, f.Key, f.Value)
		if err != nil {
			return nil, err
		}
		if byForm {
			as := f
			as.Value = tags[0].Name
			out = append(out, ReadFilter{Typed: f, As: as})
		}
	}
	return out, nil
}

// filterClause renders the query's filters as one SQL subquery yielding
// passage ids (the groups intersected, the filters of a group joined), or
// "" when there are none.
func (v view) filterClause(ctx context.Context, filters []query.Filter) (string, []any, error) {
	var parts []string
	var args []any
	for _, group := range query.FilterGroups(filters) {
		alts := make([]string, len(group))
		for i, f := range group {
			sql, fargs, err := v.filterSQL(ctx, f)
			if err != nil {
				return "", nil, err
			}
			if f.Negated {
				sql = `SELECT id FROM passages EXCEPT SELECT id FROM (` + sql + `)`
			}
			// By name: a filter whose column were not called id would fail here
			// rather than let withExclusions' "SELECT id" bind to an outer
			// query's id (a silently wrong document count).
			alts[i] = `SELECT id FROM (` + sql + `)`
			args = append(args, fargs...)
		}
		parts = append(parts, `SELECT id FROM (`+strings.Join(alts, " UNION ")+`)`)
	}
	if len(parts) == 0 {
		return "", nil, nil
	}
	return strings.Join(parts, " INTERSECT "), args, nil
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
