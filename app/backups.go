package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

// backUpNow makes a backup of the open research file in its backups folder
// (File → Back up now).
func (u *UI) backUpNow() {
	if u.refuseWhileOpening() {
		return
	}
	if u.broken != nil {
		u.status.setMessage("No research file is open to back up.")
		return
	}
	st, gen := u.store()
	u.status.setMessageNaming("Backing up "+st.Path()+"…", st.Path())
	u.work.run(func() func() {
		// A damaged file's backup would push a sound one out of the
		// folder (found by a hostile pass), a damaged page too (the
		// check an import makes first).
		problems, err := st.BackupProblems(context.Background())
		var path string
		if err == nil && len(problems) > 0 {
			err = fmt.Errorf("this research file is damaged (%s): a backup of it would push a sound one out of the backups folder. Restore a backup, or recover it into a new file", problems[0])
		} else if err == nil {
			path, err = st.RollingBackup(context.Background(), time.Now())
		}
		return func() {
			if !u.current(gen) {
				return
			}
			if err != nil {
				u.status.setMessage("Backup failed.")
				u.showError(err)
				return
			}
			u.status.setMessageNaming("Backed up to "+path, path)
		}
	})
}

// backupsDir is where the backups of the file the window is about live:
// the open one, or the one that could not be opened.
func (u *UI) backupsDir() (string, error) {
	if u.broken != nil {
		return store.DefaultBackupDir(u.broken.Path)
	}
	st, _ := u.store()
	return st.BackupDir()
}

// showRestoreDialog lists the backups with their date, size and counts; the
// chosen one replaces the research file after a confirmation (File →
// Restore from backup…).
func (u *UI) showRestoreDialog() {
	dir, err := u.backupsDir()
	if err != nil {
		u.showError(err)
		return
	}
	u.work.run(func() func() {
		list, err := store.ListBackups(context.Background(), dir)
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			if len(list) == 0 {
				u.showInfo("Restore from backup", "There are no backups of this research file yet.\nThey are kept in "+dir)
				return
			}
			u.chooseBackup(list)
		}
	})
}

// backupTime is when a backup was made, to the second, as its file name
// and the CLI's list say it: Back up now twice in a minute made two rows
// told apart only by their sizes (a UI pass).
func backupTime(t time.Time) string { return t.Format("2006-01-02 15:04:05") }

// backupLabel describes a backup in one line.
func backupLabel(b store.BackupInfo) string {
	if errors.Is(b.Err, store.ErrDamagedBackup) {
		return fmt.Sprintf("%s · %s · damaged", backupTime(b.Time), wording.Bytes(b.Size))
	}
	if b.Err != nil {
		return fmt.Sprintf("%s · %s · cannot be read", backupTime(b.Time), wording.Bytes(b.Size))
	}
	label := fmt.Sprintf("%s · %s · %s · %s", backupTime(b.Time), wording.Bytes(b.Size),
		plural(b.Documents, "document"), plural(b.Bookmarks, "bookmark"))
	if b.Future {
		label += " · dated in the future (the clock was wrong)"
	}
	return label
}

// backupRow is backupLabel on two lines: the backup's time and size, then
// what it holds.
func backupRow(b store.BackupInfo) string {
	parts := strings.SplitN(backupLabel(b), " · ", 3)
	if len(parts) < 3 {
		return strings.Join(parts, " · ") + "\n"
	}
	return parts[0] + " · " + parts[1] + "\n" + parts[2]
}

func (u *UI) chooseBackup(list []store.BackupInfo) {
	selected := -1
	// A row is two lines (when, how big; then what it holds), each cut
	// with "…" if the dialog is still too narrow: on one line a backup
	// dated in the future ran past the dialog's edge even at text 1, and
	// any backup did at text 1.8 (a hostile UI pass).
	l := u.newDialogList(func() int { return len(list) },
		func() fyne.CanvasObject {
			row := widget.NewLabel("\n")
			row.Truncation = fyne.TextTruncateEllipsis
			return row
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(backupRow(list[i])) })
	l.OnSelected = func(i widget.ListItemID) { selected = i }
	l.Select(0)
	head := widget.NewLabel("Newest first. The current file is kept as a backup before it is replaced.")
	head.Wrapping = fyne.TextWrapWord // it ran past the window's edge at text 1.8
	body := container.NewBorder(head, nil, nil, nil, l)
	u.showKeyed(keyedDialog{
		name: "restore", title: "Restore from backup", ok: "Restore…", cancel: "Cancel",
		body: body, size: fyne.NewSize(560, 400),
		onOK: func() {
			if selected >= 0 {
				u.confirmRestore(list[selected])
			}
		},
	})
}

// backupNamed names a backup as the restore dialog lists it, by when it
// was made and what it holds: "the backup of 2026-12-06 21:01 (3
// documents, 0 bookmarks)". Its path, a folder of the app's data and a
// file named by the time, wrapped in the middle of its name in the dialog
// saying it was restored and told the user nothing the time did not (a
// UI pass).
func backupNamed(b store.BackupInfo) string {
	if b.Time.IsZero() {
		return "the backup " + b.Path
	}
	return fmt.Sprintf("the backup of %s (%s, %s)", backupTime(b.Time), plural(b.Documents, "document"), plural(b.Bookmarks, "bookmark"))
}

// confirmRestore asks before replacing the research file with b.
func (u *UI) confirmRestore(b store.BackupInfo) {
	if u.refuseWhileOpening() {
		// Its open may be changing it: a restore over it now would race
		// that.
		return
	}
	if b.Err != nil {
		u.showError(b.Err)
		return
	}
	target := u.CurrentStore().Path()
	if u.broken != nil {
		target = u.broken.Path
	}
	msg := fmt.Sprintf("Replace %s\nwith %s?\n\nThe current file is kept as a backup first.", target, backupNamed(b))
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	u.showKeyed(keyedDialog{
		name: "restore-confirm", title: "Restore backup", ok: "Restore", cancel: "Cancel", destructive: true,
		body: text, size: fyne.NewSize(520, 0),
		onOK: func() { u.restoreBackup(b) },
	})
}

// restoreBackup replaces the research file with the backup off the UI
// goroutine, then shows the restored file.
func (u *UI) restoreBackup(b store.BackupInfo) {
	backup := b.Path
	u.status.setMessage("Restoring…")
	if b := u.broken; b != nil {
		u.work.run(func() func() {
			dir, err := store.DefaultBackupDir(b.Path)
			if err == nil {
				err = store.RestoreFile(context.Background(), b.Path, backup, dir)
			}
			return func() {
				if err != nil {
					u.status.setMessage("Restore failed.")
					u.showError(err)
					return
				}
				u.switchTo(b.Path)
			}
		})
		return
	}
	st, _ := u.store()
	u.search.cancel()
	u.work.run(func() func() {
		ns, err := st.RestoreBackup(context.Background(), backup)
		return func() {
			if ns != nil && ns != st {
				u.adopt(ns)
				if err == nil {
					// A dialog, not the status line: reloading the library
					// rewrites that at once.
					u.showInfo("Backup restored", fmt.Sprintf("%s now holds %s.\n\nThe file it replaced was kept among the backups.", ns.Path(), backupNamed(b)))
				}
			}
			if err != nil {
				u.status.setMessage("Restore failed.")
				u.showError(err)
			}
		}
	})
}
