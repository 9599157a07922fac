package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dossier/internal/wording"
	"dossier/store/internal/held"
)

// RestoreBackup replaces this research file with a backup and returns the
// reopened store, which replaces s. The current file is first kept as a
// backup, so nothing is ever silently lost. If the backup is unusable, s is
// returned unchanged with the error; otherwise s is closed, and the store
// returned (nil if the file could not be reopened) is the one to use.
func (s *Store) RestoreBackup(ctx context.Context, backupPath string) (*Store, error) {
	if err := validateBackup(ctx, backupPath, false); err != nil {
		return s, err
	}
	if sameFile(backupPath, s.path) {
		return s, fmt.Errorf("%s is the research file itself, not a backup", backupPath)
	}
	dir, err := s.BackupDir()
	if err != nil {
		return s, fmt.Errorf("no place to keep the current file before restoring: %w", err)
	}
	path, customDir, auto := s.path, s.bk.dir, s.bk.auto.Load()
	// Closing checkpoints the WAL into the file and removes it, so the
	// restore below replaces one whole file.
	s.Close()
	rerr := restoreFile(ctx, path, backupPath, dir, true)
	ns, err := Open(path)
	if err != nil {
		return nil, errors.Join(rerr, err)
	}
	ns.bk.dir = customDir
	if auto {
		ns.EnableAutoBackups()
	}
	return ns, rerr
}

// RestoreFile replaces the research file at path with the backup at
// backupPath. It never replaces silently: the current file (if any) is
// first kept in backupDir — as a regular backup if it can be read, or else
// as a raw copy named YYYYMMDD-HHMMSS-before-restore.damaged. Nothing may
// hold path open (Store.RestoreBackup closes its own store first).
func RestoreFile(ctx context.Context, path, backupPath, backupDir string) error {
	return restoreFile(ctx, path, backupPath, backupDir, false)
}

// restoreFile is RestoreFile; checked says the backup was just found sound
// by the check `dossier check` makes (fileProblems), which is not made
// again: on a large file it takes as long as the rest of the restore.
func restoreFile(ctx context.Context, path, backupPath, backupDir string, checked bool) error {
	replaced := false
	kept := ""       // the copy of the current file kept before the restore, pruned beside once it is done
	var old *os.File // the file replaced, opened just before its side files go
	path, err := absPath(path)
	if err != nil {
		return err
	}
	// A research file reached through a link (kept in a synced folder,
	// say) is restored where it really is: renaming over the link replaced
	// the link and left the real file as it was. A hard link is refused:
	// replacing one name would leave the other holding the old file.
	if path, err = sideFilesPath(path); err != nil {
		return err
	}
	if err := oddSideFileErr(path, path); err != nil {
		return err // kept raw, a named pipe among its side files blocked the copy
	}
	for _, p := range []string{path, backupPath} {
		if err := refuseAbandoned(p); err != nil {
			return err
		}
	}
	if sameFile(backupPath, path) {
		return fmt.Errorf("%s is the research file itself, not a backup", backupPath)
	}
	if err := foreignJournal(path); err != nil {
		return err // keeping the file "as it is" would carry that journal along
	}
	if err := validateBackup(ctx, backupPath, checked); err != nil {
		return err
	}
	if err := refuseHeld(path); err != nil {
		return err
	}
	if why := readOnlyReason(path); why != "" {
		// Someone made it read-only to keep it as it is: replacing it (and
		// leaving a writable file in its place) would undo that.
		return &FileError{Path: path, msg: ErrReadOnly.Error() + " (" + why + "); make it writable to restore a backup over it", err: ErrReadOnly}
	}
	// Copy the backup beside the research file first: the safety backup
	// below may prune old backups, this one among them.
	// Cut as a long name's temporary files are: a research file named
	// with 236-247 bytes, which opens, could not be restored into, "file
	// name too long" (a hostile data pass).
	prefix := hiddenStem(path, restoreMarker)
	removeStaleTemps(filepath.Dir(path), time.Now(), restoreTempsOf(path))
	tmp, err := os.CreateTemp(filepath.Dir(path), prefix+"*")
	if err != nil {
		return fmt.Errorf("cannot restore into %s: %w", filepath.Dir(path), err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	os.Remove(tmpName)
	if err := copyFile(backupPath, tmpName); err != nil {
		// Said of the research file's disk, not of the hidden copy
		// (found by a hostile pass: "write …/.r.dossier.restore-3181997220:
		// copy_file_range: no space left on device").
		if full := noRoomFor("restoring "+filepath.Base(backupPath), path, err); full != nil {
			return fmt.Errorf("%w (nothing was changed)", full)
		}
		if big := copyTooLargeErr("restoring "+filepath.Base(backupPath), "the backup", backupPath, err); big != nil {
			return fmt.Errorf("%w (nothing was changed)", big)
		}
		return fmt.Errorf("cannot copy the backup %s: %w (nothing was changed)", backupPath, err)
	}
	// What the backup holds includes its write-ahead log, if one is
	// beside it (copied while open, say): validation read the two
	// together, and the file alone could be older, or cut short (found by
	// a hostile pass: a restore replaced a sound file with a damaged one,
	// and said "restored").
	if err := carryWAL(ctx, backupPath, tmpName, path); err != nil {
		os.Remove(tmpName)
		return err
	}
	// The restored file is as private as the one it replaces.
	if err := os.Chmod(tmpName, FileModeFor(path, backupPath)); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("cannot restore %s: %w", path, err)
	}
	mergeRestoredIndex(ctx, tmpName)
	if _, err := os.Lstat(path); err == nil {
		if err := foldCurrentWAL(ctx, path); err != nil {
			os.Remove(tmpName)
			return err
		}
		// From the copy kept below until the file is replaced, nothing may
		// be written to it: a change committed in between would be in
		// neither the kept copy nor the restored file (found by a hostile
		// pass: an import that said "imported" was lost that way). A
		// writer waits for this lock, then finds the file replaced and
		// says so instead of committing (dbHandle.BeginTx).
		release, err := holdWrites(ctx, path)
		if err != nil {
			os.Remove(tmpName)
			return err
		}
		defer func() {
			release(replaced)
			if old != nil {
				old.Close() // only now: closing drops this process's locks on it, the lock's own
			}
			if !replaced && kept != "" {
				// Nothing replaced: the copy is the file as it still is, and
				// left there it would push an older backup out at the next
				// pruning, once per attempt.
				os.Remove(kept)
			}
		}()
		if kept, err = keepCurrent(ctx, path, backupDir); err != nil {
			os.Remove(tmpName)
			return err
		}
	}
	// The last moment to stop: from here the file is replaced whole.
	if err := ctx.Err(); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("restore of %s stopped (nothing was replaced): %w", path, err)
	}
	if beforeRestoreReplaces != nil {
		beforeRestoreReplaces(path)
	}
	// Asked again: keeping the current file took a while, and a program
	// may have opened it meanwhile.
	if err := refuseHeld(path); err != nil {
		os.Remove(tmpName)
		return err
	}
	// From here to the rename, a program opening the file makes side files
	// of its own, beyond the lock held above: what it writes is looked for
	// once the file is replaced (keepWrittenMeanwhile).
	var before os.FileInfo
	if f, err := os.Open(path); err == nil {
		old = f
		before, _ = f.Stat()
	}
	// Side files belong to the old file; SQLite would apply a stale WAL or
	// journal to the restored one.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmpName)
			return fmt.Errorf("cannot restore %s: %w", path, err)
		}
	}
	if betweenRestoreSteps != nil {
		betweenRestoreSteps(path)
	}
	if err := os.Rename(tmpName, path); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("cannot restore %s: %w", path, err)
	}
	replaced = true
	syncDir(filepath.Dir(path))
	// Only now, the file replaced, is the folder pruned to the newest
	// KeepBackups: pruned as the current file was kept, a restore that
	// then stopped (the file opened elsewhere meanwhile, Ctrl+C) had
	// deleted the oldest backup, the very one it was asked to restore
	// among them (found by a hostile data pass).
	if kept != "" {
		pruneBackups(backupDir, kept)
	}
	// Replaced: what follows is not stopped half-way (a cancelled
	// context would skip keeping what was written meanwhile).
	return keepWrittenMeanwhile(context.WithoutCancel(ctx), path, old, before, backupDir)
}

// betweenRestoreSteps, set by a test, runs in RestoreFile after the old
// side files are removed, just before the rename.
var betweenRestoreSteps func(path string)

// keepWrittenMeanwhile keeps what a program wrote to the replaced file
// (old, as it was before) between the removal of its side files and the
// rename, where the restore's lock cannot reach (found by a re-attack,
// with the rename slowed down: an import that said "imported" was lost,
// and one killed there left its WAL beside the restored file, which it
// made unreadable). The replaced file, with such a WAL folded in, becomes
// a backup, named in the error; the restored file is left whole.
func keepWrittenMeanwhile(ctx context.Context, path string, old *os.File, before os.FileInfo, dir string) error {
	if old == nil || before == nil {
		return nil
	}
	after, err := old.Stat()
	if err != nil {
		return nil
	}
	wrote := after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime())
	// A WAL beside the restored file that no program holds can only be
	// one left by a writer of the replaced file, stopped before it folded
	// it in: nothing wrote to the restored file yet but through a
	// connection that is still open.
	var wal string
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 &&
		heldByAnother(path) == "" && sidesHeldForAnotherFile(path) == "" {
		wal = path + "-wal"
	}
	if !wrote && wal == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s was restored, but a program wrote to the file it replaced meanwhile, and that could not be kept: %w", path, err)
	}
	kept := backupName(dir, time.Now())
	if err := copyOpenFile(old, kept); err != nil {
		return fmt.Errorf("%s was restored, but a program wrote to the file it replaced meanwhile, and that could not be kept: %w", path, err)
	}
	if wal != "" {
		if err := os.Rename(wal, kept+"-wal"); err == nil {
			os.Remove(path + "-shm")
			if db, err := sql.Open("sqlite", dsn(kept, false)); err == nil {
				db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`) // the frames into the copy
				db.Close()
			}
		}
	}
	return fmt.Errorf("%s was restored, but another program wrote to the file it replaced while the restore ran: what it wrote is kept in the backup %s", path, kept)
}

// copyOpenFile copies the file open as src to the new file dst.
func copyOpenFile(src *os.File, dst string) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, io.NewSectionReader(src, 0, 1<<62))
	if serr := out.Sync(); err == nil {
		err = serr
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// beforeRestoreReplaces, set by a test, runs in RestoreFile once the
// current file is kept, just before it is replaced.
var beforeRestoreReplaces func(path string)

// holdWrites takes the research file's write lock on a connection of its
// own and returns what lets it go, told whether the file was replaced
// meanwhile. Once it was, the connection keeps its WAL and shared memory
// files as it closes (SQLITE_FCNTL_PERSIST_WAL): they are the replaced
// file's, already removed, and deleting them by name would remove the side
// files of whatever file took the name. A file SQLite cannot open
// (damaged) is restored without the lock, as before; one whose lock another
// program keeps is refused.
func holdWrites(ctx context.Context, path string) (release func(replaced bool), err error) {
	none := func(bool) {}
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return none, nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return none, nil
	}
	persistWAL := func(on int) error {
		return conn.Raw(func(dc any) error {
			fc, ok := dc.(interface {
				FileControlPersistWAL(string, int) (int, error)
			})
			if !ok {
				return errors.New("SQLite's file controls are out of reach")
			}
			_, err := fc.FileControlPersistWAL("main", on)
			return err
		})
	}
	release = func(replaced bool) {
		conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		if replaced {
			persistWAL(1)
		}
		conn.Close()
		db.Close()
	}
	// Asked once before the lock: were it out of reach at the end, closing
	// would delete the restored file's side files.
	if err := persistWAL(0); err != nil {
		release(false)
		return none, nil // as before: without the lock
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		release(false)
		if isBusy(err) {
			return nil, fmt.Errorf("%s is being changed by another Dossier window or command; close it, then restore", path)
		}
		return none, nil // damaged: restored without the lock
	}
	return release, nil
}

// refuseHeld refuses to restore over the file at path while another
// program has it open: what it writes next would go into the replaced file.
func refuseHeld(path string) error {
	if who := heldByAnother(path); who != "" {
		return fmt.Errorf("%s is open in %s; close it, then restore", path, who)
	}
	return nil
}

// validateBackup accepts a readable, undamaged Dossier research file:
// one that `dossier check` would call ok (fileProblems), unless checked
// says that check was just made.
func validateBackup(ctx context.Context, p string, checked bool) error {
	fi, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("backup %w", LinkLoopErr(p, err))
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return fmt.Errorf("backup %s is not a Dossier research file", p)
	}
	if err := checkExisting(p); err != nil {
		return fmt.Errorf("backup %s cannot be restored: %w", p, err)
	}
	if fi, err := os.Stat(resolvePath(p) + "-wal"); err == nil && fi.Size() > 0 {
		// With its log, it is checked on the copy the log is folded into
		// (carryWAL): read in place, SQLite makes a -shm beside it, and
		// in a folder it may not write to it refused the backup as "not
		// a Dossier research file" (found by a hostile pass).
		return nil
	}
	probe := dsn(p, true) + "&immutable=1"
	// Said first: cut inside its last pages, SQLite may read on and call
	// it "malformed", or not notice at all (found by a hostile pass).
	if why := cutShort(p); why != "" {
		return fmt.Errorf("backup %s is itself damaged (%s); choose another", p, why)
	}
	db, err := sql.Open("sqlite", probe)
	if err != nil {
		return err
	}
	defer db.Close()
	var appID int64
	if err := db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil || uint32(appID) != ApplicationID {
		return fmt.Errorf("backup %s is not a Dossier research file", p) // cut short was said above
	}
	// The mark alone is not enough: a file with it and none of Dossier's
	// tables was restored, and the research file then held only the
	// built-in article (found by a hostile pass). One that lacks only
	// others (the full-text index, say) is damaged: check names them.
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('documents', 'passages')`).Scan(&tables); err != nil || tables != 2 {
		return fmt.Errorf("backup %s is not a Dossier research file: it is marked as one, but does not hold Dossier's documents and passages", p)
	}
	if checked {
		return nil
	}
	// What check calls damage, by the same function: a quick check here
	// restored a backup with a row whose tag was gone, which check then
	// called damaged (found by a hostile pass).
	problems, err := fileProblems(ctx, db)
	if err != nil {
		return err
	}
	return backupProblemsErr(p, problems)
}

// backupProblemsErr is the refusal of the backup at p for the problems
// check finds in it (fileProblems), or nil if there are none.
func backupProblemsErr(p string, problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	foreign := true
	for _, pr := range problems {
		foreign = foreign && IsForeignSQLProblem(pr)
	}
	if foreign {
		// Not damage: restored, the research file would be read-only.
		return fmt.Errorf("backup %s cannot be restored: %s; recover its rows into a new file (dossier --db BACKUP recover --out NEW), then restore that, or choose another backup", p, problemsInBrief(problems))
	}
	return fmt.Errorf("backup %s is itself %w (%s); choose another backup, or recover what can be read of it into a new file (dossier --db BACKUP recover --out NEW), then restore that", p, ErrDamagedBackup, problemsInBrief(problems))
}

// cutShort says how a Dossier research file at p was cut short (a copy
// interrupted, a download not finished), from its header, or "" if it
// was not or is not one: a truncated backup was called "not a Dossier
// research file" (found by a hostile pass).
func cutShort(p string) string {
	if held.Holds(p) {
		// Open in this process: reading it would drop SQLite's locks on
		// it (see package held); it is no backup, and refused as such.
		return ""
	}
	header, size, ok := fileHeader(p)
	if !ok || !bytes.HasPrefix(header, []byte(sqliteMagic)) {
		return ""
	}
	pageSize, pages, counted := headerPages(header)
	if binary.BigEndian.Uint32(header[68:72]) != ApplicationID || !counted {
		return ""
	}
	want := pageSize * pages
	if size >= want {
		return ""
	}
	have, of := wording.Bytes(size), wording.Bytes(want)
	if have == of { // "2.4 MB of its 2.4 MB" read as a contradiction
		have, of = wording.Thousands(size), wording.Thousands(want)+" bytes"
	}
	// Its header may be what is wrong: both are true of either.
	return fmt.Sprintf("it is shorter than its header says, %s of its %s: cut short, or its header is damaged", have, of)
}

// carryWAL folds the write-ahead log beside the backup at backupPath, if
// any, into copy, the backup's copy made to restore the research file at
// path, and checks the result as the backup was checked. The backup itself
// is not touched.
func carryWAL(ctx context.Context, backupPath, copy, path string) error {
	// Beside the file itself, where SQLite keeps it, not beside a link to
	// it (found by a hostile pass: the log was dropped).
	wal := resolvePath(backupPath) + "-wal"
	fi, err := os.Stat(wal)
	if err != nil || fi.Size() == 0 {
		return nil
	}
	if err := copyFile(wal, copy+"-wal"); err != nil {
		if full := noRoomFor("restoring "+filepath.Base(backupPath), path, err); full != nil {
			os.Remove(copy + "-wal")
			return fmt.Errorf("%w (nothing was changed)", full)
		}
		os.Remove(copy + "-wal")
		if big := copyTooLargeErr("restoring "+filepath.Base(backupPath), "the backup's write-ahead log", wal, err); big != nil {
			return fmt.Errorf("%w (nothing was changed)", big)
		}
		return fmt.Errorf("cannot copy the backup's write-ahead log %s-wal: %w (nothing was changed)", backupPath, err)
	}
	// Another research file's -wal beside the backup was folded in, and
	// the research file restored held that file's documents, as the
	// open refuses it for (a hostile pass).
	if anotherFileIDThroughWAL(copy) {
		os.Remove(copy + "-wal")
		os.Remove(copy + "-shm")
		return fmt.Errorf("backup %s cannot be restored: %w: read together they make another Dossier research file. It is most likely another file's, left at this name. Move %s and %s away, then restore the backup again (nothing was changed)",
			backupPath, ErrForeignWAL, filepath.Base(wal), filepath.Base(resolvePath(backupPath)+"-shm"))
	}
	db, err := sql.Open("sqlite", dsn(copy, false))
	if err == nil {
		_, err = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
		db.Close()
	}
	os.Remove(copy + "-wal")
	os.Remove(copy + "-shm")
	if err != nil {
		return fmt.Errorf("cannot read the backup's write-ahead log %s-wal: %w (nothing was changed)", backupPath, err)
	}
	if err := validateBackup(ctx, copy, false); err != nil {
		// Said of the backup, not of the hidden copy, gone by now (its
		// name was in the message, and in the recover command it gave).
		return fmt.Errorf("%w (read with its write-ahead log %s-wal; nothing was changed)", renamedErr{err, copy, backupPath}, backupPath)
	}
	return nil
}

// anotherFileIDThroughWAL reports whether the research file at path, read
// read-only through the -wal beside it, names itself otherwise than the
// file alone (anotherFileID).
func anotherFileIDThroughWAL(path string) bool {
	alone, err := openAlone(path)
	if err != nil {
		return false
	}
	defer alone.Close()
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return false
	}
	defer db.Close()
	return anotherFileID(alone, db)
}

// renamedErr is err said with the file name from replaced by to.
type renamedErr struct {
	err      error
	from, to string
}

func (e renamedErr) Error() string { return strings.ReplaceAll(e.err.Error(), e.from, e.to) }
func (e renamedErr) Unwrap() error { return e.err }

// foldCurrentWAL folds the research file's WAL into it before it is kept
// and replaced, refusing if another program still has it open.
func foldCurrentWAL(ctx context.Context, path string) error {
	if _, err := os.Lstat(path + "-wal"); err == nil {
		// Another database's -wal, left at this name, would be folded
		// in, and the file kept "as it was" the stranger's pages (a
		// hostile pass): refused, as the open refuses it.
		if err := leftWALErrForRepair(path, path); err != nil {
			return err
		}
		// Committed changes may wait in the WAL (after a crash, say): fold
		// them in. The last connection to close removes the WAL, so if it
		// is still there afterwards another program has the file open, and
		// replacing the file would silently drop what it writes next.
		if db, err := sql.Open("sqlite", dsn(path, false)); err == nil {
			db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
			db.Close()
		}
		if _, err := os.Lstat(path + "-wal"); err == nil && checkExisting(path) == nil {
			// A damaged file may keep its WAL for want of a checkpoint:
			// only a healthy one is surely in use. (Its structure: a lost
			// passage does not keep the WAL.)
			if problems, _, _ := checkFile(ctx, path, false, nil); len(problems) == 0 {
				return fmt.Errorf("%s is open in another Dossier window or command; close it, then restore", path)
			}
		}
	}
	return nil
}

// keepCurrent saves the research file at path into dir before it is
// replaced, and returns the backup made ("" when the file was kept raw, or
// not at all). It does not prune the folder: the restore does that once
// the file is replaced.
func keepCurrent(ctx context.Context, path, dir string) (kept string, err error) {
	// Before any folder is made: past the system's limit, the folders
	// made up to it were left behind (found by a hostile pass).
	out := backupName(dir, time.Now())
	if err := tooLongForSQLite(out, tempPath(out)); err != nil {
		return "", fmt.Errorf("cannot keep the current file before restoring (nothing was replaced): %w", err)
	}
	made := missingDirs(dir)
	defer func() {
		if err != nil { // the restore stops: no folder it made is left behind, empty
			removeEmptyDirs(made)
		}
	}()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot keep the current file before restoring: %w", err)
	}
	now := time.Now()
	if checkExisting(path) == nil {
		if db, err := sql.Open("sqlite", dsn(path, true)); err == nil {
			problems, cerr := checkDB(ctx, db, checkPages)
			if cerr == nil && len(problems) == 0 {
				kept, err = vacuumInto(ctx, db, path, backupName(dir, now), func() string { return backupName(dir, now) })
			}
			db.Close()
			if cerr == nil && len(problems) == 0 && err == nil {
				return kept, nil
			}
			if ctx.Err() != nil {
				// Stopped (Ctrl+C): its check or copy failed for that, not
				// for damage; kept raw as "damaged", the file was then
				// replaced anyway (found by a hostile pass).
				return "", fmt.Errorf("restore of %s stopped (nothing was replaced): %w", path, ctx.Err())
			}
			if cerr == nil && len(problems) == 0 {
				// A sound file whose copy could not be written (its disk
				// full, say): said as it is, not kept raw as "damaged"
				// (found by a hostile pass).
				return "", fmt.Errorf("cannot keep a copy of %s before restoring (nothing was replaced): %w", path, err)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("restore of %s stopped (nothing was replaced): %w", path, err)
	}
	// Unreadable: keep its bytes as they are, side files too.
	raw := filepath.Join(dir, now.Format(backupLayout)+"-before-restore"+damagedExt)
	for i := 2; ; i++ {
		if _, err := os.Lstat(raw); errors.Is(err, os.ErrNotExist) {
			break
		}
		raw = filepath.Join(dir, fmt.Sprintf("%s-before-restore-%d%s", now.Format(backupLayout), i, damagedExt))
	}
	var copied []string
	for _, suffix := range []string{"", "-wal", "-journal"} {
		if _, err := os.Lstat(path + suffix); err != nil {
			continue
		}
		if err := copyFile(path+suffix, raw+suffix); err != nil { // (copyFile removes its own part)
			for _, c := range copied { // a copy without its side files is no copy
				os.Remove(c)
			}
			return "", fmt.Errorf("cannot keep a copy of %s before restoring: %w", path, err)
		}
		copied = append(copied, raw+suffix)
	}
	return "", nil
}

// mergeRestoredIndex merges the full-text index of the copy about to be
// restored. An automatic backup is taken beside the index merge of the
// large import before it (afterImport), so it may hold that import's index
// segments unmerged, and searches read every segment of a term until they
// are merged. Best effort: an unmerged index is whole, and the restore goes
// on without it.
func mergeRestoredIndex(ctx context.Context, path string) {
	s, err := Open(path)
	if err != nil {
		return
	}
	defer s.Close()
	if s.ReadOnly() {
		return
	}
	// The budget is a page per passage, as after an import of them all;
	// merging stops as soon as a step finds nothing to merge.
	if _, passages, err := averageLength(ctx, s.db); err == nil {
		s.mergeIndex(ctx, int(min(passages, 1<<30)))
	}
}

// restoreMarker ends the names of restores' hidden copies before their
// digits.
const restoreMarker = ".restore-"

// restoreTempsOf recognises the hidden copies of a backup that restores of
// the research file at path make beside it (".NAME.restore-DIGITS", a long
// NAME cut as hiddenStem cuts it).
func restoreTempsOf(path string) func(name string) bool {
	prefix := hiddenStem(path, restoreMarker)
	return func(n string) bool {
		rest, ok := strings.CutPrefix(n, prefix)
		return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
	}
}
