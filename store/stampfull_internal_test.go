package store

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
)

// A stamp that fails for want of room fails the change it stamps, rolled
// back whole, with the disk's error: SQLite may roll a transaction back on
// SQLITE_FULL, and the stamp's failure was ignored, so the commit that
// followed said "no transaction is active", or kept a change the stamp
// could not name (hostile data pass data8, F7). Made to fail here by a
// trigger on meta that needs more pages than the file may have.
func TestAStampWithoutRoomFailsTheChangeWhole(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "r.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var pages int64
	if err := conn.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TEMP TRIGGER fill AFTER UPDATE ON main.meta BEGIN INSERT INTO main.saved_searches (name, query, created_at) SELECT 'filler', zeroblob(4000000), ''; END`,
		`PRAGMA max_page_count = ` + strconv.FormatInt(pages+20, 10),
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO saved_searches (name, query, created_at) VALUES ('leads', 'kilimnik', '2026-12-06T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	err = tx.Commit()
	if err == nil || !writeFailed(err) {
		t.Fatalf("commit with a stamp that finds no room: %v; want SQLite's disk-full error", err)
	}
	if !diskFull(s.path, err) {
		t.Errorf("the error is not read as a full disk: %v", err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM saved_searches`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d saved searches after the failed change; want none (rolled back whole)", n)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		t.Errorf("the connection is left in a transaction: %v", err)
	} else {
		conn.ExecContext(ctx, `ROLLBACK`)
	}
}
