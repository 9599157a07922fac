// Package store is Dossier's research file: one SQLite database holding
// documents, passages and their full-text index. It knows nothing of the UI.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, registered as "sqlite"

	"dossier/store/internal/held"
)

// ApplicationID marks a SQLite file as a Dossier research file ("DOSS").
const ApplicationID = 0x444F5353

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an open research file. It is safe for concurrent use.
type Store struct {
	db       dbHandle
	path     string
	real     string           // path with symbolic links resolved: where SQLite keeps the side files
	readOnly string           // why the file is open read-only; "" when writable
	bk       backupState      // backups and checks: see backup.go
	clock    func() time.Time // nil: time.Now; tests set a fake one (see clock.go)
	poolUses atomic.Int64     // see PoolUses
	stmts    stmtCache        // prepared statements searches keep
	// commonTerms are the terms found common in the index as it stands
	// (see commonterms.go).
	commonTerms commonTerms
	indexTerms  indexTerms   // how the tokenizer reads a word
	spans       passageSpans // each document's run of passage ids (docspans.go)
	id          identity     // the file opened for writing (see identity.go)
	// foreignSQL is the schema not Dossier's own that keeps the file
	// read-only (see schemaguard.go).
	foreignSQL foreignSQL
	// missingSchema names what of Dossier's schema the file lacks, which
	// keeps it read-only.
	missingSchema []string
	// foreignValues is set once values of a kind Dossier never writes
	// were found in the file (see holdsForeignValues).
	foreignValues atomic.Bool
	// made is the file OpenResearchFile made for this store, nil if it
	// was there (see CloseRemovingMade).
	made *newFile
	// leftUnfilled says the file was made and left unfilled by an earlier
	// command (see LeftUnfilled).
	leftUnfilled bool
	// writesBegun counts the write transactions begun on the pool, and
	// outside is what ChangedOutside last saw (outside.go).
	writesBegun atomic.Int64
	outside     outsideWatch
}

// PoolUses counts the statements and transactions this store has started on
// its connection pool; statements inside a transaction, or on a connection
// taken whole (a backup, an index merge), are not counted. A
// screen read in one transaction is one use, so tests can check that a view
// costs one store call rather than several.
func (s *Store) PoolUses() int64 { return s.poolUses.Load() }

// ErrNotDossier is returned for files that are not Dossier research files.
var ErrNotDossier = errors.New("not a Dossier research file")

// Path returns the research file's location on disk.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the file is open read-only: every write then fails
// with ErrReadOnly ("this research file is read-only: PATH").
func (s *Store) ReadOnly() bool { return s.readOnly != "" }

// ReadOnlyReason says why the file is read-only (e.g. "its permissions do
// not allow writing to it"), or "" when it is writable.
func (s *Store) ReadOnlyReason() string { return s.readOnly }

// CarriesForeignSQL reports whether the file is read-only because its
// schema carries SQL Dossier never makes (a trigger, a rewritten table):
// recovering it into a new file makes a copy without it.
func (s *Store) CarriesForeignSQL() bool { return s.foreignSQL.any() }

// Close closes the database. If the research file was moved, deleted or
// replaced while open, the error says so (ErrFileReplaced, with the backup
// that keeps what it held), even when nothing had yet been refused.
func (s *Store) Close() error {
	s.closeOutsideWatch()
	s.spans.close()
	lost := s.stopWatching()
	s.stmts.close()
	if beforePoolClose != nil {
		beforePoolClose()
	}
	err := s.db.Close()
	if s.id.unhold != nil {
		s.id.unhold() // SQLite has let go of its locks
	}
	switch {
	case lost:
		s.removeLeftSides()
		err = errors.Join(s.replacedErr(), err)
	case !s.atPath():
		// Moved after stopWatching had folded the WAL in: the file holds
		// every commit, and the emptied side files SQLite left at the old
		// name must not meet whatever file takes the name next.
		s.removeLeftSides()
	}
	return err
}

// beforePoolClose, set by a test, runs in Close just before the pool
// closes.
var beforePoolClose func()

// dsn builds a modernc DSN whose pragmas apply to every pooled connection.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	if readOnly {
		q.Set("mode", "ro")
		q.Add("_pragma", "busy_timeout(5000)")
	} else {
		q.Set("_txlock", "immediate")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "busy_timeout(5000)")
		// journal_mode(WAL) is not set here: converting a file to WAL does
		// not wait for a busy peer (see setWAL). WAL is a property of the
		// file, so every later connection uses it.
		q.Add("_pragma", "synchronous(NORMAL)")
		// The page cache stays SQLite's 2 MB: a search reads few pages
		// once, and every page a larger cache takes in lands on fresh
		// memory (a page fault each; 32 MB made rare-word searches 2–3×
		// slower, BENCHMARKS.md). The index merge after an import, which
		// re-reads segments, raises it on its own connection (mergeIndex).
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// openAlone opens the file at path read-only and immutable: as it is on
// the disk, without its -wal and -shm and without locks, so that reading
// it neither writes beside it nor folds a -wal in.
func openAlone(path string) (*sql.DB, error) {
	return sql.Open("sqlite", dsn(path, true)+"&immutable=1")
}

// Open opens the research file at path, creating it if it does not exist and
// bringing its schema up to date. Files that are not SQLite, SQLite files that
// belong to another application, and files from a newer Dossier are refused
// with a clear message and left untouched.
func Open(path string) (*Store, error) { return open(path, false) }

// OpenExisting is Open of a research file that must be there already: one
// no longer there is refused with an error wrapping fs.ErrNotExist, and
// nothing is made at its name, not even when it goes in the instant
// between a look and SQLite's open (a hostile pass: the window looked,
// then opened, and a file deleted meanwhile was made anew, with the
// starter documents only, and shown as the user's).
func OpenExisting(path string) (*Store, error) { return open(path, true) }

// errGone is the refusal of OpenExisting's file, no longer there.
func errGone(abs string) error {
	return fmt.Errorf("research file %s: %w", abs, fs.ErrNotExist)
}

func open(path string, existing bool) (*Store, error) {
	st, err := openOnce(path, existing)
	if errors.As(err, new(deletedBeforeUse)) {
		// Deleted before SQLite did anything with it, and let go: the
		// name is free, or another's, as for an open begun a moment
		// later (the new file a dossier import that imported nothing
		// removes, which this open waited for: hostile data pass
		// data23). Once only: a name deleted again and again is said so.
		st, err = openOnce(path, existing)
	}
	return st, err
}

// deletedBeforeUse is the refusal of a file deleted before SQLite's
// first work on it, the connection closed (see openWritable): the open
// may begin again.
type deletedBeforeUse struct{ removedWhileOpening }

func (deletedBeforeUse) Error() string {
	return "it was deleted just as Dossier was opening it, and again as it tried once more (as a dossier import that imported nothing deletes the new file it made). Nothing was written to it. Start Dossier (or the command) again"
}

func openOnce(path string, existing bool) (*Store, error) {
	abs, err := absPath(path)
	if err != nil {
		return nil, fmt.Errorf("research file %s: %w", path, err)
	}
	defer openingOne(abs)()
	if err := checkExisting(abs); err != nil {
		return nil, err
	}
	if existing {
		if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
			return nil, errGone(abs)
		}
	}
	real, err := sideFilesPath(abs)
	if err != nil {
		return nil, err
	}
	if err := oddSideFileErr(abs, real); err != nil {
		return nil, err
	}
	if !existing { // an existing file's folder is there, or has gone with it: not made again
		if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil { // where links lead
			return nil, fmt.Errorf("research file %s: cannot create its folder: %w", abs, err)
		}
	}
	// Asked of the file links lead to: SQLite keeps its side files in that
	// file's folder, not the link's (hostile data pass data9).
	why := readOnlyReason(real)
	if why == "" {
		why = rollingBackupReason(real)
	}
	if why != "" {
		if err := sidesOfAnotherFileErr(abs, real); err != nil {
			return nil, err
		}
		return openReadOnly(abs, real, why)
	}
	if why := cannotCreate(real); why != "" { // where links lead: a dangling one's target is made there
		return nil, fmt.Errorf("research file %s: cannot create it: %s", abs, why)
	}
	if err := nameTooLongErr(abs, real); err != nil {
		return nil, err
	}
	writableShm(abs, real)
	if err := walWithoutShmErr(abs, real, true, false); err != nil {
		return nil, err
	}
	if err := orphanSidesErr(abs, real); err != nil {
		return nil, err
	}
	if err := sidesOfAnotherFileErr(abs, real); err != nil {
		return nil, err
	}
	if err := leftWALErr(abs, real); err != nil {
		return nil, err
	}
	return openWritable(abs, real, existing)
}

// writableShm gives a -shm beside the research file at abs (side files at
// real) the file's permissions when it lacks the write permission the file
// has. SQLite makes a -shm with the permissions of its file, so reading a
// read-only file through a -wal left beside it (a crash) made a read-only
// -shm, left there; made writable again, the file could not be opened
// for writing by its owner: SQLite took that -shm read-only, and the open
// refused the file as swapped while being opened ("start Dossier again",
// which failed the same way; found by hostile data pass data8).
func writableShm(abs, real string) {
	shm, err := os.Lstat(real + "-shm")
	if err != nil || !shm.Mode().IsRegular() || shm.Mode().Perm()&0o200 != 0 || hasOtherNames(shm) {
		return // a hard link's permissions are another file's too (hostile data pass data9)
	}
	file, err := os.Stat(abs)
	if err != nil || file.Mode().Perm()&0o200 == 0 {
		return
	}
	os.Chmod(real+"-shm", file.Mode().Perm()) // not ours to change: as it was
}

// ErrForeignWAL is in the chain of a refusal to open a research file whose
// -wal, left by a program that stopped, does not fit it (leftWALErr).
var ErrForeignWAL = errors.New("the -wal file beside it does not fit it")

// leftWALErr checks a -wal left beside the research file at abs by a
// program that stopped (no process has the file open) before SQLite folds
// it into the file for good: read through it, read-only, is the file
// sound? A -wal of another database (copied here, or left at this name by
// a file that had it) made a damaged file, and the first command to open
// it, a mere listing, wrote that into it: every bookmark was lost (found
// by a hostile pass). The check (PRAGMA quick_check: ~2 s at 100k
// passages) runs only after such a stop.
func leftWALErr(abs, real string) error {
	db := leftWALDB(abs, real)
	if db == nil {
		return nil
	}
	defer db.Close()
	problems, err := checkDB(context.Background(), db, checkPages)
	if err == nil && len(problems) > 0 && !strings.HasPrefix(problems[0], "cannot be read") {
		return walDamageErr{foreignWALErr(abs, real, "a damaged file ("+firstProblem(problems)+")")}
	}
	// Sound, or not for the check to say (the open will: a damaged file,
	// say), but still this file? Another application's -wal made a sound
	// database of its own, without Dossier's tables ("cannot be read"
	// above), and the open took it for a new file: a listing made
	// Dossier's tables in it and folded it in for good, every document
	// and bookmark gone (a hostile pass).
	if what, _ := walUnmarks(abs, db); what != "" {
		// Not "if they are this file's, recover": they are not (a file's
		// own -wal keeps its marks), and recover refuses them too.
		return foreignWALErrFor(abs, real, what, "opening the file would write it in for good", "open the file again")
	}
	return nil
}

// leftWALDB opens the research file at abs read-only through a -wal left
// beside it by a program that stopped; nil when there is none, or when a
// process has the file open (the -wal is then its own, live).
func leftWALDB(abs, real string) *sql.DB {
	if fi, err := os.Lstat(real + "-wal"); err != nil || fi.Size() == 0 || held.Holds(abs) || heldByAnother(real) != "" {
		return nil
	}
	db, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil
	}
	return db
}

// leftWALErrForRecover is leftWALErr for recover: a -wal that, read with
// the file, makes a damaged one is read (damage is what recover is for,
// and the -wal is most likely the file's own), but another database's is
// refused: recover read that database instead and said "not a Dossier
// research file", when moving the -wal away was the way out (a hostile
// pass).
func leftWALErrForRecover(abs, real string) error {
	db := leftWALDB(abs, real)
	if db == nil {
		return nil
	}
	defer db.Close()
	if what, _ := walUnmarks(abs, db); what != "" {
		return foreignWALErrFor(abs, real, what, "recover would read that database instead of the file", "recover the file again")
	}
	return nil
}

// walDamageErr is leftWALErr's refusal of a -wal that, read together
// with the file, makes a damaged one.
type walDamageErr struct{ error }

func (e walDamageErr) Unwrap() error { return e.error }

// WALMakesDamage reports whether err refuses a -wal that, read together
// with the file, makes a damaged one: recover still reads the file
// through it (it may be the file's own), where it refuses every other
// ErrForeignWAL.
func WALMakesDamage(err error) bool { return errors.As(err, new(walDamageErr)) }

// leftWALErrForRepair is leftWALErr for check and restore, the ways out of
// a damaged file: a -wal beside a file damaged on its own (read without
// it) is not refused, as it did not make the damage and is most likely
// the file's own, left by the crash that came with it. Refused, check
// stopped listing the damage and restore, which check sends the user to,
// refused to replace the file (a hostile pass). The open still refuses it
// (README: the damaged file is never changed without asking).
func leftWALErrForRepair(abs, real string) error {
	err := leftWALErr(abs, real)
	if errors.As(err, new(walDamageErr)) && damagedAlone(abs) {
		return nil
	}
	return err
}

// damagedAlone reports whether the research file at abs, read without its
// -wal, is damaged.
func damagedAlone(abs string) bool {
	db, err := openAlone(abs)
	if err != nil {
		return false
	}
	defer db.Close()
	problems, err := checkDB(context.Background(), db, checkPages)
	return err == nil && len(problems) > 0
}

// foreignWALErr refuses the research file at abs, as its -wal and the
// file read together make what (leftWALErr).
func foreignWALErr(abs, real, what string) error {
	return foreignWALErrFor(abs, real, what, "opening the file would write it in for good",
		"open the file again; if they are this file's, `dossier recover` rescues what can be read, leaving it as it is")
}

// foreignWALErrFor is foreignWALErr for a command that would do harm with
// the -wal and is to be run again (then) once it is moved away.
func foreignWALErrFor(abs, real, what, harm, then string) error {
	w, sh := filepath.Base(real+"-wal"), filepath.Base(real+"-shm")
	return fmt.Errorf("research file %s: %w: read together they make %s. It is most likely another database's, left at this name, and %s. Move %s and %s away (keep them if another database may need them), then %s",
		abs, ErrForeignWAL, what, harm, w, sh, then)
}

// walUnmarks says what the research file at abs, marked as Dossier's on
// its own, makes read through its -wal (db) when that is not the same
// file: one SQLite cannot read (the open failed, and closing it folded
// the -wal in: a sound file cut to a stranger's pages; a hostile pass),
// or another database, not marked as Dossier's or at an older schema
// version (a file's own -wal only ever raises it), or another research
// file (fileIDKey). "" when it is the
// same file, or when the file alone cannot be read, or through the -wal
// for want of room or a lock: not for this check to say.
//
// unreadable says the -wal is one SQLite cannot read with the file (what
// says so too).
func walUnmarks(abs string, db *sql.DB) (what string, unreadable bool) {
	marks := func(db *sql.DB) (app, version int64, err error) {
		err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
			(SELECT user_version FROM pragma_user_version)`).Scan(&app, &version)
		return app, version, err
	}
	alone, err := openAlone(abs)
	if err != nil {
		return "", false
	}
	defer alone.Close()
	app, version, err := marks(alone)
	if err != nil || uint32(app) != ApplicationID {
		return "", false
	}
	walApp, walVersion, err := marks(db)
	switch {
	case unreadableErr(err):
		return "a file SQLite cannot read (" + sqliteMessage(err) + ")", true
	case err != nil:
		return "", false
	case uint32(walApp) != ApplicationID:
		return "another database (not marked as Dossier's)", false
	case walVersion < version:
		return fmt.Sprintf("another database (schema version %d, where the file is at %d)", walVersion, version), false
	}
	if anotherFileID(alone, db) {
		return "another Dossier research file", false
	}
	return "", false
}

// anotherFileID reports whether the research file read through a -wal
// (db) names itself otherwise than the file alone: a file's own -wal
// never changes its identity (fileIDKey). False when the file alone has
// none, or the identity cannot be read through the -wal.
//
// Dossier never removes an identity, but another program can (python's
// sqlite3, say), and stopped before its -wal was folded in, it left one
// that reads no identity: refused as another file's, the file could not
// be opened. That -wal is the file's own when it still carries the stamp
// of the file's last change (writtenKey) as the file alone has it, to the
// nanosecond: only this file, or a copy of it, has it (a copy has its
// identity too, and passes as the file's own anyway).
func anotherFileID(alone, db *sql.DB) bool {
	id, _ := fileIDOf(alone)
	if id == "" {
		return false
	}
	walID, ok := fileIDOf(db)
	if !ok || walID == id {
		return false
	}
	if walID == "" {
		written, _, err := getMeta(context.Background(), alone, writtenKey)
		walWritten, _, walErr := getMeta(context.Background(), db, writtenKey)
		if err == nil && walErr == nil && written != "" && walWritten == written {
			return false
		}
	}
	return true
}

// firstProblem is the first of a check's problems, on one line.
func firstProblem(problems []string) string {
	p := strings.Join(strings.Fields(problems[0]), " ")
	if r := []rune(p); len(r) > 120 {
		p = string(r[:120]) + "…"
	}
	return p
}

// openWritableHook, set by a test, runs in Open between its look at the
// side files and SQLite's open ("opening"), once the file is in WAL mode
// ("wal"), and once SQLite has the file and its side files, before the
// look again ("attached").
var openWritableHook func(stage string)

// ErrSwappedWhileOpening is in the chain of a refusal to open a research
// file that another file replaced while Open was opening it: this process
// may not open it again (see openWritable, abandon).
var ErrSwappedWhileOpening = errors.New("another file was put in its place just as Dossier was opening it, by a program that may still have the old one open. Nothing was written to either file. To open it, start Dossier (or the command) again: this one cannot, as SQLite still ties it to the old file's side files")

// swappedErr is openWritable's refusal of the research file at abs (real,
// its links resolved) once its look at the side files failed. Deleted,
// not replaced, it was said "another file was put in its place": a dossier
// import that imported nothing removes the new file it made, then its
// side files, and another command opening it that instant said so
// (hostile data pass data21, 1 in 150 racing runs). Both ways: the file
// gone from the name, or the file at the name the one opened here and its
// -shm gone.
func swappedErr(abs, real string) error {
	_, err := os.Lstat(real)
	deleted := errors.Is(err, fs.ErrNotExist)
	if _, err := os.Lstat(real + "-shm"); !deleted && errors.Is(err, fs.ErrNotExist) && hasOpen(real) {
		return fmt.Errorf("research file %s: %w", abs, removedWhileOpening{what: "its side file " + filepath.Base(real) + "-shm was deleted"})
	}
	if deleted {
		return fmt.Errorf("research file %s: %w", abs, removedWhileOpening{what: "it was deleted"})
	}
	return fmt.Errorf("research file %s: %w", abs, ErrSwappedWhileOpening)
}

// removedWhileOpening is ErrSwappedWhileOpening of a file (or its side
// files) deleted rather than replaced: the same refusal, in its own words.
type removedWhileOpening struct{ what string }

func (e removedWhileOpening) Error() string {
	return e.what + " just as Dossier was opening it (as a dossier import that imported nothing deletes the new file it made, with its side files). Nothing was written to it. To open or make a file there, start Dossier (or the command) again: this one cannot, as SQLite still ties the name to the deleted files"
}
func (removedWhileOpening) Is(target error) bool { return target == ErrSwappedWhileOpening }

// openWritable opens the research file for writing, once the side files at
// its name are its own (sidesOfAnotherFileErr). Another file may still take
// the name between that look and SQLite's open, which would then read the
// one file through the other's side files: so the store starts with one
// connection, which holds both, and the locks are looked at again once it
// has the file and its -shm (before it may write: migrate), and once the
// store has noted which file it opened (noteIdentity), before more
// connections may open. If the file was swapped, the store is abandoned
// and the open refused: not tried again, as SQLite would attach the file
// to the side files the abandoned connection keeps (see abandon).
func openWritable(abs, real string, existing bool) (*Store, error) {
	if openWritableHook != nil {
		openWritableHook("opening")
	}
	s := &Store{path: abs, real: real}
	// A file there as the open begins, gone from the name once SQLite's
	// first work on it failed, was deleted meanwhile: said so, not as
	// "the system failed SQLite's work on it (disk I/O error, code 1802),
	// as when its disk fails" (another command opening the new file a
	// dossier import that imported nothing removes, which it waited for:
	// hostile data pass data23).
	fi, err := os.Lstat(real)
	wasThere := err == nil && fi.Size() > 0
	deleted := func() error {
		if _, err := os.Lstat(real); wasThere && errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("research file %s: %w", abs, deletedBeforeUse{removedWhileOpening{what: "it was deleted"}})
		}
		return nil
	}
	source := dsn(abs, false)
	if existing {
		source += "&mode=rw" // SQLite opens it, or fails: it does not make one
	}
	db := s.openGuarded(source)
	db.SetMaxOpenConns(1)
	s.db = dbHandle{DB: db, s: s}
	if err := setWAL(context.Background(), db); err != nil {
		db.Close()
		if existing {
			if _, serr := os.Stat(abs); errors.Is(serr, fs.ErrNotExist) {
				return nil, errGone(abs)
			}
		}
		if gone := deleted(); gone != nil {
			return nil, gone
		}
		return nil, s.fileErr(openFailed(abs, err))
	}
	if openWritableHook != nil {
		openWritableHook("wal")
	}
	// The connection that made a new file WAL opens its side files only at
	// its next read, so the look below took the -shm another process
	// opening the file had made meanwhile for a stranger's (and refused the
	// file as swapped): read first.
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM sqlite_schema`).Scan(new(int)); err != nil {
		db.Close()
		if gone := deleted(); gone != nil {
			return nil, gone
		}
		return nil, s.fileErr(openFailed(abs, err))
	}
	if openWritableHook != nil {
		openWritableHook("attached")
	}
	if who := sidesHeldForAnotherFile(real); who != "" || !ownSidesAtName(real) {
		s.abandon()
		return nil, swappedErr(abs, real)
	}
	// Before any change: foreign SQL would run with the migrations.
	if foreign, err := foreignSchema(context.Background(), db); err != nil {
		db.Close()
		return nil, s.fileErr(openFailed(abs, err))
	} else if foreign.any() {
		db.Close()
		ro, err := openReadOnly(abs, real, foreign.reason())
		if ro != nil {
			ro.foreignSQL = foreign
		}
		if errors.Is(err, errOutdated) {
			// Making it writable would not do: it must not be written.
			err = fmt.Errorf("research file %s cannot be opened: %s", abs, foreign.reason())
		}
		return ro, err
	}
	// A file lacking part of Dossier's schema (dropped by another program)
	// opened writable, and the first change that needed it failed with
	// SQLite's "no such table" (found by a hostile pass). Indexes alone are
	// made again from their tables.
	if err := mendStamped(context.Background(), db, func(q querier) (bool, error) {
		missing, err := indexesToRebuild(context.Background(), q)
		return len(missing) > 0, err
	}, func(q querier) error {
		_, err := rebuildMissingIndexes(context.Background(), q)
		return err
	}); err != nil {
		db.Close()
		return nil, s.fileErr(openFailed(abs, err))
	}
	if missing, err := missingObjects(context.Background(), db); err != nil {
		db.Close()
		return nil, s.fileErr(openFailed(abs, err))
	} else if len(missing) > 0 {
		db.Close()
		ro, err := openReadOnly(abs, real, missingReason(missing))
		if ro != nil {
			ro.missingSchema = missing
		}
		if errors.Is(err, errOutdated) {
			err = fmt.Errorf("research file %s cannot be opened: %s", abs, missingReason(missing))
		}
		return ro, err
	}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, s.fileErr(openFailed(abs, err))
	}
	if err := mendStamped(context.Background(), db, func(q querier) (bool, error) {
		return lengthsTableToMake(context.Background(), q)
	}, func(q querier) error {
		return ensureLengthsTable(context.Background(), q)
	}); err != nil {
		db.Close()
		return nil, s.fileErr(openFailed(abs, err))
	}
	// Best effort: a file that cannot be given its identity now (its disk
	// too full for the write, another program writing to it) opens as it
	// did before there was one, and is given one at a later open. Refused,
	// an up-to-date file made before the identity could not be opened on
	// a nearly full disk, which the previous Dossier opened (a hostile
	// pass).
	ensureFileID(context.Background(), db)
	s.noteIdentity()
	// A restore killed part-way left its copy of the backup (tens of MB)
	// hidden beside the file, until the next restore; opening the file
	// clears those no one has written to for an hour.
	removeStaleTemps(filepath.Dir(real), time.Now(), restoreTempsOf(real))
	if who := sidesHeldForAnotherFile(real); who != "" || !ownSidesAtName(real) {
		s.abandon()
		return nil, swappedErr(abs, real)
	}
	db.SetMaxOpenConns(0)
	return s, nil
}

// mendStamped makes again, at the opening of a writable file, what another
// program dropped (needed says whether there is any; mend makes it), in a
// transaction that stamps meta: made by statements of their own, an index
// (a change of the schema, which stampConn does not count) or the table of
// passage lengths left a -wal that did not name the file (see
// stampconn.go). An open with nothing to mend takes no write lock.
func mendStamped(ctx context.Context, db *sql.DB, needed func(querier) (bool, error), mend func(querier) error) error {
	if ok, err := needed(db); err != nil || !ok {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := mend(tx); err != nil {
		return err
	}
	if err := setMeta(ctx, tx, writtenKey, strconv.FormatInt(time.Now().UnixNano(), 10)); err != nil {
		return err
	}
	return tx.Commit()
}

// OpenReadOnly opens an existing research file read-only whatever its
// permissions, e.g. a damaged one that must not be written to; why is what
// ReadOnlyReason will say. It writes nothing, next to the file either.
func OpenReadOnly(path, why string) (*Store, error) {
	abs, err := absPath(path)
	if err != nil {
		return nil, fmt.Errorf("research file %s: %w", path, err)
	}
	defer openingOne(abs)()
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("research file %s: %w", abs, err)
	}
	if err := checkExisting(abs); err != nil {
		return nil, err
	}
	real, err := sideFilesPath(abs)
	if err != nil {
		return nil, err
	}
	if err := sidesOfAnotherFileErr(abs, real); err != nil {
		return nil, err
	}
	return openReadOnly(abs, real, why)
}

// readableFrom is the oldest schema version a read-only file is read at:
// the migrations after it only add what reading can do without (0012:
// passage lengths stored for ranking, looked up in the index instead).
const readableFrom = 11

// errOutdated is in the chain of the error for a read-only file whose
// schema is older than readableFrom.
var errOutdated = errors.New("must be updated for this version of Dossier first")

// openReadOnly opens a file that may not be written (see readOnlyReason)
// without writing anything, next to it either. Without a -wal file the main
// file holds everything, and immutable=1 reads it with no locks and no -shm;
// with one (a writer crashed, or is still at work), SQLite must read through
// it, and uses the side files that are already there.
func openReadOnly(path, real, why string) (*Store, error) {
	// A -wal left beside the file is read with it: another database's or
	// research file's showed that one's documents as this file's (a
	// hostile pass). Refused as the writable open refuses it; one SQLite
	// cannot read with the file is left to the open, which says so.
	if err := walWithoutShmErr(path, real, false, true); err != nil {
		return nil, err // before any look through the -wal: it would make a -shm where it may
	}
	if wdb := leftWALDB(path, real); wdb != nil {
		what, unreadable := walUnmarks(path, wdb)
		wdb.Close()
		if what != "" && !unreadable {
			return nil, foreignWALErrFor(path, real, what, "reading the file with it would show that database's work as this file's", "open the file again")
		}
	}
	src := dsn(path, true)
	if _, err := os.Lstat(real + "-wal"); errors.Is(err, os.ErrNotExist) || emptyWALWithoutShm(real) {
		src += "&immutable=1"
	}
	db, err := sql.Open("sqlite", src)
	if err != nil {
		return nil, fmt.Errorf("research file %s: %w", path, err)
	}
	s := &Store{path: path, real: real, readOnly: why}
	s.db = dbHandle{DB: db, s: s}
	names := migrationNames()
	version, err := schemaVersion(context.Background(), db, names)
	if err == nil && version < readableFrom {
		err = fmt.Errorf("it is read-only (%s), and it %w: make it writable and open it again", why, errOutdated)
	}
	if err != nil {
		db.Close()
		return nil, openFailed(path, err)
	}
	return s, nil
}

// afterShmLook, when set by a test, runs between walWithoutShmLook's
// finding a -shm and its look at whether it may be opened.
var afterShmLook func()

// ErrWALNeedsShm is in the chain of a refusal to read a research file
// whose -wal SQLite can read only through a -shm, and none it may use can
// be had beside it (walWithoutShmErr).
var ErrWALNeedsShm = errors.New("its -wal file can be read only through a -shm file, and none can be used here")

// walWithoutShmErr refuses, with the way out, a research file (side files
// at real) with a -wal left beside it by a program that stopped, which
// SQLite reads only through a -shm, when it has none it may use: none is
// there, and none may be made in its folder (a read-only disk, or a folder
// whose permissions, honoured for root too as readOnlyReason honours them,
// do not allow creating files); or the one there may not be opened by this
// user (another user's), for reading, and for writing too when write.
// SQLite failed with "unable to open database file": the open said
// "cannot read schema version", and check called the sound file damaged,
// sending the user to a backup (found by hostile data passes). Read
// without its -wal, the file would lack its last changes, so it is not
// read at all. A -shm a running program holds is that program's, live.
//
// A -shm this user may not open is refused too when no -wal holds a
// change (none, or an empty one), unless the caller reads a file without
// a -wal alone (immutable; alone): SQLite opens it all the same. An empty
// -wal without a -shm is not refused: the callers read the file alone
// (emptyWALWithoutShm).
func walWithoutShmErr(path, real string, write, alone bool) error {
	// Another store of this process closing the file deletes its side
	// files between the looks: a -shm gone by the look at its permissions
	// was taken for one that may not be opened, and a sound new file was
	// refused with the -shm advice (TestOpenNewFileConcurrently, once in
	// a clean-clone run). Looked at again, as it is now.
	for tries := 1; ; tries++ {
		gone, err := walWithoutShmLook(path, real, write, alone)
		if !gone || tries == 3 {
			return err
		}
	}
}

// walWithoutShmLook is one look of walWithoutShmErr; gone says the -shm
// went between its looks, and the answer is not to be trusted.
func walWithoutShmLook(path, real string, write, alone bool) (gone bool, err error) {
	wal, err := os.Lstat(real + "-wal")
	walThere := err == nil
	changes := walThere && wal.Size() > 0
	w, sh := filepath.Base(real+"-wal"), filepath.Base(real+"-shm")
	if shm, err := os.Lstat(real + "-shm"); !errors.Is(err, os.ErrNotExist) {
		if afterShmLook != nil {
			afterShmLook()
		}
		if err != nil || !shm.Mode().IsRegular() || !openDenied(real+"-shm", write) || held.Holds(path) || heldByAnother(real) != "" {
			return false, nil // oddSideFileErr says the rest; SQLite, the other errors
		}
		if _, err := os.Lstat(real + "-shm"); errors.Is(err, os.ErrNotExist) {
			return true, nil
		}
		if !changes {
			if !walThere && alone {
				return false, nil // read alone (immutable): the -shm is not opened
			}
			// SQLite opens a -shm beside a file in WAL mode even when no
			// -wal holds a change, and failed with "unable to open
			// database file": check called the sound file damaged, the
			// open said another file was put in its place (hostile data
			// pass data9).
			return false, fmt.Errorf("research file %s cannot be opened here: %w. SQLite opens %s beside it, which you may not open (another user's, or its permissions do not allow it); it holds nothing the file lacks (no change is left in %s). This does not make the file damaged: if no program has the file open, delete %s, or have its owner delete it; then open the file again",
				path, ErrWALNeedsShm, sh, w, sh)
		}
		return false, fmt.Errorf("research file %s cannot be read here: %w. A program that stopped left %s beside it, which may hold its last changes; SQLite reads %s only through %s, which you may not open (another user's, or its permissions do not allow it). This does not make the file damaged: if no program has the file open, delete %s (SQLite makes it again from %s), or have its owner delete it; then open the file again",
			path, ErrWALNeedsShm, w, w, sh, sh, w)
	}
	if !changes {
		return false, nil // an empty -wal without a -shm is read past (emptyWALWithoutShm)
	}
	why := shmCannotBeMade(filepath.Dir(real))
	if why == "" {
		return false, nil
	}
	return false, fmt.Errorf("research file %s cannot be read here: %w. A program that stopped left %s beside it, which may hold its last changes; SQLite reads %s only together with a %s, and cannot make one, as %s. This does not make the file damaged: copy %s together with %s into a folder you may write to and open the copy there, or make this folder writable",
		path, ErrWALNeedsShm, w, w, sh, why, filepath.Base(path), w)
}

// shmCannotBeMade says why no -shm may be made in dir (a read-only disk,
// or a folder whose permissions, honoured for root too, do not allow
// creating files), or "" when one may.
func shmCannotBeMade(dir string) string {
	why := "you may not create files in its folder"
	if di, err := os.Stat(dir); err == nil && di.Mode().Perm()&0o222 != 0 {
		switch writeDenied(dir, true) {
		case "":
			return ""
		case onReadOnlyDisk:
			why = "the file is on a read-only disk"
		}
	}
	return why
}

// emptyWALWithoutShm reports whether the research file (side files at
// real) has an empty -wal beside it, no -shm, and none may be made: it is
// read alone (immutable), as a file without a -wal is. The -wal holds no
// change, and no program has the file open (one would have a -shm there);
// SQLite, which reads a -wal only through a -shm, failed with "unable to
// open database file", and check called the sound file damaged (a -wal
// left empty on a read-only disk; hostile data pass data9).
func emptyWALWithoutShm(real string) bool {
	wal, err := os.Lstat(real + "-wal")
	if err != nil || !wal.Mode().IsRegular() || wal.Size() != 0 {
		return false
	}
	if _, err := os.Lstat(real + "-shm"); !errors.Is(err, os.ErrNotExist) {
		return false
	}
	return shmCannotBeMade(filepath.Dir(real)) != ""
}

// sideFilesPath returns where SQLite keeps the side files (-wal, -shm) of
// the research file at abs: beside the file itself, every symbolic link
// resolved, as SQLite resolves them. A file with another name (a hard
// link) is refused: SQLite names the side files after the name
// a file is opened by, so a program writing through one name and another
// reading or writing through the other would each use side files of their
// own, and the reader see pages half-written, or the file be damaged.
func sideFilesPath(abs string) (string, error) {
	// A name the system refuses ("nodir/../x", "notes.txt/x") is refused
	// here too: tidied, a new file was made where the system makes none
	// (found by a hostile pass).
	real, err := followLinks(abs) // a file not there yet is created where links lead
	var pe *fs.PathError
	switch {
	case errors.As(err, &pe):
		return "", fmt.Errorf("research file %s: %s: %w", abs, pe.Path, pe.Err)
	case err != nil:
		real = resolvePath(abs) // a circle of links: the open says so
	}
	if fi, err := os.Stat(real); err == nil && hasOtherNames(fi) {
		return "", fmt.Errorf("research file %s: %w: SQLite keeps its side files by name, so using it through two names at once would damage it, or show it half-written. Copy it to a file of its own and open the copy", abs, ErrHardLinked)
	}
	return real, nil
}

// ErrHardLinked is in the chain of a refusal to open a research file with
// more than one name (see sideFilesPath).
var ErrHardLinked = errors.New("it has another name (a hard link)")

// busyTimeout is how long an open waits for another process holding the file.
const busyTimeout = 5 * time.Second

// setWAL puts the file in WAL mode. The conversion needs the file to itself
// and SQLite does not run the busy handler for it, so two processes opening a
// new file at once would see "database is locked": retry for as long as the
// busy timeout allows. A file already in WAL mode takes no lock here.
func setWAL(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		var mode string
		err := db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode)
		if err == nil && strings.EqualFold(mode, "wal") {
			return nil
		}
		if err == nil {
			err = db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
			if err == nil && strings.EqualFold(mode, "wal") {
				return nil
			}
		}
		switch {
		case err != nil && !isBusy(err):
			return err
		case time.Now().After(deadline) && err != nil:
			return err
		case time.Now().After(deadline):
			return fmt.Errorf("cannot switch to WAL journal mode (still %s)", mode)
		}
		time.Sleep(wait)
	}
}

// sqliteMagic is how every SQLite database file begins.
const sqliteMagic = "SQLite format 3\x00"

// headerDamage says what in a SQLite file's 100-byte header no SQLite ever
// writes, or "" (the format: https://www.sqlite.org/fileformat.html).
func headerDamage(h []byte) string {
	size := int(h[16])<<8 | int(h[17])
	if size == 1 {
		size = 65536
	}
	switch {
	case size < 512 || size&(size-1) != 0:
		return fmt.Sprintf("its header's page size reads %d", size)
	case h[18] < 1 || h[18] > 2 || h[19] < 1 || h[19] > 2:
		return fmt.Sprintf("its header's format versions read %d and %d", h[18], h[19])
	case h[21] != 64 || h[22] != 32 || h[23] != 32:
		return "its header's payload fractions are not SQLite's"
	}
	return ""
}

// pageSizeMismatch says when a header's page size is one SQLite writes but
// not the file's: the header also counts the file's pages (trusted when its
// two change counters agree), and the file holds that many pages of another
// size. SQLite then reads every page at the wrong place ("malformed"). Only
// a hint: a file cut short or grown could disagree with its header too, so
// callers use it once SQLite has failed to read the file.
func pageSizeMismatch(h []byte, fileSize int64) (string, int) {
	size, pages, counted := headerPages(h)
	if !counted || pages == 0 || pages*size == fileSize {
		return "", 0
	}
	other := fileSize / pages
	if other*pages != fileSize || other < 512 || other > 65536 || other&(other-1) != 0 {
		return "", 0
	}
	return fmt.Sprintf("its header's page size reads %d, but it holds the %d pages its header counts of %d bytes", size, pages, other), int(other)
}

// headerPages reads an SQLite header's page size and page count; counted
// says whether the count can be trusted (it was written with the last
// change: the two change counters agree).
func headerPages(h []byte) (pageSize, pages int64, counted bool) {
	pageSize = int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	return pageSize, int64(binary.BigEndian.Uint32(h[28:32])), bytes.Equal(h[24:28], h[92:96])
}

// checkExisting looks at an existing file without writing to it: it must be
// SQLite, and either empty or marked as ours, and not newer than we know.
func checkExisting(path string) error {
	if what := specialFile(path); what != "" {
		// Opening a named pipe would block for ever; SQLite on a device
		// fails with a bare "disk I/O error" and leaves a journal beside it.
		return fmt.Errorf("%s is %w: it is %s, not a file", path, ErrNotDossier, what)
	}
	if held.Holds(path) {
		// This process has it open, so it was checked then; reading its
		// header now would drop SQLite's lock on it (see package held).
		return nil
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if errors.Is(err, errLinkLoop) {
		return fmt.Errorf("research file %w", LinkLoopErr(path, err))
	}
	if err != nil {
		return fmt.Errorf("research file %s: %w", path, err)
	}
	header := make([]byte, 100)
	n, rerr := io.ReadFull(f, header)
	f.Close()
	if n == 0 {
		if rerr != nil && rerr != io.EOF {
			// Unreadable, e.g. a folder: say so rather than let SQLite
			// fail later with "unable to open database file".
			return fmt.Errorf("research file %s: cannot read it: %w", path, rerr)
		}
		return nil // an empty file: we may initialise it
	}
	if n < 100 || !bytes.HasPrefix(header, []byte(sqliteMagic)) {
		return fmt.Errorf("%s is %w: it is not a SQLite database", path, ErrNotDossier)
	}
	if why := headerDamage(header); why != "" {
		// Without a -wal beside it the header is the file's last word, and
		// SQLite could not read past it (a read-write open might still
		// write). With one, the WAL may hold a sound first page: SQLite
		// decides (see damagedOnOpen).
		if fi, err := os.Lstat(path + "-wal"); err != nil || fi.Size() == 0 {
			return &DamagedError{Path: path, Problems: []string{why}}
		}
	}
	// Header fields are big-endian: user_version at 60, application_id at 68.
	be := func(off int) uint32 {
		return uint32(header[off])<<24 | uint32(header[off+1])<<16 | uint32(header[off+2])<<8 | uint32(header[off+3])
	}
	userVersion, appID := be(60), be(68)
	if appID != ApplicationID {
		if appID != 0 || userVersion != 0 {
			return fmt.Errorf("%s is %w: it is a SQLite database belonging to another application", path, ErrNotDossier)
		}
		// application_id 0: only an empty database may become ours.
		//
		// The header on disk can be stale: in WAL mode, committed changes
		// (our own migration included) live in the -wal file until a
		// checkpoint, which happens only when the last connection closes.
		// A Dossier file that another process (the window, say) holds open,
		// or that was left behind by a crash, still shows 0/0 here. Ask
		// SQLite itself, read-only, which reads through the WAL.
		//
		// Without a -wal file the header is current, and the probe must not
		// create side files next to another application's database (a
		// read-only connection to a WAL-mode file would make -wal and -shm):
		// immutable=1 reads the main file without locks or side files.
		probe := dsn(path, true)
		if _, err := os.Lstat(path + "-wal"); errors.Is(err, os.ErrNotExist) {
			probe += "&immutable=1"
		}
		db, err := sql.Open("sqlite", probe)
		if err != nil {
			return fmt.Errorf("research file %s: %w", path, err)
		}
		defer db.Close()
		var tables, ours int
		var liveAppID, liveVersion int64
		if err := db.QueryRow(`SELECT (SELECT count(*) FROM sqlite_schema),
				(SELECT application_id FROM pragma_application_id),
				(SELECT user_version FROM pragma_user_version),
				(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('documents', 'passages'))`).Scan(&tables, &liveAppID, &liveVersion, &ours); err != nil {
			return fmt.Errorf("research file %s: cannot read it: %w", path, err)
		}
		switch {
		case uint32(liveAppID) == ApplicationID:
			userVersion = uint32(liveVersion) // ours: check the version below
		case liveAppID == 0 && liveVersion == 0 && ours == 2:
			// sqlite3's .dump and .clone, SQLite's usual repair, copy the
			// tables but not the header's marks.
			return fmt.Errorf("%s is %w as it is: it holds Dossier's tables without Dossier's mark, as a copy made by sqlite3's .dump or .clone does; recover it into a new file (dossier recover --out NEW; the window offers it too)", path, ErrNotDossier)
		case tables > 0 || liveAppID != 0 || liveVersion != 0:
			return fmt.Errorf("%s is %w: it is a SQLite database with tables of another application", path, ErrNotDossier)
		default:
			return nil
		}
	}
	if err := foreignJournal(path); err != nil {
		return err
	}
	if int32(userVersion) < 0 {
		// user_version is a signed number; no Dossier writes one below 0.
		return fmt.Errorf("research file %s records schema version %d, which no Dossier writes: another program changed it; recover it into a new file (dossier recover --out NEW)", path, int32(userVersion))
	}
	if known := len(migrationNames()); int(userVersion) > known {
		return fmt.Errorf("research file %s was written by a newer Dossier (schema version %d; this version knows up to %d). Update Dossier to open it", path, userVersion, known)
	}
	return nil
}

// ErrForeignJournal is in the chain of a refusal to open a research file
// with another database's rollback journal beside it (foreignJournalErr).
var ErrForeignJournal = errors.New("the rollback journal beside it is another database's")

// foreignJournalErr refuses the research file at path, in WAL mode (bytes
// 18 and 19 of its header), beside which lies a rollback journal that
// SQLite would play back: a file in WAL mode keeps its changes in its -wal
// file, so the journal is another database's, left at this name (copied,
// or a file put in the place of one a program had open). Played back, it
// wrote that database's pages into this file: every bookmark and tag of
// the file was lost (found by a hostile pass). check said to open the file
// to undo "its" change.
func foreignJournalErr(path string) error {
	j := filepath.Base(path) + "-journal"
	return fmt.Errorf("research file %s: %w (%s): research files keep their changes in a -wal file, so it was left here by another database, and opening the file would copy that database's pages into it. Move %s away (keep it if that database may need it), then open the file again",
		path, ErrForeignJournal, j, j)
}

func migrationNames() []string {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// migrate applies every embedded migration newer than the file's
// user_version, each in its own transaction together with its version bump.
//
// Several processes may open a new file at once. Each migration step takes
// the write lock (BEGIN IMMEDIATE) before it reads user_version, so a process
// that waited for another's migration sees its result and does not apply the
// same migration twice ("table meta already exists").
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	names := migrationNames()
	// The version only grows: a file already up to date needs no lock.
	version, err := schemaVersion(ctx, conn, names)
	if err != nil || version == len(names) {
		return err
	}
	for {
		done, err := migrateStep(ctx, conn, names)
		if err != nil || done {
			return err
		}
	}
}

// schemaVersion reads user_version and refuses versions newer than names.
func schemaVersion(ctx context.Context, q querier, names []string) (int, error) {
	var version int
	if err := q.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return 0, fmt.Errorf("cannot read schema version: %w", err)
	}
	if version < 0 {
		return 0, fmt.Errorf("schema version %d is one no Dossier writes: another program changed it", version)
	}
	if version > len(names) {
		return 0, fmt.Errorf("written by a newer Dossier (schema version %d; this version knows up to %d). Update Dossier to open it", version, len(names))
	}
	return version, nil
}

// migrateStep applies the next migration, if any, under the write lock. It
// reports done when the schema is up to date.
func migrateStep(ctx context.Context, conn *sql.Conn, names []string) (done bool, err error) {
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return false, err
	}
	defer func() {
		if err != nil || done {
			conn.ExecContext(context.Background(), `ROLLBACK`)
		}
	}()
	version, err := schemaVersion(ctx, conn, names)
	if err != nil || version == len(names) {
		return err == nil, err
	}
	name := names[version]
	if want := fmt.Sprintf("%04d_", version+1); !strings.HasPrefix(name, want) {
		return false, fmt.Errorf("migration %s is out of sequence (want %s…)", name, want)
	}
	body, err := migrationFS.ReadFile("migrations/" + name)
	if err != nil {
		return false, err
	}
	if _, err = conn.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err = conn.ExecContext(ctx, `PRAGMA application_id = `+strconv.Itoa(ApplicationID)); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err = conn.ExecContext(ctx, `PRAGMA user_version = `+strconv.Itoa(version+1)); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	// Stamped as every change of the store's is (stampconn.go), which this
	// transaction, begun by hand, is not: the -wal of a migration cut short
	// held its schema's pages without the page of meta naming the file.
	if err = setMeta(ctx, conn, writtenKey, strconv.FormatInt(time.Now().UnixNano(), 10)); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err = conn.ExecContext(ctx, `INSERT OR REPLACE INTO meta (key, value) SELECT key, value FROM meta WHERE key = ?`, fileIDKey); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err) // the identity's page too, as stampTx writes it
	}
	if _, err = conn.ExecContext(ctx, `COMMIT`); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	return false, nil
}

// getMeta and setMeta keep small facts about the file (e.g. whether the
// default corpus was imported).
func getMeta(ctx context.Context, q querier, key string) (string, bool, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

func setMeta(ctx context.Context, q querier, key, value string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// querier is satisfied by *sql.DB, *sql.Tx and *sql.Conn.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
