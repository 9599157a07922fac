package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// backUpNow makes a backup of the open research file in its backups folder
// (File → Back up now).
func (u *UI) backUpNow() {
	if u.broken != nil {
		u.status.setMessage("No research file is open to back up.")
		return
	}
	st, gen := u.store()
	u.status.setMessage("Backing up " + st.Path() + "…")
	u.work.run(func() func() {
		path, err := st.RollingBackup(context.Background(), time.Now())
		return func() {
			if !u.current(gen) {
				return
			}
			if err != nil {
				u.status.setMessage("Backup failed.")
				dialog.ShowError(err, u.win)
				return
			}
			u.status.setMessage("Backed up to " + path)
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
		dialog.ShowError(err, u.win)
		return
	}
	u.work.run(func() func() {
		list, err := store.ListBackups(context.Background(), dir)
		return func() {
			if err != nil {
				dialog.ShowError(err, u.win)
				return
			}
			if len(list) == 0 {
				dialog.ShowInformation("Restore from backup", "There are no backups of this research file yet.\nThey are kept in "+dir, u.win)
				return
			}
			u.chooseBackup(list)
		}
	})
}

// backupLabel describes a backup in one line.
func backupLabel(b store.BackupInfo) string {
	if b.Err != nil {
		return fmt.Sprintf("%s · %s · cannot be read", b.Time.Format("2006-01-02 15:04"), humanSize(b.Size))
	}
	return fmt.Sprintf("%s · %s · %s · %s", b.Time.Format("2006-01-02 15:04"), humanSize(b.Size),
		plural(b.Documents, "document"), plural(b.Bookmarks, "bookmark"))
}

func (u *UI) chooseBackup(list []store.BackupInfo) {
	selected := -1
	l := widget.NewList(func() int { return len(list) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(backupLabel(list[i])) })
	l.OnSelected = func(i widget.ListItemID) { selected = i }
	l.Select(0)
	body := container.NewBorder(widget.NewLabel("Newest first. The current file is kept as a backup before it is replaced."), nil, nil, nil, l)
	d := dialog.NewCustomConfirm("Restore from backup", "Restore…", "Cancel", body, func(ok bool) {
		if ok && selected >= 0 {
			u.confirmRestore(list[selected])
		}
	}, u.win)
	d.Resize(fyne.NewSize(560, 400))
	d.Show()
}

// confirmRestore asks before replacing the research file with b.
func (u *UI) confirmRestore(b store.BackupInfo) {
	if b.Err != nil {
		dialog.ShowError(b.Err, u.win)
		return
	}
	target := u.CurrentStore().Path()
	if u.broken != nil {
		target = u.broken.Path
	}
	msg := fmt.Sprintf("Replace %s\nwith the backup of %s (%s, %s)?\n\nThe current file is kept as a backup first.",
		target, b.Time.Format("2006-01-02 15:04"), plural(b.Documents, "document"), plural(b.Bookmarks, "bookmark"))
	dialog.ShowConfirm("Restore backup", msg, func(ok bool) {
		if ok {
			u.restoreBackup(b.Path)
		}
	}, u.win)
}

// restoreBackup replaces the research file with the backup off the UI
// goroutine, then shows the restored file.
func (u *UI) restoreBackup(backup string) {
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
					dialog.ShowError(err, u.win)
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
					dialog.ShowInformation("Backup restored", fmt.Sprintf("%s now holds the backup\n%s\n\nThe file it replaced was kept among the backups.", ns.Path(), backup), u.win)
				}
			}
			if err != nil {
				u.status.setMessage("Restore failed.")
				dialog.ShowError(err, u.win)
			}
		}
	})
}

// humanSize is a byte count for people: 12.3 MB.
func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
