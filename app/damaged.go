package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/theme"

	"dossier/store"
)

// BrokenFile is a research file that could not be opened at all. The
// window then runs on an empty stand-in and offers ways out in its banner.
type BrokenFile struct {
	Path string
	Err  error
}

// OpenStandIn opens an empty research file in a new temporary folder, for
// the window to run on while the user's file cannot be opened. cleanup
// removes it.
func OpenStandIn() (st *store.Store, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "dossier-")
	if err != nil {
		return nil, nil, err
	}
	// Made, then reopened read-only: whatever the user does meanwhile
	// would be lost with it, so it refuses every change.
	path := filepath.Join(dir, "no research file open.dossier")
	if st, err = store.Open(path); err == nil {
		st.Close()
		st, err = store.OpenReadOnly(path, "no research file is open")
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return st, func() { os.RemoveAll(dir) }, nil
}

// afterOpen runs, off the UI goroutine, a quick check of the file just
// opened; a damaged file gets the banner, a healthy one an automatic backup
// when the last is more than a day old (if the store has them enabled).
func (u *UI) afterOpen() {
	if u.broken != nil {
		return // the stand-in: the banner is about the file that failed
	}
	u.askOutside() // the first look: what another program changes from now on is noticed
	st, gen := u.store()
	u.work.run(func() func() {
		ctx := context.Background()
		problems, err := st.QuickCheck(ctx)
		if err == nil && len(problems) == 0 {
			// Values another program wrote that Dossier cannot read:
			// the library was shown empty, and the file backed up.
			problems, err = st.ValueProblems(ctx)
		}
		var latest *store.BackupInfo
		var backedUp string
		var backupErr error
		var ro *store.Store // the damaged file reopened read-only
		if err == nil && len(problems) > 0 {
			latest = latestBackup(ctx, st)
			if !st.ReadOnly() {
				// Writing into damaged pages can spread the damage.
				if ro, _ = store.OpenReadOnly(st.Path(), "it is damaged"); ro != nil {
					if dir, derr := st.BackupDir(); derr == nil {
						ro.SetBackupDir(dir)
					}
				}
			}
		} else if err == nil && st.AutoBackups() {
			backedUp, backupErr = st.AutoBackup(ctx, time.Now())
		}
		var unfinished []store.UnfinishedImport
		if err == nil && len(problems) == 0 {
			unfinished, _ = st.TakeUnfinishedImports(ctx)
		}
		return func() {
			if !u.current(gen) || err != nil {
				if ro != nil {
					ro.Close()
				}
				return
			}
			if ro != nil {
				u.adopt(ro) // checks it again, then shows the banner below
				return
			}
			if len(problems) > 0 {
				u.showDamaged(st.Path(), problems, latest)
				return
			}
			// Healthy: adopt has already cleared any damage banner, and
			// the banner may be saying something else (read-only).
			switch {
			case backupErr != nil:
				u.status.setMessage("Automatic backup failed: " + backupErr.Error())
			case backedUp != "":
				u.status.setMessageNaming("Backed up to "+backedUp, backedUp)
			}
			if len(unfinished) > 0 {
				title := "The last import did not finish"
				switch {
				case !slices.ContainsFunc(unfinished, func(n store.UnfinishedImport) bool { return !n.EveryDocument }):
					title = "Finding claims did not finish"
				case len(unfinished) > 1:
					title = "The last imports did not finish"
				}
				u.showMessage(u.messageDialog(title, unfinishedImportText(unfinished), theme.WarningIcon()))
			}
		}
	})
}

// unfinishedImportText says that imports stopped before their end, with
// their paths as the window shows them.
func unfinishedImportText(ns []store.UnfinishedImport) string {
	texts := make([]string, len(ns))
	for i, n := range ns {
		texts[i] = n.Text(func(p string) string { return cutMiddle(showable(p), maxShownPath) })
	}
	return strings.Join(texts, "\n\n")
}

// latestBackup is the newest readable backup of st, or nil.
func latestBackup(ctx context.Context, st *store.Store) *store.BackupInfo {
	list, _ := st.Backups(ctx)
	for _, b := range list {
		if b.Err == nil {
			return &b
		}
	}
	return nil
}

// showDamaged offers the ways out for a damaged research file.
func (u *UI) showDamaged(path string, problems []string, latest *store.BackupInfo) {
	first := strings.TrimPrefix(firstLine(problems[0]), "*** in database main *** ")
	msg := fmt.Sprintf("This research file is damaged (%s). Imports are refused; what can still be read is shown.", first)
	var actions []bannerAction
	if latest != nil {
		actions = append(actions, bannerAction{"Restore latest backup…", func() { u.confirmRestore(*latest) }})
	}
	actions = append(actions,
		bannerAction{"Export what can be read…", u.showExportDialog},
		bannerAction{"Recover into a new file…", func() { u.showRecoverDialog(path) }})
	u.banner.show(msg, actions...)
	u.isDamaged = true
}

// showBroken offers the ways out for a research file that could not be
// opened; the window runs on an empty stand-in meanwhile.
func (u *UI) showBroken(b BrokenFile) {
	u.broken = &b
	u.reader.empty.setText(noFileHint)
	msg, actions, inUse := u.brokenWays(b)
	// The path cut in its middle, as while it opens: whole, a long one
	// wrapped the banner past an 800×600 screen's foot at the largest
	// text, its buttons out of sight (a UI pass). The status line names it.
	msg = strings.ReplaceAll(msg, b.Path, cutMiddle(b.Path, maxShownPath))
	u.banner.show(msg, actions...)
	u.win.SetTitle(filepath.Base(b.Path) + " (could not be opened) — Dossier")
	u.status.setFile(b.Path)
	u.status.setMessageNaming("No research file is open: “"+b.Path+"” could not be opened.", b.Path)
	if inUse {
		return
	}
	// Offer its latest backup too, once the backups have been looked at.
	u.work.run(func() func() {
		var latest *store.BackupInfo
		if dir, err := store.DefaultBackupDir(b.Path); err == nil {
			list, _ := store.ListBackups(context.Background(), dir)
			for _, bk := range list {
				if bk.Err == nil {
					latest = &bk
					break
				}
			}
		}
		return func() {
			if latest == nil || u.broken == nil || u.broken.Path != b.Path {
				return
			}
			u.banner.show(msg, append([]bannerAction{{"Restore latest backup…", func() { u.confirmRestore(*latest) }}}, actions...)...)
		}
	})
}

// brokenWays says, in the window's words, why the research file b could
// not be opened, and offers the ways out (the banner's buttons); inUse is
// whether the file is sound, only held or out of reach for now, so that
// no backup of it is offered.
func (u *UI) brokenWays(b BrokenFile) (msg string, actions []bannerAction, inUse bool) {
	msg = "Could not open the research file: " + firstLine(withoutCommands(b.Err.Error()))
	var damaged *store.DamagedError
	if errors.As(b.Err, &damaged) && len(damaged.Problems) > 0 {
		// Its message is the command line's (it names commands); the
		// banner's buttons are the ways out here.
		msg = fmt.Sprintf("Could not open the research file “%s”: it is damaged (%s).", b.Path, firstLine(damaged.Problems[0]))
	}
	actions = []bannerAction{
		{"Recover into a new file…", func() { u.showRecoverDialog(b.Path) }},
		{"Open another research file…", u.showOpenFileDialog},
	}
	// A sound file another program holds, or one swapped while it was
	// being opened: a backup or a recovery would replace or copy a file
	// that is whole.
	// Their own words: the store's are the command line's, and too long
	// for a banner (cut at 200 characters, the way out was cut off).
	inUse = true
	switch {
	case errors.Is(b.Err, store.ErrSideFilesHeldElsewhere):
		msg = fmt.Sprintf("Could not open “%s” yet: %s Close that program, then try again.", b.Path, heldBy(b.Err))
		actions[0] = bannerAction{"Try again", func() { u.switchTo(b.Path) }}
	case errors.Is(b.Err, store.ErrLeftSideFiles):
		msg = fmt.Sprintf("Could not open “%s”: the side files beside it (“%s-wal” and “-shm”) are still those of the file that was there before, and may hold its last changes. Move them beside that file, under its new name, or delete them; then try again.", b.Path, filepath.Base(b.Path))
		actions[0] = bannerAction{"Try again", func() { u.switchTo(b.Path) }}
	case errors.Is(b.Err, store.ErrDiskFull):
		// Sound, but SQLite has no room beside it even to read it.
		msg = fmt.Sprintf("Could not open “%s”: the disk holding it is full. The file is not damaged: free some space, then try again.", b.Path)
		actions[0] = bannerAction{"Try again", func() { u.switchTo(b.Path) }}
	case errors.Is(b.Err, store.ErrForeignWAL):
		// Recover and restore refuse the same -wal, and the way out, cut
		// off the store's message, was not on the banner (a hostile data
		// pass).
		wal, shm := filepath.Base(b.Path)+"-wal", filepath.Base(b.Path)+"-shm"
		msg = fmt.Sprintf("Could not open “%s”: the “%s” beside it does not fit it, most likely another file's left at its name, and opening would write it in. Move “%s” and “%s” away (keep them if another file may need them), then try again.", b.Path, wal, wal, shm)
		if store.WALMakesDamage(b.Err) {
			// Read together they make a damaged file: recover reads it
			// through the -wal, in case it is the file's own.
			msg = strings.TrimSuffix(msg, ".") + "; if they are this file's, recover what can be read into a new file."
			actions = append([]bannerAction{{"Try again", func() { u.switchTo(b.Path) }}}, actions...)
		} else {
			actions[0] = bannerAction{"Try again", func() { u.switchTo(b.Path) }}
		}
	case errors.Is(b.Err, store.ErrWALNeedsShm):
		// Sound, but on a read-only disk or in a folder that may not be
		// written, its last changes in a -wal SQLite cannot read there:
		// recover refuses it too, and a backup restored over it would
		// lose them (a hostile data pass).
		wal, shm := filepath.Base(b.Path)+"-wal", filepath.Base(b.Path)+"-shm"
		msg = fmt.Sprintf("Could not open “%s” here: “%s” beside it may hold its last changes, which SQLite reads only with a “%s”, and none can be made on this read-only disk or folder. The file is not damaged: copy it with “%s” to a folder you may write to and open the copy, or make this folder writable and try again.", b.Path, wal, shm, wal)
		if _, err := os.Lstat(b.Path + "-shm"); err == nil {
			// There, but another user's (or its permissions forbid it).
			msg = fmt.Sprintf("Could not open “%s”: “%s” beside it may hold its last changes, which SQLite reads only through “%s”, and you may not open that one (another user's, say). The file is not damaged: if no program has it open, delete “%s” (SQLite makes it again), or have its owner delete it; then try again.", b.Path, wal, shm, shm)
		}
		actions[0] = bannerAction{"Try again", func() { u.switchTo(b.Path) }}
	case errors.Is(b.Err, store.ErrBusy):
		// Sound, and being written: most likely by another Dossier window
		// still opening it. Restore latest backup and Recover were the
		// ways out offered, for a file that is whole; the restore checked
		// the backup for a minute before it refused, the file being open
		// (a hostile UI pass).
		msg = fmt.Sprintf("Could not open %s yet: another program is writing to it (another Dossier window still opening it, say). The file is not damaged: try again once that is done.", b.Path)
		actions[0] = bannerAction{"Try again", func() { u.switchTo(b.Path) }}
	case errors.Is(b.Err, store.ErrNameTooLong):
		// Neither damaged nor there perhaps (a new file): the store's
		// message, cut at 200 characters, lost the way out, and Recover
		// was the first button (hostile data pass data9).
		how := "Give it a shorter name"
		if _, tail, ok := strings.Cut(b.Err.Error(), "give it a name of "); ok {
			if words, _, ok := strings.Cut(tail, ")"); ok {
				how = "Give it a name of " + words + ")" // "247 bytes or fewer (nothing was kept)"
			}
		}
		msg = fmt.Sprintf("Could not open “%s”: its name is too long for the files SQLite keeps beside it, named after it. %s, then open it again.", b.Path, how)
		if _, tail, ok := strings.Cut(b.Err.Error(), ": it leads to "); ok {
			// A link: the name too long is its target's.
			target, _, _ := strings.Cut(tail, ", whose name is ")
			if _, tail, ok := strings.Cut(tail, "give that file a name of "); ok {
				if words, _, ok := strings.Cut(tail, ")"); ok {
					how = "give that file a name of " + words + ")"
				}
			} else {
				how = "give that file a shorter name"
			}
			msg = fmt.Sprintf("Could not open “%s”: it leads to “%s”, whose name is too long for the files SQLite keeps beside it, named after it; %s, then open it again.", b.Path, target, how)
		}
		actions = actions[1:]
	case errors.Is(b.Err, errNoLongerThere):
		msg = fmt.Sprintf("Could not open “%s”: it is no longer there. It was moved, renamed or deleted, or it is on a drive that is not connected now; Dossier made no new file in its place.", b.Path)
		actions = actions[1:] // Open another research file… finds it where it is now
	case errors.Is(b.Err, store.ErrSwappedWhileOpening):
		msg = fmt.Sprintf("Could not open “%s”: another file was put in its place just as it was being opened. Nothing was written to either file. To open it, quit Dossier and start it again.", b.Path)
		actions = actions[1:]
	default:
		inUse = false
	}
	return msg, actions, inUse
}

// commandAside is a bracketed aside naming the command line's way
// ("(dossier --db FILE recover --out NEW)", "(`dossier backups`, `dossier
// restore`)"): the window's buttons and menus are its ways.
var commandAside = regexp.MustCompile(`\s*\(` + "`?" + `dossier [^()]*\)`)

// withoutCommands is the store's message msg without its asides naming
// commands, for the window.
func withoutCommands(msg string) string { return commandAside.ReplaceAllString(msg, "") }

// refuseBroken says, while no research file is open, that there is nowhere
// to keep a change or an import — or, for a damaged file, that changes are
// refused (the store would refuse them anyway, after the dialogs); it
// reports whether it refused. In words for any change: every command that
// changes the file asks it, and Delete document… said "nothing is
// imported into it" (a hostile pass).
func (u *UI) refuseBroken() bool {
	if u.refuseWhileOpening() {
		return true
	}
	if u.isDamaged {
		u.showInfo("Damaged research file",
			"This research file is damaged, so nothing is changed in it (a change could spread the damage).\n\nUse the banner at the top: restore the latest backup, or recover what can be read into a new file and work there.")
		return true
	}
	if u.broken == nil {
		return false
	}
	u.showInfo("No research file is open",
		fmt.Sprintf("“%s” could not be opened, so there is nowhere to keep changes or imported documents.\n\nRestore a backup, recover it into a new file, or open another research file first.", u.broken.Path))
	return true
}

// showRecoverDialog asks where to put a new file, copies into it what can
// be read of the damaged file at src, and opens it. src is only read.
func (u *UI) showRecoverDialog(src string) {
	base := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
	u.chooseSavePath(saveRequest{
		name: "recover-file", title: "Recover into a new file", action: "Recover",
		fileName: base + "-recovered" + researchExt, ext: researchExt, folder: filepath.Dir(src),
		done: func(out string) { u.recoverInto(src, out) },
	})
}

// recoverInto runs the recovery off the UI goroutine, then opens the new file.
func (u *UI) recoverInto(src, out string) {
	u.status.setMessage("Recovering " + filepath.Base(src) + " into " + filepath.Base(out) + "…")
	u.work.run(func() func() {
		rep, err := store.Recover(context.Background(), src, out)
		return func() {
			if err != nil {
				u.status.setMessage("Recovery failed.")
				u.showError(fmt.Errorf("recovering %s: %w", src, err))
				return
			}
			u.showInfo("Recovered into a new file",
				fmt.Sprintf("%s\n\nNow open: %s\nThe damaged file is unchanged: %s", rep, out, src))
			u.switchTo(out)
		}
	})
}

// firstLine shortens a message to one line of at most 200 characters
// (SQLite's check results span lines: "*** in database main ***\nPage…").
// heldBy says who holds the side files in a store.ErrSideFilesHeldElsewhere
// refusal, as the rest of a sentence.
func heldBy(err error) string {
	who, underAnotherName := store.SideFilesHolder(err)
	switch {
	case who == "":
		return "another program holds its side files for the file that was there before."
	case underAnotherName:
		return who + " has it open under another name (it was moved while open)."
	}
	return "its side files are held by " + who + ", which does not hold the file itself."
}

func firstLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}
