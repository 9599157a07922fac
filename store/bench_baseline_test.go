package store_test

// The plain-FTS5 baseline every store benchmark is quoted against: one
// FTS5 table holding the same passage texts, the tokenizer the store uses,
// content stored in the table itself, no prefix index, default FTS5
// settings. It runs through the same driver (modernc) as the store, in a
// process of its own (bench_plainproc_test.go), query by query alternating
// with the store, so a figure divided by its baseline cancels most of the
// machine's noise.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"dossier/store"
)

const plainSchema = `CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')`

// Baseline queries. The page is what the baseline measures: the
// first 50 matches by bm25 with FTS5's own snippets. The count is capped
// like the store's (store.CountCap; one more row tells "more than").
const (
	plainPageSQL  = `SELECT rowid, snippet(t, 0, '[', ']', '…', 24), bm25(t) FROM t WHERE t MATCH ? ORDER BY rank LIMIT ?`
	plainCountSQL = `SELECT count(*) FROM (SELECT 1 FROM t WHERE t MATCH ? LIMIT ?)`
	// plainAllSQL ranks and reads every match: the plain table's "full
	// ranking" with no LIMIT at all.
	plainAllSQL = `SELECT rowid, bm25(t) FROM t WHERE t MATCH ? ORDER BY rank`
)

// plainRow is one passage as the baseline stores it (rowid = the store's
// passage id, so the two can be compared hit by hit).
type plainRow struct {
	id   int64
	text string
}

// plainFTS is an open baseline database.
type plainFTS struct {
	db         *sql.DB
	path       string
	reused     bool          // found complete in DOSSIER_BENCH_DIR
	passages   int           // rows
	textBytes  int64         // sum of the passage texts' lengths
	insertTime time.Duration // the bulk insert (0 when reused)
	dbBytes    int64         // file + -wal after the insert, checkpointed
}

// openPlain opens (creating if need be) a baseline database at path.
// Pragmas are the store's searching connections' (WAL, synchronous NORMAL,
// SQLite's 2 MB page cache), so the comparison is of schemas and code
// paths, not of settings.
func openPlain(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+path+
		"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// buildPlain writes rows into a new baseline at path (any old one removed)
// in one transaction through one prepared statement, and times that.
func buildPlain(path string, rows []plainRow) (*plainFTS, error) {
	return buildTable(path, rows, []string{plainSchema}, insertPlain)
}

// buildTable makes a new database at path (any old one removed) with the
// statements of schema, times insert writing rows into it, and checkpoints
// it.
func buildTable(path string, rows []plainRow, schema []string, insert func(*sql.DB, []plainRow) error) (*plainFTS, error) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	db, err := openPlain(path)
	if err != nil {
		return nil, err
	}
	p := &plainFTS{db: db, path: path, passages: len(rows)}
	for _, q := range schema {
		if _, err := db.Exec(q); err != nil {
			db.Close()
			return nil, err
		}
	}
	began := time.Now()
	if err := insert(db, rows); err != nil {
		db.Close()
		return nil, err
	}
	p.insertTime = time.Since(began)
	for _, r := range rows {
		p.textBytes += int64(len(r.text))
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		db.Close()
		return nil, err
	}
	p.dbBytes = fileBytes(path)
	return p, nil
}

func insertPlain(db *sql.DB, rows []plainRow) error {
	return insertInOne(db, rows, nil, nil)
}

// insertInOne inserts rows into t in one transaction through one prepared
// statement, with the statements of before and after around them.
func insertInOne(db *sql.DB, rows []plainRow, before, after []string) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range before {
		if _, err := tx.Exec(q); err != nil {
			return err
		}
	}
	stmt, err := tx.Prepare(`INSERT INTO t(rowid, text) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.Exec(r.id, r.text); err != nil {
			return err
		}
	}
	for _, q := range after {
		if _, err := tx.Exec(q); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// fileBytes is the size of a SQLite file with its -wal.
func fileBytes(path string) int64 {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// checkpoint moves a research file's -wal into the file (through a
// connection of its own: the store has no call for it), so that its size
// can be compared with the baseline's.
func checkpoint(path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// storePassages reads every passage of the research file at path, in id
// order, straight from its passages table (the store has no bulk reader,
// and this must not change what it measures).
func storePassages(path string) ([]plainRow, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rs, err := db.Query(`SELECT id, text FROM passages ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var rows []plainRow
	for rs.Next() {
		var r plainRow
		if err := rs.Scan(&r.id, &r.text); err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, rs.Err()
}

// plainFor builds a baseline for the research file at storePath in a
// temporary file (for the import benchmarks, which make new files).
func plainFor(b *testing.B, storePath string) *plainFTS {
	b.Helper()
	return builtFor(b, storePath, "plain.db", buildPlain)
}

// builtFor builds, with build, a table of the passages of the research
// file at storePath in a temporary file named name.
func builtFor(b *testing.B, storePath, name string, build func(string, []plainRow) (*plainFTS, error)) *plainFTS {
	b.Helper()
	rows, err := storePassages(storePath)
	if err != nil {
		b.Fatal(err)
	}
	p, err := build(filepath.Join(b.TempDir(), name), rows)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.db.Close() })
	return p
}

// baselines holds each generated corpus's baseline, built (or found in
// DOSSIER_BENCH_DIR) once per process on first use.
var baselines = struct {
	sync.Mutex
	m map[string]*baselineOnce
}{m: map[string]*baselineOnce{}}

type baselineOnce struct {
	once sync.Once
	p    *plainFTS
	err  error
}

// baseline returns the plain-FTS5 twin of corpus c: the same passage texts
// (read back from c's research file, ids kept), in DOSSIER_BENCH_DIR next
// to the research file.
func (c *benchCorpus) baseline(b *testing.B) *plainFTS {
	b.Helper()
	baselines.Lock()
	o := baselines.m[c.name]
	if o == nil {
		o = &baselineOnce{}
		baselines.m[c.name] = o
	}
	baselines.Unlock()
	o.once.Do(func() { o.p, o.err = c.buildBaseline() })
	if o.err != nil {
		b.Fatalf("building the %s baseline: %v", c.name, o.err)
	}
	return o.p
}

func (c *benchCorpus) buildBaseline() (*plainFTS, error) {
	path := filepath.Join(dir, fmt.Sprintf("plain-%s-seed%d.db", c.name, benchSeed))
	if _, err := os.Stat(path); err == nil {
		db, err := openPlain(path)
		if err != nil {
			return nil, err
		}
		// One transaction built it, so the row count tells complete. It is
		// kept beside the file: counting reads every passage's text, which
		// put the whole table in the OS cache before a "first pass" (see
		// coldStart).
		if n, bytes, ok := readPlainMeta(path); ok && n == c.passages {
			return &plainFTS{db: db, path: path, reused: true, passages: n, textBytes: bytes, dbBytes: fileBytes(path)}, nil
		}
		var n int
		var bytes sql.NullInt64
		if err := db.QueryRow(`SELECT count(*), sum(length(CAST(text AS BLOB))) FROM t`).Scan(&n, &bytes); err == nil && n == c.passages {
			writePlainMeta(path, n, bytes.Int64)
			return &plainFTS{db: db, path: path, reused: true, passages: n, textBytes: bytes.Int64, dbBytes: fileBytes(path)}, nil
		}
		db.Close()
	}
	rows, err := storePassages(c.path)
	if err != nil {
		return nil, err
	}
	if len(rows) != c.passages {
		return nil, fmt.Errorf("%s: %d passages, want %d", c.path, len(rows), c.passages)
	}
	p, err := buildPlain(path, rows)
	if err == nil {
		writePlainMeta(path, p.passages, p.textBytes)
	}
	return p, err
}

// plainMeta is what a baseline file holds, kept beside it (path + ".meta")
// with the file's size then: a file changed since is counted again.
type plainMeta struct {
	Passages  int
	TextBytes int64
	FileBytes int64
}

func readPlainMeta(path string) (passages int, textBytes int64, ok bool) {
	b, err := os.ReadFile(path + ".meta")
	if err != nil {
		return 0, 0, false
	}
	var m plainMeta
	if json.Unmarshal(b, &m) != nil || m.FileBytes != fileBytes(path) {
		return 0, 0, false
	}
	return m.Passages, m.TextBytes, true
}

// writePlainMeta is best effort: without it the next run counts again.
func writePlainMeta(path string, passages int, textBytes int64) {
	b, err := json.Marshal(plainMeta{passages, textBytes, fileBytes(path)})
	if err == nil {
		os.WriteFile(path+".meta", b, 0o644)
	}
}

// page runs the baseline's first page (limit hits by bm25, with snippets)
// and, if count, the capped count; it returns the number of hits read and
// the count (or -1).
func (p *plainFTS) page(ctx context.Context, q string, limit int, count bool) (hits, total int, err error) {
	rs, err := p.db.QueryContext(ctx, plainPageSQL, q, limit)
	if err != nil {
		return 0, 0, err
	}
	for rs.Next() {
		var id int64
		var snip string
		var score float64
		if err := rs.Scan(&id, &snip, &score); err != nil {
			rs.Close()
			return 0, 0, err
		}
		hits++
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return 0, 0, err
	}
	total = -1
	if count {
		if err := p.db.QueryRowContext(ctx, plainCountSQL, q, store.CountCap+1).Scan(&total); err != nil {
			return 0, 0, err
		}
		total = min(total, store.CountCap)
	}
	return hits, total, nil
}

// rankAll ranks and reads every match (no LIMIT), returning how many.
func (p *plainFTS) rankAll(ctx context.Context, q string) (int, error) {
	rs, err := p.db.QueryContext(ctx, plainAllSQL, q)
	if err != nil {
		return 0, err
	}
	defer rs.Close()
	n := 0
	for rs.Next() {
		var id int64
		var score float64
		if err := rs.Scan(&id, &score); err != nil {
			return 0, err
		}
		n++
	}
	return n, rs.Err()
}

// text returns passage id's text, or "" if there is none.
func (p *plainFTS) text(id int64) string {
	var s string
	if err := p.db.QueryRow(`SELECT text FROM t WHERE rowid = ?`, id).Scan(&s); err != nil {
		return ""
	}
	return s
}

// The import ceiling: the same passages in an FTS5 table with every index
// feature the store's has (porter, prefixes of 2 and 3 letters, FTS5's
// hash at the store's 32 MB), inserted the way the store imports (a
// transaction per 5,000 passages, automerge off while the segment is
// written), then merged as the store merges after an import. No passage,
// document or tag rows: what the index alone costs, to which the store's
// import adds its own rows and suggestions.
const (
	sameIndexSchema    = `CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')`
	sameIndexBatch     = 5000 // store's bulkPassages
	sameIndexMergeWork = 1000 // store's mergeWork
)

// buildSameIndex writes rows into a new table at path as the store would
// index them, and times that, merging included.
func buildSameIndex(path string, rows []plainRow) (*plainFTS, error) {
	return buildTable(path, rows, []string{sameIndexSchema, `INSERT INTO t(t, rank) VALUES ('hashsize', 33554432)`}, insertSameIndex)
}

func insertSameIndex(db *sql.DB, rows []plainRow) error {
	for from := 0; from < len(rows); from += sameIndexBatch {
		if err := insertSameIndexBatch(db, rows[from:min(from+sameIndexBatch, len(rows))]); err != nil {
			return err
		}
	}
	var before []byte
	for {
		var structure []byte
		if err := db.QueryRow(`SELECT block FROM t_data WHERE id = 10`).Scan(&structure); err != nil {
			return err
		}
		if before != nil && string(structure) == string(before) {
			return nil
		}
		before = structure
		if _, err := db.Exec(`INSERT INTO t(t, rank) VALUES ('merge', ?)`, sameIndexMergeWork); err != nil {
			return err
		}
	}
}

func insertSameIndexBatch(db *sql.DB, rows []plainRow) error {
	return insertInOne(db, rows,
		[]string{`INSERT INTO t(t, rank) VALUES ('automerge', 0)`},
		[]string{`INSERT INTO t(t, rank) VALUES ('automerge', 4)`})
}

// sameIndexFor builds the import ceiling for the research file at
// storePath in a temporary file.
func sameIndexFor(b *testing.B, storePath string) *plainFTS {
	b.Helper()
	return builtFor(b, storePath, "same-index.db", buildSameIndex)
}
