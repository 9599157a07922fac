package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	sqlite3 "modernc.org/sqlite/lib"
)

// Seed is what a new research file starts with: the gazetteer of actors and
// sources, and the built-in article. The bytes come from package assets,
// handed in by the entry point, so that the store does not embed them.
type Seed struct {
	Gazetteer   []byte // JSON; see GazetteerEntry
	ArticleName string // the file name the article is imported under
	Article     []byte
}

// OpenResearchFile opens (or creates) a research file and makes sure a new
// one holds the seed. The zero Seed opens the file as it is. A file it
// was creating and could not finish (a full disk) is removed: a stub left
// there said "cannot be opened … the file itself is not damaged" of a file
// the user never had (found by a hostile pass).
func OpenResearchFile(path string, seed Seed) (st *Store, err error) {
	return openOrMake(path, seed, false)
}

// OpenResearchFileToFill is OpenResearchFile for a command that makes the
// file only to put something in it (dossier import): a file it makes is
// marked unfilled (unfilledKey) until KeepMade, so that one left holding
// the seed alone by a command killed before it put anything in it is told
// by the next such command, which takes it as made (MadeNow) and, as for a
// file it made, removes it again when nothing goes into it either. It was
// taken for the user's file: never said made, never removed (data25).
func OpenResearchFileToFill(path string, seed Seed) (*Store, error) {
	return openOrMake(path, seed, true)
}

// unfilledKey marks, in meta, a research file OpenResearchFileToFill made:
// unfilledSeeding while the seed goes in, then the print of what the open
// left (contentPrint, which leaves the mark aside), until KeepMade.
const (
	unfilledKey     = "unfilled"
	unfilledSeeding = "seeding"
)

func openOrMake(path string, seed Seed, toFill bool) (st *Store, err error) {
	made, ok := makeNewFile(path)
	if !ok {
		return openUnfilled(path, seed, toFill)
	}
	defer func() {
		if err != nil {
			err = notCreated(made, err)
			return
		}
		st.bk.madeNow = true
		if beforeMadePrint != nil {
			beforeMadePrint(made.path)
		}
		// What the open put in it, to tell at CloseRemovingMade
		// whether anything else went in since (see there). It is
		// the open's alone if the last change to the file was
		// this process's: another command opening the file just
		// made waited for the open's writes, and its own (an
		// import, a rename) landed before the print was read, to
		// be taken for the seed's and removed with the file
		// (hostile data pass data23: 1 in 60 racing imports).
		var written string
		if made.print, written, err = printAndStamp(context.Background(), st.db.DB); err != nil || !stampedHere(written) {
			err = nil // it cannot be told: the file is kept
			if toFill {
				st.unmarkUnfilled()
			}
			return
		}
		st.made = &made
		if toFill {
			st.markUnfilled(made.print)
		}
	}()
	return openResearchFile(path, seed, Open, toFill)
}

// openUnfilled opens the research file at path, which was there: one an
// OpenResearchFileToFill made and marked unfilled is told (LeftUnfilled)
// if it can be told to be untouched since, and taken as made by this store
// if take (see takeUnfilled).
func openUnfilled(path string, seed Seed, take bool) (*Store, error) {
	var mark string
	var marked, seeded, held bool
	st, err := openResearchFileThen(path, seed, Open, func(st *Store) error {
		if st.ReadOnly() {
			return nil
		}
		ctx := context.Background()
		var err error
		if mark, marked, err = getMeta(ctx, st.db, unfilledKey); err != nil {
			return err
		}
		if _, seeded, err = getMeta(ctx, st.db, seedKey); err != nil {
			return err
		}
		if marked {
			if !seeded {
				held, err = holdsUsersWork(ctx, st.db, seed.Gazetteer)
			}
			if err == nil && held {
				// The user's: unmarked before the seed goes in, whose
				// commit marks a file still marked "seeding" with its
				// print (markSeededTx), to be taken, and removed, by
				// the next import, were this one killed before
				// takeUnfilled unmarks it.
				marked = false
				return unmarkUnfilled(ctx, st.db)
			}
			return err
		}
		if !take {
			return nil
		}
		// Killed before it could mark the file (its create, SQLite's
		// first pages): a file no open ever put the seed in, holding no
		// document, holds nothing of the user's (data25: an empty file,
		// made into the user's by the next import).
		if marked, err = neverSeeded(ctx, st.db); err != nil || !marked {
			return err
		}
		if held, err = holdsUsersWork(ctx, st.db, seed.Gazetteer); err != nil || held {
			marked = false // a saved search, say: the user's
			return err
		}
		mark = unfilledSeeding
		return setMeta(ctx, st.db, unfilledKey, mark)
	})
	if err == nil && afterSeedingThere != nil {
		afterSeedingThere(path)
	}
	if err == nil && marked {
		st.takeUnfilled(mark, seeded || held, take)
	}
	return st, err
}

// neverSeeded reports whether no open put any of the seed in the file q
// reads, and it holds no document.
func neverSeeded(ctx context.Context, q querier) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM meta WHERE key IN (?, ?)) + (SELECT count(*) FROM documents)`,
		gazetteerKey, seedKey).Scan(&n)
	return n == 0, err
}

// holdsUsersWork reports whether the file holds what only a user puts in
// it, where an import killed while the seed went in leaves none: a file
// marked so, holding any, is not that import's (another program's mark),
// and was removed with it by the next import of nothing (hostile data
// passes data26: documents; data27: tags or bookmarks alone). Tags are
// the user's unless they are the gazetteer's (gazetteer, the seed's), as
// it put them in: that import may have left them, its first commit.
func holdsUsersWork(ctx context.Context, db querier, gazetteer []byte) (bool, error) {
	var held bool
	err := db.QueryRowContext(ctx, `SELECT `+usersWorkTables).Scan(&held)
	if err != nil || held {
		return held, err
	}
	return tagsBeyondGazetteer(ctx, db, gazetteer)
}

// usersWorkTables is an SQL condition true when any table holding only
// what a user made, or a trace of what a user removed, holds a row.
var usersWorkTables = func() string {
	tables := []string{"documents", "claims", "claim_links", "saved_searches", "bookmarks",
		"document_tags", "passage_tags", "tag_former_names", "title_versions", "document_former_versions",
		"bookmark_removals", "claim_link_removals", "claim_removals", "document_tag_removals",
		"passage_tag_removals", "saved_search_removals", "tag_alias_removals", "tag_removals"}
	for i, t := range tables {
		tables[i] = "EXISTS (SELECT 1 FROM " + t + ")"
	}
	return strings.Join(tables, " OR ")
}()

// tagsBeyondGazetteer reports whether the file q reads holds a tag, or an
// alias, other than the gazetteer's as it put them in (any, where the
// gazetteer is not in: its record, gazetteerKey, goes in with its tags).
func tagsBeyondGazetteer(ctx context.Context, q querier, gazetteer []byte) (bool, error) {
	want := map[string]bool{}
	if _, in, err := getMeta(ctx, q, gazetteerKey); err != nil {
		return false, err
	} else if in && len(gazetteer) > 0 {
		var entries []TagJSON
		if err := json.Unmarshal(gazetteer, &entries); err != nil {
			return true, nil // cannot be told: the user's
		}
		for _, e := range entries {
			want[tagKey(e.Family, e.Kind, e.Name, e.Description, e.Color)] = true
			for _, a := range e.Aliases {
				if a = strings.TrimSpace(a); a != "" && !strings.EqualFold(a, e.Name) {
					want[aliasKey(e.Family, e.Name, a)] = true
				}
			}
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT family, kind, name, description, color, '' FROM tags
		UNION ALL SELECT t.family, '', t.name, '', '', a.alias FROM tag_aliases a JOIN tags t ON t.id = a.tag_id`)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var family, kind, name, description, color, alias string
		if err := rows.Scan(&family, &kind, &name, &description, &color, &alias); err != nil {
			return false, err
		}
		key := tagKey(family, kind, name, description, color)
		if alias != "" {
			key = aliasKey(family, name, alias)
		}
		if !want[key] {
			return true, nil
		}
	}
	return false, rows.Err()
}

func tagKey(fields ...string) string { return strings.Join(append(fields, "tag"), "\x00") }

func aliasKey(family, name, alias string) string {
	return strings.Join([]string{family, name, alias, "alias"}, "\x00")
}

// takeUnfilled tells the research file, marked unfilled (mark) by an
// earlier command that stopped, left unfilled, and takes it as made by
// this store if take, where it holds what
// that command's open left, and nothing else: its print is mark, or, where
// the command stopped while the seed went in (seeded tells whether the
// seed was all in before this open, or the file held the user's work), the seed went in here, with the last
// change this process's. A file open elsewhere (the command may be at
// work still) is left as it is; one changed since is the user's, and its
// mark is taken away.
func (s *Store) takeUnfilled(mark string, seeded, take bool) {
	real, err := followLinks(s.path)
	if err != nil || heldByAnother(real) != "" {
		return
	}
	fi, err := os.Lstat(real)
	if err != nil {
		return
	}
	print, written, err := printAndStamp(context.Background(), s.db.DB)
	if err != nil {
		return
	}
	here := unfilledMark(print, real)
	untouched := mark == here || (mark == unfilledSeeding && !seeded && stampedHere(written))
	if !untouched || !fi.Mode().IsRegular() {
		s.unmarkUnfilled()
		return
	}
	if mark != here {
		s.markUnfilled(print)
	}
	s.leftUnfilled = true
	if take {
		s.made = &newFile{path: real, fi: fi, print: print}
		s.bk.madeNow = true
	}
}

// leftUnfilledAsIs is whether the research file db reads, at real, would
// be told LeftUnfilled by an open with the seed whose gazetteer is
// gazetteer, told without writing to it (dossier check, dossier backup):
// it holds what the import that marked it left (its print is the mark),
// or that import was stopped while the seed went in, and the file holds
// nothing of the user's. A file open elsewhere (that import may be at work
// still) is not.
func leftUnfilledAsIs(ctx context.Context, db *sql.DB, real string, gazetteer []byte) (bool, error) {
	mark, marked, err := getMeta(ctx, db, unfilledKey)
	if err != nil || !marked || heldByAnother(real) != "" {
		return false, err
	}
	if mark == unfilledSeeding {
		_, seeded, err := getMeta(ctx, db, seedKey)
		if err != nil || seeded {
			return false, err
		}
		held, err := holdsUsersWork(ctx, db, gazetteer)
		return err == nil && !held, err
	}
	print, err := contentPrint(ctx, db, "")
	return err == nil && unfilledMark(print, real) == mark, err
}

// LeftUnfilledAsIs is LeftUnfilled of a file opened as it is (Open: not
// seeded), told the same way for the seed a command would put in it, with
// nothing written (see leftUnfilledAsIs).
func (s *Store) LeftUnfilledAsIs(ctx context.Context, seed Seed) bool {
	if s.ReadOnly() {
		return false // as OpenResearchFile: never told
	}
	real, err := followLinks(s.path)
	if err != nil {
		return false
	}
	left, _ := leftUnfilledAsIs(ctx, s.db.DB, real, seed.Gazetteer)
	return left
}

// markSeededTx marks, in tx, the seed's transaction, a research file
// marked unfilledSeeding with the print of what it holds once tx commits,
// at real: the seed and the mark are one commit. Marked after it, an
// import killed in between (the one making the file, or the next, taking
// over one left while the seed went in) left a file marked "seeding" with
// the seed in, which the next took for the user's, holding the built-in
// article alone, never to be taken again (data27).
func markSeededTx(ctx context.Context, tx *sql.Tx, real string) error {
	mark, marked, err := getMeta(ctx, tx, unfilledKey)
	if err != nil || !marked || mark != unfilledSeeding {
		return err
	}
	print, err := contentPrintTx(ctx, tx, "")
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = ?`, unfilledMark(print, real), unfilledKey)
	return err
}

// afterSeedingThere, set by a test, runs once a file that was there is
// open and seeded, before takeUnfilled.
var afterSeedingThere func(path string)

// markUnfilled marks the file unfilled, with what it holds (print), if it
// is marked still: another command may have taken the mark away meanwhile
// (see takeUnfilled).
func (s *Store) markUnfilled(print string) {
	s.db.ExecContext(context.Background(), `UPDATE meta SET value = ? WHERE key = ?`, unfilledMark(print, s.real), unfilledKey)
}

// unfilledMark is the unfilled mark of a file at real holding print: where
// it is, too, so that a copy of it (cp) or the file moved to another name
// is the user's, never taken as left by a killed import and removed
// (hostile data pass data26).
func unfilledMark(print, real string) string { return print + "\n@" + real }

// unmarkUnfilled takes the file's unfilled mark away: it is the user's.
func (s *Store) unmarkUnfilled() { unmarkUnfilled(context.Background(), s.db) }

// unmarkUnfilled takes the unfilled mark away from the file q writes.
func unmarkUnfilled(ctx context.Context, q querier) error {
	_, err := q.ExecContext(ctx, `DELETE FROM meta WHERE key = ?`, unfilledKey)
	return err
}

// MadeNow reports whether the research file was made by this store's open,
// or taken as made by OpenResearchFileToFill (see LeftUnfilled):
// CloseRemovingMade would remove it.
func (s *Store) MadeNow() bool { return s.made != nil }

// LeftUnfilled reports whether the research file, which was there, was
// made by OpenResearchFileToFill of an earlier command that stopped
// (killed) before it put anything in it, and holds the seed alone still.
func (s *Store) LeftUnfilled() bool { return s.leftUnfilled }

// KeepMade takes the unfilled mark (see OpenResearchFileToFill) away from
// a file made to be filled, once the command put something in it: it is
// the user's now. One left marked is told by its print too.
func (s *Store) KeepMade() {
	if s.made != nil && !s.ReadOnly() {
		s.unmarkUnfilled()
	}
}

// CloseRemovingMade is Close that then removes the research file, with
// its side files, if OpenResearchFile made it for this store and it is
// still that file, holding what the open put in it alone (the seed), open
// nowhere else, and the folders made for it if they are empty; removed
// says it was. For a command that made the file only to find nothing to
// put in it (dossier import of files none of which could be imported: the
// file was left behind, holding the seed alone). A file the open did not
// make is never removed. No other store of this process may have the file
// open: the lock taken (a POSIX lock) neither sees it nor, let go, leaves
// its locks (the command that calls it has only this store).
//
// What the file holds is read once it is closed, and compared whole with
// what the open left: counting its documents while open missed what
// another program did meanwhile and had closed again: a document imported
// by another dossier import in place of the built-in article, or notes a
// window wrote on the article, were deleted with the file (hostile data
// pass data21). The last look and the removal are made under SQLite's
// lock (see removeUnchanged); where that lock is not known, the file is
// kept.
func (s *Store) CloseRemovingMade() (removed bool, err error) {
	if err := s.Close(); err != nil || s.made == nil || !stillOurs(*s.made) {
		return false, err
	}
	// A first look, without the lock: a file another program put work in
	// is told here, without the copy removeUnchanged reads.
	if !s.made.holdsItsPrint() || !s.made.removeUnchanged() {
		return false, nil
	}
	if afterRemovingMade != nil {
		afterRemovingMade(s.made.path)
	}
	s.made.removeDirs()
	return true, nil
}

// lockMade is lockMadeFile, or a test's stand-in.
var lockMade = lockMadeFile

// beforeRemovingMade, set by a test, runs in removeUnchanged once the file
// is found unchanged, under the lock, just before it is removed.
var beforeRemovingMade func(path string)

// removeUnchanged removes the file made, with its side files, if it holds
// its print still, looked at and removed under SQLite's exclusive lock
// (lockMadeFile). Looked at, then removed, another command could open it
// in between, pass its own looks, and work on a file then deleted, to be
// told at its close that it was "moved, deleted or replaced while open"
// (hostile data pass data22). Under the lock, a command opening it waits
// until it is gone, and is refused up front as deleted just as it was
// opening it, with nothing done; one that has it open already keeps it
// (the lock fails), on every system the lock is known on. Where it is not
// (Windows), it cannot be told, and the file is kept.
//
// The file is read through a copy, made through the locked descriptor: a
// connection of SQLite's opening the file here, then closing it, would let
// go of the lock (POSIX locks belong to the process and file, not to the
// descriptor).
func (made newFile) removeUnchanged() bool {
	f, err := os.OpenFile(made.path, os.O_RDWR, 0) // a write lock needs a writable descriptor
	if err != nil {
		return false
	}
	defer f.Close() // lets go of the lock, once the file is removed
	if fi, err := f.Stat(); err != nil || !os.SameFile(fi, made.fi) || !lockMade(f) {
		return false
	}
	if fi, err := os.Lstat(made.path); err != nil || !os.SameFile(fi, made.fi) || !made.copyHoldsItsPrint(f) {
		return false
	}
	if beforeRemovingMade != nil {
		beforeRemovingMade(made.path)
	}
	// Its side files first (a -wal the close could not fold in, on a full
	// disk): removed after the file, by name, they could be those of a
	// file another command made anew at the name in between, whose -shm
	// was deleted under it (hostile data pass data21: it then said
	// "another file was put in its place"). Once the file is removed,
	// nothing at its name is touched.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(made.path + suffix)
	}
	return os.Remove(made.path) == nil
}

// copyHoldsItsPrint is holdsItsPrint of a copy of the file made (read
// through f) and of a -wal left beside it, in a folder of its own.
func (made newFile) copyHoldsItsPrint(f *os.File) bool {
	dir, err := os.MkdirTemp("", "dossier-made-")
	if err != nil {
		return false
	}
	defer os.RemoveAll(dir)
	copied := newFile{path: filepath.Join(dir, "made.dossier"), print: made.print}
	if copyInto(copied.path, io.NewSectionReader(f, 0, 1<<62)) != nil {
		return false
	}
	if wal, err := os.Open(made.path + "-wal"); err == nil {
		err = copyInto(copied.path+"-wal", wal)
		wal.Close() // another file: the lock on the research file stays
		if err != nil {
			return false
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	return copied.holdsItsPrint()
}

// copyInto writes what r reads to a new file at path.
func copyInto(path string, r io.Reader) error {
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, r)
	return errors.Join(err, out.Close())
}

// afterRemovingMade, set by a test, runs in CloseRemovingMade once the
// file is removed.
var afterRemovingMade func(path string)

// holdsItsPrint reports whether the file made, closed, holds what its
// open left in it (its print), and nothing else, read through a -wal
// left beside it: the close's own, on a full disk, or another program's
// that stopped, whose commits a read of the file alone would not see.
func (made newFile) holdsItsPrint() bool {
	open := openAlone
	if fi, err := os.Lstat(made.path + "-wal"); err == nil && fi.Size() > 0 {
		open = func(path string) (*sql.DB, error) { return sql.Open("sqlite", dsn(path, true)) }
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	db, err := open(made.path)
	if err != nil {
		return false
	}
	defer db.Close()
	now, err := contentPrint(context.Background(), db, made.print)
	return err == nil && now == made.print
}

// contentPrint sums up what a research file holds: each table's name,
// rows and a hash of them, SQLite's own tables (statistics) and the stamp
// of the last change aside. The rows are counted first: a print with
// other counts than against's is told by them, without the hash, which
// reads every row (a file another program imported a report into).
func contentPrint(ctx context.Context, db *sql.DB, against string) (string, error) {
	tx, done, err := readOne(ctx, db)
	if err != nil {
		return "", err
	}
	defer done()
	return contentPrintTx(ctx, tx, against)
}

// beforeMadePrint, set by a test, runs in OpenResearchFile once it made
// the file and opened it, before the print of what it holds is read.
var beforeMadePrint func(path string)

// printAndStamp is contentPrint of what db holds, with the stamp of its
// last change (writtenKey), read together.
func printAndStamp(ctx context.Context, db *sql.DB) (print, written string, err error) {
	tx, done, err := readOne(ctx, db)
	if err != nil {
		return "", "", err
	}
	defer done()
	if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, writtenKey).Scan(&written); err != nil {
		return "", "", err
	}
	print, err = contentPrintTx(ctx, tx, "")
	return print, written, err
}

// readOne begins a read of one state of the file db is open on.
func readOne(ctx context.Context, db *sql.DB) (*sql.Tx, func(), error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		conn.Close()
		return nil, nil, err
	}
	return tx, func() { tx.Rollback(); conn.Close() }, nil
}

// metaOfTheFile is an SQL condition on meta's rows leaving aside those
// that say how it was written, not what it holds: the stamp of the last
// change, which changes with changes undone too (an import's note of
// itself, gone once it ended); the unfilled mark, which holds the print
// itself; and an import's note of itself (unfinishedKey), which a killed
// import leaves: a file made by one killed before it imported anything
// was taken for the user's by the next (data25).
const metaOfTheFile = `key NOT IN ('` + writtenKey + `', '` + unfilledKey + `') AND key NOT LIKE '` + unfinishedKey + `%'`

// contentPrintTx is contentPrint within tx.
func contentPrintTx(ctx context.Context, tx *sql.Tx, against string) (string, error) {
	var tables []string
	rows, err := tx.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return "", err
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	var counts strings.Builder
	for _, table := range tables {
		var n int64
		count := `SELECT count(*) FROM "` + strings.ReplaceAll(table, `"`, `""`) + `"`
		if table == "meta" {
			count += ` WHERE ` + metaOfTheFile
		}
		if err := tx.QueryRowContext(ctx, count).Scan(&n); err != nil {
			return "", err
		}
		fmt.Fprintf(&counts, "%q: %d rows\n", table, n)
	}
	if against != "" && !strings.HasPrefix(against, counts.String()+"|") {
		return counts.String() + "|", nil
	}
	h := sha256.New()
	for _, table := range tables {
		query := `SELECT * FROM "` + strings.ReplaceAll(table, `"`, `""`) + `"`
		if table == "meta" {
			query += ` WHERE ` + metaOfTheFile
		}
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			return "", err
		}
		cols, err := rows.Columns()
		if err != nil {
			rows.Close()
			return "", err
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", err
			}
			n++
			for _, v := range vals {
				fmt.Fprintf(h, "%T:%q;", v, fmt.Sprint(v))
			}
			h.Write([]byte{'\n'})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
		fmt.Fprintf(h, "table %q: %d rows\n", table, n)
	}
	return counts.String() + "|" + hex.EncodeToString(h.Sum(nil)), nil
}

// removeDirs removes the folders made for the file, while they are empty.
func (made newFile) removeDirs() {
	for _, dir := range made.dirs {
		if os.Remove(dir) != nil { // not empty: something else is in it now
			return
		}
	}
}

// OpenExistingResearchFile is OpenResearchFile of a file that must be
// there already (see OpenExisting): one no longer there is an error
// wrapping fs.ErrNotExist, and nothing is made.
func OpenExistingResearchFile(path string, seed Seed) (*Store, error) {
	return openResearchFile(path, seed, OpenExisting, false)
}

// newFile is a research file this process made, empty: where (a link's
// target) and which file it is.
type newFile struct {
	path string
	fi   os.FileInfo
	// dirs are the folders made for it, innermost first (the default
	// data folder, on a first run).
	dirs []string
	// print is what the open put in it (contentPrint).
	print string
}

// makeNewFile makes the research file at path (or where a link there
// leads) when there is none, empty and exclusively, so that a failed
// creation removes only the file it made: a file another program put at
// the name meanwhile was deleted (found by a hostile pass).
func makeNewFile(path string) (newFile, bool) {
	target, err := followLinks(path) // where Open creates it
	if err != nil {
		// A name the system refuses: Open refuses it too, and says why
		// (a tidied guess made, then removed, another file).
		return newFile{}, false
	}
	if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
		return newFile{}, false
	}
	var dirs []string
	for dir := filepath.Dir(target); ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) || dir == filepath.Dir(dir) {
			break
		}
		dirs = append(dirs, dir)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return newFile{}, false // Open says why
	}
	f, err := os.OpenFile(target, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644) // SQLite's own mode
	if err != nil {
		return newFile{}, false // made by another meanwhile, or it cannot be: Open says why
	}
	fi, err := f.Stat()
	f.Close()
	if err != nil {
		return newFile{}, false
	}
	return newFile{path: target, fi: fi, dirs: dirs}, true
}

// notCreated removes what a failed creation of the research file left, if
// it is still the file made (and holds nothing, or only SQLite's pages),
// and says it was not created.
func notCreated(made newFile, err error) error {
	if !stillOurs(made) {
		return err // another program's now
	}
	abs, aerr := filepath.Abs(made.path)
	if aerr != nil {
		abs = made.path
	}
	var ioErr error
	if sqliteCode(err) == sqlite3.SQLITE_IOERR && !errors.Is(err, ErrDiskFull) && noRoomFor("", made.path, err) == nil {
		ioErr = notCreatedIO(abs, made.path, err) // its sizes tell why
	}
	if os.Remove(made.path) == nil {
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			os.Remove(made.path + suffix)
		}
		made.removeDirs()
	}
	if errors.Is(err, ErrNameTooLong) {
		return err // says so itself, and that nothing was kept
	}
	if ioErr != nil {
		return ioErr
	}
	if errors.Is(err, ErrDiskFull) || noRoomFor("", made.path, err) != nil {
		return &FileError{Path: abs, err: fmt.Errorf("%w: %w", ErrDiskFull, err),
			msg: "cannot be created: the disk it would be on is full; free some space and try again (nothing was written)"}
	}
	return fmt.Errorf("research file %s could not be created (nothing was kept): %w", abs, err)
}

// stillOurs reports whether the file made is still at its name, as this
// process left it: the same file, empty or a database, open nowhere else.
func stillOurs(made newFile) bool {
	fi, err := os.Lstat(made.path)
	if err != nil || !os.SameFile(fi, made.fi) || heldByAnother(made.path) != "" {
		return false
	}
	if fi.Size() == 0 {
		return true
	}
	f, err := os.Open(made.path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	return string(head[:n]) == "SQLite format 3\x00"
}

// openResearchFile opens the file at path with open and puts the seed in
// it, where it is not yet; toFill marks it unfilled first (see
// OpenResearchFileToFill): a file the open made.
func openResearchFile(path string, seed Seed, open func(string) (*Store, error), toFill bool) (*Store, error) {
	return openResearchFileThen(path, seed, open, func(st *Store) error {
		if !toFill || st.ReadOnly() {
			return nil
		}
		err := setMeta(context.Background(), st.db, unfilledKey, unfilledSeeding)
		if err == nil && afterUnfilledMark != nil {
			afterUnfilledMark(st.path)
		}
		return err
	})
}

// afterUnfilledMark, set by a test, runs once a file made to be filled is
// marked, before the seed goes in.
var afterUnfilledMark func(path string)

// openResearchFileThen is openResearchFile running before on the store
// opened, before the seed goes in.
func openResearchFileThen(path string, seed Seed, open func(string) (*Store, error), before func(*Store) error) (*Store, error) {
	st, err := open(path)
	if err != nil {
		return nil, err
	}
	if err := before(st); err != nil {
		st.Close()
		return nil, err
	}
	ctx := context.Background()
	// The gazetteer goes first, so that importing the seed article suggests
	// its actors and sources.
	if len(seed.Gazetteer) > 0 {
		if err := st.ensureGazetteer(ctx, seed.Gazetteer); err != nil {
			st.Close()
			return nil, firstWorkErr(st.path, err)
		}
	}
	if len(seed.Article) > 0 {
		if err := st.ensureDefaultCorpus(ctx, seed.ArticleName, seed.Article); err != nil {
			st.Close()
			return nil, firstWorkErr(st.path, err)
		}
	}
	return st, nil
}

// firstWorkErr is err from an open's own work on the file (the starter list
// matched across every passage, the article imported): a damaged page met
// there is said as the open says one it meets (a DamagedError, with the
// file), once the file is closed. In SQLite's words alone, "database disk
// image is malformed (11)", it named no file and no damage, in the window's
// banner and its "the last research file could not be opened" (a hostile
// UI pass: a large file damaged while the window waited for its open).
func firstWorkErr(path string, err error) error {
	if unreadableErr(err) {
		return openFailed(path, err)
	}
	return err
}
