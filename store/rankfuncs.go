package store

import (
	"database/sql/driver"
	"encoding/binary"
	"fmt"

	"modernc.org/sqlite"
)

// Two aggregate SQL functions for topByFrequency, which must read a term's
// whole instance list: SQLite would group it with a sort (~0.3 µs an
// instance), and hand rows to Go at ~0.5 µs each; an aggregate's step costs
// ~0.1 µs and returns one value.
//
// dossier_term_runs(doc, minTF), over instance rows in passage order (an
// fts5vocab instance table for one term), returns the passages where the
// term occurs at least minTF times: 12 bytes each, passage id (int64) and
// count (uint32), little-endian.
//
// dossier_lengths(id, sz, footnote) returns for each row the id (int64),
// the length in tokens decoded from an FTS5 varint (passages_fts_docsize.sz,
// uint32) and the footnote flag (1 byte): 13 bytes a row, little-endian.
func init() {
	for name, impl := range map[string]*sqlite.FunctionImpl{
		"dossier_term_runs": {NArgs: 2, Deterministic: true, VolatileArgs: true,
			MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) { return &termRuns{prev: -1}, nil }},
		"dossier_lengths": {NArgs: 3, Deterministic: true, VolatileArgs: true,
			MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) { return &lengths{}, nil }},
	} {
		if err := sqlite.RegisterFunction(name, impl); err != nil {
			panic(fmt.Sprintf("registering %s: %v", name, err))
		}
	}
}

const (
	runSize    = 12
	lengthSize = 13
)

type termRuns struct {
	prev, tf, minTF int64
	out             []byte
}

func (r *termRuns) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	doc, ok1 := args[0].(int64)
	minTF, ok2 := args[1].(int64)
	if !ok1 || !ok2 {
		return fmt.Errorf("dossier_term_runs(doc, minTF): integers expected")
	}
	if doc == r.prev {
		r.tf++
		return nil
	}
	if doc < r.prev {
		return fmt.Errorf("dossier_term_runs: passages out of order")
	}
	r.flush()
	r.prev, r.tf, r.minTF = doc, 1, minTF
	return nil
}

func (r *termRuns) flush() {
	if r.prev >= 0 && r.tf >= r.minTF {
		r.out = binary.LittleEndian.AppendUint64(r.out, uint64(r.prev))
		r.out = binary.LittleEndian.AppendUint32(r.out, uint32(r.tf))
	}
}

func (r *termRuns) WindowInverse(*sqlite.FunctionContext, []driver.Value) error {
	return fmt.Errorf("dossier_term_runs is not a window function")
}

func (r *termRuns) WindowValue(*sqlite.FunctionContext) (driver.Value, error) {
	r.flush()
	r.prev = -1
	if r.out == nil {
		return []byte{}, nil
	}
	return r.out, nil
}

func (r *termRuns) Final(*sqlite.FunctionContext) {}

type lengths struct{ out []byte }

func (l *lengths) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	id, ok1 := args[0].(int64)
	sz, ok2 := args[1].([]byte)
	footnote, ok3 := args[2].(int64)
	if !ok1 || !ok2 || !ok3 {
		return fmt.Errorf("dossier_lengths(id, sz, footnote): integer, blob, integer expected")
	}
	n, _ := fts5Varint(sz)
	l.out = binary.LittleEndian.AppendUint64(l.out, uint64(id))
	l.out = binary.LittleEndian.AppendUint32(l.out, uint32(min(n, 1<<32-1)))
	l.out = append(l.out, byte(min(footnote, 1)))
	return nil
}

func (l *lengths) WindowInverse(*sqlite.FunctionContext, []driver.Value) error {
	return fmt.Errorf("dossier_lengths is not a window function")
}

func (l *lengths) WindowValue(*sqlite.FunctionContext) (driver.Value, error) {
	if l.out == nil {
		return []byte{}, nil
	}
	return l.out, nil
}

func (l *lengths) Final(*sqlite.FunctionContext) {}
