package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"dossier/internal/wording"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"dossier/store/internal/held"
)

// Rolling backups: copies of the research file made with VACUUM INTO, which
// reads through the WAL, so a backup holds every committed change even while
// another connection has not checkpointed it into the main file.
const (
	// KeepBackups is how many automatic backups are kept per research file.
	KeepBackups = 7
	// AutoBackupAge is how old the newest backup may get before opening the
	// window makes a new one.
	AutoBackupAge = 24 * time.Hour
	// LargeImport is how many passages one ImportFiles call must store to
	// be followed by a backup (when automatic backups are enabled).
	LargeImport = 1000

	backupExt    = ".dossier"
	backupLayout = "20060102-150405"
	// damagedExt names raw copies of files that could not be backed up
	// properly (kept out of the rolling set, never pruned).
	damagedExt = ".damaged"
)

// backupState is the Store's backup configuration, kept apart from the
// opening code.
type backupState struct {
	dir       string      // where rolling backups go; "" = DefaultBackupDir
	auto      atomic.Bool // make backups after large imports
	checkedOK atomic.Bool // a quick check passed on this connection
	// madeNow says this open made the file (OpenResearchFile): it holds
	// the starter corpus only, nothing of the user's for a daily backup
	// to keep.
	madeNow bool
	mu      sync.Mutex // guards autoFailed
	// autoFailed is why the automatic backup after the last import failed
	// (nil: it did not fail, or was not due); see TakeAutoBackupFailure.
	autoFailed error
}

// TakeAutoBackupFailure returns why the automatic backup after the latest
// import failed, once (nil if it did not fail or none was due): the import
// itself succeeded, but the user must not believe a backup exists.
func (s *Store) TakeAutoBackupFailure() error {
	s.bk.mu.Lock()
	defer s.bk.mu.Unlock()
	err := s.bk.autoFailed
	s.bk.autoFailed = nil
	return err
}

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path      string
	Time      time.Time // from the file name
	Size      int64
	Documents int
	Bookmarks int
	Err       error // set when the backup could not be read
	// Future: named after a time still to come (made while the clock was
	// set wrong). Listed after the others: it is not the latest backup.
	Future bool
}

// futureSlack is how far ahead of the clock a backup's name may be before
// it counts as made while the clock was wrong (two machines' clocks, a
// file copied from another, may differ a little).
const futureSlack = 10 * time.Minute

// DefaultBackupDir is where the rolling backups of the research file at
// path live: dataDir()/backups/<file name>-<hash of its full path>. The
// data folder is writable even when the research file's own folder is not,
// and the hash keeps two research.dossier files in different folders apart.
// Symbolic links are resolved first: one file has one backups folder,
// whichever name it is opened by.
//
// Backups made before links were resolved sit in a folder named after the
// link: the first time that folder is asked for, it is moved to the
// file's own (unless that already exists), so that they stay listed.
func DefaultBackupDir(path string) (string, error) {
	// Not tidied first: "link/../A.dossier" is the A beside where the link
	// leads, and tidied it shared (and pruned, and restored from) the
	// backups of another file, ./A.dossier (found by a hostile pass).
	abs, err := absPath(path)
	if err != nil {
		return "", err
	}
	real, err := followLinks(abs)
	if err != nil {
		// "nodir/../x.dossier" is no file the system can reach; tidied it
		// was ./x.dossier, another file, whose backups were listed (found
		// by a hostile pass). A plain name whose folder is gone still has
		// its backups: they may be all that is left of it.
		if abs != filepath.Clean(abs) {
			return "", fmt.Errorf("%s names no file the system can reach: %w", path, err)
		}
		real = abs
	}
	data, err := dataDir()
	if err != nil {
		return "", err
	}
	dir := backupFolder(data, real)
	// The legacy folder only of a name that tidies to the same file (one
	// with a ".." through a link was another file's), and only with
	// backups of this file in it: a folder renamed away and a link put in
	// its place gave the archived file's backups to the link's target,
	// which listed, restored and pruned them as its own (found by a
	// hostile pass).
	if real != abs && abs == filepath.Clean(abs) {
		if legacy := backupFolder(data, abs); legacy != dir {
			if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) && backupsOf(legacy, real) {
				os.Rename(legacy, dir)
			}
		}
	}
	return dir, nil
}

// backupsOf reports whether the newest backup in dir is of the research
// file at path, as far as can be told: both were seeded at the same
// moment (the time the built-in article went in, which every backup of a
// file keeps). No backups, or no such time, is not.
func backupsOf(dir, path string) bool {
	newest := ""
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if _, ok := parseBackupName(e.Name()); ok && e.Type().IsRegular() && (newest == "" || newerBackup(e.Name(), newest)) {
			newest = e.Name()
		}
	}
	if newest == "" {
		return false
	}
	a, b := seededAt(filepath.Join(dir, newest)), seededAt(path)
	return a != "" && a == b
}

// seededAt is when the research file at path was seeded, read without
// writing anything beside it, or "".
func seededAt(path string) string {
	if held.Holds(path) || checkExisting(path) != nil { // open here: reading it would drop this process's locks on it
		return ""
	}
	db, err := openAlone(path)
	if err != nil {
		return ""
	}
	defer db.Close()
	v, _, _ := getMeta(context.Background(), db, seedKey)
	return v
}

// backupFolder is the backups folder of the research file at abs.
func backupFolder(data, abs string) string {
	sum := sha256.Sum256([]byte(abs))
	name := strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs))
	return filepath.Join(data, "backups", name+"-"+hex.EncodeToString(sum[:4]))
}

// SetBackupDir makes rolling backups go to dir instead of DefaultBackupDir.
// Call it before using the store from several goroutines.
func (s *Store) SetBackupDir(dir string) { s.bk.dir = dir }

// EnableAutoBackups makes the store back itself up after large imports.
// Off by default, so that tests and scripts never write outside their files.
func (s *Store) EnableAutoBackups() { s.bk.auto.Store(true) }

// AutoBackups reports whether automatic backups are enabled.
func (s *Store) AutoBackups() bool { return s.bk.auto.Load() }

// BackupDir is where this store's rolling backups go.
func (s *Store) BackupDir() (string, error) {
	if s.bk.dir != "" {
		return s.bk.dir, nil
	}
	return DefaultBackupDir(s.path)
}

// Backup writes a consistent copy of the research file, including what is
// still in the WAL, to out. It writes to a temporary name beside out and
// renames, so out is either complete or absent. It refuses to write over the
// research file itself or over any existing file.
func (s *Store) Backup(ctx context.Context, out string) error {
	// The checks every output gets (CheckOutput: not the research file or
	// its side files, by any name, nor a folder, a device, another
	// database's log…), and where a write reaches, links followed as the
	// system follows them: a dangling link was called "already exists", a
	// circle of links too, and a name ending in "/" was written as a file
	// (found by hostile passes).
	target, err := checkOutput(s.path, out)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(target); err == nil {
		return fmt.Errorf("%s already exists: choose a new name (a backup never replaces a file)", out)
	}
	// What a backup to the same name killed half-way left (".out.12345").
	removeStaleTemps(filepath.Dir(target), time.Now(), tempsOf(target))
	return s.onCopyingConn(ctx, func(db querier) error {
		_, err := vacuumInto(ctx, db, s.path, target, nil)
		return err
	})
}

// onCopyingConn runs copy on one connection of the pool. VACUUM INTO reads
// every page once, so the connection's cache stays the pool's small one
// (SQLite's 2 MB; see dsn): with 32 MB it kept pages nobody reads again,
// and freeing them when the store closed took 0.4–0.5 s after a 20-copy
// import. The copy itself is no slower with 2 MB.
func (s *Store) onCopyingConn(ctx context.Context, copy func(querier) error) error {
	return s.onConn(ctx, 0, func(conn *sql.Conn) error { return copy(conn) })
}

// onConn runs f on one connection of the pool, its page cache raised to
// cacheKiB while f runs (0: left as it is) and then put back, so the
// connection returns to the pool as it was.
func (s *Store) onConn(ctx context.Context, cacheKiB int, f func(*sql.Conn) error) error {
	s.poolUses.Add(1)
	conn, err := s.db.DB.Conn(ctx)
	if err != nil {
		return s.fileErr(err)
	}
	defer conn.Close()
	var size int64
	if cacheKiB > 0 && conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&size) == nil {
		defer func() {
			if _, err := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = `+strconv.FormatInt(size, 10)); err != nil {
				// Not back into the pool with the large cache: close it.
				conn.Raw(func(any) error { return driver.ErrBadConn })
			}
		}()
		conn.ExecContext(ctx, `PRAGMA cache_size = -`+strconv.Itoa(cacheKiB)) // best effort: f runs either way
	}
	return f(conn)
}

// vacuumInto writes db's snapshot through a temporary file and publishes it
// as out without ever replacing a file: when out appeared meanwhile (another
// backup in the same second, another process), next, if not nil, gives the
// name to try instead; with nil, the backup fails. It returns the name used.
func vacuumInto(ctx context.Context, db querier, like, out string, next func() string) (string, error) {
	dir := filepath.Dir(out)
	// Before any folder is made: past the system's limit, the folders
	// made up to it were left behind (found by a hostile pass).
	if err := tooLongForSQLite(out, tempPath(out)); err != nil {
		return "", err
	}
	made := missingDirs(dir)
	unmake := func() { removeEmptyDirs(made) } // a failed backup leaves no folder it made
	if err := os.MkdirAll(dir, 0o755); err != nil {
		unmake()
		return "", backupFolderErr(dir, err)
	}
	tmp, err := os.CreateTemp(dir, TempPattern(out))
	if err != nil {
		unmake()
		return "", fmt.Errorf("cannot write the backup in %s: %w", dir, pathErrno(err))
	}
	tmpName := tmp.Name()
	tmp.Close() // VACUUM INTO accepts an empty file
	fail := func(err error) (string, error) {
		os.Remove(tmpName)
		os.Remove(tmpName + "-journal") // VACUUM INTO writes its target through a rollback journal
		unmake()
		return "", err
	}

	// Through QueryContext, not ExecContext: VACUUM INTO only reads this
	// file, so it must work on a store open read-only, whose handle may
	// refuse every Exec up front.
	rows, err := db.QueryContext(ctx, `VACUUM INTO ?`, tmpName)
	if err == nil {
		for rows.Next() {
		}
		err = rows.Err()
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		if full := noRoomFor("backup to "+out, out, err); full != nil {
			return fail(full)
		}
		if limit := copyLimitErr("backup to "+out, like, err); limit != nil {
			return fail(limit)
		}
		return fail(fmt.Errorf("backup to %s failed: %w", out, err))
	}
	// Never publish what is not a research file: a connection that opened
	// an empty file in place of the research file (moved away and back)
	// copies an empty database, which would take the newest backup's place.
	if !hasApplicationID(tmpName) {
		return fail(fmt.Errorf("backup to %s failed: what was copied is not a Dossier research file", out))
	}
	// Said of out, not of the hidden temporary name, which the user never
	// chose and which is gone once this fails (found by a hostile pass).
	failAs := func(err error) (string, error) {
		if full := noRoomFor("backup to "+out, out, err); full != nil {
			return fail(full)
		}
		return fail(fmt.Errorf("backup to %s failed: %w (nothing was written)", out, pathErrno(err)))
	}
	if err := dropUnfilledMark(ctx, db, tmpName); err != nil {
		return failAs(err)
	}
	if err := syncFile(tmpName); err != nil {
		return failAs(err)
	}
	if err := os.Chmod(tmpName, FileModeFor(out, like)); err != nil { // not CreateTemp's 0600
		return failAs(err)
	}
	for tries := 0; ; tries++ {
		err := publishNew(tmpName, out)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) {
			return failAs(err)
		}
		if next == nil || tries >= 100 {
			return fail(fmt.Errorf("%s already exists: choose a new name (a backup never replaces a file)", out))
		}
		out = next()
	}
	syncDir(dir)
	return out, nil
}

// sqliteMaxPath is the length SQLite's unix VFS gives a path (MAX_PATHNAME),
// its terminating zero included: it opens no longer one.
const sqliteMaxPath = 512

// tooLongForSQLite says why SQLite cannot make a database at tmp, the
// hidden name out is written through, or nil. Past the limit, SQLite's
// "unable to open database file" named the hidden file (found by a
// hostile pass).
//
// Its name too must leave room for "-journal" in a file name: written, a
// file named with 248-255 bytes could not be opened (nameTooLongErr; a
// hostile pass).
func tooLongForSQLite(out, tmp string) error {
	const side = len("-journal") // the longest side file's suffix
	name := filepath.Base(out)
	if fits, longest := roomFor(name, "-journal"); runtime.GOOS != "windows" && !fits {
		return fmt.Errorf("cannot write %s: its name is %d bytes long, and SQLite could not open the file, as a file named after it with %q added could not exist beside it; choose a name of %d bytes or fewer (nothing was written)", out, len(name), "-journal", longest)
	}
	if len(tmp)+side < sqliteMaxPath {
		return nil
	}
	most := sqliteMaxPath - 1 - side - (len(tmp) - len(out))
	return fmt.Errorf("cannot write %s: its path is too long for SQLite (%d bytes; about %d at most here, with the temporary name it is written through); choose a shorter folder or name (nothing was written)", out, len(out), most)
}

// tempPath is the longest name out's hidden temporary file may have.
func tempPath(out string) string {
	return filepath.Join(filepath.Dir(out), tempStem(out)+"4294967295") // CreateTemp's largest number
}

// missingDirs lists dir and those of its parents that do not exist yet,
// deepest first: the folders MkdirAll(dir) would make.
func missingDirs(dir string) []string {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); !errors.Is(err, os.ErrNotExist) {
			return missing
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			return missing
		}
	}
}

// removeEmptyDirs removes the folders dirs (missingDirs' list, deepest
// first) that are still empty: os.Remove takes no folder with anything in
// it, so nothing put there meanwhile is lost.
func removeEmptyDirs(dirs []string) {
	for _, d := range dirs {
		os.Remove(d)
	}
}

// backupFolderErr says why the backup folder dir could not be made: "file
// exists" or "not a directory" alone is puzzling when what is there is a
// file, or a link leading nowhere.
func backupFolderErr(dir string, err error) error {
	if fi, lerr := os.Lstat(dir); lerr == nil {
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			target, _ := os.Readlink(dir)
			switch to, serr := os.Stat(dir); {
			case errors.Is(serr, os.ErrNotExist):
				return fmt.Errorf("cannot create the backup folder %s: it is a link to %s, which does not exist", dir, target)
			case serr == nil && !to.IsDir():
				return fmt.Errorf("cannot create the backup folder %s: it is a link to %s, which is not a folder", dir, target)
			}
		case !fi.IsDir():
			return fmt.Errorf("cannot create the backup folder %s: a file of that name is in the way", dir)
		}
	}
	return fmt.Errorf("cannot create the backup folder %s: %w", dir, err)
}

// publishNew renames tmp to out unless out exists, atomically where the file
// system has hard links: link, then drop the temporary name. Without them
// (some FAT and network drives) it checks, then renames.
func publishNew(tmp, out string) error {
	err := os.Link(tmp, out)
	if err == nil {
		os.Remove(tmp)
		return nil
	}
	if errors.Is(err, os.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(out); serr == nil {
		return &os.LinkError{Op: "publish", Old: tmp, New: out, Err: os.ErrExist}
	}
	return os.Rename(tmp, out)
}

// RollingBackup makes a backup named after now in the backup folder and
// prunes the folder to the newest KeepBackups. It returns the backup's path.
func (s *Store) RollingBackup(ctx context.Context, now time.Time) (out string, err error) {
	err = s.onCopyingConn(ctx, func(db querier) error {
		out, err = s.rollingBackupVia(ctx, db, now)
		return err
	})
	return out, err
}

// rollingBackupVia is RollingBackup through the connection(s) db.
func (s *Store) rollingBackupVia(ctx context.Context, db querier, now time.Time) (string, error) {
	dir, err := s.BackupDir()
	if err != nil {
		return "", fmt.Errorf("no place for backups: %w", err)
	}
	// Two backups in the same second (two windows, the CLI beside the
	// window) both pick the free name: the second to finish takes the next.
	out, err := vacuumInto(ctx, db, s.path, backupName(dir, now), func() string { return backupName(dir, now) })
	if err != nil {
		return "", err
	}
	pruneBackups(dir, out)
	return out, nil
}

// AutoBackup makes a rolling backup if the newest is older than
// AutoBackupAge (or there is none), unless this open made the file. It
// returns the new backup's path, or "" when none was due.
func (s *Store) AutoBackup(ctx context.Context, now time.Time) (string, error) {
	dir, err := s.BackupDir()
	if err != nil {
		return "", fmt.Errorf("no place for backups: %w", err)
	}
	if s.bk.madeNow {
		// A copy of the starter corpus protects nothing, and "Backed up
		// to …" was a new file's first message (a researcher's pass).
		// The next open makes the first daily backup.
		return "", nil
	}
	t, ok := newestBackupTime(dir)
	if ok && now.Sub(t) < AutoBackupAge && !t.After(now) {
		return "", nil
	}
	// A read-only file does not change here: a daily backup of it only
	// pushes older ones out (of a file opened read-only because it lacks
	// part of Dossier's schema, the sound backups went; a hostile pass).
	if ok && s.ReadOnly() {
		return "", nil
	}
	return s.RollingBackup(ctx, now)
}

// afterImport merges the index segments an import wrote, then backs up
// after a large import, when enabled. Both are best effort: the documents
// are stored either way, and a failed merge or backup must not make the
// import look failed (the next one tries again).
//
// The backup runs beside the merge, on another connection: it copies
// whichever committed state it starts from (each merge step commits whole,
// and every state after the import holds the imported documents), and the
// two together take about as long as the longer one instead of their sum.
func (s *Store) afterImport(ctx context.Context, passages int) {
	var backedUp chan struct{}
	if s.bk.auto.Load() && passages >= LargeImport && ctx.Err() == nil {
		backedUp = make(chan struct{})
		go func() {
			defer close(backedUp)
			err := s.refuseDamagedBackup(ctx)
			if err == nil {
				_, err = s.RollingBackup(ctx, s.now())
			}
			if ctx.Err() != nil {
				err = nil // cancelled with the import: not a failure to report
			}
			s.bk.mu.Lock()
			s.bk.autoFailed = err
			s.bk.mu.Unlock()
		}()
	}
	if passages > 0 && ctx.Err() == nil {
		s.mergeIndex(ctx, passages) // a failure here loses nothing: searches read unmerged segments too
	}
	if backedUp != nil {
		<-backedUp
	}
}

// refuseDamagedBackup says why a rolling backup of the file must not be
// made: rows referring to rows that are gone, or tables of Dossier's
// missing (RowProblems, which `dossier backup` and Back up now also ask).
// Such a backup pushed a sound one out of the rolling set. It costs about 1% of a large import (0.06–0.07 s beside
// 5.7 s at 89k passages: BenchmarkRowProblemsMueller).
func (s *Store) refuseDamagedBackup(ctx context.Context) error {
	problems, err := s.RowProblems(ctx)
	if err != nil || len(problems) == 0 {
		return err
	}
	return fmt.Errorf("research file %s is damaged (%s), and a backup of it would push a sound one out of the backups folder, so none was made: restore a backup (dossier backups) or recover it into a new file (dossier --db FILE recover --out NEW)",
		s.path, problemsInBrief(problems))
}

// Backups lists this store's rolling backups, newest first.
func (s *Store) Backups(ctx context.Context) ([]BackupInfo, error) {
	dir, err := s.BackupDir()
	if err != nil {
		return nil, err
	}
	return ListBackups(ctx, dir)
}

// ListBackups lists the backups in dir, newest first, with their document
// and bookmark counts (each opened read-only). A missing folder is no
// backups. A backup that cannot be read is listed with Err set.
func ListBackups(ctx context.Context, dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []BackupInfo
	for _, e := range entries {
		t, ok := parseBackupName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info := BackupInfo{Path: filepath.Join(dir, e.Name()), Time: t}
		if fi, err := e.Info(); err == nil {
			info.Size = fi.Size()
		}
		info.Documents, info.Bookmarks, info.Err = backupCounts(ctx, info.Path)
		out = append(out, info)
	}
	// Newest first, but a backup dated in the future after every other
	// (found by a hostile pass: one made while the clock said 2099 was
	// offered as "the latest backup", over the real latest).
	now := time.Now()
	for i := range out {
		out[i].Future = out[i].Time.After(now.Add(futureSlack))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Future != out[j].Future {
			return !out[i].Future
		}
		return newerBackup(filepath.Base(out[i].Path), filepath.Base(out[j].Path))
	})
	checkListedPages(ctx, out)
	return out, nil
}

// listCheckBytes is how much of the backups a listing reads through to find
// damaged pages (checkListedPages). PRAGMA quick_check reads every page:
// about 8 ms a MB here, from the system's cache (four backups of 74 MB made
// the listing 2.4 s instead of 0.01 s, and the restore dialog waited for it).
const listCheckBytes = 32 << 20

// checkListedPages marks the listed backups (newest first) whose pages are
// damaged, which the counts alone did not notice: one with a page
// overwritten was listed as sound (found by a hostile pass). Each is read
// through (PRAGMA quick_check) while the backups read stay within
// listCheckBytes: all of a small research file's, none of a large one's.
// Whichever is chosen is checked in full then (a restore refuses what
// check calls damaged, and says so).
func checkListedPages(ctx context.Context, list []BackupInfo) {
	var read int64
	for i := range list {
		b := &list[i]
		if b.Err != nil || read+b.Size > listCheckBytes {
			continue
		}
		if ctx.Err() != nil {
			return
		}
		read += b.Size
		if problems := pageProblems(ctx, b.Path); len(problems) > 0 {
			b.Err = fmt.Errorf("backup %s is %w (%s)", b.Path, ErrDamagedBackup, problemsInBrief(problems))
		}
	}
}

// pageProblems is what PRAGMA quick_check finds wrong with the backup at
// path, read without writing anything beside it; none if it cannot tell
// (the listing was stopped, say).
func pageProblems(ctx context.Context, path string) []string {
	db, err := openAlone(path)
	if err != nil {
		return nil
	}
	defer db.Close()
	problems, err := checkDB(ctx, db, checkPages)
	if err != nil {
		return nil
	}
	return problems
}

// cutInHeader says why a backup shorter than SQLite's 100-byte header is
// damaged: empty, or cut off inside the header (it begins as the header
// does). "" if it is not. An empty backup was "no such table", one of a
// few bytes "not a SQLite database" (found by a hostile pass).
func cutInHeader(path string) string {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() >= 100 {
		return ""
	}
	if fi.Size() == 0 {
		return "it is empty: a copy cut off before anything was written"
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte(sqliteMagic)[:min(len(b), len(sqliteMagic))]) {
		return ""
	}
	return fmt.Sprintf("it is cut short: %s, not even the 100 of its header", wording.Count(len(b), "byte"))
}

// ErrDamagedBackup is in the chain of a listed backup's Err when the file
// is itself damaged (cut short), as opposed to unreadable for other reasons.
var ErrDamagedBackup = errors.New("damaged")

// backupCounts reads a backup's document and bookmark counts without
// writing anything beside it (immutable: backups are never in WAL mode).
func backupCounts(ctx context.Context, path string) (docs, bookmarks int, err error) {
	if why := cutInHeader(path); why != "" {
		return 0, 0, fmt.Errorf("backup %s is %w (%s)", path, ErrDamagedBackup, why)
	}
	if err := checkExisting(path); err != nil {
		if de := (*DamagedError)(nil); errors.As(err, &de) { // its header: said of a backup, not a research file
			return 0, 0, fmt.Errorf("backup %s is %w (%s)", path, ErrDamagedBackup, strings.Join(de.Problems, "; "))
		}
		return 0, 0, err
	}
	// Said first: cut short, SQLite's answer was its raw "database disk
	// image is malformed", or nothing at all (found by a hostile pass).
	if why := cutShort(path); why != "" {
		return 0, 0, fmt.Errorf("backup %s is %w (%s)", path, ErrDamagedBackup, why)
	}
	db, err := openAlone(path)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	err = db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM bookmarks)`).Scan(&docs, &bookmarks)
	if err != nil {
		return 0, 0, fmt.Errorf("backup %s cannot be read: %w", path, err)
	}
	return docs, bookmarks, nil
}

// backupName is dir/YYYYMMDD-HHMMSSZ.dossier (in UTC), with -2, -3… when
// that second is taken: always above the highest suffix there, so that a
// name freed by pruning is never reused for a newer backup. Named in local
// time, backups made after a move west (or in the hour a clock goes back)
// sorted before older ones: pruning deleted the newest, and "Restore latest
// backup…" offered an old one (found by a hostile pass).
func backupName(dir string, now time.Time) string {
	base := now.UTC().Format(backupLayout) + "Z"
	next := 0
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		stem, ok := strings.CutSuffix(e.Name(), backupExt)
		if !ok || !strings.HasPrefix(stem, base) {
			continue
		}
		n := 1
		if rest := stem[len(base):]; rest != "" {
			if _, err := fmt.Sscanf(rest, "-%d", &n); err != nil {
				continue
			}
		}
		next = max(next, n+1)
	}
	if next <= 1 {
		return filepath.Join(dir, base+backupExt)
	}
	return filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, next, backupExt))
}

// parseBackupName reads the time from a rolling backup's file name.
func parseBackupName(name string) (time.Time, bool) {
	if !strings.HasSuffix(name, backupExt) || len(name) < len(backupLayout)+len(backupExt) {
		return time.Time{}, false
	}
	stem := strings.TrimSuffix(name, backupExt)
	rest := stem[len(backupLayout):]
	zone := time.Local // named before backups were named in UTC
	if utc, ok := strings.CutPrefix(rest, "Z"); ok {
		zone, rest = time.UTC, utc
	}
	t, err := time.ParseInLocation(backupLayout, stem[:len(backupLayout)], zone)
	if err != nil {
		return time.Time{}, false
	}
	if rest != "" && !strings.HasPrefix(rest, "-") {
		return time.Time{}, false
	}
	return t.In(time.Local), true // shown in local time, whatever the name's zone
}

// newerBackup orders backup names newest first: by time, then by the
// -2, -3… suffix of backups made within the same second.
func newerBackup(a, b string) bool {
	ta, _ := parseBackupName(a)
	tb, _ := parseBackupName(b)
	if !ta.Equal(tb) {
		return ta.After(tb)
	}
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a > b
}

func newestBackupTime(dir string) (time.Time, bool) {
	entries, _ := os.ReadDir(dir)
	var newest time.Time
	found := false
	for _, e := range entries {
		if t, ok := parseBackupName(e.Name()); ok && (!found || t.After(newest)) {
			newest, found = t, true
		}
	}
	return newest, found
}

// pruneBackups keeps the newest KeepBackups rolling backups in dir, made
// (the backup just written) always among them: backups dated in the future
// (a clock set wrong once) must not make the new one the oldest. Only
// regular files count, as ListBackups lists only them.
func pruneBackups(dir, made string) {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if _, ok := parseBackupName(e.Name()); ok && e.Type().IsRegular() && e.Name() != filepath.Base(made) {
			names = append(names, e.Name())
		}
	}
	// A backup dated in the future was made before the clock was set
	// right: pruned as the oldest, not kept forever as the newest.
	future := func(n string) bool {
		t, _ := parseBackupName(n)
		return t.After(time.Now().Add(futureSlack))
	}
	sort.Slice(names, func(i, j int) bool {
		if fi, fj := future(names[i]), future(names[j]); fi != fj {
			return !fi
		}
		return newerBackup(names[i], names[j])
	})
	// Only this file's own: a file made at the name of a lost one (deleted
	// by mistake, moved away) shares its folder, and pruned the lost
	// file's backups, the only copies of its work, one per backup of its
	// own (found by a hostile data pass). A backup made before files were
	// dated counts as its own; one that cannot be read at all (its header
	// damaged, say) is not pruned: it may be another's, the only copy of
	// its work, and `dossier recover` reads past such damage (review
	// 2026-12-05e: a lost file's was pruned as the new file's own).
	own, _ := fileMadeAt(made)
	names = slices.DeleteFunc(names, func(n string) bool {
		made, readable := fileMadeAt(filepath.Join(dir, n))
		return !readable || (own != "" && made != "" && made != own)
	})
	for _, n := range names[min(len(names), KeepBackups-1):] {
		os.Remove(filepath.Join(dir, n))
	}
	removeStaleTemps(dir, time.Now(), func(n string) bool {
		i := strings.LastIndexByte(n, '.')
		_, ok := parseBackupName(n[1:max(i, 1)])
		return i > 0 && ok
	})
}

// tempMarker names the hidden file an output is written through before it
// takes its name (".out.dossier-part-12345"): only such files are removed
// as leftovers of a killed write. Plain ".out.12345" was also any file of
// the user's so named (found by a hostile pass: `export --out X` deleted
// the user's ".X.2024").
const tempMarker = ".dossier-part-"

// TempPattern is the os.CreateTemp pattern of out's hidden temporary file.
func TempPattern(out string) string { return tempStem(out) + "*" }

// IsTempOf reports whether the file named name (in out's folder) is one of
// out's hidden temporary files, written through TempPattern.
func IsTempOf(out, name string) bool {
	digits, ok := strings.CutPrefix(name, tempStem(out))
	return ok && digits != "" && strings.Trim(digits, "0123456789") == ""
}

// tempStem is out's temporary files' names before their digits. A long
// name is cut, with a hash of the whole to tell such names apart: its
// temporary file, 25 bytes longer, was past the 255 a name may have, and
// the export failed "file name too long" (found by a hostile pass).
func tempStem(out string) string { return hiddenStem(out, tempMarker) }

// hiddenStem is the name of a hidden file beside out before its digits:
// "." + out's name + marker, out's name cut to leave room for the digits
// and a side file's suffix, with a hash of the whole (see tempStem).
func hiddenStem(out, marker string) string {
	base := filepath.Base(out)
	room := 255 - len(".") - len(marker) - 10 - len("-journal") // digits, and a side file's suffix
	if len(base) > room {
		h := fnv.New32a()
		h.Write([]byte(base))
		cut := room - 9
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = fmt.Sprintf("%s~%08x", base[:cut], h.Sum32())
	}
	return "." + base + marker
}

// tempsOf recognises the hidden files that writing out under a temporary
// name leaves beside it (see tempMarker).
func tempsOf(out string) func(name string) bool {
	return func(n string) bool { return IsTempOf(out, n) }
}

// staleTempAge: a backup's temporary file not written to for this long
// was left by a process that died (kill -9, power cut) — a running backup
// keeps writing to it. Younger ones may be another process's, in progress.
const staleTempAge = time.Hour

// removeStaleTemps deletes the temporary files that a backup or restore
// killed half-way left in dir (hidden, as large as the research file, and
// otherwise kept forever): those isTemp recognises by name ("-journal",
// "-wal" and "-shm" trimmed), untouched for staleTempAge.
func removeStaleTemps(dir string, now time.Time, isTemp func(name string) bool) {
	entries, _ := os.ReadDir(dir)
	// A temporary file and its side files go together, once none of them
	// has been written to for staleTempAge: a long recovery writes its -wal
	// while its main file waits for a checkpoint.
	newest := map[string]time.Time{}
	var names []string
	for _, e := range entries {
		n := e.Name()
		for _, side := range []string{"-journal", "-wal", "-shm"} { // a recovery's temporary file is a WAL database
			n = strings.TrimSuffix(n, side)
		}
		if !strings.HasPrefix(n, ".") || !e.Type().IsRegular() || !isTemp(n) {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		if fi.ModTime().After(newest[n]) {
			newest[n] = fi.ModTime()
		}
		names = append(names, e.Name())
	}
	for _, name := range names {
		n := name
		for _, side := range []string{"-journal", "-wal", "-shm"} {
			n = strings.TrimSuffix(n, side)
		}
		if now.Sub(newest[n]) > staleTempAge {
			os.Remove(filepath.Join(dir, name))
		}
	}
}

// sameFile reports whether a and b name the same file, or one is the
// other's -wal, -shm or -journal: by identity when both exist, by path
// otherwise.
func sameFile(a, b string) bool {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if sameOneFile(a, b+suffix) {
			return true
		}
	}
	return false
}

// sameOneFile reports whether a and b name the same file: by identity when
// both exist, by resolved path otherwise.
func sameOneFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) || samePathName(resolvePath(a), resolvePath(b)) {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a rename durable; not every system can sync a folder, and
// the rename itself has already happened, so failures are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// copyFile copies src to a new file dst (which must not exist) and syncs it.
func copyFile(src, dst string) error {
	if held.Holds(src) { // closing it would drop SQLite's lock on it
		return fmt.Errorf("%s is a research file Dossier has open: close it first", src)
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// hasApplicationID reports whether the file at path is a SQLite database
// whose header says it is a Dossier research file.
func hasApplicationID(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	header := make([]byte, 72)
	if _, err := io.ReadFull(f, header); err != nil {
		return false
	}
	return bytes.HasPrefix(header, []byte(sqliteMagic)) && binary.BigEndian.Uint32(header[68:]) == ApplicationID
}

// fileMadeAt tells which research file a file (or backup) is: when its
// starter gazetteer was loaded, which a new file records once and its
// backups, restores and recoveries carry along (meta is copied whole); ""
// when it has none. readable is false when it cannot be read at all.
func fileMadeAt(path string) (made string, readable bool) {
	db, err := openAlone(path) // no side files, no locks: a backup is whole
	if err != nil {
		return "", false
	}
	defer db.Close()
	v, _, err := getMeta(context.Background(), db, gazetteerKey)
	if err != nil {
		return "", false
	}
	return v, true
}

// dropUnfilledMark takes the unfilled mark (see OpenResearchFileToFill)
// out of copy, a backup just made of the file db is open on, where that
// file has it: a copy is one the user keeps, never a file a killed import
// left. Carrying the mark, a backup of a file left unfilled was taken as
// new by an import into it that found nothing to import, and removed
// (hostile data pass data26); restored, it marked the file restored.
func dropUnfilledMark(ctx context.Context, db querier, copy string) error {
	var marked bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?)`, unfilledKey).Scan(&marked); err != nil || !marked {
		return nil // a file without meta is copied as it is
	}
	c, err := sql.Open("sqlite", dsn(copy, false))
	if err != nil {
		return err
	}
	_, err = c.ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, unfilledKey)
	return errors.Join(err, c.Close())
}
