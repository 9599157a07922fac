package store

import (
	"context"
	"errors"
	"math"
	"slices"
	"unicode/utf8"

	"dossier/store/internal/fts5read"
	"dossier/store/query"
)

// aroundCommonPrefix finds the first limit matches of q, in id order, for
// the query most keystrokes type: words and a last word being typed
// ("priebus indicated that*") whose whole word is common. ok is false when
// q is not such a query or the index cannot be read directly; the caller
// then has FTS5 match q as usual.
//
// FTS5 merges every doclist of a prefix longer than the prefix indexes,
// positions and all, before it yields a first match: `that*` is 91,600
// passages of the 100k benchmark library, ~7 ms of a 16 ms keystroke,
// however rare the other words. Yet nearly all of it is the whole word,
// which FTS5 matches cheaply as a word (seeking through its doclist). So:
//
//   - the matches holding the word: q with the prefix read as the word;
//   - the others: q without the prefix clause and NOT the word (few, since
//     the word is common), kept if they hold one of the prefix's other
//     index terms, whose rows fts5read reads from the index's pages without
//     the word's (`that*`: 13 terms, 54 rows).
//
// The two are disjoint; together they are q's matches.
func (v view) aroundCommonPrefix(ctx context.Context, q query.Query, scope ftsScope, limit int) (ids []int64, ok bool, err error) {
	at := loneLongPrefix(q)
	if at < 0 {
		return nil, false, nil
	}
	// The index's pages and FTS5 must see one state of it.
	if _, inTx := v.db.(txHandle); !inTx {
		return nil, false, nil
	}
	prefix := q.Clauses[at][0]
	word := query.Term{Kind: query.Word, Text: prefix.Text}
	if common, err := v.commonTerm(ctx, word); err != nil || !common {
		return nil, false, err
	}
	term, ok, err := v.keptIndexTerm(ctx, prefix.Text)
	if err != nil || !ok {
		return nil, false, err
	}
	if pays, err := v.walkPays(ctx, q, at, term); err != nil || !pays {
		return nil, false, err
	}
	others := map[int64]bool{}
	r, release, err := v.indexReader(ctx)
	if err == nil {
		err = r.EachPrefix(ctx, 0, term, term, func() { clear(others) }, func(id int64) { others[id] = true })
		release()
	}
	if err != nil {
		return nil, false, ignoreUnsupported(err)
	}

	withWord := slices.Clone(q.Clauses)
	withWord[at] = []query.Term{word}
	ids, more, err := v.matchIDs(ctx, scope, query.Query{Clauses: withWord, Excludes: q.Excludes}, limit, math.MaxInt64)
	if err != nil {
		return nil, false, err
	}
	// limit matches with the word: no match past the last of them counts.
	upTo := int64(math.MaxInt64)
	if more {
		upTo = ids[len(ids)-1]
	}
	rest := query.Query{
		Clauses:  slices.Delete(slices.Clone(q.Clauses), at, at+1),
		Excludes: append(slices.Clone(q.Excludes), word),
	}
	// Past a few pages' worth without the word, the rows of the prefix's
	// other terms are no longer the few: FTS5 merging them all is cheaper.
	most := 4 * limit
	without, more, err := v.matchIDs(ctx, scope, rest, most, upTo)
	if err != nil || more {
		return nil, false, err
	}
	for _, id := range without {
		if others[id] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids[:min(len(ids), limit)], true, nil
}

// walkPays says whether finding q's matches around the word of its prefix
// (clause at, index term term) costs less than FTS5's merge of the prefix:
// the two walks of the other clauses' matches do, beside a word a third as
// frequent as the prefix's word or less; beside words about as frequent
// ("congress to provide*": 8,500 and 11,900 passages), the merge is
// cheaper. A rare word's size is its count (termDF, which
// rareTerms asks next anyway); a common word's, as the prefix's word's, is
// estimated from the index's b-tree: a leaf page holds ~1,000 of its
// entries.
func (v view) walkPays(ctx context.Context, q query.Query, at int, term string) (bool, error) {
	pages := func(term string) (int64, error) {
		r, release, err := v.indexReader(ctx)
		if err != nil {
			return 0, err
		}
		defer release()
		return r.Pages(ctx, 0, term)
	}
	beside := int64(math.MaxInt64) // the fewest passages of a word or phrase beside
	for i, c := range q.Clauses {
		if i == at || len(c) != 1 || c[0].Kind != query.Word && c[0].Kind != query.Phrase {
			continue
		}
		df, err := v.termDF(ctx, c[0])
		if err != nil {
			return false, err
		}
		size := int64(df)
		if df > CommonDF {
			if c[0].Kind != query.Word {
				continue // a common phrase: no estimate
			}
			t, ok, err := v.keptIndexTerm(ctx, c[0].Text)
			if err != nil || !ok {
				return false, err
			}
			p, err := pages(t)
			if err != nil {
				return false, ignoreUnsupported(err)
			}
			size = p * 1000
		}
		beside = min(beside, size)
	}
	if beside == math.MaxInt64 {
		return false, nil
	}
	if 3*beside <= CommonDF {
		return true, nil // the prefix's word is common: more than CommonDF
	}
	p, err := pages(term)
	if err != nil {
		return false, ignoreUnsupported(err)
	}
	return p*1000 >= 3*beside, nil
}

// ignoreUnsupported is err, but nil for fts5read.ErrUnsupported: the
// index cannot be read directly, and FTS5 answers instead.
func ignoreUnsupported(err error) error {
	if errors.Is(err, fts5read.ErrUnsupported) {
		return nil
	}
	return err
}

// matchIDs returns the ids of q's first limit matches in scope up to id
// upTo, in id order, and whether there are more. FTS5 yields them in id
// order (the scope's runs ascend), so the walk stops at upTo.
func (v view) matchIDs(ctx context.Context, scope ftsScope, q query.Query, limit int, upTo int64) (ids []int64, more bool, err error) {
	args := append([]any{q.MatchExpr()}, scope.args...)
	rows, err := v.queryIn(ctx, scope, scope.query("rowid")+` LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		if id > upTo {
			break
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	slices.Sort(ids) // the scope's runs ascend, but no harm
	if len(ids) > limit {
		return ids[:limit], true, nil
	}
	return ids, false, nil
}

// loneLongPrefix is the index of q's clause that is a single prefix longer
// than the prefix indexes, when q has one such prefix and nothing else
// that is (a NEAR's, an excluded one), and other clauses; -1 otherwise.
func loneLongPrefix(q query.Query) int {
	long := func(t query.Term) bool { return t.Kind == query.Prefix && utf8.RuneCountInString(t.Text) > 3 }
	n := 0
	anyTerm(q, func(t query.Term) bool {
		if long(t) {
			n++
		}
		return false
	})
	if n != 1 || len(q.Clauses) < 2 {
		return -1
	}
	for i, c := range q.Clauses {
		if len(c) == 1 && long(c[0]) {
			return i
		}
	}
	return -1
}
