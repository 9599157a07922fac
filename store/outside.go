package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// A window open on a research file must notice another program (a
// `dossier import` run from a shell, another window) writing to it: SQLite's
// PRAGMA data_version, asked on one connection kept for it, changes
// whenever another connection has committed. That includes the store's own
// pool, so the store counts the write transactions it begins (writesBegun,
// counted by stampConn before they begin): with none begun since the last
// look, every commit seen was another program's. With some, meta's stamp
// (writtenKey) says who wrote last: one this process wrote is taken for the
// store's own work. (So a write of another program's in the same few
// seconds as one of the store's own, followed by the store's, is noticed
// only at the next change: the window checks often, and its own writes
// re-read what they changed.)

// OutsideChange is what another program changed in the research file
// since the store last looked (ChangedOutside).
type OutsideChange struct {
	// Changed: another program committed a change.
	Changed bool
	// DocumentsAdded and DocumentsDeleted count the documents (each
	// version is one) added and deleted since the last look; Counted is
	// false when that cannot be told apart from the store's own work
	// meanwhile.
	DocumentsAdded   int
	DocumentsDeleted int
	Counted          bool
}

// outsideWatch is what ChangedOutside saw at its last look.
type outsideWatch struct {
	mu          sync.Mutex
	conn        *sql.Conn // kept for data_version, which is per connection
	closed      bool
	looked      bool
	dataVersion int64
	writes      int64  // writesBegun then
	lastID      int64  // the largest document id then
	documents   int    // how many documents there were then
	stamp       string // meta's stamp of the last change then (writtenKey)
}

// ChangedOutside reports whether another program has changed the research
// file since the last call (the first call only looks, and reports no
// change). It is cheap while nothing changed: one pragma on a connection
// kept for it. Call it off the UI goroutine.
func (s *Store) ChangedOutside(ctx context.Context) (OutsideChange, error) {
	w := &s.outside
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return OutsideChange{}, errors.New("the research file is closed")
	}
	if w.conn == nil {
		c, err := s.db.DB.Conn(ctx)
		if err != nil {
			return OutsideChange{}, s.fileErr(err)
		}
		w.conn = c
	}
	var version int64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&version); err != nil {
		return OutsideChange{}, s.fileErr(err)
	}
	// Read after data_version: a write of the store's own that it shows
	// was begun, and counted, before.
	writes := s.writesBegun.Load()
	if w.looked && version == w.dataVersion {
		w.writes = writes
		return OutsideChange{}, nil
	}
	var lastID int64
	var documents int
	var stamp sql.NullString
	err := w.conn.QueryRowContext(ctx, `SELECT coalesce((SELECT max(id) FROM documents), 0), (SELECT count(*) FROM documents), (SELECT value FROM meta WHERE key = ?)`, writtenKey).Scan(&lastID, &documents, &stamp)
	if err != nil {
		return OutsideChange{}, s.fileErr(err)
	}
	first := !w.looked
	ownWrites := writes != w.writes
	// Every change a user can see stamps meta (stampConn); bookkeeping
	// alone (an import of files already here: its note of itself) does
	// not, and is no change to say.
	unstamped := stamp.String == w.stamp
	before, beforeCount := w.lastID, w.documents
	w.looked, w.dataVersion, w.writes, w.lastID, w.documents, w.stamp = true, version, writes, lastID, documents, stamp.String
	if first || unstamped || ownWrites && stampedHere(stamp.String) {
		return OutsideChange{}, nil
	}
	change := OutsideChange{Changed: true, Counted: !ownWrites}
	if change.Counted && lastID > before {
		var added int
		if err := w.conn.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id > ?`, before).Scan(&added); err != nil {
			return OutsideChange{}, s.fileErr(err)
		}
		change.DocumentsAdded = added
	}
	if change.Counted {
		change.DocumentsDeleted = max(beforeCount+change.DocumentsAdded-documents, 0)
	}
	return change, nil
}

// closeOutsideWatch hands ChangedOutside's connection back before the pool
// closes; later calls fail.
func (s *Store) closeOutsideWatch() {
	w := &s.outside
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	if w.conn != nil {
		w.conn.Close()
		w.conn = nil
	}
}
