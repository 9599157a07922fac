package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/ingest"
)

// importOutcome is what happened to one file.
type importOutcome struct {
	path     string
	title    string
	passages int
	present  bool
	bundle   string // an annotation bundle's restore report
	err      error
}

func (o importOutcome) String() string {
	name := filepath.Base(o.path)
	switch {
	case o.err != nil:
		msg := o.err.Error()
		if e, ok := o.err.(*ingest.Error); ok {
			msg = e.Reason
		}
		return fmt.Sprintf("✗ %s — %s", name, msg)
	case o.bundle != "":
		return fmt.Sprintf("✓ %s — annotation bundle: %s", name, o.bundle)
	case o.present:
		return fmt.Sprintf("= %s — already in the library as “%s”", name, o.title)
	}
	return fmt.Sprintf("✓ %s — imported “%s” with %s", name, o.title, plural(o.passages, "passage"))
}

// showImportFolderDialog imports several files at once: choose a folder,
// then tick the files to import (File → Import folder…).
func (u *UI) showImportFolderDialog() {
	if u.refuseReadOnly() || u.raiseDialog("import-folder") {
		return
	}
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if dir == nil {
			return
		}
		u.chooseFilesIn(dir.Path())
	}, u.win)
	d.Resize(dialogSize(u.win))
	u.trackDialog("import-folder", d, nil, nil)
}

// chooseFilesIn lists the importable files in a folder with check boxes.
func (u *UI) chooseFilesIn(dir string) {
	u.work.run(func() func() {
		files := importableFiles([]string{dir})
		return func() {
			if len(files) == 0 {
				u.showInfo("Nothing to import",
					fmt.Sprintf("%s holds no files Dossier can import (%s).", dir, strings.Join(ingest.Supported(), ", ")))
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
			u.showKeyed(keyedDialog{
				name: "import-folder-files", title: fmt.Sprintf("Import from %s", filepath.Base(dir)), ok: "Import", cancel: "Cancel", body: list,
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

// onDropped imports files (and the importable files inside folders) dropped
// on the window.
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
		files := importableFiles(paths)
		return func() {
			if len(files) == 0 {
				u.showInfo("Nothing to import",
					fmt.Sprintf("Dossier imports %s files.", strings.Join(ingest.Supported(), ", ")))
				return
			}
			u.importPaths(files)
		}
	})
}

// importableFiles expands folders (one level deep and below) into the files
// Dossier can import; plain files are kept as given so that unsupported ones
// get a clear error in the summary.
func importableFiles(paths []string) []string {
	supported := map[string]bool{}
	for _, ext := range ingest.Supported() {
		supported[ext] = true
	}
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			out = append(out, p)
			continue
		}
		filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && supported[strings.ToLower(filepath.Ext(path))] {
				out = append(out, path)
			}
			return nil
		})
	}
	sort.Strings(out)
	return out
}

// importPaths imports files off the UI goroutine with a progress dialog
// (current file, progress, cancel), then shows a summary and refreshes the
// library and the current search.
func (u *UI) importPaths(paths []string) {
	if len(paths) == 0 || u.refuseReadOnly() {
		return
	}
	st, gen := u.store()
	ctx, cancel := context.WithCancel(context.Background())
	view := newImportProgress(len(paths), u.win, cancel)
	u.trackDialog("import-progress", view.dlg, nil, nil) // Esc cancels

	u.work.hold()
	go func() {
		defer u.work.release()
		outcomes := make([]importOutcome, 0, len(paths))
		sizes, total := fileSizes(paths)
		throttle := &progressThrottle{p: view}
		began := time.Now()
		var last importStatus
		show := func(pos int, file store.ImportProgress, done int64, passages int) {
			last = importStatus{name: filepath.Base(paths[pos]), pos: pos + 1, files: len(paths), fileBytes: sizes[pos], filePassages: file.FilePassages,
				fileTotal: file.FileTotal, fileScanned: file.FileScanned, done: done, total: total, passages: passages, elapsed: time.Since(began)}
			throttle.update(last, false)
		}
		// Documents go to the store in runs, which it batches for speed; an
		// annotation bundle is restored in its place in the order. done and
		// passages count what the runs and bundles before have finished.
		var (
			run      []string
			runIndex []int // each run file's position in paths
			done     int64
			passages int
		)
		// A failure of the research file itself (locked, disk full) is no
		// file's fault: it stops the import and is shown on its own.
		var fileErr error
		importRun := func() {
			if len(run) == 0 {
				return
			}
			var stored int
			err := st.ImportFilesProgress(ctx, run, func(o store.FileOutcome) {
				res := o.Result
				outcomes = append(outcomes, importOutcome{path: o.Path, title: res.Title, passages: res.Passages, present: res.AlreadyPresent, err: o.Err})
			}, func(p store.ImportProgress) {
				stored = p.Passages
				show(runIndex[p.Index], p, done+p.BytesDone, passages+stored)
			})
			if store.IsFileError(err) {
				fileErr = err
			}
			for _, i := range runIndex {
				done += sizes[i]
			}
			passages += stored
			run, runIndex = run[:0], runIndex[:0] // on cancel, ImportFiles reports only what it stored
		}
		for i, p := range paths {
			if ctx.Err() != nil || fileErr != nil {
				break
			}
			data, ok, err := store.ReadBundleFile(p)
			if !ok {
				run, runIndex = append(run, p), append(runIndex, i)
				continue
			}
			importRun()
			if ctx.Err() != nil || fileErr != nil {
				break
			}
			show(i, store.ImportProgress{}, done, passages)
			var report string
			if err == nil {
				report, err = restoreBundle(ctx, st, data)
			}
			if store.IsFileError(err) {
				fileErr = err
				break
			}
			outcomes = append(outcomes, importOutcome{path: p, bundle: report, err: err})
			done += sizes[i]
			show(i, store.ImportProgress{}, done, passages)
		}
		if ctx.Err() == nil && fileErr == nil {
			importRun()
		}
		if last.name != "" {
			throttle.update(last, true) // the last status, whatever the throttle held back
		}
		cancelled := ctx.Err() != nil
		cancel()
		fyne.Do(func() {
			// Hiding runs the close callback, cancel, which is harmless now.
			// (SetOnClosed(nil) would not remove it: Fyne chains callbacks,
			// and calling the nil one panicked after every import.)
			view.dlg.Hide()
			if !u.current(gen) {
				return
			}
			if fileErr != nil {
				u.showError(fileErr)
			} else {
				u.showImportSummary(outcomes, len(paths), cancelled)
			}
			u.refreshLibrary()
			u.annotationsChanged()
			u.search.rerun()
		})
	}()
}

// restoreBundle restores a bundle and describes what changed.
func restoreBundle(ctx context.Context, st *store.Store, data []byte) (report string, err error) {
	rep, err := st.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	return rep.String(), nil
}

// showImportSummary lists each file's outcome.
func (u *UI) showImportSummary(outcomes []importOutcome, asked int, cancelled bool) {
	imported, failed := 0, 0
	lines := make([]string, 0, len(outcomes)+1)
	for _, o := range outcomes {
		lines = append(lines, o.String())
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
	u.status.setMessage(fmt.Sprintf("Import: %d imported, %d already present, %d failed.", imported, len(outcomes)-imported-failed, failed))
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(480, min(float32(60+28*len(lines)), 320)))
	title, icon := "Import finished", widget.NewIcon(theme.ConfirmIcon())
	switch {
	case failed > 0:
		title, icon = "Import finished with problems", widget.NewIcon(theme.WarningIcon())
	case cancelled: // not a success: say so, without the tick
		title, icon = "Import cancelled", widget.NewIcon(theme.InfoIcon())
	}
	u.showMessage(u.customDialog(title, "Close", container.NewBorder(nil, nil, container.NewVBox(icon), nil, scroll)))
}

// dialogSize makes file dialogs use most of the window.
func dialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(s.Width*0.85, 600), max(s.Height*0.85, 420))
}
