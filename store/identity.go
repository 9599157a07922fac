package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dossier/store/internal/held"
)

// ErrFileReplaced is in the chain of every write refused because the
// research file's name no longer leads to the file this store opened.
var ErrFileReplaced = errors.New("the research file was moved, deleted or replaced while open")

// When another program moves or deletes the research file, or renames
// another file over it, while a store has it open, SQLite goes on working
// on the old file through its open handles, but its side files stay at the
// old name: at close it neither checkpoints nor deletes the WAL of a moved
// file. So the recent commits would stay in a WAL beside whatever file
// takes the name next — missing from the moved file, replayed into the
// other one, which they would damage — and a new connection opening the
// name would read that other file (or create an empty one) through our
// WAL. Hence: no new connection once the name leads elsewhere, no write,
// and the WAL folded into the file we have open and emptied (lostFile).

// Once the WAL is folded in, the side files leave the old name for good
// (releaseName): SQLite keeps them open by handle, but a program opening
// the name would take them for the side files of whatever file it finds or
// creates there, and its pages written into our WAL would be copied into
// our file by the next checkpoint. And while they are still there without
// their file (moved or deleted), Open refuses to create a new file under
// them (orphanSides).

// identity is what a store knows of the file it opened.
type identity struct {
	opened   os.FileInfo            // the file opened for writing; nil until it exists
	sides    [2]os.FileInfo         // its -wal and -shm as they were then (walSides)
	noticed  atomic.Bool            // lostFile has emptied the WAL since the loss
	released atomic.Bool            // the side files left the name: lost for good
	mu       sync.Mutex             // one lostFile at a time
	kept     atomic.Pointer[string] // the backup lostFile made of it, if any
	unhold   func()                 // takes the file and its -shm off the held list (package held)
	reserve  *sql.Conn              // lostFile's own connection (see noteIdentity); guarded by mu
	stop     chan struct{}          // closed by Close: ends the watch
	stopping atomic.Bool            // stop is closed or being closed
	watched  chan struct{}          // closed when the watch has ended
}

// noteIdentity remembers which file the store opened, once it exists, and
// watches its name from then on.
func (s *Store) noteIdentity() {
	fi, err := os.Stat(s.real)
	if err != nil {
		return
	}
	s.id.opened = fi
	for i, suffix := range walSides {
		s.id.sides[i], _ = os.Stat(s.real + suffix) // nil if not there (yet)
	}
	s.id.unhold = held.Add(fi, s.id.sides[1])
	// Once the file is lost no connection may open, and the pool's may all
	// be busy (a search, the watch, a write): lostFile keeps one of its own,
	// so the WAL can always be emptied, at the latest when the store closes.
	if c, err := s.db.DB.Conn(context.Background()); err == nil {
		// A read opens its handle on the WAL now, while the name is ours:
		// a connection opens it by name at its first read.
		var n int
		c.QueryRowContext(context.Background(), `SELECT count(*) FROM sqlite_schema`).Scan(&n)
		s.id.reserve = c
	}
	s.id.stop, s.id.watched = make(chan struct{}), make(chan struct{})
	openStores.add(s)
	go s.watchIdentity()
}

// identityCheck is how often the watch looks at the name: the sooner the
// WAL is emptied, the less another program opening the name could read.
const identityCheck = time.Second

// watchIdentity keeps an open store's WAL out of another file's way even
// when nothing is being written.
func (s *Store) watchIdentity() {
	defer close(s.id.watched)
	t := time.NewTicker(identityCheck)
	defer t.Stop()
	for {
		select {
		case <-s.id.stop:
			return
		case <-t.C:
			s.stillAtPath()
		}
	}
}

// stopWatching ends the watch before the pool closes (once: Close may be
// called again), then, when the file is lost, empties its WAL (lostFile) and
// hands lostFile's connection back. It reports whether the file is lost.
func (s *Store) stopWatching() (lost bool) {
	s.endWatch()
	s.id.mu.Lock()
	defer s.id.mu.Unlock()
	// Fold the WAL into the file before looking where the file is: one
	// moved between this look and the pool's close keeps its commits in a
	// WAL SQLite leaves at the old name (it does not checkpoint a moved
	// file at close), and an emptied WAL leaves nothing behind to lose.
	s.foldWAL()
	lost = !s.atPath()
	if lost { // SQLite leaves a moved file's WAL behind at close: empty it first
		s.lostFile()
	}
	if s.id.reserve != nil {
		s.id.reserve.Close()
		s.id.reserve = nil
	}
	return lost
}

// endWatch ends the watch (once: Close may be called again) and takes the
// store off openStores.
func (s *Store) endWatch() {
	if s.id.stop != nil && s.id.stopping.CompareAndSwap(false, true) {
		close(s.id.stop)
		<-s.id.watched
		openStores.remove(s)
	}
}

// atPath reports whether the research file's name still leads to the file
// the store opened.
func (s *Store) atPath() bool {
	if s.id.opened == nil {
		return true
	}
	if s.id.released.Load() {
		return false
	}
	return s.namedAsOpened()
}

// namedAsOpened reports whether the name the side files go by (s.real)
// leads to the file the store opened.
func (s *Store) namedAsOpened() bool {
	fi, err := os.Stat(s.real)
	return err == nil && os.SameFile(fi, s.id.opened)
}

// stillAtPath refuses writes once the name no longer leads to the opened
// file, after making the file safe (lostFile) the first time.
func (s *Store) stillAtPath() error {
	if s.atPath() {
		s.id.noticed.Store(false) // moved back: a later loss is handled again
		return nil
	}
	if !s.id.noticed.Load() {
		s.id.mu.Lock()
		if !s.id.noticed.Load() && s.lostFile() {
			s.id.noticed.Store(true)
		}
		s.id.mu.Unlock()
	}
	return s.replacedErr()
}

// replacedErr says why nothing more is saved, and where the copy lostFile
// kept is.
func (s *Store) replacedErr() error {
	msg := "was moved, deleted or replaced by another program while Dossier had it open, so nothing more is saved to it"
	if kept := s.id.kept.Load(); kept != nil {
		msg += "; what it held is kept in the backup " + *kept
	}
	return &FileError{Path: s.path, err: ErrFileReplaced, msg: msg + "; open it again to go on"}
}

// lostFile folds the WAL into the file the store has open and empties it
// (see above), then, where backups are enabled, keeps a copy of that file:
// if another file took its name, the copy is all that is left of it once
// the store closes. Both go through connections already open (no new one
// may open: see guardedConnector).
//
// It runs under id.mu, and must not run inside a transaction of this store:
// the checkpoint waits for writers to finish. It reports whether the WAL was
// emptied: when a writer held it past the busy timeout, the next check tries
// again.
func (s *Store) lostFile() bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	via := s.walConn()
	emptied := truncateWAL(ctx, via)
	if s.bk.auto.Load() && s.id.kept.Load() == nil {
		if p, err := s.rollingBackupVia(ctx, via, s.now()); err == nil {
			s.id.kept.Store(&p)
		}
	}
	if emptied {
		s.releaseName()
	}
	return emptied
}

// HeldOpen reports whether this process has the file at path open as a
// research file for writing, or it is such a file's -shm: it must not be
// opened and closed outside the store, which would drop SQLite's locks on
// it (see package held).
func HeldOpen(path string) bool { return held.Holds(path) }

// walConn is lostFile's own connection, or the pool if it has none.
func (s *Store) walConn() querier {
	if s.id.reserve != nil {
		return s.id.reserve
	}
	return s.db.DB
}

// truncateWAL checkpoints the WAL into the file and empties it; it reports
// whether it could (a reader or writer elsewhere can keep part of it).
func truncateWAL(ctx context.Context, via querier) bool {
	var busy, frames, done int
	err := via.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done)
	return err == nil && busy == 0
}

// foldWAL checkpoints the WAL into the file the store has open and empties
// it, best effort (a reader elsewhere can keep part of it).
func (s *Store) foldWAL() {
	if s.id.opened == nil || s.ReadOnly() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	truncateWAL(ctx, s.walConn())
}

// releaseName takes the store's side files off the research file's name
// (see above), once lostFile has folded the WAL into the file. From then
// on the store counts as lost even if its file comes back to the name: its
// connections hold side files nobody else can find, so another program
// opening the file there would keep a WAL of its own beside ours.
func (s *Store) releaseName() {
	// The checkpoint and the backup take a while: the file may be back by
	// now, another program using the side files with it. Then they stay
	// (a later loss is handled again).
	if s.namedAsOpened() {
		return
	}
	s.id.released.Store(true)
	s.removeLeftSides()
}

// orphanSides names the side files at path when the file itself is not
// there: left by a store whose file was moved or deleted while open (or by
// a crash before the file went). A file created under them would be read
// through them, and its pages written into them.
func orphanSides(real string) []string {
	if _, err := os.Lstat(real); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var found []string
	for _, suffix := range walSides {
		if _, err := os.Lstat(real + suffix); err == nil {
			found = append(found, filepath.Base(real+suffix))
		}
	}
	return found
}

// orphanSidesErr refuses to create a research file at path (side files at
// real) under side files left there, after letting this process's own
// stores of a lost file there take theirs away (the window opening the
// name again).
func orphanSidesErr(path, real string) error {
	if len(orphanSides(real)) == 0 {
		return nil
	}
	for _, st := range openStores.at(real) {
		st.stillAtPath()
	}
	found := orphanSides(real)
	if len(found) == 0 {
		return nil
	}
	files, are, them := "side file", "is", "it"
	if len(found) > 1 {
		files, are, them = "side files", "are", "them"
	}
	return fmt.Errorf("research file %s: cannot create a new one here: its %s %s %s still there without it, because the research file was moved or deleted while a program had it open. Close that program first; if none has it open, move %s to where the file went, or delete %s",
		path, files, strings.Join(found, " and "), are, them, them)
}

// sidesOfAnotherFileErr refuses to open the research file at path (side
// files at real) while its side files belong to another file: one moved
// away, or replaced by another file renamed over it, while a program had
// it open. SQLite would read the file at the name through that program's
// WAL, and write into it, and the two programs' commits would land in each
// other's files, or be lost. A Dossier that had it open notices within
// identityCheck and takes them away, so this waits a little first.
func sidesOfAnotherFileErr(path, real string) error {
	if err := refuseAbandoned(path); err != nil {
		return err
	}
	for _, st := range openStores.at(real) {
		st.stillAtPath() // this process's own: let it take them away now
	}
	deadline := time.Now().Add(sidesOfAnotherFileWait)
	for {
		who := sidesHeldForAnotherFile(real)
		other := heldUnderAnotherName(real)
		if who == "" && other == "" {
			return leftSidesErr(path, real)
		}
		if time.Now().After(deadline) {
			if who == "" {
				return &heldElsewhereError{who: other, underAnotherName: true, msg: fmt.Sprintf("research file %s: cannot open it yet: %s has it open under another name (it was moved here while open), with side files of that name: two programs writing it through two sets of side files would lose each other's changes. Close that program, then open the file again",
					path, other)}
			}
			leftSides.note(real, who)
			return &heldElsewhereError{who: who, msg: fmt.Sprintf("research file %s: cannot open it yet: its side files %s and %s are held by %s, which does not hold the file itself: the research file was moved, or another file put in its place, while that program had it open (or the program has lost its hold on the file). Close that program, then open the file again",
				path, filepath.Base(real+"-wal"), filepath.Base(real+"-shm"), who)}
		}
		time.Sleep(sidesOfAnotherFileWait / 20)
	}
}

// leftSides remembers side files this process found held for another file
// (sidesOfAnotherFileErr): once their program has gone, they are still
// that file's, and its last commits may wait in the -wal, which SQLite
// would read into the file at the name (SQLite does not fold a moved
// file's WAL in at close, and a program killed folds nothing). Found by a
// UI pass: "Try again" after the script was killed wrote its change into
// the other file.
var leftSides leftSideFiles

type leftSideFiles struct {
	sync.Mutex
	files []leftSide
}

type leftSide struct {
	path string
	fi   os.FileInfo // as it was when noted
	who  string
}

// same reports whether fi, found at path, is the file noted: the same name
// and file (a deleted file's number is given to another, elsewhere too; the
// program may have written to it since it was noted).
func (l leftSide) same(path string, fi os.FileInfo) bool {
	return path == l.path && os.SameFile(fi, l.fi)
}

// note remembers the side files at real, held by who.
func (ls *leftSideFiles) note(real, who string) {
	ls.Lock()
	defer ls.Unlock()
	if fi, err := os.Stat(real + "-wal"); err == nil {
		ls.files = append(ls.files, leftSide{real + "-wal", fi, who})
	}
}

// leftSidesErr refuses the file at path while a side file beside it is one
// leftSides noted, and not emptied since.
func leftSidesErr(path, real string) error {
	leftSides.Lock()
	defer leftSides.Unlock()
	wal, err := os.Stat(real + "-wal")
	if err != nil || wal.Size() == 0 {
		return nil // nothing of the other file's left to read
	}
	for _, l := range leftSides.files {
		if l.same(real+"-wal", wal) {
			return &leftSidesError{fmt.Sprintf("research file %s: its side file %s is still the one %s had for the file that was here before, and may hold that file's last changes, which SQLite would read into this one. If that file was moved, move %s and %s beside it under its new name before opening it; if not, delete them. Then open this file again",
				path, filepath.Base(real+"-wal"), l.who, filepath.Base(real+"-wal"), filepath.Base(real+"-shm"))}
		}
	}
	return nil
}

// ErrLeftSideFiles is in the chain of a refusal to open a research file
// whose -wal is still another file's (leftSidesErr).
var ErrLeftSideFiles = errors.New("its side files are still another file's")

type leftSidesError struct{ msg string }

func (e *leftSidesError) Error() string        { return e.msg }
func (e *leftSidesError) Is(target error) bool { return target == ErrLeftSideFiles }

// ErrSideFilesHeldElsewhere is in the chain of a refusal to open a research
// file whose side files another program holds for another file
// (sidesOfAnotherFileErr): once that program lets go, it opens.
var ErrSideFilesHeldElsewhere = errors.New("its side files are held by a program that does not hold the file")

// heldElsewhereError is that refusal, which names the program.
type heldElsewhereError struct {
	msg, who         string
	underAnotherName bool // the program has the file itself open, under another name
}

// SideFilesHolder names the program an ErrSideFilesHeldElsewhere refusal
// is about ("python3 (process 42)"), and whether it has the file open under
// another name rather than its side files for another file; "" for other
// errors.
func SideFilesHolder(err error) (who string, underAnotherName bool) {
	var h *heldElsewhereError
	if errors.As(err, &h) {
		return h.who, h.underAnotherName
	}
	return "", false
}

func (e *heldElsewhereError) Error() string        { return e.msg }
func (e *heldElsewhereError) Is(target error) bool { return target == ErrSideFilesHeldElsewhere }

// abandon gives up a store whose connection may have another file's side
// files (openWritable) without closing its pool: SQLite, closing its last
// connection to a file nobody else has open, would fold that WAL into the
// file and delete it, so the other file's commits would be written into
// this one and lost from their own. The connection stays open, idle, until
// the process ends; that is rare (a file swapped in the instant it was
// being opened) and small.
//
// What it holds stays on the held list for good: reading the file in this
// process would drop its locks, and the other program could then take it
// for closed and delete its WAL. And this process never opens that file
// again: SQLite keeps one -shm per file per process, so every later
// connection to it would use the abandoned one's, which its program takes
// away from the name, while other programs make a new one there: two
// indexes of one WAL, and the file damaged (found by a hostile pass).
func (s *Store) abandon() {
	s.endWatch()
	file, _ := os.Stat(s.real) // the connection's file, or, if swapped again since, noted below
	shm, _ := os.Stat(s.real + "-shm")
	held.Add(file, shm, s.id.opened) // never released
	abandoned.Lock()
	for _, fi := range []os.FileInfo{file, s.id.opened} {
		if fi != nil {
			abandoned.files = append(abandoned.files, fi)
		}
	}
	abandoned.pools = append(abandoned.pools, s.db.DB)
	abandoned.Unlock()
}

// abandoned keeps the pools of abandoned stores reachable, so that nothing
// ever closes them, and the files they had, which are not opened again.
var abandoned struct {
	sync.Mutex
	pools []*sql.DB
	files []os.FileInfo
}

// refuseAbandoned refuses the file at path if an abandoned store had it
// open: any SQLite connection of this process to it would use the side
// files the abandoned one keeps (see abandon), a restore's or a recovery's
// too (found by a hostile pass: a restore's checkpoint through them emptied
// another program's WAL, and its commits were lost).
func refuseAbandoned(path string) error {
	if abandonedFile(path) {
		abs, _ := filepath.Abs(path)
		return fmt.Errorf("research file %s: %w", abs, ErrSwappedWhileOpening)
	}
	return nil
}

// abandonedFile reports whether the file at path is one an abandoned store
// had open.
func abandonedFile(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	abandoned.Lock()
	defer abandoned.Unlock()
	for _, a := range abandoned.files {
		if os.SameFile(fi, a) {
			return true
		}
	}
	return false
}

// sidesOfAnotherFileWait is how long Open waits for side files of another
// file to go: a Dossier that had it open takes them away within
// identityCheck, plus the time its checkpoint takes.
var sidesOfAnotherFileWait = 3 * identityCheck

// openingOne lets one Open (or OpenReadOnly, CheckFile) of a file at a time
// in this process look at it, until it returns: one reads the file's
// header (checkExisting), opening and closing it, which drops the locks
// SQLite holds on it for another that is opening it at the same moment
// and not yet on the held list (noteIdentity); its look at the locks then
// took its own file for another's (found by TestOpenNewFileConcurrently).
// It returns the unlock.
func openingOne(path string) (done func()) {
	key := path
	if abs, err := filepath.Abs(path); err == nil {
		key = resolvePath(abs)
	}
	opening.Lock()
	if opening.m == nil {
		opening.m = map[string]*sync.Mutex{}
	}
	mu := opening.m[key]
	if mu == nil {
		mu = &sync.Mutex{}
		opening.m[key] = mu
	}
	opening.Unlock()
	mu.Lock()
	return mu.Unlock
}

// opening holds openingOne's lock of each file.
var opening struct {
	sync.Mutex
	m map[string]*sync.Mutex
}

// openStores are this process's open stores, for orphanSidesErr.
var openStores storeSet

type storeSet struct {
	mu sync.Mutex
	m  map[*Store]bool
}

func (ss *storeSet) add(s *Store) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.m == nil {
		ss.m = map[*Store]bool{}
	}
	ss.m[s] = true
}

func (ss *storeSet) remove(s *Store) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.m, s)
}

// at returns the open stores whose side files go by real.
func (ss *storeSet) at(real string) []*Store {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	var out []*Store
	for s := range ss.m {
		if s.real == real {
			out = append(out, s)
		}
	}
	return out
}

// guardedConnector opens the store's connections, refusing once the
// research file's name leads elsewhere (see above): database/sql opens
// connections whenever it needs more.
type guardedConnector struct {
	drv driver.Driver
	dsn string
	s   *Store
}

func (c *guardedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	if !c.s.atPath() {
		return nil, c.s.replacedErr()
	}
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	makePageMarks(ctx, conn)
	return &stampConn{inner: conn, s: c.s}, nil
}

func (c *guardedConnector) Driver() driver.Driver { return c.drv }

// sqliteDriver is the registered "sqlite" driver, for guardedConnector.
var sqliteDriver = func() driver.Driver {
	db, _ := sql.Open("sqlite", "")
	defer db.Close()
	return db.Driver()
}()

// openGuarded opens the store's connection pool through guardedConnector.
func (s *Store) openGuarded(dsn string) *sql.DB {
	db := sql.OpenDB(&guardedConnector{drv: sqliteDriver, dsn: dsn, s: s})
	db.SetMaxIdleConns(maxIdleConns)
	return db
}

// maxIdleConns is how many of the pool's connections are kept open between
// uses. database/sql keeps 2 by default, but the window often has more at
// work (a search, its counts, the reader, a background ranking): each one
// past 2 was closed when done and a new one opened next time, which reads
// and parses the whole schema again (~2 ms; a tenth of the UI tests' time
// under -race).
const maxIdleConns = 6

// walSides name the side files SQLite keeps beside a file in WAL mode.
var walSides = [2]string{"-wal", "-shm"}

// removeLeftSides deletes the side files a lost file's store left at the old
// name once its pool is closed (lostFile emptied the WAL first): SQLite keeps
// them there, and the next program to open the name would take them for the
// side files of the file it finds. Only those still the very files the store
// opened are removed: others belong to that other file.
func (s *Store) removeLeftSides() {
	for i, suffix := range walSides {
		fi, err := os.Stat(s.real + suffix)
		if err == nil && s.id.sides[i] != nil && os.SameFile(fi, s.id.sides[i]) {
			os.Remove(s.real + suffix)
		}
	}
}
