package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"text/tabwriter"
	"time"

	"dossier/internal/wording"
	"dossier/store"
)

// Backup, check, recover and restore commands. None of them seeds a new
// research file: they work on the file as it is, or refuse when there is
// none.

const backupUsage = `  dossier [--db FILE] backup [--out FILE]   back up the research file (into the
                                            backups folder, or to FILE)
  dossier [--db FILE] backups [--json]      list the automatic backups
  dossier [--db FILE] check                 check the research file for damage
  dossier [--db FILE] recover --out NEW     copy what can be read of a damaged
                                            research file into a new one
  dossier [--db FILE] restore BACKUP        replace the research file with a
                                            backup (the current one is kept
                                            as a backup first)
`

// runBackupCommand runs one of the commands above; ok is false when cmd is
// not one of them.
func runBackupCommand(cmd string, f researchFile, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	path := f.path
	switch cmd {
	case "backup":
		return runBackup(f, args, stdout, stderr), true
	case "backups":
		return runBackups(path, args, stdout, stderr), true
	case "check":
		return runCheck(f, args, stdout, stderr), true
	case "recover":
		return runRecover(path, args, stdout, stderr), true
	case "restore":
		return runRestore(path, args, stdout, stderr), true
	}
	return 0, false
}

// mustExist refuses to work on a research file that is not there.
func mustExist(cmd, path string, stderr io.Writer) bool {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(stderr, "dossier %s: there is no research file at %s\n", cmd, path)
		} else {
			fmt.Fprintf(stderr, "dossier %s: %v\n", cmd, store.LinkLoopErr(path, err))
		}
		return false
	}
	return true
}

func runBackup(f researchFile, args []string, stdout, stderr io.Writer) int {
	path := f.path
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "", "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "dossier backup: usage: dossier backup [--out FILE]")
		return ExitUsage
	}
	if !mustExist("backup", path, stderr) {
		return ExitError
	}
	// Caught from before the file is opened: killed by Ctrl+C, a backup
	// left its hidden half-written copy behind, and said nothing.
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals()...)
	defer stop()
	beforeOpen()
	st, err := store.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return ExitError
	}
	defer st.Close()
	// Said as every command that opens the file says it; the backup is
	// the user's, not taken as new by a later import (see store.Backup).
	if st.LeftUnfilledAsIs(ctx, f.seed) {
		sayLeftUnfilled(stderr, st.Path())
	}
	dest := *out
	if dest == "" {
		// Into the backups folder, a backup of a damaged file pushes a
		// sound one out (the window checks first; this did not). The
		// check an import makes first: rows referring to rows gone alone
		// let a file with a damaged page through (a hostile pass).
		if problems, perr := st.BackupProblems(ctx); perr == nil && len(problems) > 0 {
			fmt.Fprintf(stderr, "dossier backup: research file %s is damaged (%s); a backup of it in the backups folder would push a sound one out: copy it with --out FILE, or restore a backup (dossier backups) or recover it (dossier --db FILE recover --out NEW)\n",
				termSafeLine(path), termSafeLine(problems[0]))
			return ExitError
		}
		dest, err = st.RollingBackup(ctx, time.Now())
	} else {
		err = st.Backup(ctx, dest)
	}
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "dossier backup: interrupted; no backup was written")
		return ExitInterrupted
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier backup: %s\n", termSafeLine(err.Error()))
		return ExitError
	}
	fmt.Fprintf(stdout, "backed up %s to %s\n", termSafeLine(path), termSafeLine(dest))
	return ExitOK
}

type jsonBackup struct {
	Path      string    `json:"path"`
	Time      time.Time `json:"time"`
	Size      int64     `json:"size"`
	Documents int       `json:"documents"`
	Bookmarks int       `json:"bookmarks"`
	Error     string    `json:"error,omitempty"`   // unreadable: documents and bookmarks are then 0, not counted
	Damaged   bool      `json:"damaged,omitempty"` // the file itself is damaged (cut short, say)
	Future    bool      `json:"future,omitempty"`  // dated after now: the clock was wrong
}

func runBackups(path string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backups", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "dossier backups: usage: dossier backups [--json]")
		return ExitUsage
	}
	dir, err := store.DefaultBackupDir(path)
	if err != nil {
		fmt.Fprintf(stderr, "dossier backups: no place for backups: %v\n", err)
		return ExitError
	}
	list, err := store.ListBackups(context.Background(), dir)
	if err != nil {
		fmt.Fprintf(stderr, "dossier backups: %v\n", err)
		return ExitError
	}
	if *asJSON {
		out := make([]jsonBackup, 0, len(list))
		for _, b := range list {
			j := jsonBackup{Path: b.Path, Time: b.Time, Size: b.Size, Documents: b.Documents, Bookmarks: b.Bookmarks, Future: b.Future}
			if b.Err != nil {
				j.Error, j.Damaged = b.Err.Error(), errors.Is(b.Err, store.ErrDamagedBackup)
			}
			out = append(out, j)
		}
		return writeJSON(stdout, stderr, "backups", out)
	}
	if len(list) == 0 {
		fmt.Fprintf(stdout, "no backups of %s yet (they go in %s)\n", path, dir)
		return ExitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tSIZE\tDOCUMENTS\tBOOKMARKS\tFILE")
	for _, b := range list {
		docs, marks := fmt.Sprint(b.Documents), fmt.Sprint(b.Bookmarks)
		switch {
		case errors.Is(b.Err, store.ErrDamagedBackup):
			docs, marks = "damaged", "-"
		case b.Err != nil:
			docs, marks = "unreadable", "-"
		}
		name := filepath.Base(b.Path)
		if b.Future {
			name += "  (dated in the future: made while the clock was wrong)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", b.Time.Local().Format("2006-01-02 15:04:05"), wording.Bytes(b.Size), docs, marks, name)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "%s in %s\n", wording.Count(len(list), "backup"), dir)
	for _, b := range list { // why, below the table: too long for a column
		if b.Err != nil {
			fmt.Fprintf(stdout, "%s: %v\n", filepath.Base(b.Path), b.Err)
		}
	}
	return ExitOK
}

func runCheck(f researchFile, args []string, stdout, stderr io.Writer) int {
	path := f.path
	if len(args) > 0 {
		fmt.Fprintln(stderr, "dossier check: usage: dossier check")
		return ExitUsage
	}
	if !mustExist("check", path, stderr) {
		return ExitError
	}
	problems, left, err := store.CheckFileNoting(context.Background(), path, f.seed)
	if err != nil {
		fmt.Fprintf(stderr, "dossier check: %v\n", err)
		return ExitError
	}
	if left {
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = path
		}
		sayLeftUnfilled(stderr, abs)
	}
	if len(problems) == 0 {
		fmt.Fprintln(stdout, "ok")
		return ExitOK
	}
	foreign := true
	for _, p := range problems {
		fmt.Fprintln(stdout, wording.OneLine(p))
		foreign = foreign && store.IsForeignSQLProblem(p)
	}
	if foreign {
		// A backup of a file that came this way holds the same SQL.
		fmt.Fprintf(stderr, "dossier check: %s is not as Dossier makes its files (above), so Dossier does not write to it: recover its rows into a new file (dossier recover --out NEW)\n", path)
		return ExitError
	}
	fmt.Fprintf(stderr, "dossier check: %s is damaged (%s). Restore a backup (dossier backups, dossier restore BACKUP) or recover what can be read (dossier recover --out NEW)\n", path, wording.Count(len(problems), "problem"))
	return ExitError
}

func runRecover(path string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("recover", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "", "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *out == "" {
		fmt.Fprintln(stderr, "dossier recover: usage: dossier recover --out NEW")
		return ExitUsage
	}
	if !mustExist("recover", path, stderr) {
		return ExitError
	}
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals()...)
	defer stop()
	beforeOpen()
	rep, err := store.Recover(ctx, path, *out)
	if err != nil && ctx.Err() != nil { // killed, it left a hidden half-made file
		fmt.Fprintf(stderr, "dossier recover: interrupted; %s was not written\n", termSafeLine(*out))
		return ExitInterrupted
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier recover: %s\n", termSafeLine(err.Error()))
		return ExitError
	}
	fmt.Fprintf(stdout, "recovered into %s: %s\n", termSafeLine(*out), rep)
	return ExitOK
}

func runRestore(path string, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "dossier restore: usage: dossier restore BACKUP (see dossier backups)")
		return ExitUsage
	}
	dir, err := store.DefaultBackupDir(path)
	if err != nil {
		fmt.Fprintf(stderr, "dossier restore: no place to keep the current file: %v\n", err)
		return ExitError
	}
	backup := args[0]
	// A bare name as listed by `dossier backups` is looked up among them.
	if _, err := os.Stat(backup); errors.Is(err, os.ErrNotExist) && filepath.Base(backup) == backup {
		if _, err := os.Stat(filepath.Join(dir, backup)); err == nil {
			backup = filepath.Join(dir, backup)
		}
	}
	if _, err := os.Stat(backup); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stderr, "dossier restore: there is no backup %s: `dossier backups` lists this research file's backups by name\n", termSafeLine(backup))
		return ExitError
	}
	_, statErr := os.Stat(path)
	// Caught: killed, it left a hidden copy of the backup beside the file.
	// Stopped before the file is replaced, or not at all.
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals()...)
	defer stop()
	beforeOpen()
	if err := store.RestoreFile(ctx, path, backup, dir); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "dossier restore: interrupted; %s was not changed\n", path)
			return ExitInterrupted
		}
		fmt.Fprintf(stderr, "dossier restore: %v\n", err)
		return ExitError
	}
	if errors.Is(statErr, os.ErrNotExist) {
		// Nothing was replaced, so nothing was kept (it named a folder
		// that did not exist; found by a hostile pass).
		fmt.Fprintf(stdout, "restored %s from %s (there was no research file there before)\n", path, backup)
		return ExitOK
	}
	fmt.Fprintf(stdout, "restored %s from %s; the file it replaced was kept in %s\n", path, backup, dir)
	return ExitOK
}
