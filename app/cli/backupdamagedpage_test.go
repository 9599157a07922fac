package cli_test

// Found by a hostile pass of 2026-12-05.

import (
	"database/sql"
	"encoding/binary"
	"os"
	"strings"
	"testing"
)

// `dossier backup` into the backups folder refused a file only for rows
// referring to rows that are gone and missing tables (RowProblems): one
// whose bookmarks tree takes in a page of passages ("Rowid 28 out of
// order", what the check on opening and `dossier check` call damaged, and
// what refuses an import) was backed up, and each such backup, itself
// damaged, pushed a sound one out of the rolling set. It makes the check
// an import makes first.
func TestBackupCommandRefusesAFileWithADamagedPage(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs") // the seed article
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM k WHERE i < 150)
		INSERT INTO bookmarks (passage_id, note, created_at, updated_at)
		SELECT (SELECT min(id) FROM passages) + i % 19, 'my note ' || i || ' ' || hex(randomblob(120)), '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z' FROM k;
		PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	var root, leaf uint32
	if err := raw.QueryRow(`SELECT (SELECT pageno FROM dbstat WHERE name = 'bookmarks' AND path = '/'),
		(SELECT pageno FROM dbstat WHERE name = 'passages' AND pagetype = 'leaf' ORDER BY path LIMIT 1)`).Scan(&root, &leaf); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	// The bookmarks root's second cell's child is now the passages' first leaf.
	f, err := os.OpenFile(db, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	pg := make([]byte, 4096)
	if _, err := f.ReadAt(pg, int64(root-1)*4096); err != nil {
		t.Fatal(err)
	}
	if pg[0] != 0x05 {
		t.Fatalf("page %d is not a table's interior page (%#x)", root, pg[0])
	}
	cell := binary.BigEndian.Uint16(pg[12+2:])
	binary.BigEndian.PutUint32(pg[cell:], leaf)
	if _, err := f.WriteAt(pg, int64(root-1)*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()

	if r := run(t, db, "check"); r.code == 0 {
		t.Fatalf("check: %+v; the damage was not made", r)
	}
	if r := run(t, db, "import", longText(t, 3)); r.code == 0 || !strings.Contains(r.stderr, "damaged") {
		t.Errorf("import: %+v; want it refused as damaged", r)
	}
	if r := run(t, db, "backup"); r.code == 0 {
		t.Errorf("backup into the backups folder of a file check calls damaged: %q; want it refused as damaged (it refuses one with a row referring to a row gone)", r.stdout)
	}
}
