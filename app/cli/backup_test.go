package cli_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain keeps every backup these tests make (the backups folder lives in
// the user data folder) out of the real one.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dossier-cli-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_DATA_HOME", dir)
	runRaceChosen()
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type backupJSON struct {
	Path      string    `json:"path"`
	Time      time.Time `json:"time"`
	Size      int64     `json:"size"`
	Documents int       `json:"documents"`
	Bookmarks int       `json:"bookmarks"`
	Error     string    `json:"error"`
	Damaged   bool      `json:"damaged"`
}

// longText is a text file of n paragraphs (one passage each).
func longText(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Paragraph %d names the committee and witness %d in some detail.\n\n", i, i)
	}
	p := filepath.Join(t.TempDir(), "long.txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// damage overwrites a passages leaf page in the middle of the (closed)
// research file with junk.
func damage(t *testing.T, db string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+db+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	var pages []int64
	rows, err := raw.Query(`SELECT pageno FROM dbstat WHERE name = 'passages' AND pagetype = 'leaf' ORDER BY pageno`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p int64
		rows.Scan(&p)
		pages = append(pages, p)
	}
	rows.Close()
	var size int64
	raw.QueryRow(`PRAGMA page_size`).Scan(&size)
	raw.Close()
	if len(pages) < 3 {
		t.Fatalf("only %d passage pages", len(pages))
	}
	f, err := os.OpenFile(db, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0x5A}, int(size)), (pages[len(pages)/2]-1)*size); err != nil {
		t.Fatal(err)
	}
}

// damagedDB is a research file with the seed article and a long document,
// damaged in the middle of its passages.
func damagedDB(t *testing.T) string {
	t.Helper()
	db := newDB(t)
	if r := run(t, db, "import", longText(t, 2000)); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	damage(t, db)
	return db
}

func TestBackupCommand(t *testing.T) {
	db := newDB(t)
	if r := run(t, db, "backup"); r.code != 1 || !strings.Contains(r.stderr, "no research file") {
		t.Fatalf("backup of a missing file: %+v", r)
	}
	run(t, db, "docs") // creates it, with the seed article
	r := run(t, db, "backup")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "backed up ") {
		t.Fatalf("backup: %+v", r)
	}
	list := runJSON[[]backupJSON](t, db, "backups", "--json")
	if len(list) != 1 || list[0].Documents != 1 || list[0].Bookmarks != 0 || list[0].Size == 0 || list[0].Error != "" {
		t.Fatalf("backups after one backup: %+v", list)
	}
	if !strings.Contains(r.stdout, list[0].Path) {
		t.Errorf("backup said %q, listed %s", r.stdout, list[0].Path)
	}
	if r := run(t, db, "backups"); r.code != 0 || !strings.Contains(r.stdout, "1 backup in ") || !strings.Contains(r.stdout, filepath.Base(list[0].Path)) {
		t.Errorf("backups: %+v", r)
	}
	// Listed in local time, as names of the old local kind are, though the
	// name is in UTC (the column mixed the two: found by a hostile pass).
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.FixedZone("Tokyo", 9*3600)
	if r := run(t, db, "backups"); !strings.Contains(r.stdout, list[0].Time.In(time.Local).Format("2006-01-02 15:04")) {
		t.Errorf("backups in Tokyo: %q, want the time %s", r.stdout, list[0].Time.In(time.Local).Format("2006-01-02 15:04"))
	}
	time.Local = time.UTC

	out := filepath.Join(t.TempDir(), "copy.dossier")
	if r := run(t, db, "backup", "--out", out); r.code != 0 {
		t.Fatalf("backup --out: %+v", r)
	}
	if r := run(t, out, "docs"); r.code != 0 || !strings.Contains(r.stdout, seedTitle) {
		t.Errorf("the copy: %+v", r)
	}
	for _, bad := range []string{out, db} {
		if r := run(t, db, "backup", "--out", bad); r.code != 1 || r.stderr == "" {
			t.Errorf("backup --out %s: %+v, want a refusal", bad, r)
		}
	}
}

func TestBackupsWhenThereAreNone(t *testing.T) {
	db := newDB(t)
	if r := run(t, db, "backups"); r.code != 0 || !strings.Contains(r.stdout, "no backups") {
		t.Errorf("backups: %+v", r)
	}
	if list := runJSON[[]backupJSON](t, db, "backups", "--json"); len(list) != 0 {
		t.Errorf("backups --json: %+v", list)
	}
}

func TestLargeImportMakesABackup(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs")
	if r := run(t, db, "import", longText(t, 1200)); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	list := runJSON[[]backupJSON](t, db, "backups", "--json")
	if len(list) != 1 || list[0].Documents != 2 {
		t.Fatalf("after importing 1,200 passages: backups %+v, want one holding both documents", list)
	}
	// A small import makes none.
	small := filepath.Join(t.TempDir(), "small.txt")
	os.WriteFile(small, []byte("One short paragraph.\n"), 0o644)
	run(t, db, "import", small)
	if list := runJSON[[]backupJSON](t, db, "backups", "--json"); len(list) != 1 {
		t.Errorf("after a small import: %d backups, want still 1", len(list))
	}
}

func TestCheckCommand(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs")
	if r := run(t, db, "check"); r.code != 0 || r.stdout != "ok\n" {
		t.Fatalf("check of a healthy file: %+v", r)
	}
	bad := damagedDB(t)
	r := run(t, bad, "check")
	if r.code != 1 || r.stdout == "" || !strings.Contains(r.stderr, "damaged") || !strings.Contains(r.stderr, bad) {
		t.Fatalf("check of a damaged file: %+v", r)
	}
	if r := run(t, filepath.Join(t.TempDir(), "none.dossier"), "check"); r.code != 1 {
		t.Errorf("check of a missing file: %+v", r)
	}
}

func TestImportIntoADamagedFileIsRefused(t *testing.T) {
	bad := damagedDB(t)
	small := filepath.Join(t.TempDir(), "small.txt")
	os.WriteFile(small, []byte("One short paragraph.\n"), 0o644)
	r := run(t, bad, "import", small)
	if r.code != 1 || !strings.Contains(r.stderr, "research file "+bad+": nothing was imported: it is damaged") || strings.Contains(r.stderr, "files could not be imported") {
		t.Fatalf("import into a damaged file: %+v", r)
	}
}

func TestRecoverCommand(t *testing.T) {
	bad := damagedDB(t)
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	r := run(t, bad, "recover", "--out", out)
	if r.code != 0 || !strings.Contains(r.stdout, "recovered into "+out) || !strings.Contains(r.stdout, "skipped") {
		t.Fatalf("recover: %+v", r)
	}
	if r := run(t, out, "check"); r.code != 0 {
		t.Errorf("check of the recovered file: %+v", r)
	}
	if docs := docsJSON(t, out); len(docs) != 2 {
		t.Errorf("recovered %d documents, want 2", len(docs))
	}
	if r := run(t, bad, "recover"); r.code != 2 {
		t.Errorf("recover without --out: %+v", r)
	}
	if r := run(t, bad, "recover", "--out", out); r.code != 1 {
		t.Errorf("recover over an existing file: %+v", r)
	}
}

func TestRestoreCommand(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs")
	r := run(t, db, "backup")
	if r.code != 0 {
		t.Fatal(r)
	}
	name := filepath.Base(strings.TrimSpace(r.stdout[strings.LastIndex(r.stdout, " ")+1:]))
	small := filepath.Join(t.TempDir(), "small.txt")
	os.WriteFile(small, []byte("One short paragraph.\n"), 0o644)
	run(t, db, "import", small)
	if n := len(docsJSON(t, db)); n != 2 {
		t.Fatalf("%d documents before restoring", n)
	}
	// A name that is no backup says so, not SQLite's or the system's words
	// (a hostile pass met "stat NAME: no such file or directory").
	if r := run(t, db, "restore", "no-such-backup.dossier"); r.code == 0 || !strings.Contains(r.stderr, "there is no backup no-such-backup.dossier") || strings.Contains(r.stderr, "stat ") {
		t.Errorf("restore of a name that is no backup: %+v", r)
	}
	// The listed name is enough.
	if r := run(t, db, "restore", name); r.code != 0 || !strings.Contains(r.stdout, "restored ") {
		t.Fatalf("restore %s: %+v", name, r)
	}
	if n := len(docsJSON(t, db)); n != 1 {
		t.Errorf("%d documents after restoring, want 1", n)
	}
	// The replaced file (2 documents) is among the backups now.
	found := false
	for _, b := range runJSON[[]backupJSON](t, db, "backups", "--json") {
		found = found || b.Documents == 2
	}
	if !found {
		t.Error("the file replaced by the restore was not kept as a backup")
	}
	if r := run(t, db, "restore", filepath.Join(t.TempDir(), "none.dossier")); r.code != 1 {
		t.Errorf("restore of a missing backup: %+v", r)
	}
	if r := run(t, db, "restore"); r.code != 2 {
		t.Errorf("restore without a backup: %+v", r)
	}
	// Onto a name with no research file: nothing was replaced, so nothing
	// is said to be kept (it named a folder that did not exist).
	full := filepath.Join(filepath.Dir(db), "full.dossier")
	if r := run(t, db, "backup", "--out", full); r.code != 0 {
		t.Fatal(r)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.dossier")
	if r := run(t, fresh, "restore", full); r.code != 0 || !strings.Contains(r.stdout, "there was no research file there before") || strings.Contains(r.stdout, "kept") {
		t.Errorf("restore onto no file: %+v", r)
	}
	if n := len(docsJSON(t, fresh)); n != 1 {
		t.Errorf("%d documents in the restored file, want 1", n)
	}
}

// A large import whose automatic backup fails still succeeds, with a
// warning saying the backup was not made.
func TestImportWarnsWhenItsBackupFails(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "a file")
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_DATA_HOME", blocker) // the backups folder cannot be made
	var b strings.Builder
	for i := range 1100 {
		fmt.Fprintf(&b, "Paragraph %d about the campaign.\n\n", i)
	}
	path := filepath.Join(t.TempDir(), "large.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, newDB(t), "import", path)
	if r.code != 0 || !strings.Contains(r.stdout, "imported") {
		t.Fatalf("import: %+v", r)
	}
	if !strings.Contains(r.stderr, "warning: the documents are stored, but the automatic backup after the import failed") {
		t.Errorf("no warning about the failed backup: %q", r.stderr)
	}
}

// check of a file carrying SQL Dossier never makes names it and says to
// recover: it called such a file damaged and offered a backup, which holds
// the same SQL when the file came that way (found by a re-attack).
func TestCheckOfForeignSQLSaysToRecover(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs")
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE INDEX sneaky ON tags(kind)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	r := run(t, db, "check")
	if r.code == 0 || !strings.Contains(r.stdout, "index sneaky") || !strings.Contains(r.stderr, "dossier recover --out NEW") ||
		strings.Contains(r.stderr, "damaged") || strings.Contains(r.stderr, "restore") {
		t.Errorf("check: %+v", r)
	}
}

// check of a file with a column of Dossier's dropped by another program
// names the table and column as damage: it was called foreign SQL that
// "could alter or delete your work".
func TestCheckOfADroppedColumnCallsItDamage(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs")
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`ALTER TABLE bookmarks DROP COLUMN note`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	r := run(t, db, "check")
	if r.code == 0 || !strings.Contains(r.stdout, "lacks part of Dossier's schema (column note of table bookmarks)") ||
		strings.Contains(r.stdout, "never makes") || !strings.Contains(r.stderr, "is damaged") || !strings.Contains(r.stderr, "dossier recover --out NEW") {
		t.Errorf("check: %+v", r)
	}
}

// A cut-short backup is listed as damaged, with why below the table and in
// --json, not "unreadable" with SQLite's raw message (found by a hostile
// pass).
func TestBackupsListsACutShortBackupAsDamaged(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs")
	if r := run(t, db, "backup"); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	list := runJSON[[]backupJSON](t, db, "backups", "--json")
	if len(list) != 1 {
		t.Fatalf("backups: %+v", list)
	}
	if err := os.Truncate(list[0].Path, list[0].Size/2); err != nil {
		t.Fatal(err)
	}
	r := run(t, db, "backups")
	if r.code != 0 || !strings.Contains(r.stdout, "damaged") || !strings.Contains(r.stdout, "shorter than its header says") {
		t.Errorf("backups: %+v, want the backup damaged and why", r)
	}
	list = runJSON[[]backupJSON](t, db, "backups", "--json")
	if len(list) != 1 || !strings.Contains(list[0].Error, "shorter than its header says") || !list[0].Damaged {
		t.Errorf("backups --json: %+v", list)
	}
}

// A backup into the backups folder of a file check calls damaged (a row
// referring to a tag that is gone, which PRAGMA quick_check passes) is
// refused, saying how to copy it anyway: each one pushed a sound backup
// out (found by a hostile pass). --out still copies it.
func TestBackupRefusesADamagedFileIntoTheBackupsFolder(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs") // creates it, with the seed article
	if r := run(t, db, "backup"); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA foreign_keys = OFF; INSERT INTO passage_tags (passage_id, tag_id, origin, state, created_at)
		SELECT min(id), 987654, 'manual', 'accepted', '2026-01-01T00:00:00Z' FROM passages`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	r := run(t, db, "backup")
	if r.code != 1 || !strings.Contains(r.stderr, "is damaged (1 row of passage_tags refers to rows of tags that are gone)") ||
		!strings.Contains(r.stderr, "--out FILE") {
		t.Errorf("backup of a damaged file: %+v", r)
	}
	if list := runJSON[[]backupJSON](t, db, "backups", "--json"); len(list) != 1 {
		t.Errorf("backups after the refusal: %d, want the one sound backup", len(list))
	}
	out := filepath.Join(t.TempDir(), "copy.dossier")
	if r := run(t, db, "backup", "--out", out); r.code != 0 {
		t.Errorf("backup --out of a damaged file: %+v", r)
	}
}
