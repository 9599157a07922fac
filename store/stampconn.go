package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Every transaction of the store's pool that changes rows also stamps
// meta (writtenKey), so that every -wal the store leaves holds the page of
// meta that names the file (fileIDKey). Without it a -wal held only the
// pages its last changes touched, and another research file's, left at
// this file's name, passed the identity check and was folded in: the
// file's bookmarks and titles became the other file's (a hostile pass).
// It costs a page of each write (the meta page; meta is a few rows), two
// should meta span pages (see Commit).

// writtenKey stamps meta with the time of the last change.
const writtenKey = "written"

// stampConn is a connection of the store's pool (guardedConnector), s's.
type stampConn struct {
	inner driver.Conn
	s     *Store
	tx    *stampTx // the write transaction under way, if any
}

// quietKey marks a context whose writes no user sees (bookkeeping).
type quietKey struct{}

// bookkeeping is ctx for writes no user sees: an import's note of itself
// in meta (see unfinished.go). A transaction that changes nothing else
// leaves meta's stamp (writtenKey) as it was, so that a window open on the
// file (ChangedOutside) does not say "The research file changed" of
// another program's import that added nothing (a hostile UI pass).
func bookkeeping(ctx context.Context) context.Context {
	return context.WithValue(ctx, quietKey{}, true)
}

func (c *stampConn) Prepare(q string) (driver.Stmt, error) { return c.inner.Prepare(q) }
func (c *stampConn) Close() error                          { return c.inner.Close() }
func (c *stampConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *stampConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	b, ok := c.inner.(driver.ConnBeginTx)
	if !ok {
		return nil, errors.New("the SQLite driver cannot begin a transaction with options")
	}
	tx, err := b.BeginTx(ctx, opts)
	if err != nil || opts.ReadOnly {
		return tx, err
	}
	if c.s != nil {
		c.s.writesBegun.Add(1) // before it can commit: see ChangedOutside
	}
	changes, _ := c.totalChanges(ctx)
	c.tx = &stampTx{Tx: tx, c: c, changes: changes}
	return c.tx, nil
}

func (c *stampConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	if p, ok := c.inner.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, q)
	}
	return c.inner.Prepare(q)
}

func (c *stampConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	if c.s != nil {
		c.s.writesBegun.Add(1) // a statement of its own may commit (a merge, a backup's)
	}
	e, ok := c.inner.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	if ctx.Value(quietKey{}) == nil || c.tx == nil {
		return e.ExecContext(ctx, q, args)
	}
	before, err := c.totalChanges(ctx)
	r, xerr := e.ExecContext(ctx, q, args)
	if after, aerr := c.totalChanges(ctx); err == nil && aerr == nil {
		c.tx.quiet += after - before
	}
	return r, xerr
}

func (c *stampConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	if e, ok := c.inner.(driver.QueryerContext); ok {
		return e.QueryContext(ctx, q, args)
	}
	return nil, driver.ErrSkip
}

func (c *stampConn) Ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *stampConn) ResetSession(ctx context.Context) error {
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *stampConn) IsValid() bool {
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// totalChanges is the rows the connection has changed since it opened.
func (c *stampConn) totalChanges(ctx context.Context) (int64, error) {
	rows, err := c.QueryContext(ctx, `SELECT total_changes()`, nil)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	v := make([]driver.Value, 1)
	if err := rows.Next(v); err != nil {
		if err == io.EOF {
			err = errors.New("no total_changes()")
		}
		return 0, err
	}
	n, _ := v[0].(int64)
	return n, nil
}

// stampTx is a write transaction of a stampConn.
type stampTx struct {
	driver.Tx
	c       *stampConn
	changes int64 // totalChanges when it began
	quiet   int64 // the rows of those since that no user sees (bookkeeping)
}

// Commit stamps meta if the transaction changed rows, then commits. A
// stamp that fails (a file without meta) leaves the commit as it was,
// unless it failed for want of room, memory or a working disk: SQLite may
// then have rolled the whole transaction back, and the commit said "no
// transaction is active" where the user should read that the disk is full
// and nothing was changed (hostile data pass data8). The transaction is
// rolled back, and the stamp's error returned.
//
// The identity's row is written again too, as it is (replaced: an update
// to the same value leaves its page untouched): it is the page holding it
// that the -wal must carry, and once meta spans more than a page (more
// keys, another program's rows) the stamp's row may be on another leaf,
// and another file's -wal passed again (a hostile pass). A transaction
// of bookkeeping alone (see bookkeeping) writes the identity's row, not
// the stamp.
func (t *stampTx) Commit() (cerr error) {
	t.c.tx = nil
	ctx := context.Background()
	if n, err := t.c.totalChanges(ctx); err == nil && n > t.changes {
		var err error
		stamp := ""
		if n-t.changes > t.quiet {
			stamp = strconv.FormatInt(time.Now().UnixNano(), 10)
			_, err = t.c.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
				[]driver.NamedValue{{Ordinal: 1, Value: writtenKey}, {Ordinal: 2, Value: stamp}})
		}
		if err == nil {
			_, err = t.c.ExecContext(ctx, `INSERT OR REPLACE INTO meta (key, value) SELECT key, value FROM meta WHERE key = ?`, []driver.NamedValue{{Ordinal: 1, Value: fileIDKey}})
		}
		if writeFailed(err) {
			t.Tx.Rollback()
			return err
		}
		if err == nil && stamp != "" {
			defer func() {
				if cerr == nil {
					rememberStamp(stamp)
				}
			}()
		}
	}
	return t.Tx.Commit()
}

func (t *stampTx) Rollback() error {
	t.c.tx = nil
	return t.Tx.Rollback()
}

// ownStamps are the last stamps (writtenKey's values) this process's
// commits wrote: a file whose stamp is one of them was last changed here
// (see OpenResearchFile). A few are enough: a file just made is asked
// right after its open's own writes.
var ownStamps struct {
	sync.Mutex
	last [64]string
	next int
}

func rememberStamp(stamp string) {
	ownStamps.Lock()
	defer ownStamps.Unlock()
	ownStamps.last[ownStamps.next] = stamp
	ownStamps.next = (ownStamps.next + 1) % len(ownStamps.last)
}

// stampedHere reports whether stamp is one this process wrote lately.
func stampedHere(stamp string) bool {
	ownStamps.Lock()
	defer ownStamps.Unlock()
	return stamp != "" && slices.Contains(ownStamps.last[:], stamp)
}
