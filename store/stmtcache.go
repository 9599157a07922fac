package store

import (
	"context"
	"database/sql"
	"sync"

	"dossier/store/internal/fts5read"
)

// Prepared statements kept for the SQL a search runs every time (its count,
// page, highlights and annotations): SQLite compiles a statement on every
// call otherwise, ~0.3 ms of a 2 ms rare-word search. Only texts that never
// change go through here (ids and ranges travel as parameters), so the
// cache stays small; past maxCachedStmts a text is simply not kept.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

const maxCachedStmts = 64

// prepared returns db's statement for text, preparing it the first time;
// nil when the cache is full or preparing failed (the caller runs the text
// as it is, and sees the error there).
func (c *stmtCache) prepared(ctx context.Context, db *sql.DB, text string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[text]; ok {
		return st
	}
	if len(c.m) >= maxCachedStmts {
		return nil
	}
	st, err := db.PrepareContext(ctx, text)
	if err != nil {
		return nil
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[text] = st
	return st
}

// close closes the kept statements (before the pool closes).
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// txHandle is a read transaction of the store's pool, as a view reads it.
type txHandle struct {
	*sql.Tx
	s     *Store
	state *indexState // the index's structure record, read once
}

// indexState is the full-text index's structure record as one read
// transaction sees it: the key of what the store remembers per state of
// the index (commonTerms, passageSpans). It cannot change within the
// transaction, so it is read once.
type indexState struct {
	read      bool
	structure []byte // nil if it could not be read
	// words are those of the query being searched, which keptIndexTerm
	// tokenizes together at its first need (setQueryWords).
	words []string
	// index reads the index's pages for the whole transaction (indexReader).
	index     *fts5read.Reader
	indexErr  error
	indexOpen bool
}

// kept returns text's kept prepared statement for this view (bound to its
// transaction, if it is one), or nil to run the text as it is.
func (v view) kept(ctx context.Context, text string) *sql.Stmt {
	switch h := v.db.(type) {
	case txHandle:
		if st := h.s.stmts.prepared(ctx, h.s.db.DB, text); st != nil {
			return h.Tx.StmtContext(ctx, st)
		}
	case dbHandle:
		if st := h.s.stmts.prepared(ctx, h.DB, text); st != nil {
			h.s.poolUses.Add(1)
			return st
		}
	}
	return nil
}

// queryKept runs text, a statement that never changes, through its kept
// prepared statement (see stmtCache); rows must be closed before the same
// text runs again in the same transaction.
func (v view) queryKept(ctx context.Context, text string, args ...any) (*sql.Rows, error) {
	if st := v.kept(ctx, text); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return v.db.QueryContext(ctx, text, args...)
}

// queryRowKept is queryKept for a statement that returns one row.
func (v view) queryRowKept(ctx context.Context, text string, args ...any) *sql.Row {
	if st := v.kept(ctx, text); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return v.db.QueryRowContext(ctx, text, args...)
}
