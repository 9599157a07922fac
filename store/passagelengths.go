package store

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"

	"dossier/store/internal/fts5read"

	"modernc.org/sqlite"
)

// Passage lengths in blocks (migration 0012): a broad query ranked in full
// reads every candidate's length from here, 4,096 passages a row, rather
// than one passages_fts_docsize lookup each.

// lengthBlockBits: a block holds the passages whose ids share id >> 12.
const (
	// lengthsVersion is the schema version that has the table.
	lengthsVersion  = 12
	lengthBlockBits = 12
	lengthBlockSize = 1 << lengthBlockBits
	// lengthUnknown is a block's entry for no passage, or one too long for
	// 16 bits (looked up in docsize).
	lengthUnknown = 0
	maxBlockLen   = math.MaxUint16
)

// dossier_length_block(id, sz) builds one block from the docsize rows of
// its passages (id, and sz the FTS5 varint of its length).
func init() {
	impl := &sqlite.FunctionImpl{NArgs: 2, Deterministic: true,
		MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) { return &lengthBlockAgg{}, nil }}
	if err := sqlite.RegisterFunction("dossier_length_block", impl); err != nil {
		panic(fmt.Sprintf("registering dossier_length_block: %v", err))
	}
}

type lengthBlockAgg struct{ lens []byte }

func (a *lengthBlockAgg) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	id, ok1 := args[0].(int64)
	sz, ok2 := args[1].([]byte)
	if !ok1 || !ok2 || id < 0 {
		return fmt.Errorf("dossier_length_block(id, sz): a passage id and a blob expected")
	}
	if a.lens == nil {
		a.lens = make([]byte, 2*lengthBlockSize)
	}
	n, w := fts5Varint(sz)
	if w == 0 || n >= maxBlockLen {
		return nil // left unknown: the lookup in docsize answers it
	}
	binary.LittleEndian.PutUint16(a.lens[2*(id%lengthBlockSize):], uint16(n))
	return nil
}

func (a *lengthBlockAgg) WindowInverse(*sqlite.FunctionContext, []driver.Value) error {
	return fmt.Errorf("dossier_length_block is not a window function")
}

func (a *lengthBlockAgg) WindowValue(*sqlite.FunctionContext) (driver.Value, error) {
	if a.lens == nil {
		return make([]byte, 2*lengthBlockSize), nil
	}
	return a.lens, nil
}

func (a *lengthBlockAgg) Final(*sqlite.FunctionContext) {}

// refreshLengths rebuilds, from the index's docsize rows, every block
// holding a passage id in [lo, hi]: called in the transaction that indexed
// or removed them, after the index's rows were written.
func refreshLengths(ctx context.Context, q querier, lo, hi int64) error {
	if lo > hi || hi < 0 {
		return nil
	}
	// A file whose table was dropped behind Dossier's back is ranked
	// without it (check names it; recover makes it again).
	if ok, err := hasLengthsTable(ctx, q); err != nil || !ok {
		return err
	}
	lo = max(lo, 0) &^ (lengthBlockSize - 1)
	hi |= lengthBlockSize - 1
	_, err := q.ExecContext(ctx, `INSERT OR REPLACE INTO passage_lengths (block, lens)
		SELECT id >> 12, dossier_length_block(id, sz) FROM passages_fts_docsize
		WHERE id BETWEEN ?1 AND ?2 GROUP BY id >> 12`, lo, hi)
	if err != nil {
		return fmt.Errorf("storing passage lengths: %w", err)
	}
	return nil
}

// refreshDocumentLengths is refreshLengths over the passages of the given
// documents.
func refreshDocumentLengths(ctx context.Context, q querier, docIDs ...int64) error {
	if len(docIDs) == 0 {
		return nil
	}
	var lo, hi *int64
	if err := q.QueryRowContext(ctx, `SELECT min(id), max(id) FROM passages WHERE document_id IN (`+joinIDs(docIDs)+`)`).Scan(&lo, &hi); err != nil {
		return err
	}
	if lo == nil {
		return nil
	}
	return refreshLengths(ctx, q, *lo, *hi)
}

// lengthTable is every stored block, indexed by passage id: 0 where the
// length is unknown (block missing, no such passage, or too long).
type lengthTable []uint16

// of returns passage id's length, or lengthUnknown.
func (t lengthTable) of(id int64) uint16 {
	if id < 0 || id >= int64(len(t)) {
		return lengthUnknown
	}
	return t[id]
}

// ensureLengthsTable makes the table of lengths again, as migration 0012
// makes it, and fills it, in a file that has its triggers but lost the
// table (dropped by another program): every trigger of passages writes to
// it, so imports and removals failed "no such table".
func ensureLengthsTable(ctx context.Context, db querier) error {
	if gone, err := lengthsTableToMake(ctx, db); err != nil || !gone {
		return err
	}
	body, err := migrationFS.ReadFile("migrations/0012_passage_lengths.sql")
	if err != nil {
		return err
	}
	create := string(body)
	start := strings.Index(create, "CREATE TABLE passage_lengths")
	end := strings.Index(create[max(start, 0):], ");")
	if start < 0 || end < 0 {
		return fmt.Errorf("migration 0012 has no table of lengths")
	}
	if _, err := db.ExecContext(ctx, create[start:start+end+2]); err != nil {
		return fmt.Errorf("making the table of passage lengths again: %w", err)
	}
	return refreshLengths(ctx, db, 0, math.MaxInt64)
}

// lengthsTableToMake reports whether ensureLengthsTable has the table to
// make again: it is gone, and the triggers of migration 0012 refer to it.
func lengthsTableToMake(ctx context.Context, db querier) (bool, error) {
	if ok, err := hasLengthsTable(ctx, db); err != nil || ok {
		return false, err
	}
	var triggers int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'passage\_lengths\_%' ESCAPE '\'`).Scan(&triggers); err != nil || triggers == 0 {
		return false, err // before migration 0012: nothing refers to it
	}
	return true, nil
}

// hasLengthsTable reports whether the file has the table: a read-only file
// of schema 11 (readableFrom) has not, nor one whose table was dropped.
func hasLengthsTable(ctx context.Context, q querier) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'passage_lengths'`).Scan(&n)
	return n == 1, err
}

// loadLengths reads every block (a 1M-passage library: 245 rows, 2 MB). A
// file without the table has none.
func loadLengths(ctx context.Context, q querier) (lengthTable, error) {
	if ok, err := hasLengthsTable(ctx, q); err != nil || !ok {
		return nil, err
	}
	var maxBlock *int64
	var blocks int64
	if err := q.QueryRowContext(ctx, `SELECT max(block), count(*) FROM passage_lengths`).Scan(&maxBlock, &blocks); err != nil || maxBlock == nil {
		return nil, err
	}
	// Passage ids are dense (each import takes the next ones), so the
	// blocks are too; sparse ones (a file changed by another program) are
	// not worth a table mostly empty, and every length is looked up.
	if *maxBlock < 0 || *maxBlock > 2*blocks+64 {
		return nil, nil
	}
	t := make(lengthTable, (*maxBlock+1)<<lengthBlockBits)
	rows, err := q.QueryContext(ctx, `SELECT block, lens FROM passage_lengths`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var block int64
		var lens sql.RawBytes // read in place: copied below
		if err := rows.Scan(&block, &lens); err != nil {
			return nil, err
		}
		if block < 0 || len(lens) != 2*lengthBlockSize {
			continue // damaged: its passages are looked up
		}
		dst := t[block<<lengthBlockBits:][:lengthBlockSize]
		for i := range dst {
			dst[i] = binary.LittleEndian.Uint16(lens[2*i:])
		}
	}
	return t, rows.Err()
}

// footnoteIDs returns the ids of footnote passages, ascending (through the
// passages_footnote partial index).
func footnoteIDs(ctx context.Context, q querier) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM passages WHERE footnote > 0 ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// bestN keeps the n best estimates offered to it (higher score first, ties
// to lower ids), as a heap whose root is the worst kept: offering a
// million estimates costs a comparison each for most of them.
type bestN struct {
	n    int
	heap []estimate
}

// worse reports whether a ranks after b.
func worse(a, b estimate) bool {
	if sa, sb := a.score(), b.score(); sa != sb {
		return sa < sb
	}
	return a.id > b.id
}

func (h *bestN) offer(e estimate) {
	if len(h.heap) < h.n {
		h.heap = append(h.heap, e)
		for i := len(h.heap) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(h.heap[i], h.heap[p]) {
				break
			}
			h.heap[i], h.heap[p] = h.heap[p], h.heap[i]
			i = p
		}
		return
	}
	if h.n == 0 || !worse(h.heap[0], e) {
		return
	}
	h.heap[0] = e
	for i := 0; ; {
		l, r, w := 2*i+1, 2*i+2, i
		if l < len(h.heap) && worse(h.heap[l], h.heap[w]) {
			w = l
		}
		if r < len(h.heap) && worse(h.heap[r], h.heap[w]) {
			w = r
		}
		if w == i {
			return
		}
		h.heap[i], h.heap[w] = h.heap[w], h.heap[i]
		i = w
	}
}

// eachTermCount reads a term's passages and its count in each from the
// index's pages, without building the list (a test swaps it).
var eachTermCount = fts5read.Each

// estimateFromTable estimates every passage holding term (in index index:
// 0 the main one, else a prefix index) from lengths, and returns the n
// best and the number of passages matched. The passages come straight
// from the doclist as it is decoded: a list of `con*`'s 790k at 1M was 37
// MB allocated a search, costlier to a one-search process (`dossier
// search`) than the estimating. A passage whose block is missing is
// looked up as estimateTop does.
func estimateFromTable(ctx context.Context, conn querier, index int, term string, lengths lengthTable, score func(tf, length float64) float64, n int) ([]estimate, int, error) {
	notes, err := footnoteIDs(ctx, conn)
	if err != nil {
		return nil, 0, err
	}
	best := bestN{n: n, heap: make([]estimate, 0, n)}
	var unknown []termCount
	var matches, f int
	var prev int64
	err = eachTermCount(ctx, conn, "passages_fts", index, term, func() {
		best.heap = best.heap[:0]
		unknown = unknown[:0]
		matches, f, prev = 0, 0, math.MinInt64
	}, func(id int64, tf uint32) {
		matches++
		l := lengths.of(id)
		if l == lengthUnknown {
			unknown = append(unknown, termCount{id, tf})
			return
		}
		// Passages come in ascending order within each segment of the
		// index: the walk over the footnotes starts over with the next.
		if id < prev {
			f = 0
		}
		prev = id
		for f < len(notes) && notes[f] < id {
			f++
		}
		best.offer(estimate{id, score(float64(tf), float64(l)), f < len(notes) && notes[f] == id})
	})
	if err != nil {
		return nil, 0, err
	}
	if len(unknown) > 0 {
		slices.SortFunc(unknown, func(a, b termCount) int { return cmp.Compare(a.id, b.id) })
		rest, err := estimateTop(ctx, conn, term, unknown, score, n)
		if err != nil {
			return nil, 0, err
		}
		for _, e := range rest {
			best.offer(e)
		}
	}
	return bestFirst(best.heap, n), matches, nil
}

// wrongLengths counts the passages whose stored length (migration 0012)
// is known and differs from the index's: only a change made behind
// Dossier's back to either table leaves one. A file without the table
// (read-only, never migrated) has none.
func wrongLengths(ctx context.Context, q querier) (int, error) {
	stored, err := loadLengths(ctx, q)
	if err != nil || stored == nil {
		return 0, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, sz FROM passages_fts_docsize`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	wrong := 0
	for rows.Next() {
		var id int64
		var sz sql.RawBytes
		if err := rows.Scan(&id, &sz); err != nil {
			return 0, err
		}
		if l := stored.of(id); l != lengthUnknown {
			if n, _ := fts5Varint(sz); uint64(l) != n {
				wrong++
			}
		}
	}
	return wrong, rows.Err()
}
