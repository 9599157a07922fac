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
	// The matches are found in two walks of the other clauses' matches,
	// so only when a word beside is rare beside this one: beside common
	// words alone ("campaign no offic*"), or a word about as frequent
	// ("congress to provide*"), the walks cost more than the merge they
	// save. (rareTerms counts the same words next: no extra work.)
	rare, err := v.rarestBeside(ctx, q, at)
	if err != nil || rare > CommonDF {
		return nil, false, err
	}
	term, ok, err := v.keptIndexTerm(ctx, prefix.Text)
	if err != nil || !ok {
		return nil, false, err
	}
	if 3*rare > CommonDF {
		// The word is common, but maybe not thrice as much: ask the
		// index's b-tree (a leaf page holds ~1,000 entries of a common
		// word).
		pages, err := fts5read.Pages(ctx, v.db, "passages_fts", 0, term)
		if errors.Is(err, fts5read.ErrUnsupported) || err == nil && pages*1000 < 3*int64(rare) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
	others := map[int64]bool{}
	err = fts5read.EachPrefix(ctx, v.db, "passages_fts", 0, term, term, func() { clear(others) }, func(id int64) { others[id] = true })
	if errors.Is(err, fts5read.ErrUnsupported) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
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

// rarestBeside is the fewest passages matched by a clause of q other than
// clause at that is a single word or phrase (termDF: CommonDF+1 if none is
// rare).
func (v view) rarestBeside(ctx context.Context, q query.Query, at int) (int, error) {
	rarest := CommonDF + 1
	for i, c := range q.Clauses {
		if i == at || len(c) != 1 || c[0].Kind != query.Word && c[0].Kind != query.Phrase {
			continue
		}
		df, err := v.termDF(ctx, c[0])
		if err != nil {
			return 0, err
		}
		rarest = min(rarest, df)
	}
	return rarest, nil
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
