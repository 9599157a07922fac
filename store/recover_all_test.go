package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// derivedTables are rebuilt by Recover from the rows it copies, not copied.
func derivedTable(name string) bool {
	return strings.HasPrefix(name, "passages_fts") || name == "passage_lengths" || strings.HasPrefix(name, "sqlite_")
}

// tableRows reads every row of table as text, in primary-key order.
func tableRows(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	_, lines := queryLines(t, db, fmt.Sprintf(`SELECT * FROM %q %s ORDER BY 1, 2`, table, stampLeftOut(table)))
	return lines
}

// stampLeftOut is the WHERE clause that leaves meta's stamp of the last
// change out of a table's rows: every change rewrites it, an undo and a
// recovery too (see store/stampconn.go); and the file's identity, which a
// recovered file has of its own.
func stampLeftOut(table string) string {
	if table == "meta" {
		return `WHERE key NOT IN ('written', 'file_id')`
	}
	return ""
}

// Recovering a sound file must copy every row of every table the user's
// work lives in: a table added to the schema and forgotten by Recover
// (claims, their actors and links were) would be lost without a word.
func TestRecoverCopiesEveryTableOfASoundFile(t *testing.T) {
	ctx := context.Background()
	s, docID := mustResearch(t)
	claims := claimList(t, s, store.ClaimQuery{})
	if len(claims) < 3 {
		t.Fatalf("the seed article has %d suggested claims, want 3 or more", len(claims))
	}
	if err := s.AcceptClaim(ctx, claims[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RejectClaim(ctx, claims[1].ID); err != nil {
		t.Fatal(err)
	}
	note := "checked against the ODNI report"
	if _, err := s.EditClaim(ctx, claims[2].ID, store.ClaimEdit{Note: &note}); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(ctx, claims[0].ID, claims[2].ID, store.LinkSame); err != nil {
		t.Fatal(err)
	}
	p := passageAt(t, s, docID, 3)
	if _, err := s.AddBookmark(ctx, p.ID, nil, "a note"); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped() != 0 {
		t.Errorf("a sound file: %s", rep)
	}
	src, dst := rawDB(t, path), rawDB(t, out)
	names, err := src.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for names.Next() {
		var n string
		names.Scan(&n)
		if !derivedTable(n) {
			tables = append(tables, n)
		}
	}
	names.Close()
	reported := map[string]int{}
	for _, tr := range rep.Tables {
		reported[tr.Table] = tr.Recovered
	}
	for _, table := range tables {
		want, got := tableRows(t, src, table), tableRows(t, dst, table)
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("%s: %d rows in the file, %d recovered", table, len(want), len(got))
		}
		if table != "meta" && reported[table] != len(want) {
			t.Errorf("%s: the report says %d recovered, the file has %d", table, reported[table], len(want))
		}
	}
	for _, must := range []string{"claims", "claim_actors", "claim_links", "bookmarks"} {
		if len(tableRows(t, src, must)) == 0 {
			t.Errorf("the test file has no %s: the comparison proves nothing for them", must)
		}
	}
}

// A claim whose source tag cannot be recovered keeps its words, with no
// source, as deleting that tag would have left it.
func TestRecoverKeepsAClaimWhoseSourceIsLost(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	claims := claimList(t, s, store.ClaimQuery{})
	if len(claims) == 0 {
		t.Fatal("no claims in the seed article")
	}
	path := s.Path()
	s.Close()
	raw := rawDB(t, path)
	if _, err := raw.Exec(`PRAGMA foreign_keys = OFF`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE claims SET source_id = 999999 WHERE id = ?`, claims[0].ID); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	if _, err := store.Recover(ctx, path, out); err != nil {
		t.Fatal(err)
	}
	var n int
	var source sql.NullInt64
	err := rawDB(t, out).QueryRow(`SELECT count(*), max(source_id) FROM claims WHERE id = ?`, claims[0].ID).Scan(&n, &source)
	if err != nil || n != 1 || source.Valid {
		t.Errorf("the claim whose source was lost: %d rows, source %v (%v); want it kept without a source", n, source, err)
	}
}
