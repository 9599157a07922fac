package app

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/ingest"
)

// importOutcome is what happened to one file.
type importOutcome struct {
	path     string
	docID    int64 // the document stored, when one was
	title    string
	passages int
	present  bool
	readAs   string // the encoding, when it was not UTF-8
	earlier  string // store.ImportResult.EarlierNote
	bundle   string // an annotation bundle's restore report
	err      error
}

// outcomeOf is what the summary says of one file the store reported.
func outcomeOf(o store.FileOutcome) importOutcome {
	out := importOutcome{path: o.Path, docID: o.Result.DocumentID, title: o.Result.Title, passages: o.Result.Passages, present: o.Result.AlreadyPresent, readAs: o.Result.ReadAs(), earlier: o.Result.EarlierNote(), err: o.Err}
	if o.Bundle != nil && o.Err == nil {
		out.bundle = o.Bundle.String()
	}
	return out
}

func (o importOutcome) String() string { return o.line(true) }

// line is what the summary says of the file: with its mark (✓ imported,
// = already present, ✗ failed) where marked, as in a list of several
// files, where it tells them apart; a summary of one file says it by its
// icon, and the line's own ✓ beside it read doubled (ui15's L7).
func (o importOutcome) line(marked bool) string {
	name := filepath.Base(o.path)
	mark := func(m string) string {
		if marked {
			return m + " " + name
		}
		return name
	}
	switch {
	case o.err != nil:
		msg := o.err.Error()
		if e, ok := o.err.(*ingest.Error); ok {
			msg = e.Reason
		}
		return fmt.Sprintf("%s — %s", mark("✗"), msg)
	case o.bundle != "":
		return fmt.Sprintf("%s — annotation bundle: %s", mark("✓"), o.bundle)
	case o.present:
		return fmt.Sprintf("%s — already in the library as “%s”", mark("="), o.title)
	}
	return fmt.Sprintf("%s — imported “%s” with %s%s%s", mark("✓"), o.title, plural(o.passages, "passage"), o.readAs, o.earlier)
}

// showImportFolderDialog imports several files at once: choose a folder,
// then tick the files to import (Library → Import folder…).
func (u *UI) showImportFolderDialog() {
	if u.refuseReadOnly() || u.raiseDialog("import-folder") {
		return
	}
	// Dossier's own picker: Fyne's folder dialog took Esc and Enter only
	// until Tab focused its list (ui24's brief). It starts where a folder
	// was last imported from.
	u.chooseFolder(folderPick{name: "import-folder", title: "Import folder", action: "Import this folder",
		start: cmp.Or(u.app.Preferences().String(prefImportFolderDir), u.app.Preferences().String(prefImportFolder)), remember: prefImportFolderDir, chosen: u.chooseFilesIn})
}

// prefImportFolderDir remembers the folder Import folder… last listed.
const prefImportFolderDir = "import.folder-dir"

// chooseFilesIn lists the importable files in a folder with check boxes.
func (u *UI) chooseFilesIn(dir string) {
	u.work.run(func() func() {
		files := store.ImportableFiles([]string{dir})
		return func() {
			if len(files) == 0 {
				u.showInfo("Nothing to import",
					fmt.Sprintf("%s holds no files Dossier can import (%s).", dir, strings.Join(store.ImportExtensions(), ", ")))
				return
			}
			if u.raiseDialog("import-folder-files") {
				return
			}
			chosen := make(map[string]bool, len(files))
			var checks []fyne.CanvasObject
			for _, f := range files {
				chosen[f] = true
				rel, _ := filepath.Rel(dir, f)
				c := u.newCheckField(rel, func(on bool) { chosen[f] = on })
				c.SetChecked(true)
				checks = append(checks, c)
			}
			list := container.NewVScroll(container.NewVBox(checks...))
			list.SetMinSize(fyne.NewSize(420, 260))
			u.followFocusIn(list) // Tab down a long list
			u.showKeyed(keyedDialog{
				name: "import-folder-files", title: u.dialogTitle("Import from ", filepath.Base(dir), ""), ok: "Import", cancel: "Cancel", body: list,
				onOK: func() {
					var paths []string
					for _, f := range files {
						if chosen[f] {
							paths = append(paths, f)
						}
					}
					u.importPaths(paths)
				},
			})
		}
	})
}

// onDropped imports files (and the importable files inside folders, by
// store.Importable's rule) dropped on the window.
func (u *UI) onDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	if len(paths) == 0 {
		return
	}
	u.work.run(func() func() {
		files := store.ImportableFiles(paths)
		return func() {
			if len(files) == 0 {
				u.showInfo("Nothing to import",
					fmt.Sprintf("Dossier imports %s files.", strings.Join(store.ImportExtensions(), ", ")))
				return
			}
			u.importPaths(files)
		}
	})
}

// claimsPhaseHook, set by a test, runs in an import's worker once the
// files are done, before their claims are found.
var claimsPhaseHook func()

// importPaths imports files (and folders) off the UI goroutine, through the
// worker, with a progress dialog (current file, progress, cancel); then
// shows a summary and refreshes the library and the current search.
func (u *UI) importPaths(paths []string) {
	if len(paths) == 0 || u.refuseReadOnly() {
		return
	}
	st, gen := u.store()
	ctx, cancel := context.WithCancel(u.life) // quitting cancels it too
	// Cancel (or Esc) takes the progress away at once, while the import
	// stops at its next step and its summary follows: the window said
	// nothing meanwhile, as if the import were over (seen under Xvfb on
	// the Mueller report, whose claims phase ran on for seconds).
	finished := false
	stop := func() {
		cancel()
		// On the UI goroutine, where Cancel and Esc close it. (A test
		// closes it from a progress callback, which the test driver runs
		// on the worker: measuring the message there waited for the UI
		// goroutine that worker held.)
		if !finished && !onWorker() {
			u.status.setMessage("Stopping the import… what is stored so far stays; a summary follows.")
		}
	}
	view := newImportProgress(len(paths), u.win, stop)
	u.trackDialog("import-progress", view.dlg, nil, nil) // Esc cancels

	u.work.runWithProgress(func(report func(step func())) func() {
		var outcomes []importOutcome
		throttle := &progressThrottle{p: view, report: report}
		began := time.Now()
		var last importStatus
		files := len(paths)
		note, err := st.ImportFilesNoted(ctx, paths, func(o store.FileOutcome) {
			outcomes = append(outcomes, outcomeOf(o))
		}, func(p store.ImportProgress) {
			files = p.Files
			last = importStatus{name: filepath.Base(p.Path), pos: p.Index + 1, files: p.Files, fileBytes: p.FileBytes, filePassages: p.FilePassages,
				fileTotal: p.FileTotal, fileScanned: p.FileScanned, pagesRead: p.PagesRead, pages: p.Pages, done: p.BytesDone, total: p.BytesTotal, passages: p.Passages, merging: p.Merging, stored: p.Stored, elapsed: time.Since(began)}
			throttle.update(last, false)
		})
		if last.name != "" {
			throttle.update(last, true) // the last status, whatever the throttle held back
		}
		// Cancel during the index merge stops the merge only: every file
		// is in, and that is an import finished, not cancelled.
		cancelled := ctx.Err() != nil && len(outcomes) < files
		var claims claimsFound
		if claimsPhaseHook != nil {
			claimsPhaseHook()
		}
		if err == nil { // cancelled: it says how far it got
			claims = findClaims(ctx, st, newDocuments(outcomes), last, throttle)
		}
		// The file's note of the import stays until the claims are found
		// (a kill meanwhile is said at the next open), and past the
		// window's end (quitting, a SIGTERM) if that stopped it: no
		// summary tells of it then.
		if u.life.Err() != nil && (err != nil || claims.stopped || claims.err != nil) {
			note.Leave()
		} else {
			note.Done()
		}
		cancel()
		return func() {
			finished = true
			// Hiding runs the close callback, stop, which is harmless now.
			// (SetOnClosed(nil) would not remove it: Fyne chains callbacks,
			// and calling the nil one panicked after every import.)
			view.dlg.Hide()
			if !u.current(gen) {
				return
			}
			switch {
			case err != nil && !cancelled && len(outcomes) == 0:
				// A failure of the research file itself (locked, disk full,
				// damaged) is no file's fault: it is shown on its own.
				u.showError(err)
			case err != nil && !cancelled:
				// It stopped the import part-way: the files stored before
				// it are listed, then why the rest were not.
				u.showImportSummary(outcomes, files, false, claims, err)
			default:
				u.showImportSummary(outcomes, files, cancelled, claims, nil)
			}
			u.refreshLibrary()
			u.annotationsChanged()
			u.search.rerun()
		}
	})
}

// showImportSummary lists each file's outcome; stopped, if not nil, is the
// research file's failure that ended the import before the rest.
func (u *UI) showImportSummary(outcomes []importOutcome, asked int, cancelled bool, claims claimsFound, stopped error) {
	imported, failed := 0, 0
	lines := make([]string, 0, len(outcomes)+2)
	if stopped != nil { // first: below a long list it would go unseen
		lines = append(lines, "Stopped: "+stopped.Error())
	}
	// One file asked for, its outcome alone: the dialog's icon and title
	// say how it went.
	marked := len(outcomes) > 1 || asked > 1 || stopped != nil
	for _, o := range outcomes {
		lines = append(lines, o.line(marked))
		switch {
		case o.err != nil:
			failed++
		case !o.present:
			imported++
		}
	}
	if cancelled {
		lines = append(lines, fmt.Sprintf("Cancelled: %d of %d files were not imported.", asked-len(outcomes), asked))
	}
	if line := claims.String(); line != "" {
		lines = append(lines, line)
	}
	var backupFailed error
	if st, _ := u.store(); st != nil {
		backupFailed = st.TakeAutoBackupFailure()
	}
	if backupFailed != nil {
		lines = append(lines, "Warning: the documents are stored, but the automatic backup after this import failed: "+backupFailed.Error())
	}
	head := "Import"
	switch {
	case stopped != nil:
		head = "Import stopped"
	case cancelled: // it said "Import: 9 imported, …" of one cancelled part-way
		head = "Import cancelled"
	}
	u.status.setMessage(fmt.Sprintf("%s: %d imported, %d already present, %d failed.", head, imported, len(outcomes)-imported-failed, failed))
	label := widget.NewLabel("")
	label.Wrapping = fyne.TextWrapWord
	text := newBidiLabel(label) // a Hebrew or Arabic title reads right to left, each line in its own order
	text.quotesIsolated = true
	text.SetText(strings.Join(lines, "\n"))
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(summarySize(u.win, len(lines)))
	title, icon := "Import finished", widget.NewIcon(theme.ConfirmIcon())
	switch {
	case stopped != nil:
		title, icon = "Import stopped", widget.NewIcon(theme.ErrorIcon())
	case cancelled && failed > 0: // it said "Import finished with problems" (a hostile UI pass)
		title, icon = "Import cancelled, with problems", widget.NewIcon(theme.WarningIcon())
	case failed > 0:
		title, icon = "Import finished with problems", widget.NewIcon(theme.WarningIcon())
	case cancelled: // not a success: say so, without the tick
		title, icon = "Import cancelled", widget.NewIcon(theme.InfoIcon())
	case backupFailed != nil:
		title, icon = "Import finished, backup failed", widget.NewIcon(theme.WarningIcon())
	}
	u.showMessage(u.customDialog(title, "Close", container.NewBorder(nil, nil, container.NewVBox(icon), nil, scroll)))
}

// summarySize is the import summary's list: in text sizes, so that at the
// largest a line still holds a long file name and several lines show (a
// fixed 480 × 320 pixels broke names mid-word and showed one of twenty
// files), within most of the window.
func summarySize(w fyne.Window, lines int) fyne.Size {
	em := theme.TextSize()
	room := w.Canvas().Size()
	width := max(480, 36*em)
	height := max(min(2.2*em*float32(lines+1), 24*em), 60)
	if room.Width > 0 {
		width = min(width, room.Width*0.8)
		height = min(height, room.Height*0.6)
	}
	return fyne.NewSize(width, height)
}

// dialogSize makes file dialogs use most of the window.
func dialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(s.Width*0.85, 600), max(s.Height*0.85, 420))
}
