package store

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// passageSpans remembers, for one state of the full-text index, the run of
// passage ids each document holds: an import numbers a document's passages
// in a row, so a match's document is the span its id falls in. Counting a
// query's matches per document (countMatches) then needs no lookup per
// match; the join it replaces seeks passages_document_of once per match
// (~1.5 µs each, a tenth of a 1,000-match keystroke at 100k passages).
//
// Reading the spans is one pass over the passages (13 ms at 100k, 140 ms
// at 1M; twice that the first time), so it runs in the background when a
// count finds none for the index's state, and that count joins as before;
// the next build waits four times as long as the last one took, so that an
// import writing the index with every document does not keep a core busy.
//
// The state is the index's structure record (as for commonTerms): adding a
// passage, deleting one or changing its text writes the index. Dossier
// never moves a passage to another document; a program that did, leaving
// its text alone, would leave the counts per document stale (the hits stay
// right) until the next write to the index that changes the record (a
// 'rebuild' can leave it as it was).
type passageSpans struct {
	mu        sync.Mutex
	structure []byte // the state the spans were read in
	spans     []span // by first id; nil when some document's ids are not one run
	building  bool
	notBefore time.Time // the next build's earliest start
	closed    bool
	cancel    context.CancelFunc // the running build's
	builds    sync.WaitGroup
	// built, set by tests, hears of each build's end.
	built func()
}

// span is one document's passage ids, first to last.
type span struct{ first, last, doc int64 }

// lookup returns the spans read in the index state structure; ok is false
// when there are none for it (not yet read, or not runs). With none read
// for the state it starts a build, unless one runs or it is too soon.
func (p *passageSpans) lookup(s *Store, structure []byte) (spans []span, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.structure != nil && bytes.Equal(p.structure, structure) {
		return p.spans, p.spans != nil
	}
	if p.building || p.closed || time.Now().Before(p.notBefore) {
		return nil, false
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.building, p.cancel = true, cancel
	p.builds.Add(1)
	go func() {
		defer p.builds.Done()
		defer cancel()
		began := time.Now()
		structure, spans, err := s.readSpans(ctx)
		p.mu.Lock()
		p.building, p.cancel = false, nil
		p.notBefore = time.Now().Add(4 * time.Since(began))
		if err == nil {
			p.structure, p.spans = structure, spans
		}
		built := p.built
		p.mu.Unlock()
		if built != nil {
			built()
		}
	}()
	return nil, false
}

// close stops a running build and waits for it; none starts after.
func (p *passageSpans) close() {
	p.mu.Lock()
	p.closed = true
	if p.cancel != nil {
		p.cancel()
	}
	p.mu.Unlock()
	p.builds.Wait()
}

// readSpans reads each document's first and last passage id with the
// index's structure record, in one read transaction. spans is nil when a
// document's ids are not one run (or ids are shared, which SQLite forbids).
// It runs on the pool without counting as a use (PoolUses): no screen asks
// for it.
func (s *Store) readSpans(ctx context.Context) (structure []byte, spans []span, err error) {
	tx, err := s.db.DB.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, commonTermsStructure).Scan(&structure); err != nil {
		return nil, nil, err
	}
	if len(structure) == 0 {
		return nil, nil, sql.ErrNoRows // no state to key the spans by
	}
	rows, err := tx.QueryContext(ctx, `SELECT document_id, min(id), max(id), count(*) FROM passages GROUP BY document_id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	runs := true
	for rows.Next() {
		var sp span
		var n int64
		if err := rows.Scan(&sp.doc, &sp.first, &sp.last, &n); err != nil {
			return nil, nil, err
		}
		if sp.last-sp.first+1 != n {
			runs = false // read on: the state is still known, and has no spans
		}
		spans = append(spans, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if !runs {
		return structure, nil, nil
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.first, b.first) })
	for i := 1; i < len(spans); i++ {
		if spans[i].first <= spans[i-1].last {
			return structure, nil, nil
		}
	}
	if spans == nil {
		spans = []span{} // no passages: known, and empty
	}
	return structure, spans, nil
}

// documentSpans returns the passage spans for the index state this view
// reads, when they are known: only in a read transaction, where the
// structure record and the matches come from one state.
func (v view) documentSpans(ctx context.Context) ([]span, bool) {
	h, structure := v.indexStructure(ctx)
	if structure == nil {
		return nil, false
	}
	return h.s.spans.lookup(h.s, structure)
}

// perDocument counts the first countCap of ids (ascending) per document by
// spans; ok is false if any id, the one past the cap too, falls in no
// span: an index row without its passage (damage, or a program's SQL),
// which the join drops, and the caller then counts by the join.
func perDocument(spans []span, ids []int64, countCap int) (counts map[int64]int, ok bool) {
	counts = map[int64]int{}
	at := 0
	for i, id := range ids {
		if at < len(spans) && id > spans[at].last {
			// Ids ascend: jump to the first span that does not end before id.
			at += sortSearchSpans(spans[at:], id)
		}
		if at == len(spans) || id < spans[at].first {
			return nil, false
		}
		if i < countCap {
			counts[spans[at].doc]++
		}
	}
	return counts, true
}

// sortSearchSpans is the index of the first span in spans whose last id is
// id or more (len(spans) if none).
func sortSearchSpans(spans []span, id int64) int {
	i, _ := slices.BinarySearchFunc(spans, id, func(sp span, id int64) int { return cmp.Compare(sp.last, id) })
	return i
}

// matchList reads the ids of a query's first limit matches in its scope
// (args bind the MATCH expression and the scope's parameters), ascending:
// one row of text, which costs less than a row per id.
func (v view) matchList(ctx context.Context, scope ftsScope, args []any) ([]int64, error) {
	var list sql.NullString
	if err := v.queryRowIn(ctx, scope, `SELECT group_concat(id) FROM (`+scope.query("rowid AS id")+` LIMIT ?)`, args...).Scan(&list); err != nil {
		return nil, err
	}
	if !list.Valid {
		return nil, nil
	}
	ids := make([]int64, 0, strings.Count(list.String, ",")+1)
	for f := range strings.SplitSeq(list.String, ",") {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	slices.Sort(ids) // the scope's runs ascend, but group_concat promises no order
	return ids, nil
}
