package store_test

// The table-by-table quick check (tableProblems) cannot see a page two
// tables, or a table and the free list, both claim; sharedPageProblems
// does (found by a hostile pass: an import wrote over bookmarks).

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// bookmarkedFileWithFreePages makes a closed research file holding the built-in
// article with n bookmarks with long notes, and many free pages (a table
// of blobs made and dropped, as a deleted document leaves them).
func bookmarkedFileWithFreePages(t *testing.T, n int) (path string, notes []string) {
	t.Helper()
	s, _ := mustSeed(t)
	path = s.Path()
	s.Close()
	db := rawDB(t, path)
	if _, err := db.Exec(fmt.Sprintf(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM k WHERE i < %d)
		INSERT INTO bookmarks (passage_id, note, created_at, updated_at)
		SELECT (SELECT min(id) FROM passages) + i %% 19, 'my note ' || i || ' ' || hex(randomblob(120)), '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z' FROM k;
		CREATE TABLE scratch (b BLOB);
		WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM k WHERE i < 400) INSERT INTO scratch SELECT randomblob(3000) FROM k;
		DROP TABLE scratch;
		PRAGMA wal_checkpoint(TRUNCATE);`, n)); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT note FROM bookmarks ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		notes = append(notes, s)
	}
	rows.Close()
	db.Close()
	return path, notes
}

// pagesOf lists the pages of the table or index name (dbstat).
func pagesOf(t *testing.T, path, name, pagetype string) []uint32 {
	t.Helper()
	db := rawDB(t, path)
	defer db.Close()
	rows, err := db.Query(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno`, name, pagetype)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []uint32
	for rows.Next() {
		var p uint32
		rows.Scan(&p)
		out = append(out, p)
	}
	if len(out) == 0 {
		t.Fatalf("no %s pages of %s", pagetype, name)
	}
	return out
}

// pointFreeListAt overwrites one leaf entry of the file's first free-list
// trunk page with page target, a page in use: the free list and a table
// now share it, as a misdirected write or another program's bug leaves it.
func pointFreeListAt(t *testing.T, path string, target uint32) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hdr := make([]byte, 100)
	if _, err := f.ReadAt(hdr, 0); err != nil {
		t.Fatal(err)
	}
	ps := int64(binary.BigEndian.Uint16(hdr[16:18]))
	trunk := int64(binary.BigEndian.Uint32(hdr[32:36]))
	if trunk == 0 {
		t.Fatal("no free list")
	}
	pg := make([]byte, ps)
	if _, err := f.ReadAt(pg, (trunk-1)*ps); err != nil {
		t.Fatal(err)
	}
	k := binary.BigEndian.Uint32(pg[4:8])
	if k < 2 {
		t.Fatalf("trunk page %d has %d leaves", trunk, k)
	}
	i := k / 2
	binary.BigEndian.PutUint32(pg[8+4*i:], target)
	if _, err := f.WriteAt(pg, (trunk-1)*ps); err != nil {
		t.Fatal(err)
	}
}

func largeTextFile(t *testing.T, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Paragraph %d about the campaign and the %d meetings that followed it.\n\n", i, i*7)
	}
	txt := filepath.Join(t.TempDir(), "large.txt")
	if err := os.WriteFile(txt, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return txt
}

// A free-list page naming a page a table uses (the whole-file
// PRAGMA quick_check: "2nd reference to page N") passed the table-by-table
// check, so QuickCheck called the file sound and an import was let in; it
// took the "free" page and wrote passages over the bookmarks on it: notes
// were lost, and the damage spread to the new rows. Now QuickCheck names
// it, the import is refused and no note is lost.
func TestQuickCheckFindsAFreeListPageInUseAndRefusesTheImport(t *testing.T) {
	ctx := context.Background()
	path, notes := bookmarkedFileWithFreePages(t, 200)
	leaves := pagesOf(t, path, "bookmarks", "leaf")
	pointFreeListAt(t, path, leaves[len(leaves)/2])

	// SQLite's whole-file pass sees it.
	var whole string
	if err := rawDB(t, path).QueryRow(`PRAGMA quick_check`).Scan(&whole); err != nil || whole == "ok" {
		t.Fatalf("whole-file quick_check: %q, %v; the damage was not made", whole, err)
	}

	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	backupDir := t.TempDir()
	s.SetBackupDir(backupDir)
	s.EnableAutoBackups()
	problems, err := s.QuickCheck(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) == 0 {
		t.Errorf("QuickCheck of a file whose free list holds a bookmarks page: no problems (whole-file quick_check: %q)", whole)
	}
	err = s.ImportFiles(ctx, []string{largeTextFile(t, 3000)}, nil)
	if err == nil {
		t.Errorf("an import into the damaged file was let in")
	}
	bms, err := s.Bookmarks(ctx)
	if err != nil {
		t.Errorf("reading the bookmarks after the import: %v", err)
	}
	var got []string
	for _, b := range bms {
		got = append(got, b.Note)
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(notes))
	if err == nil && !slices.Equal(got, want) {
		lost := 0
		for _, n := range notes {
			if !slices.Contains(got, n) {
				lost++
			}
		}
		t.Errorf("bookmark notes after the import: %d of %d lost", lost, len(notes))
	}
	// The backup after the large import copied the damaged file into the
	// rolling set (RowProblems sees nothing), pushing a sound one out.
	list, err := store.ListBackups(ctx, backupDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backups after the import: %d; the backup's failure: %v", len(list), s.TakeAutoBackupFailure())
	for _, b := range list {
		var res string
		if err := rawDB(t, b.Path).QueryRow(`PRAGMA quick_check`).Scan(&res); err != nil || res != "ok" {
			t.Errorf("the rolling backup after the import, %s, is damaged: %q, %v", filepath.Base(b.Path), res, err)
		}
	}
}

// An overflow page two tables share (a bookmark's long note ending on the
// last page of a tag's long description: SQLite's whole-file check says
// "2nd reference to page N") passed the table-by-table check, each
// table's own walk being consistent; the next change of that description
// would free the page while the note still uses it. QuickCheck names it.
func TestQuickCheckFindsAPageTwoTablesShare(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	path := s.Path()
	s.Close()
	db := rawDB(t, path)
	if _, err := db.Exec(`INSERT INTO bookmarks (passage_id, note, created_at, updated_at)
			SELECT min(id), 'LONGNOTE ' || hex(randomblob(6000)), '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z' FROM passages;
		UPDATE tags SET description = 'LONGDESC ' || hex(randomblob(6000)) WHERE id = (SELECT min(id) FROM tags);
		PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	overflow := func(name string) []uint32 {
		rows, err := db.Query(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'overflow' ORDER BY path`, name)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []uint32
		for rows.Next() {
			var p uint32
			rows.Scan(&p)
			out = append(out, p)
		}
		return out
	}
	bm, tg := overflow("bookmarks"), overflow("tags")
	if len(bm) != 2 || len(tg) != 2 {
		t.Fatalf("overflow pages: bookmarks %v, tags %v; want two each", bm, tg)
	}
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	next := make([]byte, 4)
	binary.BigEndian.PutUint32(next, tg[1])
	if _, err := f.WriteAt(next, int64(bm[0]-1)*4096); err != nil { // the note's chain now ends on the description's last page
		t.Fatal(err)
	}
	f.Close()
	var whole string
	if err := rawDB(t, path).QueryRow(`PRAGMA quick_check`).Scan(&whole); err != nil || whole == "ok" {
		t.Fatalf("whole-file quick_check: %q, %v; the damage was not made", whole, err)
	}
	s = mustOpenAt(t, path)
	problems, err := s.QuickCheck(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) == 0 {
		t.Errorf("QuickCheck of a file whose bookmarks and tags share a page: no problems (whole-file quick_check: %q)", whole)
	}
}
