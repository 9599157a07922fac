package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// A -wal left beside a research file by a program that stopped is checked
// before SQLite folds it in: another database's (copied here, or left by a
// file that had this name) made a damaged file, which the first listing
// wrote in for good, losing every bookmark (found by a hostile pass). The
// file's own -wal, left by a crash, still opens with its changes.
func TestALeftWALIsCheckedBeforeItIsFoldedIn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	text := func(title string) string {
		var b strings.Builder
		b.WriteString(title + "\n\n")
		for i := range 300 {
			fmt.Fprintf(&b, "Paragraph %d of %s, about the meeting in Madrid and the campaign.\n\n", i, title)
		}
		return b.String()
	}
	make := func(name, title string) string {
		p := filepath.Join(dir, name)
		s := mustOpenAt(t, p)
		if _, err := s.ImportText(ctx, title, "", text(title)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		return p
	}
	a := make("a.dossier", "Report A")
	ra := rawDB(t, a) // A's own work: bookmarks on every passage
	if _, err := ra.Exec(`INSERT INTO bookmarks (passage_id, note, created_at, updated_at)
		SELECT id, 'note on ' || id, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM passages`); err != nil {
		t.Fatal(err)
	}
	ra.Close()
	b := make("b.dossier", "Report B")
	// B written to by a program that has not checkpointed: its -wal holds
	// the commits, copied while it runs (as a crash would leave it).
	foreign := walLeftBy(t, b, `INSERT INTO passages (document_id, ordinal, start, end, text)
		SELECT document_id, ordinal + 1000, start, end, text || ' ' || text FROM passages`)
	before := besideWAL(t, a, foreign)
	err := refusesForeignWAL(t, store.Open, a, before, foreign, "Open with another database's -wal beside it")
	if !store.WALMakesDamage(err) {
		t.Errorf("Open with another database's -wal beside it: %v; want it said to make a damaged file (WALMakesDamage), which recover reads", err)
	}
	removeWAL(a)
	s := mustOpenAt(t, a)
	if res, err := s.Search(ctx, store.SearchRequest{Query: "madrid"}); err != nil || res.Total != 300 {
		t.Errorf("with the -wal moved away: %+v, %v", res, err)
	}
	s.Close()

	// The file's own -wal, left by a crash: opens, with what it holds.
	c := make("c.dossier", "Report C")
	orig := readFile(t, c) // the file as the crash will leave it
	own := walLeftBy(t, c, `UPDATE documents SET title = 'Renamed C'`)
	crashed := filepath.Join(dir, "crashed.dossier")
	putWAL(t, crashed, orig, own)
	opensTitled(t, crashed, "Renamed C", "a file with its own -wal left by a crash")
}

// A -wal left by another application's database is refused too: read
// through it, the research file is that database, sound but without
// Dossier's tables, so the check above passed it ("cannot be read" is
// left to the open), and the open took the file for a new one: a mere
// listing (`dossier docs`) made Dossier's tables in it, seeded it and
// folded it in for good, a 4 MB file of documents and bookmarks left
// as 270 KB holding the built-in article (found by a hostile pass).
func TestAnotherApplicationsWALIsNotFoldedIn(t *testing.T) {
	a, foreign, before := reportWithForeignWAL(t, t.TempDir(), nil)
	err := refusesForeignWAL(t, store.Open, a, before, foreign, "Open with another application's -wal beside it")
	// Not sent to recover, which refuses this -wal too (the file alone is
	// what there is to open once it is moved away).
	if strings.Contains(fmt.Sprint(err), "recover") {
		t.Errorf("Open with another application's -wal beside it: %v; sends the user to recover, which refuses it", err)
	}
}

// otherApplicationsWAL is the -wal of another application's database at
// path, written and not checkpointed: as a program that stopped left it.
func otherApplicationsWAL(t *testing.T, path string) []byte {
	return walLeftBy(t, path, `CREATE TABLE t (x)`, `INSERT INTO t VALUES (randomblob(5000))`)
}

// keptWAL runs qs, which leave commits in a -wal, on the database at path,
// one connection, and returns the -wal as it is before the connection
// closes (closing folds it in): as a program that stopped left it.
func keptWAL(t *testing.T, path string, qs ...string) []byte {
	t.Helper()
	db := rawDB(t, path)
	db.SetMaxOpenConns(1) // the pragmas are the connection's
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	w, err := os.ReadFile(path + "-wal")
	if err != nil || len(w) == 0 {
		t.Fatalf("no -wal to copy: %v", err)
	}
	db.Close()
	return w
}

// walLeftBy is keptWAL of qs run in WAL mode with no checkpoint: the
// -wal of those changes as a program that stopped left it.
func walLeftBy(t *testing.T, path string, qs ...string) []byte {
	t.Helper()
	return keptWAL(t, path, append([]string{`PRAGMA journal_mode = WAL`, `PRAGMA wal_autocheckpoint = 0`}, qs...)...)
}

// reportWithForeignWAL is a research file in dir holding one short
// report, with another application's -wal beside it (first, if not nil,
// runs on the file before the report is imported): the file's path, the
// -wal, and the file's bytes.
func reportWithForeignWAL(t *testing.T, dir string, first func(*store.Store)) (path string, foreign, before []byte) {
	t.Helper()
	path = filepath.Join(dir, "a.dossier")
	s := mustOpenAt(t, path)
	if first != nil {
		first(s)
	}
	if _, err := s.ImportText(context.Background(), "Report A", "", "Kilimnik met Manafort in Madrid.\n\nA second paragraph."); err != nil {
		t.Fatal(err)
	}
	s.Close()
	foreign = otherApplicationsWAL(t, filepath.Join(dir, "other.db"))
	return path, foreign, besideWAL(t, path, foreign)
}

// leftAsTheyWere fails t unless the research file at path and its -wal
// hold what they held.
func leftAsTheyWere(t *testing.T, path string, before, wal []byte) {
	t.Helper()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("the research file changed (%d bytes, was %d)", len(after), len(before))
	}
	if w, _ := os.ReadFile(path + "-wal"); !bytes.Equal(w, wal) {
		t.Error("the -wal was not left as it was")
	}
}

// refusesForeignWAL fails t unless open refuses the research file at
// path, with another's -wal beside it, with ErrForeignWAL (what names the
// case), and leaves the file and its -wal as they were (before and wal;
// not checked if before is nil). It returns the refusal, and stops t if
// the file opened.
func refusesForeignWAL(t *testing.T, open func(string) (*store.Store, error), path string, before, wal []byte, what string) error {
	t.Helper()
	err := refused(t, open, path, store.ErrForeignWAL, "ErrForeignWAL", what)
	if before != nil {
		leftAsTheyWere(t, path, before, wal)
	}
	if err == nil {
		t.FailNow()
	}
	return err
}

// besideWAL puts wal beside the research file at path (a -shm there
// stays), and returns the file's bytes.
func besideWAL(t *testing.T, path string, wal []byte) (before []byte) {
	t.Helper()
	before = readFile(t, path)
	if err := os.WriteFile(path+"-wal", wal, 0o644); err != nil {
		t.Fatal(err)
	}
	return before
}

// twoResearchFiles makes the research files a.dossier and b.dossier in
// dir, each holding a document of n paragraphs (fileOfParagraphs) titled
// titleA and titleB.
func twoResearchFiles(t *testing.T, dir, titleA, titleB string, n int) (a, b string) {
	t.Helper()
	a, b = filepath.Join(dir, "a.dossier"), filepath.Join(dir, "b.dossier")
	fileOfParagraphs(t, a, titleA, n)
	fileOfParagraphs(t, b, titleB, n)
	return a, b
}

// removeWAL moves the -wal and -shm beside path away.
func removeWAL(path string) {
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
}

// fileID is the identity the research file at path names itself by in
// meta ("" if none).
func fileID(t *testing.T, path string) string {
	t.Helper()
	db := rawDB(t, path)
	defer db.Close()
	var id string
	db.QueryRow(`SELECT value FROM meta WHERE key = 'file_id'`).Scan(&id)
	return id
}

// copyWithAnotherIdentity copies the research file at a to b, and gives
// the copy another identity: another research file of the same shape.
func copyWithAnotherIdentity(t *testing.T, a, b string) {
	t.Helper()
	if err := os.WriteFile(b, readFile(t, a), 0o644); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, b)
	if _, err := db.Exec(`UPDATE meta SET value = 'fedcba9876543210fedcba9876543210' WHERE key = 'file_id'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// A restore over a research file with another database's -wal beside it
// refuses, the file left as it was: it folded the -wal in to keep the
// file first, so the copy kept "as it was" was the stranger's 12 KB, not
// the file's work (found by a hostile pass).
func TestRestoreOverAForeignWALKeepsTheFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := filepath.Join(dir, "old.dossier")
	a, foreign, before := reportWithForeignWAL(t, dir, func(s *store.Store) {
		if err := s.Backup(ctx, old); err != nil {
			t.Fatal(err)
		}
	})
	err := store.RestoreFile(ctx, a, old, filepath.Join(dir, "backups"))
	if !errors.Is(err, store.ErrForeignWAL) {
		t.Errorf("restore over a file with another database's -wal: %v; want ErrForeignWAL", err)
	}
	leftAsTheyWere(t, a, before, foreign)
}

// A -wal of another application's database that makes the research file
// one SQLite cannot read ("malformed": the stranger's first page, over
// the file's pages) is refused too, and the file left as it was: the
// check left "cannot be read" to the open, which failed, and closing it
// folded the -wal in, a 4 MB research file cut to the stranger's 408 KB
// (found by a hostile pass).
func TestAWALThatMakesTheFileUnreadableIsNotFoldedIn(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.dossier")
	fileOfParagraphs(t, a, "Report A", 3000)
	foreign := keptWAL(t, filepath.Join(dir, "other.db"), `PRAGMA page_size = 4096`, `PRAGMA journal_mode = WAL`, `CREATE TABLE t (x)`,
		`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO t SELECT randomblob(2000) FROM n`,
		`PRAGMA wal_checkpoint(TRUNCATE)`, `PRAGMA wal_autocheckpoint = 0`,
		`UPDATE t SET x = randomblob(2000) WHERE rowid BETWEEN 25 AND 45`)
	before := besideWAL(t, a, foreign)
	refusesForeignWAL(t, store.Open, a, before, foreign, "Open with a -wal that makes the file unreadable")
}

// Check says a -wal is another database's as the open does: it called the
// file damaged ("cannot be read: no such table"), sending the user to
// replace a sound file with a backup (found by a hostile pass).
func TestCheckSaysTheWALIsAnotherDatabases(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.dossier")
	mustOpenAt(t, a).Close()
	os.WriteFile(a+"-wal", otherApplicationsWAL(t, filepath.Join(dir, "other.db")), 0o644)
	before, _ := os.ReadFile(a)
	problems, err := store.CheckFile(context.Background(), a)
	if !errors.Is(err, store.ErrForeignWAL) {
		t.Errorf("check with another database's -wal: %q, %v; want ErrForeignWAL", problems, err)
	}
	if after, _ := os.ReadFile(a); !bytes.Equal(before, after) {
		t.Error("the research file changed")
	}
}

// A research file damaged on its own, with its own -wal left by the crash
// that came with the damage, is still what check lists and what a backup
// is restored over: the left-WAL check called the -wal most likely
// another database's (the two read together are damaged, but so is the
// file alone), so check no longer listed the damage, and restore, which
// check sends the user to, refused (it restored before the check was
// added to it; a hostile pass).
func TestADamagedFileWithItsOwnWALIsCheckedAndRestored(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "crashed.dossier")
	fileOfParagraphs(t, path, "Report C", 2000)
	orig, _ := os.ReadFile(path) // the file as the crash will leave it
	backup := filepath.Join(dir, "backup.dossier")
	if err := os.WriteFile(backup, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	// The crash: a change left in the -wal, not checkpointed.
	own := walLeftBy(t, path, `UPDATE documents SET title = 'Renamed C'`)
	// The damage: pages of the file the -wal does not hold overwritten.
	const pageSize = 4096
	inWAL := map[int]bool{}
	for off := 32; off+24 <= len(own); off += 24 + pageSize {
		inWAL[int(own[off])<<24|int(own[off+1])<<16|int(own[off+2])<<8|int(own[off+3])] = true
	}
	damaged := append([]byte(nil), orig...)
	hit := 0
	for pg := len(orig)/pageSize/2 + 1; pg <= len(orig)/pageSize && hit < 8; pg++ {
		if !inWAL[pg] {
			copy(damaged[(pg-1)*pageSize:], bytes.Repeat([]byte{0xff}, 64))
			hit++
		}
	}
	putWAL(t, path, damaged, own)

	problems, err := store.CheckFile(ctx, path)
	if err != nil || len(problems) == 0 {
		t.Errorf("check of a damaged file with its own -wal: %q, %v; want its problems", problems, err)
	}
	if err := store.RestoreFile(ctx, path, backup, filepath.Join(dir, "backups")); err != nil {
		t.Fatalf("restoring a backup over a damaged file with its own -wal: %v", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, orig) {
		t.Error("the research file is not the backup after the restore")
	}
}

// Recover says a -wal is another database's, as check and restore do, and
// to move it away: it read that database instead of the file and said
// "not a Dossier research file" (found by a hostile pass). Moved away,
// the file is recovered.
func TestRecoverSaysTheWALIsAnotherDatabases(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, foreign, before := reportWithForeignWAL(t, dir, nil)
	out := filepath.Join(dir, "new.dossier")
	_, err := store.Recover(ctx, a, out)
	if !errors.Is(err, store.ErrForeignWAL) || !strings.Contains(fmt.Sprint(err), "Move a.dossier-wal and a.dossier-shm away") ||
		!strings.HasSuffix(fmt.Sprint(err), "then recover the file again") {
		t.Errorf("recover with another database's -wal: %v; want ErrForeignWAL, saying to move it away and recover again", err)
	}
	leftAsTheyWere(t, a, before, foreign)
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the new file was made: %v", err)
	}
	removeWAL(a)
	if rep, err := store.Recover(ctx, a, out); err != nil || rep.Skipped() > 0 {
		t.Errorf("recover with the -wal moved away: %s, %v", rep, err)
	}
}

// fileOfParagraphs makes a research file at path holding a document of n
// numbered paragraphs, closed.
func fileOfParagraphs(t *testing.T, path, title string, n int) {
	t.Helper()
	s := mustOpenAt(t, path)
	var text strings.Builder
	for i := range n {
		fmt.Fprintf(&text, "Paragraph %d, about the meeting in Madrid and the campaign.\n\n", i)
	}
	if _, err := s.ImportText(context.Background(), title, "", text.String()); err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// Another research file's -wal at the same schema version, left at this
// file's name, is refused too: through it the file is that research file,
// sound and marked as Dossier's, so the marks and the check passed it and
// the open folded it in, another file's documents over the file's own
// (left unfixed by a hostile pass). Each research file names itself in
// meta, and a file's own -wal never renames it.
func TestAnotherResearchFilesWALIsNotFoldedIn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b := twoResearchFiles(t, dir, "Report A", "Report B", 300)
	// B rewritten whole and not checkpointed: its -wal holds every page
	// of it, as a new research file's does.
	foreign := walLeftBy(t, b, `VACUUM`)
	before := besideWAL(t, a, foreign)
	err := refusesForeignWAL(t, store.Open, a, before, foreign, "Open with another research file's -wal beside it")
	if !strings.Contains(err.Error(), "another Dossier research file") || store.WALMakesDamage(err) {
		t.Errorf("Open with another research file's -wal beside it: %v; want ErrForeignWAL naming it (not WALMakesDamage: recover refuses it)", err)
	}
	if _, err := store.CheckFile(ctx, a); !errors.Is(err, store.ErrForeignWAL) {
		t.Errorf("check with another research file's -wal beside it: %v; want ErrForeignWAL", err)
	}
	leftAsTheyWere(t, a, before, foreign)

	// Its own -wal, rewritten whole alike, still opens with what it holds.
	removeWAL(a)
	own := walLeftBy(t, a, `UPDATE documents SET title = 'Renamed A'`, `VACUUM`)
	crashed := filepath.Join(dir, "crashed.dossier")
	putWAL(t, crashed, before, own)
	opensTitled(t, crashed, "Renamed A", "a file with its own -wal")
}

// A file from before identities gets one when it is first opened for
// writing; if that open ends in a crash, the identity is only in its
// -wal, and the file still opens with it (the file alone names no one, so
// there is nothing to tell apart).
func TestAnOlderFileGetsAnIdentity(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.dossier")
	fileOfParagraphs(t, a, "Report A", 20)
	first := fileID(t, a)
	if len(first) != 32 {
		t.Fatalf("a new research file's identity is %q; want 32 hex digits", first)
	}
	db := rawDB(t, a)
	if _, err := db.Exec(`DELETE FROM meta WHERE key = 'file_id'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	older := readFile(t, a) // as Dossier before identities left it

	// Opened by this Dossier, which then crashes: the identity it wrote
	// is in the -wal only.
	own := walLeftBy(t, a, `INSERT INTO meta (key, value) VALUES ('file_id', '0123456789abcdef0123456789abcdef')`, `UPDATE documents SET title = 'Renamed A'`)
	putWAL(t, a, older, own)
	opensTitled(t, a, "Renamed A", "an older file with its own -wal")
	if got := fileID(t, a); got != "0123456789abcdef0123456789abcdef" {
		t.Errorf("identity %q after the -wal was folded in; want the one it held", got)
	}

	// Never written: the next open writes a new one, and keeps it.
	db = rawDB(t, a)
	db.Exec(`DELETE FROM meta WHERE key = 'file_id'`)
	db.Close()
	mustOpenAt(t, a).Close()
	second := fileID(t, a)
	if len(second) != 32 || second == first {
		t.Errorf("identity %q after an open (the first was %q); want a new one", second, first)
	}
	mustOpenAt(t, a).Close()
	if third := fileID(t, a); third != second {
		t.Errorf("identity %q after another open; want it kept (%q)", third, second)
	}
}

// A restore of a backup with another research file's -wal beside it
// refuses, the research file and the backup left as they were: the -wal
// was folded into the backup's copy unchecked, and the research file
// restored held the other file's documents, said "restored" (found by a
// hostile pass). The backup's own -wal is still restored with it.
func TestRestoreOfABackupWithAnotherResearchFilesWAL(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := filepath.Join(dir, "a.dossier")
	fileOfParagraphs(t, a, "Report A", 300)
	bk := filepath.Join(dir, "a-backup.dossier")
	s := mustOpenAt(t, a)
	if err := s.Backup(ctx, bk); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b := filepath.Join(dir, "b.dossier")
	fileOfParagraphs(t, b, "Report B", 300)
	foreign := walLeftBy(t, b, `VACUUM`)
	before := besideWAL(t, bk, foreign)
	err := store.RestoreFile(ctx, a, bk, filepath.Join(dir, "backups"))
	if !errors.Is(err, store.ErrForeignWAL) || !strings.Contains(err.Error(), "another Dossier research file") {
		t.Errorf("restore of a backup with another research file's -wal beside it: %v; want ErrForeignWAL naming it", err)
	}
	leftAsTheyWere(t, bk, before, foreign)
	opensTitled(t, a, "Report A", "the research file after the refused restore")

	// The backup's own -wal (the backup opened and changed, say).
	removeWAL(bk)
	own := walLeftBy(t, bk, `UPDATE documents SET title = 'Renamed in the backup'`)
	putWAL(t, bk, before, own)
	if err := store.RestoreFile(ctx, a, bk, filepath.Join(dir, "backups")); err != nil {
		t.Fatalf("restore of a backup with its own -wal: %v", err)
	}
	opensTitled(t, a, "Renamed in the backup", "the research file restored with the backup's own -wal")
}

// Another research file's -wal holding only the pages of its last changes
// is refused too: it held the page of meta only when its session wrote
// meta, so through it the file still read its own identity, and with the
// same documents imported in both files quick_check passed it: the file's
// document took the other file's title, its bookmarks the other's (found
// by a hostile pass). Every change now stamps meta, so every -wal the
// store leaves names its file.
func TestAPartOfAnotherFilesWALIsNotFoldedIn(t *testing.T) {
	dir := t.TempDir()
	a, b := twoResearchFiles(t, dir, "Report", "Report", 300) // the same shape, another file
	// B's -wal as a crash of B's Dossier leaves it.
	foreign, _ := walOfARetitle(t, b, "Renamed in B")
	before := besideWAL(t, a, foreign)
	refusesForeignWAL(t, store.Open, a, before, foreign, "Open with part of another research file's -wal beside it")

	// A's own such -wal opens, with its change.
	removeWAL(a)
	own, _ := walOfARetitle(t, a, "Renamed in A")
	crashed := filepath.Join(dir, "crashed.dossier")
	putWAL(t, crashed, before, own)
	opensTitled(t, crashed, "Renamed in A", "a file with its own -wal")
}

// A file opened read-only with another research file's -wal beside it is
// refused, as the writable open refuses it: read with that -wal, it listed
// the other file's documents as its own (found by a hostile pass). Its own
// -wal is read with it.
func TestReadOnlyOpenRefusesAnotherFilesWAL(t *testing.T) {
	dir := t.TempDir()
	a, b := twoResearchFiles(t, dir, "Report", "Report", 300)
	foreign, _ := walOfARetitle(t, b, "Renamed in B")
	before := readFile(t, a)
	own, _ := walOfARetitle(t, a, "Renamed in A")
	putWAL(t, a, before, foreign)
	openReadOnly := func(path string) (*store.Store, error) { return store.OpenReadOnly(path, "a test") }
	refusesForeignWAL(t, openReadOnly, a, before, foreign, "read-only open with another research file's -wal beside it")

	putWAL(t, a, nil, own)
	s, err := store.OpenReadOnly(a, "a test")
	if err != nil {
		t.Fatalf("read-only open with its own -wal: %v", err)
	}
	defer s.Close()
	oneDocumentTitled(t, s, "Renamed in A", "read-only with its own -wal")
}

// A -wal that reads no identity while the file alone has one, left by
// another program that removed the identity (python's sqlite3, say) and
// stopped before the -wal was folded in, is the file's own when it still
// carries the file's stamp as the file alone has it: it was refused as
// another research file's, and the file could not be opened (hostile data
// passes data7 and data8). Another file's without an identity, or with
// another stamp, is still refused.
func TestAWALWhoseIdentityAnotherProgramRemovedIsTheFilesOwn(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.dossier")
	fileOfParagraphs(t, a, "Report A", 20)
	before := readFile(t, a)
	own := walLeftBy(t, a, `DELETE FROM meta WHERE key = 'file_id'`, `UPDATE documents SET title = 'Renamed by a script'`)
	putWAL(t, a, before, own)
	s, err := store.Open(a)
	if err != nil {
		t.Fatalf("the file with its own -wal, its identity removed by another program: %v", err)
	}
	oneDocumentTitled(t, s, "Renamed by a script", "the file with its own -wal")
	s.Close()

	// Another file's -wal without an identity: its stamp is not a's.
	b := filepath.Join(dir, "b.dossier")
	fileOfParagraphs(t, b, "Report A", 20) // the same shape, another file
	foreign := walLeftBy(t, b, `DELETE FROM meta WHERE key = 'file_id'`, `UPDATE documents SET title = 'Renamed in B'`)
	before = readFile(t, a)
	putWAL(t, a, nil, foreign)
	refusesForeignWAL(t, store.Open, a, before, foreign, "Open with another file's -wal without an identity")
}

// A migration stamps meta as every other change does: its transaction,
// begun by hand, was not stamped, so the -wal of an older file's first
// open cut short held only its schema's pages, and another research file's
// such -wal, left at the name of a file of the same version, was folded in
// (hostile data pass data8).
func TestAMigrationsWALNamesItsFile(t *testing.T) {
	names, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	older := len(names) - 1
	a := fileAtVersion(t, older, `INSERT INTO meta (key, value) VALUES ('file_id', '0123456789abcdef0123456789abcdef')`)
	b := filepath.Join(t.TempDir(), "b.dossier")
	copyWithAnotherIdentity(t, a, b)
	foreign, _ := walWhileOpen(t, b, nil) // migrated to the last version
	before := besideWAL(t, a, foreign)
	refusesForeignWAL(t, store.Open, a, before, foreign, "Open with another research file's -wal of its migration beside it")
}

// A recovered file has an identity of its own, not the damaged file's:
// its pages are laid out anew, and the damaged file's -wal, left beside it
// when it is put in the damaged file's place by hand, passed the identity
// check as the file's own (hostile data pass data8); only quick_check
// stood in its way.
func TestARecoveredFileHasAnIdentityOfItsOwn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := filepath.Join(dir, "a.dossier")
	fileOfParagraphs(t, a, "Report A", 300)
	out := filepath.Join(dir, "recovered.dossier")
	if _, err := store.Recover(ctx, a, out); err != nil {
		t.Fatal(err)
	}
	if was, got := fileID(t, a), fileID(t, out); len(got) != 32 || got == was {
		t.Errorf("the recovered file's identity is %q, the damaged file's %q; want one of its own", got, was)
	}
	// a's -wal, as a crash of its Dossier leaves it, beside the recovered
	// file put in a's place.
	own, _ := walOfARetitle(t, a, "Renamed A")
	if err := os.Rename(out, a); err != nil {
		t.Fatal(err)
	}
	putWAL(t, a, nil, own)
	refusesForeignWAL(t, store.Open, a, nil, nil, "the recovered file with the damaged file's -wal beside it")
}

// What the open makes again of the schema another program dropped (the
// table of passage lengths, an index) is stamped as every other change is:
// made by statements of their own, it left a -wal of its pages alone, and
// another research file's such -wal, left at the name of a file in the
// same state, was folded in (hostile data pass data8).
func TestWhatTheOpenMendsNamesItsFile(t *testing.T) {
	for _, drop := range []string{`DROP TABLE passage_lengths`, `DROP INDEX passages_document_of`} {
		t.Run(drop, func(t *testing.T) {
			dir := t.TempDir()
			a := filepath.Join(dir, "a.dossier")
			fileOfParagraphs(t, a, "Report", 300)
			db := rawDB(t, a)
			if _, err := db.Exec(drop); err != nil {
				t.Fatal(err)
			}
			db.Close()
			b := filepath.Join(dir, "b.dossier")
			copyWithAnotherIdentity(t, a, b)
			foreign, _ := walWhileOpen(t, b, nil) // mends what was dropped
			before := besideWAL(t, a, foreign)
			refusesForeignWAL(t, store.Open, a, before, foreign, "Open with another research file's -wal of its mending beside it")
		})
	}
}

// The stamp puts the page of meta that holds the file's identity in the
// -wal, not only the page that holds the stamp: once meta grows past a
// page (more keys, another program's rows), the two are on different
// leaves, and another research file's -wal of a change passed the
// identity check again (hostile data pass data8).
func TestTheStampNamesTheFileWhenMetaSpansPages(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.dossier")
	fileOfParagraphs(t, a, "Report", 300)
	db := rawDB(t, a)
	// Keys between 'file_id' and 'written', enough for several pages.
	for i := range 40 {
		if _, err := db.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, fmt.Sprintf("pad%02d", i), strings.Repeat("x", 400)); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	b := filepath.Join(dir, "b.dossier")
	copyWithAnotherIdentity(t, a, b)
	foreign, _ := walOfARetitle(t, b, "Renamed in B")
	before := besideWAL(t, a, foreign)
	refusesForeignWAL(t, store.Open, a, before, foreign, "Open with another research file's -wal beside it, meta over several pages")
}
