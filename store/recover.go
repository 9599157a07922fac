package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"dossier/internal/wording"
	"dossier/store/internal/held"
)

// TableRecovery is what Recover made of one table.
type TableRecovery struct {
	Table     string
	Recovered int // rows copied
	Skipped   int // rows (or row ids) that could not be read or stored
	// Incomplete: the end of the table could not be read, so rows past
	// the last readable one may be lost without being counted in Skipped.
	Incomplete bool
	// Rebuilt: documents whose text could not be read, stored with a
	// text put together from their passages (counted in Recovered).
	Rebuilt int
	// Lacking: columns of Dossier's the damaged file's table lacks
	// (dropped by another program), with how they were filled in where
	// every row needs one: their values are not recovered.
	Lacking []string
	// Renamed: columns of Dossier's read from a column another program
	// renamed ("note (from its column notes)").
	Renamed []string
	// Emptied: columns every row needs that rows of the damaged file
	// left empty, with how they were filled in.
	Emptied []string
	// Retyped: columns of whole numbers the damaged file held other
	// values in, and what was made of them.
	Retyped []string
	// NotCopied: the damaged file's columns that Dossier's table has not
	// (added by another program), whose values are not in the new file.
	NotCopied []string
}

// RecoverReport lists each table's counts, in copy order.
type RecoverReport struct {
	Tables []TableRecovery
	// Header says how a damaged file header was read past ("" if it was
	// sound): the rows were read from a copy with the header repaired.
	Header string
}

// Recovered and Skipped total the tables' counts.
func (r RecoverReport) Recovered() int {
	n := 0
	for _, t := range r.Tables {
		n += t.Recovered
	}
	return n
}

func (r RecoverReport) Skipped() int {
	n := 0
	for _, t := range r.Tables {
		n += t.Skipped
	}
	return n
}

func (r RecoverReport) String() string {
	var parts []string
	for _, t := range r.Tables {
		s := fmt.Sprintf("%s %d", strings.ReplaceAll(t.Table, "_", " "), t.Recovered)
		if t.Skipped > 0 {
			s += fmt.Sprintf(" (%d skipped)", t.Skipped)
		}
		if t.Rebuilt > 0 {
			s += fmt.Sprintf(" (%d %s rebuilt from passages)", t.Rebuilt, map[bool]string{true: "text", false: "texts"}[t.Rebuilt == 1])
		}
		if t.Incomplete {
			s += " (its end was unreadable)"
		}
		if len(t.Lacking) > 0 {
			s += fmt.Sprintf(" (the damaged file lacks its column %s: not recovered)", strings.Join(t.Lacking, ", "))
		}
		if len(t.Renamed) > 0 {
			s += fmt.Sprintf(" (renamed in the damaged file: %s)", strings.Join(t.Renamed, ", "))
		}
		if len(t.Emptied) > 0 {
			s += fmt.Sprintf(" (empty in the damaged file: %s)", strings.Join(t.Emptied, ", "))
		}
		if len(t.Retyped) > 0 {
			s += fmt.Sprintf(" (values Dossier never writes: %s)", strings.Join(t.Retyped, ", "))
		}
		if len(t.NotCopied) > 0 {
			s += fmt.Sprintf(" (the damaged file's own %s, not copied: %s)", map[bool]string{true: "column", false: "columns"}[len(t.NotCopied) == 1], strings.Join(t.NotCopied, ", "))
		}
		parts = append(parts, s)
	}
	out := fmt.Sprintf("%d rows recovered, %d skipped: %s", r.Recovered(), r.Skipped(), strings.Join(parts, ", "))
	if r.Header != "" {
		out = r.Header + "; " + out
	}
	return out
}

// recoverTables are copied parents first, so that foreign keys hold. key is
// an indexed integer column to read ranges by ("" = one plain scan);
// chunk is how many key values to read at a time.
var recoverTables = []struct {
	name, key string
	chunk     int64
}{
	{"meta", "", 0},
	{"documents", "id", 4}, // whole texts: a few at a time
	{"document_former_versions", "document_id", 512},
	{"passages", "id", 512},
	{"tags", "id", 512},
	{"tag_aliases", "tag_id", 512},
	{"passage_tags", "passage_id", 512},
	{"document_tags", "document_id", 512},
	{"bookmarks", "id", 512},
	{"passage_tag_removals", "passage_id", 512},
	{"document_tag_removals", "document_id", 512},
	{"bookmark_removals", "passage_id", 512},
	{"saved_searches", "id", 512},
	{"saved_search_removals", "", 0},
	{"tag_former_names", "tag_id", 512},
	{"tag_removals", "", 0},
	{"claims", "id", 512},
	{"claim_actors", "claim_id", 512},
	{"claim_links", "claim_a", 512},
	{"claim_link_removals", "claim_a", 512},
	{"claim_removals", "passage_id", 512},
	{"tag_alias_removals", "tag_id", 512},
	{"title_versions", "", 0},
}

// Recover copies every row that can still be read from the (damaged)
// research file at damagedPath into a new research file at outPath, skipping
// rows that cannot be read or no longer fit (a passage whose document was
// lost), then rebuilds the full-text index. The damaged file is only read.
// outPath must not exist, or be empty.
func Recover(ctx context.Context, damagedPath, outPath string) (rep RecoverReport, err error) {
	defer func() {
		// Said of the new file's disk, not of the hidden file it is built
		// in (whose name the open's own message gave).
		if full := noRoomFor("recovering into "+outPath, outPath, err); full != nil {
			err = full
		} else if limit := copyLimitErr("recovering into "+outPath, damagedPath, err); limit != nil {
			err = limit
		}
	}()
	real, err := sideFilesPath(damagedPath)
	if err != nil {
		return rep, err // a hard link: read through a second name, it may be half-written
	} else if err := oddSideFileErr(damagedPath, real); err != nil {
		return rep, err
	}
	if err := refuseAbandoned(damagedPath); err != nil {
		return rep, err
	}
	out, err := absPath(outPath)
	if err != nil {
		return rep, err
	}
	// A link is followed to where it leads, as exports are, and the file
	// made there if not there yet (the new file's name was taken as the
	// link's, and after the whole recovery "was created while recovering";
	// found by a hostile pass); only where the system would write.
	if out, err = writeTarget(out); err != nil {
		return rep, err
	}
	if damagedAbs, err := filepath.Abs(damagedPath); sameFile(out, damagedPath) || err == nil && sameFile(out, damagedAbs) {
		return rep, fmt.Errorf("recover into a new file, not into %s itself", damagedPath)
	}
	if what := specialFile(out); what != "" {
		return rep, fmt.Errorf("%s is %s, not a file: recover into a new file", out, what)
	}
	if what := sideOfDatabase(out); what != "" {
		// SQLite would delete or replay the rescue the next time that
		// database is opened.
		return rep, fmt.Errorf("%s is %s: recover into a new file", out, what)
	}
	if fi, err := os.Stat(out); err == nil && fi.Size() > 0 {
		return rep, fmt.Errorf("%s already exists: recover into a new file", out)
	}
	if _, err := os.Stat(damagedPath); err != nil {
		return rep, fmt.Errorf("cannot read %s: %w", damagedPath, err)
	}
	if err := foreignJournal(damagedPath); err != nil {
		return rep, err // not this file's change to undo
	}
	if hotJournal(damagedPath) {
		// Read as it is (immutable: no locks, no journal), the file would
		// give the change's half-written pages as if they were committed.
		return rep, fmt.Errorf("research file %s %w", damagedPath, errUnfinishedChange)
	}
	if err := walWithoutShmErr(damagedPath, real, false, true); err != nil {
		return rep, err // "nothing can be read" from a sound file
	}
	if abs, err := filepath.Abs(damagedPath); err == nil {
		if err := leftWALErrForRecover(abs, real); err != nil {
			return rep, err
		}
	}
	source := damagedPath
	if copied, how, cleanup, err := repairedHeaderCopy(ctx, damagedPath); err != nil {
		return rep, err
	} else if copied != "" {
		defer cleanup()
		source, rep.Header = copied, how
	}
	probe := dsn(source, true)
	if _, err := os.Lstat(source + "-wal"); errors.Is(err, os.ErrNotExist) || source == damagedPath && emptyWALWithoutShm(real) {
		probe += "&immutable=1" // no side files beside the damaged file (or an empty -wal none may be made for)
	}
	srcDB, err := sql.Open("sqlite", probe)
	if err != nil {
		return rep, err
	}
	defer srcDB.Close()
	// Every read on one connection, in one read transaction: a file that
	// another program is writing is read as it was at one moment (read
	// table by table through a pool, the passage tags of a document
	// committed after the passages were read were "skipped" as orphans; a
	// hostile pass).
	src, err := srcDB.Conn(ctx)
	if err != nil {
		return rep, err
	}
	defer src.Close()
	if _, err := src.ExecContext(ctx, `BEGIN`); err == nil {
		defer src.ExecContext(context.Background(), `ROLLBACK`)
	}
	if _, err := src.ExecContext(ctx, `SELECT count(*) FROM sqlite_schema`); err != nil {
		if diskFull(damagedPath, err) {
			return rep, diskFullErr(damagedPath, "read", err)
		}
		return rep, fmt.Errorf("nothing can be read from %s: %s", damagedPath, sqliteMessage(err))
	}
	if err := anotherApplications(ctx, src, damagedPath); err != nil {
		return rep, err
	}
	// The new file is built under a hidden name and given its name once
	// whole: stopped part-way, a recovery must not leave at the name a file
	// that opens as a sound research file holding nothing.
	dir := filepath.Dir(out)
	if err := tooLongForSQLite(out, tempPath(out)); err != nil {
		return rep, err
	}
	removeStaleTemps(dir, time.Now(), tempsOf(out)) // what a recovery killed part-way left
	tmp, err := os.CreateTemp(dir, TempPattern(out))
	if err != nil {
		return rep, fmt.Errorf("cannot write the recovered file in %s: %w", dir, pathErrno(err))
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(tmpName + suffix) // nothing left once published
		}
	}()
	defer func() {
		// Seen while the hidden file still takes the room it filled:
		// once it is removed, the disk has room again and the failure
		// read as SQLite's "database or disk is full (13)".
		if full := noRoomFor("recovering into "+outPath, outPath, err); full != nil {
			err = full
		} else if limit := copyLimitErr("recovering into "+outPath, damagedPath, err); limit != nil {
			err = limit
		}
	}()

	dst, err := Open(tmpName)
	if err != nil {
		return rep, err
	}
	closed := false
	defer func() {
		if !closed {
			dst.Close()
		}
	}()
	// The new file keeps the identity it was given (fileIDKey), not the
	// damaged file's, which recovering meta would copy: its pages are laid
	// out anew, and the damaged file's -wal, left beside it when it is put
	// in the damaged file's place by hand, must not pass for its own.
	ownID, _ := fileIDOf(dst.db.DB)
	tx, err := dst.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, err
	}
	defer tx.Rollback()
	for _, t := range recoverTables {
		tr, err := recoverTable(ctx, src, tx, t.name, t.key, t.chunk)
		if err != nil {
			return rep, err
		}
		if t.name == "documents" {
			n := salvageOrphanDocuments(ctx, src, tx)
			tr.Recovered += n
			tr.Rebuilt += n
		}
		rep.Tables = append(rep.Tables, tr)
		if afterRecoverTable != nil {
			afterRecoverTable(t.name)
		}
	}
	// A salvaged document lost the columns stored after its text, its page
	// count among them; its passages kept their pages, so the last page one
	// starts on stands in for it.
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET pages = (SELECT max(page) FROM passages WHERE document_id = documents.id)
		WHERE pages = 0 AND EXISTS (SELECT 1 FROM passages WHERE document_id = documents.id AND page IS NOT NULL)`); err != nil {
		return rep, fmt.Errorf("restoring page counts: %w", err)
	}
	// A salvaged document lost its version too (and a file of another
	// program's may lack title_versions' rows): numbered anew, never as
	// another document of its title.
	if err := numberUnversioned(ctx, tx); err != nil {
		return rep, fmt.Errorf("numbering versions: %w", err)
	}
	if ownID != "" {
		if err := setMeta(ctx, tx, fileIDKey, ownID); err != nil {
			return rep, err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO passages_fts(passages_fts) VALUES('rebuild')`); err != nil {
		return rep, fmt.Errorf("rebuilding the search index: %w", err)
	}
	if err := refreshLengths(ctx, tx, 0, math.MaxInt64); err != nil {
		return rep, err
	}
	if err := tx.Commit(); err != nil {
		return rep, err
	}
	if beforeRecoverPublish != nil {
		if err := beforeRecoverPublish(tmpName); err != nil {
			return rep, err
		}
	}
	closed = true
	if err := dst.Close(); err != nil { // checkpointed: the file holds it all
		return rep, err
	}
	if err := syncFile(tmpName); err != nil {
		return rep, err
	}
	if err := os.Chmod(tmpName, FileModeFor(out, damagedPath)); err != nil { // not CreateTemp's 0600
		return rep, err
	}
	if fi, err := os.Stat(out); err == nil && fi.Size() == 0 {
		os.Remove(out) // an empty file was allowed (a save dialog may make one)
	}
	if err := publishNew(tmpName, out); err != nil {
		if errors.Is(err, os.ErrExist) {
			return rep, fmt.Errorf("%s was created while recovering: recover into a new file", out)
		}
		return rep, err
	}
	return rep, nil
}

// afterRecoverTable, set by a test, runs in Recover once each table is
// copied.
var afterRecoverTable func(table string)

// beforeRecoverPublish, set by a test, runs in Recover once everything is
// copied into the hidden file, before it takes its name.
var beforeRecoverPublish func(hidden string) error

// anotherApplications refuses a source that is plainly another
// application's SQLite database, as every other command does: recovering
// it said "0 rows recovered" and made a new, empty research file. A file
// whose header or schema cannot be read is left to recovery.
func anotherApplications(ctx context.Context, src querier, path string) error {
	var appID int64
	var tables, ours int
	err := src.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table'),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('documents', 'passages'))`).Scan(&appID, &tables, &ours)
	switch {
	case err != nil:
		return nil
	case appID != 0 && uint32(appID) != ApplicationID:
		return fmt.Errorf("%s is %w: it is a SQLite database belonging to another application, with nothing of Dossier's to recover", path, ErrNotDossier)
	case uint32(appID) != ApplicationID && tables > 0 && ours == 0:
		return fmt.Errorf("%s is %w: it is a SQLite database with tables of another application, with nothing of Dossier's to recover", path, ErrNotDossier)
	}
	return nil
}

// recoverTable copies one table's readable rows.
func recoverTable(ctx context.Context, src querier, tx *sql.Tx, table, key string, chunk int64) (TableRecovery, error) {
	tr := TableRecovery{Table: table}
	cols, notes, srcKey, err := commonColumns(ctx, src, tx, table, key)
	if err != nil || len(cols) == 0 {
		// Not in this file (an older schema), or its definition is lost.
		return tr, ctx.Err()
	}
	tr.Lacking, tr.Renamed, tr.Emptied, tr.Retyped, tr.NotCopied = notes.lacking, notes.renamed, notes.emptied, notes.retyped, notes.foreign
	key = srcKey // its name in the damaged file: a renamed id lost every row (a hostile pass)
	names := make([]string, len(cols))
	exprs := make([]string, len(cols))
	for i, c := range cols {
		names[i], exprs[i] = c.name, c.expr
	}
	list := strings.Join(names, ", ")
	verb := "INSERT"
	if table == "meta" {
		verb = "INSERT OR REPLACE" // facts about the file win over the new file's
	}
	ins, err := tx.PrepareContext(ctx, fmt.Sprintf(`%s INTO %s (%s) VALUES (%s)`,
		verb, table, list, strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")))
	if err != nil {
		return tr, err
	}
	defer ins.Close()
	// A claim whose source tag was lost keeps its words, without a
	// source, as deleting the tag would have left it.
	source := -1
	if table == "claims" {
		source = slices.Index(names, `"source_id"`)
	}
	// A row the new file refuses (a constraint, a value of the wrong
	// type) is skipped; a write that failed (a full disk, an I/O error)
	// ends the recovery: SQLite has rolled the copy back, every row after
	// it was "skipped" too, and the commit said "no transaction is
	// active" (a hostile pass, recovering onto a small disk).
	var writeErr error
	keep := func(rows [][]any) {
		for _, r := range rows {
			if writeErr != nil {
				return
			}
			_, err := ins.ExecContext(ctx, r...)
			if err != nil && source >= 0 && r[source] != nil && !writeFailed(err) {
				r[source] = nil
				_, err = ins.ExecContext(ctx, r...)
			}
			switch {
			case err == nil:
				tr.Recovered++
			case writeFailed(err):
				writeErr = err
			default:
				tr.Skipped++
			}
		}
	}
	done := func() (TableRecovery, error) {
		if err := ctx.Err(); err != nil {
			return tr, err
		}
		return tr, writeErr
	}
	for i, c := range names {
		if table == "passages" && c == `"lead"` {
			exprs[i] = `coalesce(` + exprs[i] + `, '')` // a crafted NULL would lose the passage, and what is tagged on it
		}
	}
	read := func(where string, args ...any) ([][]any, error) {
		q := fmt.Sprintf(`SELECT %s FROM %s %s`, strings.Join(exprs, ", "), table, where)
		return readRows(ctx, src, q, len(cols), args...)
	}
	if key == "" {
		rows, err := read("")
		keep(rows)
		if err != nil {
			tr.Skipped++ // the rest of the table is unreadable
		}
		return done()
	}
	lo, hi, known, top := keyBounds(ctx, src, table, key)
	// Read a range; when it fails, halve it until the unreadable keys are
	// isolated. Rows are stored only after their whole range was read, so
	// a retry never stores a row twice.
	var copyRange func(lo, hi int64)
	copyRange = func(lo, hi int64) {
		if ctx.Err() != nil || writeErr != nil || lo >= hi {
			return
		}
		rows, err := read(fmt.Sprintf(`WHERE %s >= ? AND %s < ? ORDER BY %s`, key, key, key), lo, hi)
		if err == nil {
			keep(rows)
			return
		}
		switch {
		case lo > known && hi-lo <= tailGrain:
			// Past the last key known to exist: ids there may never
			// have been used, so none are counted; isolating each
			// would cost a query per id.
			tr.Incomplete = true
			return
		case hi-lo == 1:
			// A range read can fail on the damaged page past its one row
			// (it reads on to find the range's end); the row itself may read.
			if rows, err := read(fmt.Sprintf(`WHERE %s = ?`, key), lo); err == nil {
				keep(rows)
				return
			}
			if table == "documents" && salvageDocument(ctx, src, tx, lo) {
				tr.Recovered++
				tr.Rebuilt++
				return
			}
			tr.Skipped++
			return
		}
		mid := lo + (hi-lo)/2
		copyRange(lo, mid)
		copyRange(mid, hi)
	}
	for start := lo; start < hi && ctx.Err() == nil && writeErr == nil; {
		// On to the next key there is: one id far from the others (1<<40
		// among small ones) made billions of empty range reads, and
		// recover never ended (a hostile pass). Where the seek fails,
		// the ranges are read one by one, as they were.
		var next sql.NullInt64
		if err := src.QueryRowContext(ctx, fmt.Sprintf(`SELECT min(%s) FROM %s WHERE %s >= ?`, key, table, key), start).Scan(&next); err == nil {
			if !next.Valid || next.Int64 >= hi {
				break
			}
			start = next.Int64
		}
		end := start + chunk
		if end < start || end > hi { // past the largest id, end wrapped around
			end = hi
		}
		copyRange(start, end)
		start = end
	}
	if top && ctx.Err() == nil && writeErr == nil {
		// The largest id there can be, which no range [lo, hi) holds:
		// its document was lost with "0 skipped" (a hostile pass).
		if rows, err := read(fmt.Sprintf(`WHERE %s = ?`, key), int64(math.MaxInt64)); err == nil {
			keep(rows)
		} else {
			tr.Skipped++
		}
	}
	return done()
}

// When a table's largest key cannot be read, recovery looks tailStretch
// keys past the last readable one, isolating damage there only down to
// tailGrain keys.
const (
	tailStretch = 1 << 14
	tailGrain   = 16
)

// keyBounds is the key's [min, max+1), the largest key known to exist,
// and whether the largest key is the largest there can be (max+1 would
// wrap around: top, read on its own). Where the tree's edges are damaged,
// it falls back to the readable keys and looks a generous stretch beyond
// them.
func keyBounds(ctx context.Context, src querier, table, key string) (lo, hi, known int64, top bool) {
	var mn, mx sql.NullInt64
	if err := src.QueryRowContext(ctx, fmt.Sprintf(`SELECT min(%s) FROM %s`, key, table)).Scan(&mn); err != nil {
		mn = sql.NullInt64{Int64: 0, Valid: true}
	}
	if !mn.Valid {
		return 0, 0, 0, false // empty
	}
	if err := src.QueryRowContext(ctx, fmt.Sprintf(`SELECT max(%s) FROM %s`, key, table)).Scan(&mx); err != nil || !mx.Valid {
		last := mn.Int64
		if rows, err := src.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM %s ORDER BY %s`, key, table, key)); err == nil {
			for rows.Next() {
				if rows.Scan(&last) != nil {
					break
				}
			}
			rows.Close()
		}
		if last > math.MaxInt64-1-tailStretch {
			return mn.Int64, math.MaxInt64, last, true
		}
		return mn.Int64, last + 1 + tailStretch, last, false
	}
	if mx.Int64 == math.MaxInt64 {
		return mn.Int64, math.MaxInt64, mx.Int64, true
	}
	return mn.Int64, mx.Int64 + 1, mx.Int64, false
}

// readRows reads every row of q; on an error it returns the rows read so
// far with the error.
func readRows(ctx context.Context, db querier, q string, n int, args ...any) ([][]any, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		vals := make([]any, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return out, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

// hasColumn reports whether table has the column: a read-only file of an
// older schema may lack one a later migration added.
func hasColumn(ctx context.Context, q querier, table, column string) bool {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = ?`, table, column).Scan(&n)
	return err == nil && n > 0
}

// columnCopy is one column of the new file's table and what the damaged
// file's rows give it.
type columnCopy struct {
	name string // quoted
	expr string // an expression over the damaged file's row
}

// columnNotes is what recovery says of a table whose columns differ from
// Dossier's (another program altered it).
type columnNotes struct {
	lacking []string // Dossier's columns the file lacks, with how they were filled in
	renamed []string // "note (from its column notes)"
	emptied []string // "note (in 20 rows without one: left empty)"
	retyped []string // "pages (3 values where Dossier writes whole numbers: …)"
	foreign []string // the damaged file's columns Dossier's table has not, not copied
}

// commonColumns are the table's columns in both files, by name (or by
// renamedColumns, for a table another program only renamed columns of),
// what of Dossier's the damaged file lacks, and key's name in the damaged
// file. A lacking column every row needs is filled in (fillLacking): rows
// without it were all skipped. A column every row needs that the damaged
// file let be empty (dropped and added again) is filled where it is empty,
// which kept every bookmark from being copied.
func commonColumns(ctx context.Context, src querier, dst *sql.Tx, table, key string) (cols []columnCopy, notes columnNotes, srcKey string, err error) {
	type column struct {
		name, kind string
		notNull    bool
		dflt       sql.NullString
	}
	columns := func(q querier) ([]column, error) {
		return queryAll(ctx, q, func(sc scanner) (c column, err error) {
			return c, sc.Scan(&c.name, &c.kind, &c.notNull, &c.dflt)
		}, `SELECT name, type, "notnull", dflt_value FROM pragma_table_info(?) ORDER BY cid`, table)
	}
	have, err := columns(src)
	if err != nil {
		return nil, notes, "", err
	}
	want, err := columns(dst)
	if err != nil {
		return nil, notes, "", err
	}
	renamed, err := renamedColumns(ctx, src, table)
	if err != nil {
		return nil, notes, "", err
	}
	// nameIn is a column of Dossier's by its name in the damaged file; ""
	// for one whose name the file gives another of Dossier's columns
	// renamed (in an older file, heading renamed to lead, a column Dossier
	// adds later: read by name too, one value went into both; a hostile
	// pass).
	taken := map[string]bool{}
	for _, in := range renamed {
		taken[strings.ToLower(in)] = true
	}
	nameIn := func(name string) string {
		if r, ok := renamed[name]; ok {
			return r
		}
		if taken[strings.ToLower(name)] {
			return ""
		}
		return name
	}
	if key != "" {
		srcKey = quoteIdent(nameIn(key))
	}
	find := func(name string) int {
		if name == "" {
			return -1
		}
		return slices.IndexFunc(have, func(c column) bool { return strings.EqualFold(c.name, name) })
	}
	in := func(name string) bool { return find(name) >= 0 }
	// fillFor is what a row without c gets.
	fillFor := func(c column) (expr, how string) {
		switch {
		case !c.dflt.Valid:
			return fillLacking(c.name, c.kind, func(name string) bool { return in(nameIn(name)) }, nameIn)
		case c.dflt.String == "''":
			return "''", "left empty"
		}
		return c.dflt.String, "set to " + c.dflt.String
	}
	type wholeNumbers struct {
		at   int // in cols
		c    column
		from string
	}
	var numbers []wholeNumbers
	for _, c := range want {
		i := find(nameIn(c.name))
		if i < 0 {
			continue
		}
		expr := quoteIdent(have[i].name)
		if strings.Contains(strings.ToUpper(c.kind), "INT") {
			numbers = append(numbers, wholeNumbers{len(cols), c, expr})
		}
		if have[i].name != c.name {
			notes.renamed = append(notes.renamed, fmt.Sprintf("%s (from its column %s)", c.name, have[i].name))
		}
		if c.notNull && !have[i].notNull {
			fill, how := fillFor(c)
			var empty int
			if src.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s IS NULL`, quoteIdent(table), expr)).Scan(&empty) == nil && empty > 0 {
				notes.emptied = append(notes.emptied, fmt.Sprintf("%s (%d %s without one: %s)", c.name, empty, map[bool]string{true: "row", false: "rows"}[empty == 1], how))
			}
			expr = fmt.Sprintf("coalesce(%s, %s)", expr, fill)
		}
		cols = append(cols, columnCopy{name: quoteIdent(c.name), expr: expr})
	}
	if len(cols) == 0 {
		return nil, notes, srcKey, nil // not in this file: an older schema, or its definition is lost
	}
	// Text or a fraction another program wrote where Dossier writes whole
	// numbers was copied as it was: every read of the recovered file failed
	// with database/sql's "Scan error", and check sent the user to recover
	// again (a hostile pass). A fraction is cut to its whole number; text
	// is left empty where the column may be, else set as a row without
	// the column would be.
	if len(numbers) > 0 {
		exprs := make([]string, len(numbers))
		for i, n := range numbers {
			exprs[i] = n.from
		}
		if counts, err := notWholeNumbers(ctx, src, table, exprs); err == nil {
			for i, n := range numbers {
				if counts[i] == 0 {
					continue
				}
				other, how := "NULL", "left empty"
				if n.c.notNull {
					other, how = fillFor(n.c)
				}
				// A fraction of a reference (passage_id 2.5) points at no
				// row: cut, it moved a note to another passage; nor is a
				// number past whole numbers' range (1e999) cut to the
				// largest (a hostile pass).
				cut := fmt.Sprintf(`CASE WHEN abs(%[1]s) < 1e15 THEN CAST(%[1]s AS INTEGER) ELSE %[2]s END`, cols[n.at].expr, other)
				if n.c.name == "id" || strings.HasSuffix(n.c.name, "_id") {
					cut = other
				}
				cols[n.at].expr = fmt.Sprintf(`CASE typeof(%[1]s) WHEN 'real' THEN %[3]s WHEN 'text' THEN %[2]s WHEN 'blob' THEN %[2]s ELSE %[1]s END`,
					cols[n.at].expr, other, cut)
				done := "fractions cut, other values " + how
				if n.c.name == "id" || strings.HasSuffix(n.c.name, "_id") {
					done = how
				}
				notes.retyped = append(notes.retyped, fmt.Sprintf("%s (%s where Dossier writes whole numbers: %s)",
					n.c.name, wording.Count(counts[i], "value"), done))
			}
		}
	}
	// Columns of the damaged file's own are not copied: said, since one
	// may hold what a renamed column of Dossier's held (note renamed to
	// notes, then a new note added: the notes were lost with only "empty
	// in the damaged file: note" said; a hostile pass).
	for _, h := range have {
		if !slices.ContainsFunc(want, func(c column) bool { return strings.EqualFold(nameIn(c.name), h.name) }) {
			notes.foreign = append(notes.foreign, h.name)
		}
	}
	for _, c := range want {
		if in(nameIn(c.name)) {
			continue
		}
		if !c.notNull || c.dflt.Valid {
			notes.lacking = append(notes.lacking, c.name)
			continue
		}
		fill, how := fillFor(c)
		cols = append(cols, columnCopy{name: quoteIdent(c.name), expr: fill})
		notes.lacking = append(notes.lacking, c.name+" ("+how+")")
	}
	return cols, notes, srcKey, nil
}

// fillLacking is what a column the damaged file lacks (dropped or renamed
// by another program) is filled with when every row needs a value: rows
// without it were all skipped, a table's bookmarks and notes lost for a
// date (a hostile pass). A date is the row's other date, or the time of
// the recovery; text is empty; a number is 0.
func fillLacking(name, kind string, has func(string) bool, nameIn func(string) string) (expr, how string) {
	if strings.HasSuffix(name, "_at") {
		for _, other := range []string{"updated_at", "created_at", "decided_at", "imported_at"} {
			if other != name && has(other) {
				return fmt.Sprintf(`coalesce(%s, %s)`, quoteIdent(nameIn(other)), sqlQuote(formatTime(time.Now()))), "taken from " + other
			}
		}
		return sqlQuote(formatTime(time.Now())), "set to the time of the recovery"
	}
	if strings.Contains(strings.ToUpper(kind), "INT") {
		return "0", "set to 0"
	}
	return "''", "left empty"
}

// sqlQuote is s as an SQL string literal.
func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// repairedHeaderCopy copies a research file whose header holds what no
// SQLite writes (see headerDamage) into a temporary folder with the header
// put right, and returns the copy, what was done, and a function removing
// it; or "" when the header is sound, a -wal lies beside the file (SQLite
// may read a sound first page from it), or no repair reads. The damaged
// fields say nothing of what they held, so the page size is the first of
// the sizes SQLite uses (4096, its default, first) that divides the file
// and with which its schema and documents can be read.
func repairedHeaderCopy(ctx context.Context, path string) (copied, how string, cleanup func(), err error) {
	if held.Holds(path) {
		// Open for writing here, so SQLite read its header; reading it
		// again would drop SQLite's lock on it (see package held).
		return "", "", nil, nil
	}
	header := make([]byte, 100)
	f, err := os.Open(path)
	if err != nil {
		return "", "", nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	_, rerr := io.ReadFull(f, header)
	fi, serr := f.Stat()
	f.Close()
	why, implied := "", 0
	if rerr == nil && serr == nil && bytes.HasPrefix(header, []byte(sqliteMagic)) {
		why = headerDamage(header)
		if why == "" {
			// A page size SQLite writes, but not this file's: only if the
			// file does not read as it is.
			if mismatch, size := pageSizeMismatch(header, fi.Size()); mismatch != "" && !readsAsIs(ctx, path) {
				why, implied = mismatch, size
			}
		}
	}
	if why == "" {
		return "", "", nil, nil
	}
	if wal, err := os.Lstat(path + "-wal"); err == nil && wal.Size() > 0 {
		return "", "", nil, nil
	}
	dir, err := os.MkdirTemp("", "dossier-recover-")
	if err != nil {
		return "", "", nil, fmt.Errorf("cannot make a repaired copy of %s: %w", path, err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	copied = filepath.Join(dir, "header-repaired.dossier")
	if err := copyFile(path, copied); err != nil {
		cleanup()
		return "", "", nil, fmt.Errorf("cannot make a repaired copy of %s: %w", path, err)
	}
	for _, size := range []int{implied, 4096, 1024, 2048, 8192, 16384, 32768, 65536, 512} {
		if size == 0 || fi.Size()%int64(size) != 0 {
			continue
		}
		h := bytes.Clone(header)
		h[16], h[17] = byte(size>>8), byte(size) // 65536 is written as 1
		if size == 65536 {
			h[16], h[17] = 0, 1
		}
		h[18], h[19] = 1, 1 // a rollback-journal file: read as it is, no -wal
		h[21], h[22], h[23] = 64, 32, 32
		if readsWithHeader(ctx, copied, h) {
			return copied, fmt.Sprintf("%s: read with SQLite's values, page size %d, from a copy", why, size), cleanup, nil
		}
	}
	cleanup()
	return "", "", nil, nil
}

// readsWithHeader writes header into the file at path and says whether its
// schema and documents can then be read.
func readsWithHeader(ctx context.Context, path string, header []byte) bool {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	_, err = f.WriteAt(header, 0)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false
	}
	return readsAsIs(ctx, path)
}

// readsAsIs says whether the schema and documents of the file at path can
// be read, without writing to it.
func readsAsIs(ctx context.Context, path string) bool {
	db, err := openAlone(path)
	if err != nil {
		return false
	}
	defer db.Close()
	var n int
	return db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n) == nil &&
		db.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n) == nil
}

// readHeader is the first 100 bytes of the file at path (fewer if it is
// shorter; none if it cannot be read).
func readHeader(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	h := make([]byte, 100)
	n, _ := io.ReadFull(f, h)
	return h[:n]
}
