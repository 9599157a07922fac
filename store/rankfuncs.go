package store

import (
	"database/sql/driver"
	"fmt"
	"sync"
	"sync/atomic"

	"modernc.org/sqlite"
)

// Two aggregate SQL functions for topByFrequency, which must read a term's
// whole instance list: SQLite would group it with a sort (~0.3 µs an
// instance), and hand rows to Go at ~0.5 µs each; an aggregate's step costs
// ~0.1 µs.
//
// dossier_term_runs(doc, rows, handle), over instance rows in passage order
// (an fts5vocab instance table for one term), collects each passage with
// the number of times the term occurs in it, split into passages where it
// occurs more than once and those where it occurs once ([]termCount each,
// in passage order: a termRuns).
//
// dossier_lengths(id, sz, footnote, rows, handle) collects for each row the
// passage id, its length in tokens decoded from an FTS5 varint
// (passages_fts_docsize.sz) and whether it is a footnote ([]passageLength).
//
// Both return the number of passages collected and hand the collection over
// in Go, under handle (newHandle, takeHandedOver): a result of a few MB
// returned as a blob was copied three times on its way back (into SQLite's
// memory, out of it, and by Scan), each copy onto fresh pages, ~15% of a
// broad word's ranking. rows is how many passages the caller expects: the
// collection is allocated once at that size.
func init() {
	for name, impl := range map[string]*sqlite.FunctionImpl{
		"dossier_term_runs": {NArgs: 3, Deterministic: true, VolatileArgs: true,
			MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) { return &termRunsAgg{prev: -1}, nil }},
		"dossier_lengths": {NArgs: 5, Deterministic: true, VolatileArgs: true,
			MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) { return &lengthsAgg{}, nil }},
	} {
		if err := sqlite.RegisterFunction(name, impl); err != nil {
			panic(fmt.Sprintf("registering %s: %v", name, err))
		}
	}
}

// handedOver holds the aggregates' collections until their caller takes
// them, by handle.
var (
	handedOver sync.Map // int64 → any
	lastHandle atomic.Int64
)

// newHandle is a handle for one aggregate call's collection.
func newHandle() int64 { return lastHandle.Add(1) }

// takeHandedOver removes and returns the collection handed over under h:
// the zero value when the aggregate saw no row (or h is unknown).
func takeHandedOver[T any](h int64) T {
	v, _ := handedOver.LoadAndDelete(h)
	t, _ := v.(T)
	return t
}

// expectedRows is a capacity for rows passages: bounded, as rows is only
// a hint.
func expectedRows(rows int64) int { return int(min(max(rows, 0), 1<<24)) }

// termRuns is dossier_term_runs' collection.
type termRuns struct {
	many, once []termCount // the passages with the term more than once; once
}

type termRunsAgg struct {
	prev, tf, handle int64
	runs             termRuns
	started          bool
}

func (r *termRunsAgg) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	doc, ok1 := args[0].(int64)
	rows, ok2 := args[1].(int64)
	handle, ok3 := args[2].(int64)
	if !ok1 || !ok2 || !ok3 {
		return fmt.Errorf("dossier_term_runs(doc, rows, handle): integers expected")
	}
	if !r.started {
		// Most passages hold a word once: size that list for all of them.
		r.started, r.handle = true, handle
		r.runs.once = make([]termCount, 0, expectedRows(rows))
	}
	if doc == r.prev {
		r.tf++
		return nil
	}
	if doc < r.prev {
		return fmt.Errorf("dossier_term_runs: passages out of order")
	}
	r.flush()
	r.prev, r.tf = doc, 1
	return nil
}

func (r *termRunsAgg) flush() {
	switch {
	case r.prev < 0:
	case r.tf > 1:
		r.runs.many = append(r.runs.many, termCount{r.prev, uint32(min(r.tf, 1<<32-1))})
	default:
		r.runs.once = append(r.runs.once, termCount{r.prev, 1})
	}
}

func (r *termRunsAgg) WindowInverse(*sqlite.FunctionContext, []driver.Value) error {
	return fmt.Errorf("dossier_term_runs is not a window function")
}

func (r *termRunsAgg) WindowValue(*sqlite.FunctionContext) (driver.Value, error) {
	r.flush()
	r.prev = -1
	if !r.started {
		return int64(0), nil
	}
	handedOver.Store(r.handle, r.runs)
	return int64(len(r.runs.many) + len(r.runs.once)), nil
}

func (r *termRunsAgg) Final(*sqlite.FunctionContext) {}

// passageLength is dossier_lengths' collection's element.
type passageLength struct {
	id       int64
	length   uint32
	footnote bool
}

type lengthsAgg struct {
	handle  int64
	out     []passageLength
	started bool
}

func (l *lengthsAgg) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	id, ok1 := args[0].(int64)
	sz, ok2 := args[1].([]byte)
	footnote, ok3 := args[2].(int64)
	rows, ok4 := args[3].(int64)
	handle, ok5 := args[4].(int64)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
		return fmt.Errorf("dossier_lengths(id, sz, footnote, rows, handle): integer, blob, integer, integer, integer expected")
	}
	if !l.started {
		l.started, l.handle = true, handle
		l.out = make([]passageLength, 0, expectedRows(rows))
	}
	n, _ := fts5Varint(sz)
	l.out = append(l.out, passageLength{id, uint32(min(n, 1<<32-1)), footnote != 0})
	return nil
}

func (l *lengthsAgg) WindowInverse(*sqlite.FunctionContext, []driver.Value) error {
	return fmt.Errorf("dossier_lengths is not a window function")
}

func (l *lengthsAgg) WindowValue(*sqlite.FunctionContext) (driver.Value, error) {
	if !l.started {
		return int64(0), nil
	}
	handedOver.Store(l.handle, l.out)
	return int64(len(l.out)), nil
}

func (l *lengthsAgg) Final(*sqlite.FunctionContext) {}
