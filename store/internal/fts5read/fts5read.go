// Package fts5read reads one term's doclist straight from an FTS5 index's
// shadow tables: for each row holding the term, its rowid and the number
// of times the term occurs in it. An fts5vocab instance table gives the
// same answer one SQLite row per occurrence, which costs ~100× more for a
// common word.
//
// The reader follows fts5_index.c of the SQLite that modernc.org/sqlite
// embeds (3.54.1): the structure record, the %_idx b-tree, leaf pages and
// doclists of detail=full indexes. Anything else it meets (detail other
// than full, secure-delete, tombstone pages, a page that does not parse) is
// ErrUnsupported, so that the caller asks fts5vocab instead: it never
// guesses.
package fts5read

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Querier is what Counts reads through: a *sql.DB, *sql.Conn or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Count is one row holding the term: N is the term's occurrences in it;
// from Positions, they are positions[Off:Off+N].
type Count struct {
	Rowid int64
	N     uint32
	Off   uint32
}

// ErrUnsupported says the index uses a feature or holds data this reader
// does not handle; the answer must come from fts5vocab.
var ErrUnsupported = errors.New("fts5read: index format not supported")

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUnsupported}, args...)...)
}

// Counts returns, in ascending rowid order, every row of the FTS5 table
// (in the main schema) holding term, as the index stores it (tokenized and
// stemmed, as fts5vocab shows it), with the term's occurrences in the row:
// what `SELECT doc, count(*) FROM <fts5vocab instance> WHERE term = ? GROUP
// BY doc` returns.
//
// Only what is committed is read: within a transaction that has written
// to the table, FTS5 may still hold rows in memory that fts5vocab sees.
func Counts(ctx context.Context, q Querier, table, term string) ([]Count, error) {
	return CountsIn(ctx, q, table, 0, term)
}

// CountsIn is Counts in one of the table's indexes: 0 the main index, i
// the i-th of its prefix indexes (prefix='2 3': 1 holds every token's
// first two characters, 2 its first three), where term is such a prefix
// and a row's count is its tokens that begin with it, as FTS5 counts them
// for the query term*.
func CountsIn(ctx context.Context, q Querier, table string, index int, term string) ([]Count, error) {
	return CountsUnless(ctx, q, table, index, term, 0)
}

// ErrTooMany is CountsUnless giving up on a term that occurs too often.
var ErrTooMany = errors.New("fts5read: the term occurs more often than asked for")

// CountsUnless is CountsIn, giving up with ErrTooMany once a segment shows
// the term more than perRow times a row on average over at least 4,096
// rows (a stopword: "the" is ~8 times in every passage), if perRow > 0. A
// caller that would not use such a term's counts is spared decoding
// millions of positions.
func CountsUnless(ctx context.Context, q Querier, table string, index int, term string, perRow float64) ([]Count, error) {
	counts, _, err := readTerm(ctx, q, table, index, term, perRow, false)
	return counts, err
}

// Positions is CountsIn with the term's positions in each row (token
// offsets, ascending): row c's are positions[c.Off:c.Off+c.N]. Only a table
// of one column is read (ErrUnsupported otherwise).
func Positions(ctx context.Context, q Querier, table string, index int, term string) (counts []Count, positions []uint32, err error) {
	return readTerm(ctx, q, table, index, term, 0, true)
}

// PositionsUnless is Positions, giving up with ErrTooMany on a term that
// occurs too often, as CountsUnless does.
func PositionsUnless(ctx context.Context, q Querier, table string, index int, term string, perRow float64) (counts []Count, positions []uint32, err error) {
	return readTerm(ctx, q, table, index, term, perRow, true)
}

func readTerm(ctx context.Context, q Querier, table string, index int, term string, perRow float64, withPositions bool) ([]Count, []uint32, error) {
	key, err := termKey(index, term)
	if err != nil {
		return nil, nil, err
	}
	t, err := openTable(ctx, q, table)
	if err != nil {
		return nil, nil, err
	}
	defer t.close()
	var out []Count
	var pos *[]uint32
	err = t.consistently(ctx, func(segs []segment) error {
		if withPositions {
			pos = new([]uint32)
		}
		lists, err := t.read(ctx, segs, key, perRow, pos)
		if err != nil {
			return err
		}
		// Delete markers are dropped in place: the lists are ours.
		merged := mergeAll(lists)
		out = merged[:0]
		for _, c := range merged {
			if c.N > 0 {
				out = append(out, c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if pos != nil {
		return out, *pos, nil
	}
	return out, nil, nil
}

// Each calls fn for every row holding term with the term's occurrences in
// it, as Counts returns them, without building the list: a common word's
// is tens of MB, and a process that searches once (`dossier search`) pays
// for every fresh MB. The rows come a segment at a time, newest first, and
// in rowid order within a segment only.
//
// start is called before each attempt: a read that met a change to the
// index (see readTerm) starts over, and the rows fn was given before then
// count for nothing; nor do they when Each returns an error.
func Each(ctx context.Context, q Querier, name string, index int, term string, start func(), fn func(rowid int64, n uint32)) error {
	_, err := readOnce(ctx, q, name, func(r *Reader) (struct{}, error) { return struct{}{}, r.Each(ctx, index, term, start, fn) })
	return err
}

// Each is the package's Each, read through r.
func (r *Reader) Each(ctx context.Context, index int, term string, start func(), fn func(rowid int64, n uint32)) error {
	return r.attempts(ctx, index, term, start, func(t *table, key []byte, segs []segment) error {
		return t.live(ctx, key, segs, false, func(rowid int64, n uint32) error {
			fn(rowid, n)
			return nil
		})
	})
}

// CountUpTo counts the rows holding term, as Each gives them, up to limit:
// it stops reading there (a common word's first pages), and reads no
// position list.
func CountUpTo(ctx context.Context, q Querier, name string, index int, term string, limit int) (int, error) {
	return readOnce(ctx, q, name, func(r *Reader) (int, error) { return r.CountUpTo(ctx, index, term, limit) })
}

// CountUpTo is the package's CountUpTo, read through r.
func (r *Reader) CountUpTo(ctx context.Context, index int, term string, limit int) (int, error) {
	n := 0
	err := r.attempts(ctx, index, term, func() { n = 0 }, func(t *table, key []byte, segs []segment) error {
		err := t.live(ctx, key, segs, true, func(int64, uint32) error {
			if n++; n >= limit {
				return errEnough
			}
			return nil
		})
		if errors.Is(err, errEnough) {
			return nil
		}
		return err
	})
	return n, err
}

// errEnough ends a read that has what it needs.
var errEnough = errors.New("fts5read: enough read")

// live gives fn the rows holding key, newest segment first: a row's entry
// in a segment hides those of older segments (a delete marker, N 0, hides
// them and is no match itself), so the rows of the segments read so far
// are kept as a set while older ones remain. An error from fn ends the
// read. With rowsOnly, N is 1 (position lists are not read).
func (t *table) live(ctx context.Context, key []byte, segs []segment, rowsOnly bool, fn func(rowid int64, n uint32) error) error {
	var newer rowSet
	for i, seg := range segs {
		check, record := i > 0, i < len(segs)-1
		err := t.segmentPages(ctx, seg, key, func(p *pages) error {
			p.rowsOnly = rowsOnly
			p.emit = func(c Count) error {
				if check && newer.has(c.Rowid) {
					return nil
				}
				if record {
					newer.add(c.Rowid)
				}
				if c.N > 0 {
					return fn(c.Rowid, c.N)
				}
				return nil
			}
			return p.doclist(key)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// EachPrefix calls fn for every row that holds a term of the index starting
// with prefix: what FTS5 matches for the query "prefix*" against that index
// (0 the main index, whose terms are the tokenizer's). A row comes once per
// such term it holds, in no particular order. Unlike FTS5, which merges
// every such term's doclist, positions and all, before it yields a row,
// only the rowids are read.
//
// The rows of the term except ("" none) are left out, its doclist not
// decoded (its pages are read in turn, as FTS5 reads them): a caller that
// has FTS5 match a common word itself (seeking through its doclist) asks
// only for the prefix's other terms.
//
// start is called before each attempt, as for Each.
func EachPrefix(ctx context.Context, q Querier, name string, index int, prefix, except string, start func(), fn func(rowid int64)) error {
	_, err := readOnce(ctx, q, name, func(r *Reader) (struct{}, error) {
		return struct{}{}, r.EachPrefix(ctx, index, prefix, except, start, fn)
	})
	return err
}

// EachPrefix is the package's EachPrefix, read through r.
func (r *Reader) EachPrefix(ctx context.Context, index int, prefix, except string, start func(), fn func(rowid int64)) error {
	read, err := prefixRows(ctx, index, except, func(rowid int64) error {
		fn(rowid)
		return nil
	})
	if err != nil {
		return err
	}
	return r.attempts(ctx, index, prefix, start, read)
}

// CountPrefixUpTo counts the rows holding a term of the index that starts
// with prefix (the rows FTS5 matches for "prefix*"), each row once, up to
// limit: it stops reading there. FTS5 would merge every such term's
// doclist in full before it counted one row ("trum*" at 100k passages:
// all of "trump"'s).
func CountPrefixUpTo(ctx context.Context, q Querier, name string, index int, prefix string, limit int) (int, error) {
	return readOnce(ctx, q, name, func(r *Reader) (int, error) { return r.CountPrefixUpTo(ctx, index, prefix, limit) })
}

// CountPrefixUpTo is the package's CountPrefixUpTo, read through r.
func (r *Reader) CountPrefixUpTo(ctx context.Context, index int, prefix string, limit int) (int, error) {
	var seen rowSet
	n := 0
	read, err := prefixRows(ctx, index, "", func(rowid int64) error {
		if seen.has(rowid) {
			return nil
		}
		seen.add(rowid)
		if n++; n >= limit {
			return errEnough
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	err = r.attempts(ctx, index, prefix, func() { seen, n = rowSet{}, 0 }, func(t *table, key []byte, segs []segment) error {
		// Caught here, so that the read is still checked for a change of
		// the index under it (consistently).
		if err := read(t, key, segs); !errors.Is(err, errEnough) {
			return err
		}
		return nil
	})
	return n, err
}

// prefixRows is EachPrefix's read of the index: fn gets each row holding a
// term that starts with the key, once per term, and an error from it ends
// the read.
func prefixRows(ctx context.Context, index int, except string, fn func(rowid int64) error) (func(t *table, key []byte, segs []segment) error, error) {
	skip, err := termKey(index, except)
	if err != nil {
		return nil, err
	}
	if except == "" {
		skip = nil
	}
	return func(t *table, key []byte, segs []segment) error {
		// As in Each, but a term's entry hides only the same term's
		// entries in older segments: a row set per term.
		newer := map[string]*rowSet{}
		for i, seg := range segs {
			check, record := i > 0, i < len(segs)-1
			var rows *rowSet
			err := t.prefixEntries(ctx, seg, key, func(term []byte) bool {
				if bytes.Equal(term, skip) {
					return false
				}
				rows = nil
				if check || record {
					rows = newer[string(term)]
					if rows == nil && record {
						rows = new(rowSet)
						newer[string(term)] = rows
					}
				}
				return true
			}, func(c Count) error {
				if rows != nil {
					if check && rows.has(c.Rowid) {
						return nil
					}
					if record {
						rows.add(c.Rowid)
					}
				}
				if c.N > 0 {
					return fn(c.Rowid)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// prefixEntries gives the entries of seg's terms that start with key, term
// by term in term order: begin is called with each term (valid until it
// returns), then, unless it returned false, emit with the term's entries in
// rowid order (N 1, or 0 for a delete marker).
func (t *table) prefixEntries(ctx context.Context, seg segment, key []byte, begin func(term []byte) bool, emit func(Count) error) error {
	return t.segmentPages(ctx, seg, key, func(p *pages) error {
		p.emit, p.rowsOnly = emit, true
		return p.prefixDoclists(key, begin)
	})
}

// prefixDoclists reads the doclists of every term starting with key, from
// the first page on.
func (p *pages) prefixDoclists(key []byte, begin func(term []byte) bool) error {
	if ok, err := p.advance(); err != nil || !ok {
		if err == nil {
			err = unsupported("segment %d: page %d missing", p.seg.id, p.next)
		}
		return err
	}
	for {
		// The terms of the page in turn; a doclist that goes on to
		// further pages ends on one whose first term is the next.
		it := termIter{l: p.leaf, idx: p.leaf.b[p.leaf.szLeaf:]}
		for {
			start, end, ok, err := it.next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			if bytes.Compare(it.term, key) < 0 {
				continue
			}
			if !bytes.HasPrefix(it.term, key) {
				return nil // past the prefix's terms
			}
			if !begin(it.term) {
				// Its doclist is not decoded: the next term is on this
				// page, or first on the next page that has one. (Its pages
				// are still read in turn: a jump to the page the b-tree
				// names for the next term trusts one %_idx row, and a
				// damaged one would skip terms unseen; FTS5 reads on.)
				continue
			}
			page := p.next
			if err := p.doclistAt(start, end); err != nil {
				return err
			}
			if p.ended {
				return nil
			}
			if p.next != page {
				it = termIter{l: p.leaf, idx: p.leaf.b[p.leaf.szLeaf:]}
			}
		}
		// Past the page's last term: on to the next page that has one
		// (those between hold the rest of its doclist).
		for {
			ok, err := p.advance()
			if err != nil || !ok {
				return err
			}
			if p.leaf.firstTermOff() != 0 {
				break
			}
		}
	}
}

// Pages estimates the size of term's doclist in the index from the index's
// b-trees alone: the leaf pages from the one holding its first entries to
// the first that starts with a later term, summed over the segments. A
// term absent from a segment may still count one, and the doclists of the
// terms after it on its last page count too (all of the next one's, if it
// fills pages of its own). Reading no leaf, it is cheap beside any read of
// the doclist.
func Pages(ctx context.Context, q Querier, name string, index int, term string) (int64, error) {
	return readOnce(ctx, q, name, func(r *Reader) (int64, error) { return r.Pages(ctx, index, term) })
}

// Pages is the package's Pages, read through r.
func (r *Reader) Pages(ctx context.Context, index int, term string) (int64, error) {
	var total int64
	err := r.attempts(ctx, index, term, func() { total = 0 }, func(t *table, key []byte, segs []segment) error {
		for _, seg := range segs {
			first, last := seg.first, seg.last
			var v int64
			switch err := t.queryIdx(ctx, seg.id, key).Scan(&v); {
			case err == nil:
				first = max(v>>1, seg.first)
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			switch err := t.q.QueryRowContext(ctx, t.afterSQL, seg.id, key).Scan(&v); {
			case err == nil:
				last = min(v>>1, seg.last)
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			total += max(last-first, 0) + 1
		}
		return nil
	})
	return total, err
}

// Reader reads the index of one FTS5 table for as many reads as asked:
// the table's options are checked and its statements prepared once, which
// costs more than reading a rare term's doclist (~0.2 ms: a search that
// reads five terms paid it five times). The package's functions each open
// one for a single read.
type Reader struct {
	t *table
	// snapshot is the index's structure record as the one read
	// transaction every read runs in sees it (nil: none), where the index
	// cannot change: it is then parsed once, not read before and after
	// each read (see consistently).
	snapshot []byte
	parsed   bool
	segs     []segment
	err      error // the structure record's, when parsed
}

// Open opens table name (in the main schema) of q for reading; Close
// releases it. Pass snapshot, the index's structure record (its %_data row
// 10), only when q is a read transaction that read it and writes nothing
// to the table while the Reader is in use; nil otherwise.
func Open(ctx context.Context, q Querier, name string, snapshot []byte) (*Reader, error) {
	t, err := openTable(ctx, q, name)
	if err != nil {
		return nil, err
	}
	return &Reader{t: t, snapshot: snapshot}, nil
}

// Close releases r's statements.
func (r *Reader) Close() { r.t.close() }

// readOnce runs read through a Reader opened for it alone.
func readOnce[T any](ctx context.Context, q Querier, name string, read func(r *Reader) (T, error)) (T, error) {
	r, err := Open(ctx, q, name, nil)
	if err != nil {
		var zero T
		return zero, err
	}
	defer r.Close()
	return read(r)
}

// attempts runs read over one state of the index (see consistently), with
// term's key in the index, calling start before each attempt.
func (r *Reader) attempts(ctx context.Context, index int, term string, start func(), read func(t *table, key []byte, segs []segment) error) error {
	key, err := termKey(index, term)
	if err != nil {
		return err
	}
	if r.snapshot == nil {
		return r.t.consistently(ctx, func(segs []segment) error {
			start()
			return read(r.t, key, segs)
		})
	}
	if !r.parsed {
		r.segs, r.err = parseStructure(r.snapshot)
		r.parsed = true
	}
	if r.err != nil {
		return r.err
	}
	start()
	return read(r.t, key, r.segs)
}

// termKey is term's key in the index: '0' marks the main index, '1'… its
// prefix indexes.
func termKey(index int, term string) ([]byte, error) {
	if index < 0 || index > 31 {
		return nil, fmt.Errorf("fts5read: no index %d", index)
	}
	return append([]byte{byte('0' + index)}, term...), nil
}

// consistently runs read over the index's segments until it ran over one
// state of the index. Every write to the index that changes its pages
// changes the structure record (segments, pages, write counter); reading
// it again afterwards shows whether all the pages came from one state of
// the index, as they may not when q is a pool of connections. (A merge may
// even have removed pages being read: ErrUnsupported then means nothing.)
func (t *table) consistently(ctx context.Context, read func(segs []segment) error) error {
	for range 3 {
		before, err := t.structure(ctx)
		if err != nil {
			return err
		}
		segs, err := parseStructure(before)
		if err != nil {
			return err
		}
		err = read(segs)
		if err != nil && !errors.Is(err, ErrUnsupported) {
			return err
		}
		after, aerr := t.structure(ctx)
		if aerr != nil {
			return aerr
		}
		if bytes.Equal(before, after) {
			return err
		}
	}
	return unsupported("the index kept changing while it was read")
}

// rowSet is a set of rowids: a bitmap for the dense ids an index of
// passages has, a map for any beyond (a crafted file's), so that a huge
// rowid costs no huge bitmap.
type rowSet struct {
	bits []uint64
	far  map[int64]struct{}
}

// denseRows bounds the bitmap (8 MB).
const denseRows = 1 << 26

func (s *rowSet) add(r int64) {
	if r < 0 || r >= denseRows {
		if s.far == nil {
			s.far = map[int64]struct{}{}
		}
		s.far[r] = struct{}{}
		return
	}
	w := int(r >> 6)
	if w >= len(s.bits) {
		bits := make([]uint64, max(w+1, 2*len(s.bits)))
		copy(bits, s.bits)
		s.bits = bits
	}
	s.bits[w] |= 1 << (r & 63)
}

func (s *rowSet) has(r int64) bool {
	if r < 0 || r >= denseRows {
		_, ok := s.far[r]
		return ok
	}
	w := int(r >> 6)
	return w < len(s.bits) && s.bits[w]&(1<<(r&63)) != 0
}

// read returns each segment's entries for key.
func (t *table) read(ctx context.Context, segs []segment, key []byte, perRow float64, pos *[]uint32) ([][]Count, error) {
	lists := make([][]Count, 0, len(segs))
	for _, s := range segs {
		var out []Count
		var instances uint64
		err := t.segmentEntries(ctx, s, key, pos, func(c Count) error {
			if len(out) == cap(out) {
				// Doubling: append grows large slices by about a quarter,
				// copying a common word's entries some 25 times over.
				out = slices.Grow(out, max(len(out), 1024))
			}
			out = append(out, c)
			if perRow > 0 {
				instances += uint64(c.N)
				if len(out)%4096 == 0 && float64(instances) > perRow*float64(len(out)) {
					return ErrTooMany
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		lists = append(lists, out)
	}
	return lists, nil
}

// table holds the queries reading one FTS5 table's shadow tables.
type table struct {
	q                                     Querier
	structSQL, idxSQL, afterSQL, pagesSQL string
	// prefixes are the lengths of the table's prefix indexes, in the
	// order its CREATE statement gives them (index i holds prefixes of
	// prefixes[i-1] characters); nil if the statement has none, or sets
	// them in a way prefixOption does not read.
	prefixes []int
	// The two queries run for each segment, prepared once when q can
	// (preparing costs more than running them).
	idx, pages *sql.Stmt
}

type preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

func (t *table) close() {
	for _, st := range []*sql.Stmt{t.idx, t.pages} {
		if st != nil {
			st.Close()
		}
	}
}

func (t *table) queryIdx(ctx context.Context, args ...any) *sql.Row {
	if t.idx != nil {
		return t.idx.QueryRowContext(ctx, args...)
	}
	return t.q.QueryRowContext(ctx, t.idxSQL, args...)
}

func (t *table) queryPages(ctx context.Context, args ...any) (*sql.Rows, error) {
	if t.pages != nil {
		return t.pages.QueryContext(ctx, args...)
	}
	return t.q.QueryContext(ctx, t.pagesSQL, args...)
}

func openTable(ctx context.Context, q Querier, name string) (*table, error) {
	var ddl string
	err := q.QueryRowContext(ctx, `SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?`, name).Scan(&ddl)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("fts5read: no table %q", name)
	}
	if err != nil {
		return nil, err
	}
	if err := checkOptions(ddl); err != nil {
		return nil, err
	}
	prefixes := prefixOption(ddl)
	quoted := func(suffix string) string {
		return `main."` + strings.ReplaceAll(name+suffix, `"`, `""`) + `"`
	}
	// Version 5 is the secure-delete format: deletes rewrite pages in place.
	var version int64
	err = q.QueryRowContext(ctx, `SELECT v FROM `+quoted("_config")+` WHERE k = 'version'`).Scan(&version)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if version != 4 {
		return nil, unsupported("index version %d", version)
	}
	var secure int64
	err = q.QueryRowContext(ctx, `SELECT v FROM `+quoted("_config")+` WHERE k = 'secure-delete'`).Scan(&secure)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if secure != 0 {
		return nil, unsupported("secure-delete is on")
	}
	t := &table{
		q:         q,
		structSQL: `SELECT block FROM ` + quoted("_data") + ` WHERE id = 10`,
		// As fts5_index.c finds the leaf that may hold a term.
		idxSQL:   `SELECT pgno FROM ` + quoted("_idx") + ` WHERE segid = ? AND term <= ? ORDER BY term DESC LIMIT 1`,
		afterSQL: `SELECT pgno FROM ` + quoted("_idx") + ` WHERE segid = ? AND term > ? ORDER BY term LIMIT 1`,
		pagesSQL: `SELECT id, block FROM ` + quoted("_data") + ` WHERE id BETWEEN ? AND ? ORDER BY id`,
		prefixes: prefixes,
	}
	if p, ok := q.(preparer); ok {
		if t.idx, err = p.PrepareContext(ctx, t.idxSQL); err == nil {
			t.pages, err = p.PrepareContext(ctx, t.pagesSQL)
		}
		if err != nil {
			t.close()
			return nil, err
		}
	}
	return t, nil
}

// prefixOption reads the lengths of a CREATE statement's prefix indexes as
// fts5_config.c does: each prefix= option (quoted or not) adds its
// numbers, separated by spaces or commas, in order. Anything else that
// says "prefix" (another spelling, a column of that name) makes it give
// up: nil, as for a table without prefix indexes, so that a caller asks
// FTS5 instead of reading a doclist that may not be the one FTS5 reads.
func prefixOption(ddl string) []int {
	all := prefixOptions.FindAllStringSubmatch(ddl, -1)
	if len(all) != strings.Count(strings.ToLower(ddl), "prefix") {
		return nil
	}
	var lengths []int
	for _, m := range all {
		value := m[1] + m[2] + m[3]
		for _, f := range strings.FieldsFunc(value, func(r rune) bool { return r == ' ' || r == ',' }) {
			n, err := strconv.Atoi(f)
			if err != nil || n <= 0 || n >= 1000 {
				return nil
			}
			lengths = append(lengths, n)
		}
	}
	return lengths
}

var prefixOptions = regexp.MustCompile(`(?i)[\s,(]prefix\s*=\s*(?:'([^']*)'|"([^"]*)"|([0-9]+))`)

// PrefixIndex is the number of the table's prefix index that holds the
// prefixes of chars characters, the one FTS5 reads a prefix query of that
// length (as tokenized) from; 0 if there is none, or the reader cannot
// tell.
func (r *Reader) PrefixIndex(chars int) int {
	return slices.Index(r.t.prefixes, chars) + 1
}

// PrefixIndex is Reader.PrefixIndex for table name of q.
func PrefixIndex(ctx context.Context, q Querier, name string, chars int) (int, error) {
	return readOnce(ctx, q, name, func(r *Reader) (int, error) { return r.PrefixIndex(chars), nil })
}

// checkOptions refuses tables whose CREATE statement sets an option that
// changes what doclists hold. A false alarm only costs the fallback.
func checkOptions(ddl string) error {
	s := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\'', '"', '`', '[', ']':
			return -1
		}
		return r
	}, strings.ToLower(ddl))
	if !strings.Contains(s, "usingfts5(") {
		return unsupported("not an FTS5 table")
	}
	for opt, want := range map[string]string{"detail=": "full", "tokendata=": "0"} {
		for rest := s; ; {
			i := strings.Index(rest, opt)
			if i < 0 {
				break
			}
			rest = rest[i+len(opt):]
			if after, ok := strings.CutPrefix(rest, want); !ok || after == "" || after[0] != ',' && after[0] != ')' {
				return unsupported("option %s%s", opt, strings.SplitN(rest, ",", 2)[0])
			}
		}
	}
	return nil
}

func (t *table) structure(ctx context.Context) ([]byte, error) {
	var b []byte
	err := t.q.QueryRowContext(ctx, t.structSQL).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, unsupported("no structure record")
	}
	return b, err
}

// segment is one b-tree of the index; its leaves are pages first…last.
type segment struct {
	id, first, last int64
}

// pageRowid is FTS5_SEGMENT_ROWID: segment id above a 37-bit page number
// (the dlidx flag and height bits are zero for leaves).
func pageRowid(segid, pgno int64) int64 { return segid<<37 | pgno }

// parseStructure decodes the structure record and returns the segments
// newest first: level 0 first and, within a level, the segment appended
// last first, the order in which fts5MultiIterNew lets an entry for a rowid
// hide those of the segments after it.
func parseStructure(b []byte) ([]segment, error) {
	if len(b) < 4 {
		return nil, unsupported("structure record of %d bytes", len(b))
	}
	r := reader{b: b[4:]} // after the config cookie
	v2 := bytes.HasPrefix(r.b, []byte{0xff, 0x00, 0x00, 0x01})
	if v2 {
		r.b = r.b[4:]
	}
	nLevel, nSegment := r.varint(), r.varint()
	r.varint() // write counter
	if r.bad || nLevel > 2000 || nSegment > 2000 {
		return nil, unsupported("structure record header")
	}
	var segs []segment
	for range nLevel {
		r.varint() // segments of the level being merged into the next
		nTotal := r.varint()
		if r.bad || nTotal > nSegment {
			return nil, unsupported("structure record level")
		}
		level := make([]segment, 0, nTotal)
		for range nTotal {
			s := segment{id: int64(r.varint()), first: int64(r.varint()), last: int64(r.varint())}
			if v2 {
				r.varint() // origin range, for contentless_delete
				r.varint()
				if r.varint() != 0 {
					return nil, unsupported("tombstone pages")
				}
				r.varint() // tombstone entries, entries
				r.varint()
			}
			if r.bad || s.id < 1 || s.id > 0xffff || s.last < s.first || s.last >= 1<<31 {
				return nil, unsupported("structure record segment")
			}
			level = append(level, s)
		}
		for i := len(level) - 1; i >= 0; i-- {
			// An input to an incremental merge whose pages were all moved
			// to the output is left with pages 0…0.
			if level[i].first > 0 {
				segs = append(segs, level[i])
			}
		}
		nSegment -= nTotal
	}
	if r.bad || nSegment != 0 || len(r.b) != 0 {
		return nil, unsupported("structure record length")
	}
	return segs, nil
}

// segmentEntries returns seg's entries for key in ascending rowid order.
// An empty entry (N 0) is a delete marker: it hides older segments'
// entries for the rowid and is itself no match.
func (t *table) segmentEntries(ctx context.Context, seg segment, key []byte, pos *[]uint32, emit func(Count) error) error {
	return t.segmentPages(ctx, seg, key, func(p *pages) error {
		p.pos, p.emit = pos, emit
		return p.doclist(key)
	})
}

// segmentPages runs read over seg's leaves from the one that may hold key.
func (t *table) segmentPages(ctx context.Context, seg segment, key []byte, read func(p *pages) error) error {
	pgno := seg.first
	var v int64
	switch err := t.queryIdx(ctx, seg.id, key).Scan(&v); {
	case err == nil:
		// The low bit flags a doclist index, which only helps seeking by
		// rowid; pages before first were trimmed by an incremental merge.
		pgno = max(v>>1, seg.first)
	case errors.Is(err, sql.ErrNoRows):
	default:
		return err
	}
	if pgno > seg.last {
		return unsupported("segment %d: b-tree points past its last page", seg.id)
	}
	rows, err := t.queryPages(ctx, pageRowid(seg.id, pgno), pageRowid(seg.id, seg.last))
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := read(&pages{ctx: ctx, rows: rows, seg: seg, next: pgno}); err != nil {
		return err
	}
	// A cancelled or failed read ends the rows early, which must not pass
	// for the end of the doclist.
	if err := rows.Close(); err != nil {
		return err
	}
	return ctx.Err()
}

// pages reads a segment's leaves in order.
type pages struct {
	ctx     context.Context
	rows    *sql.Rows
	seg     segment
	next    int64 // number of the page advance reads
	leaf    leaf
	scratch []byte // a position list split across pages
	// emit is given each entry of the doclist in turn; an error from it
	// ends the read.
	emit func(Count) error
	// pos, if not nil, collects the positions of every entry (the
	// entries' Off index it), for all segments of one read.
	pos *[]uint32
	// rowsOnly leaves position lists uncounted: an entry's N is 1, or 0
	// for a delete marker.
	rowsOnly bool
	ended    bool // advance found no page after the segment's last
}

// leaf is one leaf page: a 4-byte header (offset of the first rowid that
// does not follow a term, 0 if none; size of the entries), the entries,
// then the page index: varints locating each term on the page.
type leaf struct {
	b      []byte
	szLeaf int
}

func (l leaf) firstRowidOff() int { return int(l.b[0])<<8 | int(l.b[1]) }

// firstTermOff is the offset of the page's first term, 0 if none
// (advance checked it).
func (l leaf) firstTermOff() int {
	v, _ := uvarint(l.b[l.szLeaf:])
	return int(v)
}

// docEnd is where the entries that continue a doclist onto this page end:
// at its first term, or the end of its entries.
func (l leaf) docEnd() int {
	if off := l.firstTermOff(); off > 0 {
		return off
	}
	return l.szLeaf
}

// advance reads the next page; false at the end of the segment.
func (p *pages) advance() (bool, error) {
	if p.next > p.seg.last {
		p.ended = true
		return false, nil
	}
	if !p.rows.Next() {
		if err := p.rows.Err(); err != nil {
			return false, err
		}
		if err := p.ctx.Err(); err != nil {
			return false, err
		}
		return false, unsupported("segment %d: page %d missing", p.seg.id, p.next)
	}
	var id int64
	var b sql.RawBytes // valid until the next page: only the scratch outlives it
	if err := p.rows.Scan(&id, &b); err != nil {
		return false, err
	}
	if id != pageRowid(p.seg.id, p.next) {
		return false, unsupported("segment %d: page %d missing", p.seg.id, p.next)
	}
	if len(b) < 4 {
		return false, unsupported("segment %d: page %d of %d bytes", p.seg.id, p.next, len(b))
	}
	sz := int(b[2])<<8 | int(b[3])
	if sz < 4 || sz > len(b) {
		return false, unsupported("segment %d: page %d: size %d of %d bytes", p.seg.id, p.next, sz, len(b))
	}
	if fr := int(b[0])<<8 | int(b[1]); fr != 0 && fr < 4 {
		return false, unsupported("segment %d: page %d: first rowid at %d", p.seg.id, p.next, fr)
	}
	if len(b) > sz {
		if v, w := uvarint(b[sz:]); w == 0 || v < 4 || v >= uint64(sz) {
			return false, unsupported("segment %d: page %d: first term at %d", p.seg.id, p.next, v)
		}
	}
	p.leaf = leaf{b: b, szLeaf: sz}
	p.next++
	return true, nil
}

// doclist finds key on the first page and reads its doclist, which may
// continue over the following pages.
func (p *pages) doclist(key []byte) error {
	ok, err := p.advance()
	if err != nil {
		return err
	}
	if !ok {
		return unsupported("segment %d: page %d missing", p.seg.id, p.next)
	}
	off, end, found, err := seekTerm(p.leaf, key)
	if err != nil || !found {
		return err
	}
	return p.doclistAt(off, end)
}

// doclistAt reads the doclist that starts at off on the current page, where
// end is the next term's offset (or the end of the page's entries). It
// returns on the page where the doclist ended: the next term, if any, is at
// end there, or first on the page if the doclist went on to further pages.
func (p *pages) doclistAt(off, end int) (err error) {
	// A term that ends a page has its first rowid at the start of the next.
	for off >= p.leaf.szLeaf {
		ok, err := p.advance()
		if err != nil {
			return err
		}
		if !ok {
			return unsupported("segment %d: term without doclist", p.seg.id)
		}
		off, end = 4, p.leaf.docEnd()
	}
	first, w := uvarint(p.leaf.b[off:p.leaf.szLeaf]) // the first rowid of a doclist is whole
	if w == 0 {
		return unsupported("segment %d: rowid", p.seg.id)
	}
	// Rowids are stored as unsigned 64 bits, deltas wrapping: a negative
	// rowid is a huge one.
	rowid := int64(first)
	off += w
	for {
		b := p.leaf.b[:p.leaf.szLeaf]
		// The size of the position list, doubled, plus a delete flag; a
		// delete marker has no positions, a deleted and re-added row has.
		sz, w := uvarint(b[off:])
		if w == 0 {
			return unsupported("segment %d: position list size", p.seg.id)
		}
		off += w
		size := sz >> 1
		var list []byte
		spans := uint64(len(b)-off) < size
		if !spans {
			list, off = b[off:off+int(size)], off+int(size)
		} else if list, off, err = p.spanningList(off, size); err != nil {
			return err
		}
		var n uint32
		var off0 int
		if p.rowsOnly {
			n = uint32(min(size, 1))
		} else if p.pos != nil {
			off0 = len(*p.pos)
			*p.pos, err = appendPositions(*p.pos, list)
			n = uint32(len(*p.pos) - off0)
		} else {
			n, err = countPositions(list)
		}
		if err != nil {
			return err
		}
		if (n == 0) != (size == 0) {
			return unsupported("segment %d: rowid %d: position list", p.seg.id, rowid)
		}
		if err := p.emit(Count{Rowid: rowid, N: n, Off: uint32(off0)}); err != nil {
			return err
		}

		// The next entry is on this page unless the doclist ends here…
		if !spans && off < len(b) {
			if off >= end {
				if off != end {
					return unsupported("segment %d: doclist overruns a term", p.seg.id)
				}
				return nil
			}
			delta, w := uvarint(b[off:])
			next := rowid + int64(delta)
			if w == 0 || next <= rowid {
				return unsupported("segment %d: rowid delta", p.seg.id)
			}
			rowid, off = next, off+w
			continue
		}
		// …or on the first following page that has a rowid (its first
		// rowid whole) before any term; a page that starts with a term
		// ends the doclist, as does the end of the segment.
		checkOff := spans // the list ended on this page at off
		for {
			if !checkOff {
				if ok, err := p.advance(); err != nil || !ok {
					return err
				}
			}
			l := p.leaf
			fr, ft := l.firstRowidOff(), l.firstTermOff()
			if fr >= l.szLeaf {
				fr = 0
			}
			if checkOff && fr == 0 && ft == 0 && off != l.szLeaf ||
				checkOff && fr != 0 && fr != off ||
				checkOff && fr == 0 && ft != 0 && ft != off {
				return unsupported("segment %d: position list ends at %d", p.seg.id, off)
			}
			checkOff = false
			if fr != 0 {
				next, w := uvarint(l.b[fr:l.szLeaf])
				if w == 0 || int64(next) <= rowid {
					return unsupported("segment %d: rowid after %d", p.seg.id, rowid)
				}
				rowid, off, end = int64(next), fr+w, l.docEnd()
				break
			}
			if ft != 0 {
				return nil
			}
		}
	}
}

// spanningList gathers a position list of size bytes that starts at off
// and continues at offset 4 of the following pages; it returns the list
// and where it ends on the page it ends on.
func (p *pages) spanningList(off int, size uint64) ([]byte, int, error) {
	p.scratch = append(p.scratch[:0], p.leaf.b[off:p.leaf.szLeaf]...)
	rem := size - uint64(len(p.scratch))
	for {
		ok, err := p.advance()
		if err != nil {
			return nil, 0, err
		}
		if !ok {
			return nil, 0, unsupported("segment %d: position list past the last page", p.seg.id)
		}
		l := p.leaf
		chunk := uint64(l.szLeaf - 4)
		if rem <= chunk {
			p.scratch = append(p.scratch, l.b[4:4+int(rem)]...)
			return p.scratch, 4 + int(rem), nil
		}
		// A page the list fills holds nothing else.
		if fr := l.firstRowidOff(); fr != 0 && fr < l.szLeaf || l.firstTermOff() != 0 {
			return nil, 0, unsupported("segment %d: entry inside a position list", p.seg.id)
		}
		p.scratch = append(p.scratch, l.b[4:l.szLeaf]...)
		rem -= chunk
	}
}

// seekTerm looks for key among the terms of l. It returns where the
// term's doclist starts and where it ends on this page (the next term, or
// the end of entries).
func seekTerm(l leaf, key []byte) (start, end int, found bool, err error) {
	it := termIter{l: l, idx: l.b[l.szLeaf:]}
	if len(it.idx) == 0 {
		return 0, 0, false, unsupported("term page without terms")
	}
	for {
		start, end, ok, err := it.next()
		if err != nil || !ok {
			return 0, 0, false, err
		}
		switch c := bytes.Compare(it.term, key); {
		case c > 0:
			return 0, 0, false, nil
		case c == 0:
			return start, end, true, nil
		}
	}
}

// termIter walks the terms of a leaf in order, through its page index. A
// term is stored whole when first on its page, else as the length of the
// prefix it shares with the term before it and the rest.
type termIter struct {
	l       leaf
	idx     []byte // the page index's entries not yet read
	termOff int
	term    []byte // the current term (overwritten by next)
	started bool
}

// next moves to the page's next term; ok is false past the last. It
// returns where the term's doclist starts and where it ends on this page.
func (it *termIter) next() (start, end int, ok bool, err error) {
	if len(it.idx) == 0 {
		return 0, 0, false, nil
	}
	l := it.l
	d, w := uvarint(it.idx)
	if w == 0 || d == 0 || uint64(l.szLeaf-it.termOff) <= d {
		return 0, 0, false, unsupported("page index")
	}
	it.idx, it.termOff = it.idx[w:], it.termOff+int(d)
	if it.termOff < 4 {
		return 0, 0, false, unsupported("page index")
	}
	r := reader{b: l.b[it.termOff:l.szLeaf]}
	keep := uint64(0)
	if it.started {
		keep = r.varint()
	}
	it.started = true
	nNew := r.varint()
	if r.bad || keep > uint64(len(it.term)) || nNew > uint64(len(r.b)) {
		return 0, 0, false, unsupported("term at %d", it.termOff)
	}
	it.term = append(it.term[:keep], r.b[:nNew]...)
	start, end = l.szLeaf-len(r.b)+int(nNew), l.szLeaf
	if len(it.idx) > 0 {
		if d, w := uvarint(it.idx); w > 0 && d > 0 && uint64(l.szLeaf-it.termOff) > d {
			end = it.termOff + int(d)
		} else {
			return 0, 0, false, unsupported("page index")
		}
	}
	if end < start {
		return 0, 0, false, unsupported("term at %d", it.termOff)
	}
	return start, end, true, nil
}

// countPositions counts the positions in a detail=full position list:
// varints of position deltas plus 2, where a 1 announces that the next
// varint is a column number (only in tables of several columns).
func countPositions(list []byte) (uint32, error) {
	var n uint32
	for len(list) > 0 {
		if list[0] >= 2 && list[0] < 0x80 { // the common one-byte delta
			n++
			list = list[1:]
			continue
		}
		v, w := uvarint(list)
		if w == 0 || v == 0 {
			return 0, unsupported("position list")
		}
		list = list[w:]
		if v == 1 {
			if _, w = uvarint(list); w == 0 {
				return 0, unsupported("position list")
			}
			list = list[w:]
			// The column's first position must follow.
			if v, w = uvarint(list); w == 0 || v < 2 {
				return 0, unsupported("position list")
			}
			list = list[w:]
		}
		n++
	}
	return n, nil
}

// appendPositions appends the positions of a detail=full position list of
// a one-column table: varints of each position's distance from the one
// before, plus 2 (a 1 would announce another column).
func appendPositions(dst []uint32, list []byte) ([]uint32, error) {
	var at uint64
	for len(list) > 0 {
		v, w := uvarint(list)
		if w == 0 || v < 2 {
			return dst, unsupported("position list (or a column other than the first)")
		}
		list = list[w:]
		at += v - 2
		if at > 1<<31 || len(dst) >= 1<<32-1 {
			return dst, unsupported("position %d", at)
		}
		dst = append(dst, uint32(at))
	}
	return dst, nil
}

// mergeAll merges segments' entry lists, newest first, into one in rowid
// order in which a rowid's entry is that of the newest list holding it.
func mergeAll(lists [][]Count) []Count {
	switch len(lists) {
	case 0:
		return nil
	case 1:
		return lists[0]
	}
	half := len(lists) / 2
	return mergeNewer(mergeAll(lists[half:]), mergeAll(lists[:half]))
}

func mergeNewer(older, newer []Count) []Count {
	if len(older) == 0 {
		return newer
	}
	if len(newer) == 0 {
		return older
	}
	if older[len(older)-1].Rowid < newer[0].Rowid {
		// Rows imported later have higher rowids: often nothing overlaps.
		return append(older, newer...)
	}
	out := make([]Count, 0, len(older)+len(newer))
	i, j := 0, 0
	for i < len(older) && j < len(newer) {
		switch o, n := older[i].Rowid, newer[j].Rowid; {
		case o < n:
			out = append(out, older[i])
			i++
		case o > n:
			out = append(out, newer[j])
			j++
		default:
			out = append(out, newer[j])
			i++
			j++
		}
	}
	out = append(out, older[i:]...)
	return append(out, newer[j:]...)
}

// uvarint decodes an SQLite varint: big-endian groups of 7 bits, each byte
// but the last with its high bit set, a ninth byte giving 8 bits. w is 0
// when b ends first.
func uvarint(b []byte) (v uint64, w int) {
	for i := 0; i < len(b); i++ {
		if i == 8 {
			return v<<8 | uint64(b[i]), 9
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}

// reader decodes varints in turn; bad records running out of bytes.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) varint() uint64 {
	v, w := uvarint(r.b)
	if w == 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[w:]
	return v
}
