package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"dossier/internal/wording"
	"dossier/store/internal/held"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrDamaged is matched (errors.Is) by a DamagedError.
var ErrDamaged = errors.New("research file is damaged")

// DamagedError says a research file failed its integrity check.
type DamagedError struct {
	Path     string
	Problems []string
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("research file %s is %s", e.Path, e.details())
}

// details is what is wrong and what to do, without the file.
func (e *DamagedError) details() string {
	return fmt.Sprintf("damaged (%s). `dossier check` lists the problems; restore a backup (`dossier backups`, `dossier restore`) or recover what can be read into a new file (`dossier recover --out NEW`)",
		problemsInBrief(e.Problems))
}

// problemsInBrief is the first of SQLite's problems on one line, and how
// many more there are: its lines can span several, headed by "*** in
// database main ***", which restore printed as it came (a hostile pass).
func problemsInBrief(problems []string) string {
	if len(problems) == 0 {
		return "no problem named"
	}
	lines := strings.Split(strings.TrimSpace(problems[0]), "\n")
	if len(lines) > 1 && strings.HasPrefix(lines[0], "*** in database") {
		lines = lines[1:]
	}
	n := len(problems) - 1 + len(lines) - 1
	brief := strings.Join(strings.Fields(lines[0]), " ")
	if n > 0 {
		brief += fmt.Sprintf(" and %s", wording.Count(n, "more problem"))
	}
	return brief
}

func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// Check runs SQLite's full integrity check (which in this SQLite also checks
// each FTS5 index's own structure) and FTS5's integrity-check of the passage
// index against the passages (rank 1: an external-content index is
// otherwise only checked against itself), then, when the structure is
// sound, each document's text (textProblems). It returns the problems
// found; none means the file is healthy. The error is for failures to run the check at all.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	return fileProblems(ctx, s.db)
}

// fileProblems is what `dossier check` calls wrong with the research file
// open as db: SQLite's integrity check, the rows that no longer agree
// (consistencyProblems), foreign SQL, and each document's text. Check,
// CheckFile and the check of a backup before it is restored all ask it,
// so that a restore never accepts a file check calls damaged (found by a
// hostile pass: a backup with a row of passage_tags whose tag was gone
// was restored, and check then called the research file damaged).
func fileProblems(ctx context.Context, db querier) ([]string, error) {
	problems, err := checkDB(ctx, db, checkFull)
	return withTexts(ctx, db, problems, err)
}

// QuickCheck is PRAGMA quick_check table by table (tableProblems): the
// file's structure without matching indexes to tables, fast enough to run
// after opening and before imports, and rows that refer to rows gone.
// A clean result spares the next bulk import its own check.
func (s *Store) QuickCheck(ctx context.Context) ([]string, error) {
	problems, err := checkDB(ctx, s.db, checkTables)
	if err == nil && len(problems) == 0 {
		problems, err = s.RowProblems(ctx)
	}
	if err == nil && len(problems) == 0 {
		s.bk.checkedOK.Store(true)
	}
	return problems, err
}

// CheckFile checks the research file at path without opening it for
// writing or migrating it, so that even a file Open refuses can be checked.
func CheckFile(ctx context.Context, path string) ([]string, error) {
	problems, _, err := checkFile(ctx, path, true, nil)
	return problems, err
}

// CheckFileNoting is CheckFile, reporting too whether a file without
// problems was left unfilled by an import stopped before it put anything
// in it (see LeftUnfilled), with seed the one a command opening it would
// put in: told with nothing written.
func CheckFileNoting(ctx context.Context, path string, seed Seed) (problems []string, leftUnfilled bool, err error) {
	return checkFile(ctx, path, true, &seed)
}

// checkFile is CheckFile; without texts, it checks the file's structure
// only (not each document's text). A sound file is told left unfilled
// (leftUnfilledAsIs) where seed is not nil.
func checkFile(ctx context.Context, path string, texts bool, seed *Seed) (problems []string, leftUnfilled bool, err error) {
	defer openingOne(path)()
	if err := checkExisting(path); err != nil {
		if d := (*DamagedError)(nil); errors.As(err, &d) {
			return d.Problems, false, nil // found damaged before SQLite read it
		}
		return nil, false, err
	}
	real, err := sideFilesPath(path)
	if err != nil {
		return nil, false, err
	}
	if err := oddSideFileErr(path, real); err != nil {
		return nil, false, err
	}
	if abs, err := filepath.Abs(path); err == nil { // named as every other command names it
		if err := sidesOfAnotherFileErr(abs, real); err != nil {
			return nil, false, err
		}
		if err := walWithoutShmErr(abs, real, false, readOnlyReason(real) != ""); err != nil {
			return nil, false, err // not damage (it said so)
		}
		// Another database's -wal: said as the open says it, not "damaged:
		// restore a backup or recover", when moving the -wal away is the
		// way out (a hostile pass).
		if err := leftWALErrForRepair(abs, real); err != nil {
			return nil, false, err
		}
	}
	src := dsn(path, true)
	_, walErr := os.Lstat(real + "-wal")
	_, shmErr := os.Lstat(real + "-shm")
	noSideFiles := errors.Is(walErr, os.ErrNotExist) && errors.Is(shmErr, os.ErrNotExist)
	if errors.Is(walErr, os.ErrNotExist) && readOnlyReason(real) != "" || emptyWALWithoutShm(real) { // the folder links lead to
		// As openReadOnly: nothing may appear beside a read-only file (a
		// read-only -shm left there would block writes once it is made
		// writable again).
		src += "&immutable=1"
		noSideFiles = false // none will appear
	}
	db, err := sql.Open("sqlite", src)
	if err != nil {
		return nil, false, err
	}
	defer func() {
		db.Close()
		if noSideFiles && anyExists(real+"-wal", real+"-shm") && !anyExists(real+"-journal") {
			// (A rollback journal would be rolled back by a read-write
			// open: a repair, which is not the check's to make.)
			removeSideFilesOnClose(path)
		}
	}()
	// An empty file (or one whose creation was cut short before its first
	// transaction committed) holds nothing to damage: opening it makes a
	// new research file. Its missing tables are not damage.
	var tables int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&tables)
	if err == nil && tables == 0 {
		return nil, false, nil
	}
	if err != nil && diskFull(path, err) {
		return nil, false, diskFullErr(path, "checked", err)
	}
	if texts {
		problems, err = fileProblems(ctx, db)
	} else {
		problems, err = checkDB(ctx, db, checkFull)
	}
	if errors.Is(err, errUnfinishedChange) {
		err = fmt.Errorf("research file %s %w", path, err)
	}
	if err == nil && len(problems) == 0 && seed != nil && readOnlyReason(real) == "" { // as an open tells it
		if real, lerr := followLinks(path); lerr == nil {
			leftUnfilled, _ = leftUnfilledAsIs(ctx, db, real, seed.Gazetteer) // unknown: not said
		}
	}
	return problems, leftUnfilled, err
}

// errUnfinishedChange is why a read-only check cannot read a file with a
// hot rollback journal.
var errUnfinishedChange = errors.New("holds a change that a program stopping part-way left unfinished (its -journal file is beside it): open it in Dossier, or run any other dossier command on it, which undoes that change, then try again")

// hotJournal says whether a rollback journal that SQLite would play back
// lies beside the file at path: one that begins with the journal's magic
// number (a finished change leaves none, or a zeroed header).
func hotJournal(path string) bool {
	// A named pipe at the journal's name blocked this open for ever, and
	// every command with it (a hostile pass): only a plain file is read
	// (oddSideFileErr refuses the others).
	if fi, err := os.Lstat(path + "-journal"); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path + "-journal")
	if err != nil {
		return false
	}
	defer f.Close()
	magic := make([]byte, 8)
	_, err = io.ReadFull(f, magic)
	return err == nil && bytes.Equal(magic, journalMagic)
}

// journalMagic begins a rollback journal that SQLite would play back.
var journalMagic = []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}

// foreignJournal refuses (foreignJournalErr) the research file at path,
// in WAL mode, with a rollback journal beside it to play back; nil
// otherwise. A file this process has open was read at its opening, and is
// not read again (that would drop SQLite's lock on it, see package held).
func foreignJournal(path string) error {
	if held.Holds(path) || !hotJournal(path) {
		return nil
	}
	if h := readHeader(path); len(h) == 100 && h[18] == 2 && h[19] == 2 {
		return foreignJournalErr(path)
	}
	return nil
}

// removeSideFilesOnClose lets SQLite remove the -wal and -shm files a
// read-only connection made beside the file at path (it cannot remove them
// itself): the last read-write connection to close a WAL file removes
// them, and does not while another program has the file open. The
// connection (the store's, which sets no journal mode) writes nothing: the
// WAL it finds is empty, or another program's, which SQLite folds in as on
// any last close.
func removeSideFilesOnClose(path string) {
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM sqlite_schema`).Scan(&n) // joins the WAL
	db.Close()
}

// anyExists says whether any of the files exists.
func anyExists(paths ...string) bool {
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			return true
		}
	}
	return false
}

// checkDepth is how much of a file checkDB reads.
type checkDepth int

const (
	checkTables checkDepth = iota // PRAGMA quick_check table by table (tableProblems)
	checkPages                    // PRAGMA quick_check of the whole file
	checkFull                     // PRAGMA integrity_check, the rows' consistency, FTS5's check
)

func checkDB(ctx context.Context, db querier, depth checkDepth) ([]string, error) {
	var problems []string
	var err error
	switch depth {
	case checkFull:
		problems, err = pragmaProblems(ctx, db, "PRAGMA integrity_check")
	case checkPages:
		problems, err = pragmaProblems(ctx, db, "PRAGMA quick_check")
	default:
		problems, err = tableProblems(ctx, db)
		if err == nil && len(problems) == 0 {
			problems, err = sharedPageProblems(ctx, db)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_READONLY_ROLLBACK {
			// Not damage: a change cut short by a program that stopped,
			// whose rollback journal a read-only check may not roll back.
			return nil, errUnfinishedChange
		}
		// A file too damaged to check is damaged; foreign SQL (SQLite may
		// fail on it, e.g. a collating sequence it does not know) is named
		// first.
		if foreign, ferr := foreignSchema(ctx, db); ferr == nil && foreign.any() {
			problems = append(problems, foreign.problem())
		}
		problems = append(problems, "cannot be read: "+sqliteMessage(err))
		return problems, nil
	}
	if depth == checkFull {
		found, err := consistencyProblems(ctx, db)
		if err != nil {
			return nil, err
		}
		problems = append(problems, found...)
		_, err = db.ExecContext(ctx, `INSERT INTO passages_fts(passages_fts, rank) VALUES('integrity-check', 1)`)
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case strings.Contains(err.Error(), "readonly"), strings.Contains(err.Error(), "read-only"):
			// A read-only file cannot run this command; PRAGMA
			// integrity_check has checked the index's structure.
		default:
			problems = append(problems, "full-text index: "+err.Error())
		}
	}
	return problems, nil
}

// pragmaProblems runs an integrity pragma and returns what it finds wrong.
func pragmaProblems(ctx context.Context, db querier, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, problemLines(line)...)
		}
	}
	return problems, rows.Err()
}

// tableProblems is PRAGMA quick_check run table by table: every table's
// and index's pages and rows, without what the whole-file pass adds.
// That pass also runs FTS5's own check of its index, whatever "quick"
// asks (FTS5 ignores it): 3.0–3.4 s of the 3.6 s it took at 100k
// passages, against 0.2–0.3 s for every table one by one; QuickCheck
// runs after every opening and before an import. Pages that two tables,
// or a table and the free list, both claim are found after it
// (sharedPageProblems). The whole-file pass is for the checks that run
// seldom: a -wal left by a stop, listed backups, and `dossier check`
// with FTS5's check (checkFull).
func tableProblems(ctx context.Context, db querier) ([]string, error) {
	tables, err := queryAll(ctx, db, func(sc scanner) (string, error) {
		var name string
		return name, sc.Scan(&name)
	}, `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'shadow') ORDER BY name`)
	if err != nil {
		return nil, err
	}
	if len(tables) > tablesCheckedOneByOne {
		// Each table's check reads the whole schema: 20,000 tables another
		// program made took 38 s one by one, 0.25 s in one pass (a
		// hostile pass). Dossier makes about 25.
		return pragmaProblems(ctx, db, "PRAGMA quick_check")
	}
	var problems []string
	for _, t := range tables {
		found, err := pragmaProblems(ctx, db, `PRAGMA main.quick_check("`+strings.ReplaceAll(t, `"`, `""`)+`")`)
		if err != nil {
			return nil, err
		}
		for _, p := range found {
			if !slices.Contains(problems, p) { // a page two tables share is said once
				problems = append(problems, p)
			}
		}
	}
	return problems, nil
}

// tablesCheckedOneByOne is the most tables tableProblems checks one by one.
const tablesCheckedOneByOne = 100

// problemLines is one result of SQLite's integrity check as problems, one
// a line: SQLite heads its first result with "*** in database main ***",
// and one result may hold several lines, which check listed (and
// counted) as one problem and restore's summary (problemsInBrief) counted
// as several.
func problemLines(result string) []string {
	var lines []string
	for _, l := range strings.Split(result, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "*** in database") {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 { // said nothing but its heading: still not "ok"
		lines = append(lines, strings.TrimSpace(result))
	}
	return lines
}

// consistencyProblems is what a read-only connection can tell of rows that
// no longer agree: FTS5's integrity-check against the passages is a write
// command, which `dossier check` (a read-only open) cannot run, and SQLite's
// integrity_check does not follow foreign keys. So a passage deleted
// behind the index's back, or one whose document is gone, was "ok"; the
// first breaks every search that lists it ("database disk image is
// malformed"). The index keeps one size row per passage it holds
// (passages_fts_docsize), which the passages must match one for one.
func consistencyProblems(ctx context.Context, db querier) ([]string, error) {
	var problems []string
	foreign, err := foreignSchema(ctx, db)
	if err != nil {
		return nil, err
	} else if foreign.any() {
		problems = append(problems, foreign.problem())
	}
	// altered reports whether a failed read of the check's own failed on
	// a table another program changed, already named with the way out:
	// that one check is left out and the others go on (SQLite's words for
	// the check's query, "no such column: p.id", said the file could not
	// be read; stopping there, an orphan row after it went unnamed;
	// hostile passes).
	altered := func(err error) bool { return foreign.any() && alteredSchemaErr(err) }
	if missing, err := missingObjects(ctx, db); err != nil {
		return nil, err
	} else if len(missing) > 0 {
		problems = append(problems, missingProblem(missing))
	}
	// Each size row's passage is looked up in the narrow index of ids when
	// the file has it (migration 0010): in the wide table, 1M lookups read
	// most of its pages (4.6 s at 1M passages on a cold cache, 0.3 s so).
	narrow := ""
	var indexed int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'passages_document_of'`).Scan(&indexed); err == nil && indexed == 1 {
		narrow = "INDEXED BY passages_document_of"
	}
	for _, c := range []struct{ sql, noun, says string }{
		{`SELECT count(*) FROM passages_fts_docsize d WHERE NOT EXISTS (SELECT 1 FROM passages p ` + narrow + ` WHERE p.id = d.id)`,
			"entry|entries", "the full-text index holds %s whose passage is gone: searches that find them fail"},
		{`SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM passages_fts_docsize d WHERE d.id = p.id)`,
			"passage is|passages are", "%s missing from the full-text index: searches do not find them"},
	} {
		var n int
		if err := db.QueryRowContext(ctx, c.sql).Scan(&n); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if altered(err) {
				continue
			}
			return append(problems, "cannot be read: "+sqliteMessage(err)), nil
		}
		if n > 0 {
			problems = append(problems, fmt.Sprintf(c.says, wording.Count(n, c.noun)))
		}
	}
	var version int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return nil, err
	}
	if ok, err := hasLengthsTable(ctx, db); err != nil {
		return nil, err
	} else if !ok && version >= lengthsVersion {
		problems = append(problems, "the table of passage lengths (passage_lengths) is missing: broad searches are ranked more slowly")
	}
	if n, err := wrongLengths(ctx, db); err != nil && !altered(err) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return append(problems, "cannot be read: "+sqliteMessage(err)), nil
	} else if err == nil && n > 0 {
		problems = append(problems, wording.Count(n, "passage's length|passages' lengths")+
			" stored for ranking disagree with the full-text index: broad searches may rank them out of order")
	}
	kinds, err := valueKindProblems(ctx, db, version)
	if err != nil && !altered(err) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return append(problems, "cannot be read: "+sqliteMessage(err)), nil
	}
	problems = append(problems, kinds...)
	if stray, err := strayTaggings(ctx, db, version); err != nil && !altered(err) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return append(problems, "cannot be read: "+sqliteMessage(err)), nil
	} else if err == nil && stray != "" {
		problems = append(problems, stray)
	}
	orphans, err := orphanProblems(ctx, db)
	return append(problems, orphans...), err
}

// strayTaggings names the taggings whose state or origin is none of
// Dossier's, written by another program with its checks off: SQLite's
// integrity check does not see them, and migration 0017 and recover leave
// them out, so check said "ok" of a file whose next opening dropped them
// unsaid (a hostile pass). Taggings came with schema 2; a newer schema's
// values are its own.
func strayTaggings(ctx context.Context, db querier, version int) (string, error) {
	if version < 2 || version > len(migrationNames()) {
		return "", nil
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM passage_tags WHERE NOT coalesce(
		(state = 'accepted' OR state = 'rejected' OR state = 'pending') AND origin IN ('manual', 'suggested'), 0)`).Scan(&n); err != nil || n == 0 {
		return "", err
	}
	fate := "recover leaves them out"
	if version < 17 {
		fate = "this Dossier drops them when it first opens the file, and recover leaves them out"
	}
	them := wording.Noun(n, "it|them")
	fate = strings.ReplaceAll(fate, "them", them)
	return wording.Count(n, "tagging (row of passage_tags) has|taggings (rows of passage_tags) have") +
		" a state or origin that is none of Dossier's (another program wrote " + them + " with its checks off): " + fate +
		"; to keep " + them + ", set each state to accepted, rejected or pending and each origin to manual or suggested with that program first", nil
}

// BackupProblems is what keeps a file's backup out of the backups folder,
// where it would push a sound one out: QuickCheck's damage, then values
// Dossier never writes (ValueProblems). `dossier backup` and File → Back
// up now ask it.
func (s *Store) BackupProblems(ctx context.Context) ([]string, error) {
	problems, err := s.QuickCheck(ctx)
	if err != nil || len(problems) > 0 {
		return problems, err
	}
	return s.ValueProblems(ctx)
}

// ValueProblems names the columns of Dossier's tables holding values of a
// kind Dossier never writes (valueKindProblems): one pass over each table
// (1.3–2.6 s at 1M passages), too slow for the check before every import,
// cheap beside the window's check after opening, where it keeps such a
// file from being shown as an empty library and backed up over sound
// backups.
func (s *Store) ValueProblems(ctx context.Context) ([]string, error) {
	var version int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return nil, s.fileErr(err)
	}
	return valueKindProblems(ctx, s.db, version)
}

// valueKindProblems names the columns of Dossier's tables where another
// program wrote text, a fraction or bytes where Dossier writes whole
// numbers: check said "ok" (a bookmark's span as text), or gave
// database/sql's "Scan error" as the problem, while every read of the
// value failed (a hostile pass). One pass over each table.
func valueKindProblems(ctx context.Context, db querier, version int) ([]string, error) {
	own, err := ownSchema(ctx, version)
	if err != nil || version < 1 || version > len(migrationNames()) {
		return nil, err
	}
	var tables []string
	for _, o := range own {
		if o.kind == "table" && !strings.HasPrefix(o.sql, "CREATE VIRTUAL TABLE") && !strings.HasPrefix(o.name, "passages_fts") &&
			!strings.HasPrefix(strings.ToLower(o.name), "sqlite_") {
			tables = append(tables, o.name)
		}
	}
	slices.Sort(tables)
	var problems []string
	for _, table := range tables {
		cols, err := queryAll(ctx, db, func(row scanner) (name string, err error) { return name, row.Scan(&name) },
			`SELECT name FROM pragma_table_info(?) WHERE upper(type) LIKE '%INT%' ORDER BY cid`, table)
		if err != nil || len(cols) == 0 {
			continue // a table the file lacks is named as missing
		}
		exprs := make([]string, len(cols))
		for i, c := range cols {
			exprs[i] = quoteIdent(c)
		}
		counts, err := notWholeNumbers(ctx, db, table, exprs)
		if err != nil {
			return nil, err
		}
		for i, c := range cols {
			if counts[i] > 0 {
				problems = append(problems, fmt.Sprintf("column %s of table %s holds %s where Dossier writes whole numbers (another program wrote them): what reads them fails; recover copies the rows into a sound file",
					c, table, wording.Count(counts[i], "value")))
			}
		}
	}
	return problems, nil
}

// RowProblems names rows that refer to rows that are gone and tables of
// Dossier's missing: damage PRAGMA quick_check does not see, cheap to find
// (a tenth of its time). Passed unseen, a damaged file's daily backups
// pushed the sound ones out (found by a hostile pass).
func (s *Store) RowProblems(ctx context.Context) ([]string, error) {
	problems, err := orphanProblems(ctx, s.db)
	if err != nil {
		return nil, err
	}
	missing, err := missingObjects(ctx, s.db)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		problems = append(problems, missingProblem(missing))
	}
	return problems, nil
}

// orphanProblems names the rows that refer to rows that are gone.
func orphanProblems(ctx context.Context, db querier) ([]string, error) {
	var problems []string
	rows, err := db.QueryContext(ctx, `SELECT "table", parent, count(*) FROM pragma_foreign_key_check GROUP BY 1, 2 ORDER BY 1, 2`)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return append(problems, "cannot be read: "+sqliteMessage(err)), nil
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var n int
		if err := rows.Scan(&table, &parent, &n); err != nil {
			return nil, err
		}
		problems = append(problems, wording.Count(n, fmt.Sprintf("row of %[1]s refers|rows of %[1]s refer", table))+" to rows of "+parent+" that are gone")
	}
	return problems, rows.Err()
}

// withTexts adds the documents' text problems (textProblems) to a full
// check's result when the file's structure is sound.
func withTexts(ctx context.Context, db querier, problems []string, err error) ([]string, error) {
	if err != nil || len(problems) > 0 {
		return problems, err
	}
	return textProblems(ctx, db)
}

// textProblems is what is wrong with the documents' texts in a file whose
// structure is sound, each document as view.textProblems says. Files of a
// schema before the text was stored once (11), or newer than this
// Dossier's, are not read.
func textProblems(ctx context.Context, db querier) ([]string, error) {
	var version int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return []string{"cannot be read: " + sqliteMessage(err)}, nil
	}
	if version < textOnceVersion || version > len(migrationNames()) {
		return nil, nil
	}
	ids, err := queryAll(ctx, db, func(row scanner) (id int64, err error) { return id, row.Scan(&id) },
		`SELECT id FROM documents ORDER BY id`)
	if err != nil {
		return textCheckFailed(ctx, err)
	}
	var problems []string
	v := view{db}
	for _, id := range ids {
		found, err := v.textProblems(ctx, id)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			// One document's rows that cannot be read (a crafted value)
			// do not keep the others from being checked.
			found = []string{fmt.Sprintf("document %d cannot be read: %s", id, sqliteMessage(err))}
		}
		problems = append(problems, found...)
	}
	return problems, nil
}

// textOnceVersion is the schema version from which passages hold a
// document's text and its row a deflated copy (0011_text_once.sql).
const textOnceVersion = 11

func textCheckFailed(ctx context.Context, err error) ([]string, error) {
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return []string{"cannot be read: " + sqliteMessage(err)}, nil
}

// openFailed is the error for a research file that could not be opened:
// for one that SQLite cannot read ("file is not a database" for a damaged
// header, "malformed" for a damaged schema) a DamagedError, as checkExisting
// has found a SQLite database of ours and the user needs the ways out (a
// backup, recovery) rather than SQLite's words; otherwise err, with the file.
func openFailed(path string, err error) error {
	if diskFull(path, err) {
		return diskFullErr(path, "opened", err)
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		why := sqliteMessage(err)
		if fi, err := os.Lstat(path + "-wal"); err == nil && fi.Size() > 0 {
			// The side files may be another program's, left at this name
			// while it moved its file away and another took its place:
			// calling the file damaged could send the user to replace a
			// sound file with a backup.
			return fmt.Errorf("research file %s cannot be read (%s) with the -wal file beside it: if another program has it open or has just replaced it, close that program and open it again; if not, it is damaged: `dossier check` says", path, why)
		}
		if hint := pageSizeHint(path); hint != "" {
			why += ": " + hint
		}
		return &DamagedError{Path: path, Problems: []string{"SQLite cannot read it: " + why}}
	}
	return fmt.Errorf("research file %s: %w", path, err)
}

// pageSizeHint is pageSizeMismatch of the file at path, or "".
func pageSizeHint(path string) string {
	h, size, ok := fileHeader(path)
	if !ok {
		return ""
	}
	why, _ := pageSizeMismatch(h, size)
	return why
}

// fileHeader is the first 100 bytes of the file at path (an SQLite
// database's header) and the file's size; ok is false if they cannot be
// read.
func fileHeader(path string) (h []byte, size int64, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, false
	}
	defer f.Close()
	h = make([]byte, 100)
	fi, serr := f.Stat()
	if _, err := io.ReadFull(f, h); err != nil || serr != nil {
		return nil, 0, false
	}
	return h, fi.Size(), true
}

// sqliteMessage is a SQLite error's message without the code modernc adds
// (" (26)"): the user reads the words, not the number.
func sqliteMessage(err error) string {
	if se := (*sqlite.Error)(nil); errors.As(err, &se) {
		return strings.TrimSpace(sqliteErrorCode.ReplaceAllString(se.Error(), ""))
	}
	return err.Error()
}

// sqliteErrorCode is the " (26)" modernc's errors end with.
var sqliteErrorCode = regexp.MustCompile(`\s*\(\d+\)\s*$`)

// refuseIfDamaged runs a quick check before a bulk import, once per open
// store: importing into damaged pages can spread the damage.
func (s *Store) refuseIfDamaged(ctx context.Context) error {
	if s.bk.checkedOK.Load() {
		return nil
	}
	problems, err := s.QuickCheck(ctx)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		// A FileError: the research file's own failure, not the input's.
		d := &DamagedError{Path: s.path, Problems: problems}
		return &FileError{Path: s.path, msg: "nothing was imported: it is " + d.details(), err: d}
	}
	return nil
}

// notWholeNumbers counts, for each of exprs (columns of table), the rows
// holding anything but a whole number or nothing: one pass over the table.
func notWholeNumbers(ctx context.Context, db querier, table string, exprs []string) ([]int, error) {
	sums := make([]string, len(exprs))
	for i, e := range exprs {
		sums[i] = fmt.Sprintf(`coalesce(sum(typeof(%s) NOT IN ('integer', 'null')), 0)`, e)
	}
	counts := make([]int, len(exprs))
	ptrs := make([]any, len(exprs))
	for i := range counts {
		ptrs[i] = &counts[i]
	}
	err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT %s FROM %s`, strings.Join(sums, ", "), quoteIdent(table))).Scan(ptrs...)
	return counts, err
}
