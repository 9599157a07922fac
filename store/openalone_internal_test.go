package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// openAlone, shared by every reading of a file without its side files
// (walUnmarks and damagedAlone among them, which each built the same DSN),
// reads the file as it is on the disk: a -wal beside it is left out, and
// nothing can be written through it.
func TestOpenAloneLeavesTheWALOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	w, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetMaxOpenConns(1) // the pragmas are the connection's, and it keeps the -wal
	for _, q := range []string{`PRAGMA journal_mode = WAL`, `PRAGMA wal_autocheckpoint = 0`, `CREATE TABLE before_wal(x)`, `PRAGMA wal_checkpoint(TRUNCATE)`,
		`CREATE TABLE in_wal(x)`} {
		if _, err := w.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	alone, err := openAlone(path)
	if err != nil {
		t.Fatal(err)
	}
	defer alone.Close()
	names, err := queryAll(context.Background(), alone, func(sc scanner) (name string, err error) { return name, sc.Scan(&name) },
		`SELECT name FROM sqlite_schema ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 || names[0] != "before_wal" {
		t.Errorf("the file alone holds %q, want only before_wal (in_wal is in the -wal)", names)
	}
	if _, err := alone.Exec(`CREATE TABLE written(x)`); err == nil {
		t.Error("a table was written through the file opened alone")
	}
}
