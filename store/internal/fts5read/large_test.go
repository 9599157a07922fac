package fts5read

import (
	"context"
	"database/sql"
	"os"
	"slices"
	"sort"
	"testing"
	"time"
)

// TestLargeFile compares Counts with fts5vocab on a real research file and
// times both (median of 5): FTS5READ_FILE names the file, opened read-only.
func TestLargeFile(t *testing.T) {
	path := os.Getenv("FTS5READ_FILE")
	if path == "" {
		t.Skip("FTS5READ_FILE not set")
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, passages_fts, instance)`); err != nil {
		t.Fatal(err)
	}
	var b []byte
	if err := conn.QueryRowContext(ctx, `SELECT block FROM passages_fts_data WHERE id = 10`).Scan(&b); err != nil {
		t.Fatal(err)
	}
	segs, err := parseStructure(b)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d segments: %v", len(segs), segs)

	vocabCounts := func(term string) []Count {
		rows, err := conn.QueryContext(ctx, `SELECT doc FROM temp.v WHERE term = ?`, term)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []Count
		for rows.Next() {
			var doc int64
			if err := rows.Scan(&doc); err != nil {
				t.Fatal(err)
			}
			if n := len(out); n > 0 && out[n-1].Rowid == doc {
				out[n-1].N++
			} else {
				out = append(out, Count{Rowid: doc, N: 1})
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	median := func(f func()) time.Duration {
		var ds []time.Duration
		for range 5 {
			start := time.Now()
			f()
			ds = append(ds, time.Since(start))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[2]
	}
	for _, term := range []string{"campaign", "sanction", "moscow", "elect", "the", "zeitgeist", "nosuchtermxyz"} {
		want := vocabCounts(term)
		got, err := Counts(ctx, conn, "passages_fts", term)
		if err != nil {
			t.Fatalf("%s: %v", term, err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: %d rows, fts5vocab %d", term, len(got), len(want))
		}
		var instances int
		for _, c := range got {
			instances += int(c.N)
		}
		if term != "campaign" {
			t.Logf("%q: %d rows, %d instances: equal", term, len(got), instances)
			continue
		}
		dv := median(func() { vocabCounts(term) })
		dc := median(func() {
			if _, err := Counts(ctx, conn, "passages_fts", term); err != nil {
				t.Fatal(err)
			}
		})
		tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		dt := median(func() {
			if _, err := Counts(ctx, tx, "passages_fts", term); err != nil {
				t.Fatal(err)
			}
		})
		tx.Rollback()
		t.Logf("%q: %d rows, %d instances: equal; fts5vocab %v, Counts %v (on a *sql.Conn), %v (in a read transaction)",
			term, len(got), instances, dv, dc, dt)
	}
}
