package store

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"

	"dossier/store/internal/fts5read"
	"dossier/store/query"
)

// Ranked broad queries of several words or a phrase ("russian campaign",
// "special counsel" in quotes), every one of them common: FTS5's bm25
// scores every match (~1.4 µs each; 300 ms at 1M passages). topByPhrases
// instead reads each word's passages (and, for a phrase, positions) from
// the index's pages (fts5read), finds the matches, and scores them in Go
// with the stored passage lengths (passagelengths.go), in the same
// floating-point operations as fts5_aux.c's bm25: the scores are FTS5's to
// the last bit, so the first pages are exactly full ranking's.

// queryPhrases returns the tokens of each phrase of q as FTS5 reads
// q.MatchExpr(), if q is an AND of words and phrases only (no prefix, NEAR,
// alternatives or exclusions); ok is false otherwise.
func queryPhrases(ctx context.Context, conn querier, q query.Query) (phrases [][]string, ok bool, err error) {
	if len(q.Excludes) > 0 || len(q.Clauses) == 0 {
		return nil, false, nil
	}
	for _, c := range q.Clauses {
		if len(c) != 1 || c[0].Kind != query.Word && c[0].Kind != query.Phrase {
			return nil, false, nil
		}
	}
	if ok, err := tokenizerTables(ctx, conn); err != nil || !ok {
		return nil, false, err
	}
	for _, c := range q.Clauses {
		tokens, err := indexTokens(ctx, conn, c[0].Text)
		if err != nil || len(tokens) == 0 {
			return nil, false, err
		}
		phrases = append(phrases, tokens)
	}
	return phrases, true, nil
}

// indexTokens tokenizes text as the index does, in order.
func indexTokens(ctx context.Context, conn querier, text string) ([]string, error) {
	if _, err := conn.ExecContext(ctx, `INSERT OR REPLACE INTO temp.rank_word(rowid, t) VALUES (1, ?)`, text); err != nil {
		return nil, err
	}
	var tokens []string
	rows, err := conn.QueryContext(ctx, `SELECT term FROM temp.rank_word_terms ORDER BY offset`)
	if err == nil {
		for rows.Next() {
			var t string
			if err = rows.Scan(&t); err != nil {
				break
			}
			tokens = append(tokens, t)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
	}
	if _, derr := conn.ExecContext(ctx, `DELETE FROM temp.rank_word`); err == nil {
		err = derr
	}
	return tokens, err
}

// readPhrases reads each phrase's passages and its count in each (a word
// is a phrase of one token), in passage order, from the index's pages; ok
// is false where fts5read does not know the index's format, or a phrase
// holds a stopword.
func readPhrases(ctx context.Context, conn querier, phrases [][]string) ([][]fts5read.Count, bool, error) {
	type read struct {
		counts []fts5read.Count
		pos    []uint32
	}
	tokens := map[string]*read{}
	positions := map[string]bool{} // tokens of phrases of several
	for _, p := range phrases {
		for _, t := range p {
			tokens[t] = nil
			positions[t] = positions[t] || len(p) > 1
		}
	}
	// Shortest first: a stopword ("the", "of") is found before the other
	// words' positions are read for nothing.
	order := make([]string, 0, len(tokens))
	for t := range tokens {
		order = append(order, t)
	}
	slices.SortFunc(order, func(a, b string) int {
		if c := cmp.Compare(len(a), len(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	for _, t := range order {
		r := &read{}
		var err error
		if positions[t] {
			// A phrase holding a stopword ("the special counsel") is left
			// to FTS5: decoding every position of "the" (~8 a passage)
			// costs more than its bm25 over the phrase's matches (hostile
			// pass: 77 → 140 ms on 191k passages of the Mueller report).
			r.counts, r.pos, err = readTermPositions(ctx, conn, "passages_fts", 0, t, phraseStopword)
		} else {
			r.counts, err = readTermCounts(ctx, conn, "passages_fts", 0, t, 0)
		}
		if errors.Is(err, fts5read.ErrUnsupported) || errors.Is(err, fts5read.ErrTooMany) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, err
		}
		tokens[t] = r
	}
	out := make([][]fts5read.Count, len(phrases))
	for i, p := range phrases {
		first := tokens[p[0]]
		if len(p) == 1 {
			out[i] = first.counts
			continue
		}
		// A phrase: its tokens at consecutive positions of a passage.
		rest := make([]*read, len(p)-1)
		at := make([]int, len(p)-1) // each token's place in its rows
		for k, t := range p[1:] {
			rest[k] = tokens[t]
		}
		lists := make([][]uint32, len(rest)) // the rest's positions in a passage
	rows:
		for _, c := range first.counts {
			for k, r := range rest {
				for at[k] < len(r.counts) && r.counts[at[k]].Rowid < c.Rowid {
					at[k]++
				}
				if at[k] == len(r.counts) {
					break rows
				}
				rc := r.counts[at[k]]
				if rc.Rowid != c.Rowid {
					continue rows
				}
				lists[k] = r.pos[rc.Off : rc.Off+rc.N]
			}
			if tf := phraseCount(first.pos[c.Off:c.Off+c.N], lists); tf > 0 {
				out[i] = append(out[i], fts5read.Count{Rowid: c.Rowid, N: tf})
			}
		}
	}
	return out, true, nil
}

// phraseStopword is the mean count per passage above which a word of a
// phrase is a stopword (see readPhrases); 0 for none (a test's).
var phraseStopword float64 = maxInstancesPerMatch

// readTermPositions is fts5read.PositionsUnless; a variable as
// readTermCounts is.
var readTermPositions = fts5read.PositionsUnless

// phraseCount counts the positions p of first where the k-th list holds
// p+k+1, for every list (each ascending).
func phraseCount(first []uint32, lists [][]uint32) uint32 {
	var n uint32
	var scratch [4]int // a phrase of up to five words allocates nothing
	at := scratch[:]
	if len(lists) > len(scratch) {
		at = make([]int, len(lists))
	}
	at = at[:len(lists)]
next:
	for _, p := range first {
		for k, l := range lists {
			want := p + uint32(k) + 1
			for at[k] < len(l) && l[at[k]] < want {
				at[k]++
			}
			if at[k] == len(l) {
				return n
			}
			if l[at[k]] != want {
				continue next
			}
		}
		n++
	}
	return n
}

// topByPhrases ranks the n passages matching every phrase that come first
// by bm25 (footnotes weighed), with the scores footnotesLast gives them,
// best first (ties: lower ids); ok is false when it cannot (no stored
// lengths, a format fts5read does not read, fewer than need matches).
func (v view) topByPhrases(ctx context.Context, q query.Query, n, need int) ([]scoredID, bool, error) {
	conn, release, err := v.pinned(ctx)
	if err != nil {
		return nil, false, err
	}
	defer release()
	lengths, err := loadLengths(ctx, conn)
	if err != nil || lengths == nil {
		return nil, false, err
	}
	phrases, ok, err := queryPhrases(ctx, conn, q)
	if err != nil || !ok {
		return nil, false, err
	}
	rows, ok, err := readPhrases(ctx, conn, phrases)
	if err != nil || !ok {
		return nil, false, err
	}
	avgLen, passages, err := averageLength(ctx, conn)
	if err != nil || avgLen <= 0 {
		return nil, false, err
	}
	idf := make([]float64, len(rows))
	for i, r := range rows {
		if idf[i], err = bm25IDF(ctx, conn, passages, int64(len(r))); err != nil {
			return nil, false, err
		}
	}
	notes, err := footnoteIDs(ctx, conn)
	if err != nil {
		return nil, false, err
	}
	// bm25 summed over the phrases in their order, as fts5_aux.c adds
	// them (each product rounded before it is added: see bm25Frac).
	score := func(tfs []uint32, length float64) float64 {
		sc := 0.0
		for i, tf := range tfs {
			sc += float64(idf[i] * bm25Frac(float64(tf), length, avgLen))
		}
		return sc
	}
	best := bestN{n: n, heap: make([]estimate, 0, n)}
	at := make([]int, len(rows))
	tfs := make([]uint32, len(rows))
	type unknownRow struct {
		id  int64
		tfs []uint32
	}
	var unknown []unknownRow
	f := 0
matching:
	for _, c := range rows[0] {
		id := c.Rowid
		tfs[0] = c.N
		for i := 1; i < len(rows); i++ {
			r := rows[i]
			for at[i] < len(r) && r[at[i]].Rowid < id {
				at[i]++
			}
			if at[i] == len(r) {
				break matching
			}
			if r[at[i]].Rowid != id {
				continue matching
			}
			tfs[i] = r[at[i]].N
		}
		l := lengths.of(id)
		if l == lengthUnknown {
			unknown = append(unknown, unknownRow{id, slices.Clone(tfs)})
			continue
		}
		for f < len(notes) && notes[f] < id {
			f++
		}
		best.offer(estimate{id, score(tfs, float64(l)), f < len(notes) && notes[f] == id})
	}
	if len(unknown) > 0 {
		lens, err := lookupLengths(ctx, conn, len(unknown), func(i int) int64 { return unknown[i].id })
		if err != nil {
			return nil, false, err
		}
		u := 0
		for _, l := range lens {
			for u < len(unknown) && unknown[u].id < l.id {
				u++
			}
			if u < len(unknown) && unknown[u].id == l.id {
				best.offer(estimate{l.id, score(unknown[u].tfs, float64(l.length)), l.footnote})
			}
		}
	}
	if len(best.heap) < need {
		return nil, false, nil
	}
	out := make([]scoredID, len(best.heap))
	for i, e := range best.heap {
		sc := -1.0 * e.frac
		if e.footnote {
			sc *= FootnoteWeight
		}
		out[i] = scoredID{e.id, sc}
	}
	return sortScored(out), true, nil
}
