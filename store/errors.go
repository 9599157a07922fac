package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"dossier/internal/wording"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrReadOnly is in the chain of every write refused because the research
// file is read-only.
var ErrReadOnly = errors.New("this research file is read-only")

// ErrBusy is a research file another program is writing to (SQLite's
// "database is locked"): sound, to be tried again once that is done. A
// second Dossier window started on a file the first is still opening
// gets it.
var ErrBusy = errors.New("another program is writing to the research file")

// FileError is a failure of the research file itself (read-only, locked by
// another program, disk full): never the fault of the document or bundle
// being imported. Its message names the research file.
type FileError struct {
	Path string
	msg  string // what happened, without the path
	err  error  // the underlying cause
}

func (e *FileError) Error() string {
	if errors.Is(e.err, ErrReadOnly) {
		return fmt.Sprintf("%s: %s", e.msg, e.Path)
	}
	return fmt.Sprintf("research file %s: %s", e.Path, e.msg)
}

func (e *FileError) Unwrap() error { return e.err }

// nothingChanged ends the messages of failures that roll the write back.
const nothingChanged = " (nothing was changed)"

// partway is e for an import that stopped after storing some files: what
// the files reported so far hold is kept, so "nothing was changed" would be
// untrue; it says what became of the rest instead.
func (e *FileError) partway(stored, notImported int) *FileError {
	c := *e
	where := wording.Noun(stored, "is|are") + " stored"
	if errors.Is(e.err, ErrFileReplaced) {
		where = "went into the file as it was then" // not the one at its name now
	}
	c.msg = strings.TrimSuffix(c.msg, nothingChanged) + fmt.Sprintf(
		" (the %s reported before this stopped the import %s; %s not imported)",
		wording.Count(stored, "file"), where, wording.Count(notImported, "file was|files were"))
	return &c
}

// sqliteCode is the primary SQLite result code in err's chain, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// unreadableErr reports whether err is SQLite finding a file damaged
// ("malformed", "not a database"), not failing for want of room or a lock.
func unreadableErr(err error) bool {
	return sqliteCode(err) == sqlite3.SQLITE_CORRUPT || sqliteCode(err) == sqlite3.SQLITE_NOTADB
}

func isBusy(err error) bool { return sqliteCode(err) == sqlite3.SQLITE_BUSY }

// IsFileError reports whether err is the research file's own failure rather
// than the input's: such an error stops an import instead of being reported
// against each file.
func IsFileError(err error) bool {
	var fe *FileError
	return errors.As(err, &fe)
}

// fileErr names the research file in errors that are its own (or its
// disk's); other errors are returned as they are.
func (s *Store) fileErr(err error) error {
	if err == nil || IsFileError(err) {
		return err
	}
	altered := alteredSchemaErr(err)
	switch {
	case altered && len(s.missingSchema) > 0:
		// SQLite's own words ("SQL logic error: no such table: bookmarks
		// (1)") were all an export of such a file said (a hostile pass).
		return &FileError{Path: s.path, err: err, msg: "lacks part of Dossier's schema (" + foreignList(s.missingSchema) +
			"), so this cannot be read from it; " + recoverInstead}
	case altered && s.foreignSQL.any():
		// A column renamed or retyped by another program ("no such
		// column: b.note", "sql: Scan error … converting NULL to string").
		return &FileError{Path: s.path, err: err, msg: "carries SQL that Dossier never makes (" + foreignList(s.foreignSQL.names) +
			"), so this cannot be read from it; " + recoverInstead}
	case strings.Contains(err.Error(), "sql: Scan error") && !s.holdsForeignValues():
		// Every value is of a kind Dossier writes: the fault is Dossier's
		// own, and recovering the file would not mend it.
		return fmt.Errorf("reading the research file failed, though every value in it is of a kind Dossier writes (a fault in Dossier, please report it): %w", err)
	case strings.Contains(err.Error(), "sql: Scan error"):
		// Text where Dossier writes numbers, written by another program
		// into a sound schema: the docs, search and every export gave
		// database/sql's words (a hostile pass).
		what := "a value"
		if m := scanColumn.FindStringSubmatch(err.Error()); m != nil {
			what = "a value in its column " + m[1]
		}
		return &FileError{Path: s.path, err: err, msg: "holds " + what + " of a kind Dossier never writes (another program wrote it), so this cannot be read from it; " + recoverInstead}
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &FileError{Path: s.path, err: fmt.Errorf("%w: %w", ErrBusy, err),
			msg: "is locked by another program writing to it (database is locked); try again in a moment"}
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR:
		if !diskFull(s.path, err) {
			return ioFailedErr(s.path, s.real, err)
		}
		return &FileError{Path: s.path, err: fmt.Errorf("%w: %w", ErrDiskFull, err),
			msg: "the disk holding it is full; free some space and try again" + nothingChanged}
	case sqlite3.SQLITE_READONLY:
		return s.readOnlyErr()
	}
	return err
}

// holdsForeignValues reports whether another program wrote values of a
// kind Dossier never writes into the file's tables, the one way a sound
// file fails database/sql's Scan. Found once, it is remembered: such
// values stay until the file is recovered, and the check reads every row.
func (s *Store) holdsForeignValues() bool {
	if s.foreignValues.Load() {
		return true
	}
	problems, err := s.ValueProblems(context.Background())
	if err != nil {
		return true // unreadable: as the file's own failure
	}
	if len(problems) > 0 {
		s.foreignValues.Store(true)
	}
	return len(problems) > 0
}

const recoverInstead = "recover it into a new file (dossier --db FILE recover --out NEW) and use that"

// alteredSchemaErr reports whether err is what a read of a table another
// program altered gives: a table or column gone, a value of a type the
// column never holds in Dossier's schema, or the full-text index's bare
// "SQL logic error" when its content column was renamed.
func alteredSchemaErr(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "no such table") || strings.Contains(msg, "no such column") || strings.Contains(msg, "sql: Scan error") ||
		sqliteCode(err) == sqlite3.SQLITE_ERROR && strings.Contains(msg, "SQL logic error")
}

// scanColumn finds the column in database/sql's Scan error.
var scanColumn = regexp.MustCompile(`Scan error on column index \d+, name "([^"]+)"`)

// readOnlyErr is the one message every refused write gives.
func (s *Store) readOnlyErr() error {
	return &FileError{Path: s.path, msg: ErrReadOnly.Error(), err: ErrReadOnly}
}

// dbHandle is the store's connection pool. Its write entry points refuse at
// once on a read-only file and name the research file in errors that are its
// own, so that callers never blame what they were importing.
type dbHandle struct {
	*sql.DB
	s *Store
}

func (h dbHandle) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	h.s.poolUses.Add(1)
	if h.s.ReadOnly() {
		return nil, h.s.readOnlyErr()
	}
	if err := h.s.stillAtPath(); err != nil {
		return nil, err
	}
	// In a transaction of its own, as it would be without one, so that
	// the change stamps meta as every write transaction does (stampConn).
	tx, err := h.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, h.s.fileErr(err)
	}
	r, err := tx.ExecContext(ctx, query, args...)
	if err == nil {
		err = tx.Commit()
	} else {
		tx.Rollback()
	}
	if err == nil && !h.s.atPath() {
		// Replaced while the statement waited for the write lock (a
		// restore holds it until the file is replaced): it was written to
		// the replaced file. Said, rather than reported as saved.
		return nil, h.s.stillAtPath()
	}
	return r, h.s.fileErr(err)
}

// BeginTx starts a write transaction unless opts asks for a read-only one.
func (h dbHandle) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	h.s.poolUses.Add(1)
	if opts == nil || !opts.ReadOnly {
		if h.s.ReadOnly() {
			return nil, h.s.readOnlyErr()
		}
		if err := h.s.stillAtPath(); err != nil {
			return nil, err
		}
	}
	tx, err := h.DB.BeginTx(ctx, opts)
	if err == nil && (opts == nil || !opts.ReadOnly) {
		// Asked again now that the write lock is held (BEGIN IMMEDIATE): a
		// restore holds it until the file is replaced, and what this
		// transaction committed would go to the replaced file.
		if err := h.s.stillAtPath(); err != nil {
			tx.Rollback()
			return nil, err
		}
	}
	return tx, h.s.fileErr(err)
}

// QueryContext and QueryRowContext count as uses of the pool (see PoolUses).
func (h dbHandle) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	h.s.poolUses.Add(1)
	return h.DB.QueryContext(ctx, query, args...)
}

func (h dbHandle) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	h.s.poolUses.Add(1)
	return h.DB.QueryRowContext(ctx, query, args...)
}
