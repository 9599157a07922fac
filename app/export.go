package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// exportFormat is one way of writing the user's work out.
type exportFormat struct {
	label, ext string
	write      func(st *store.Store, ctx context.Context, w io.Writer, query string) (store.ExportCounts, error)
}

var exportFormats = []exportFormat{
	{"Markdown report (.md)", ".md", exportAs(store.ExportMarkdownFormat)},
	{"Markdown by actor and source (.md)", ".md", exportAs(store.ExportMarkdownByTagFormat)},
	{"Spreadsheet (.csv)", ".csv", exportAs(store.ExportCSVFormat)},
	{"Bundle to import elsewhere (.json)", ".json", exportAs(store.ExportJSONFormat)},
}

func exportAs(f store.ExportFormat) func(*store.Store, context.Context, io.Writer, string) (store.ExportCounts, error) {
	return func(st *store.Store, ctx context.Context, w io.Writer, query string) (store.ExportCounts, error) {
		return st.Export(ctx, w, f, query)
	}
}

// showExportDialog exports bookmarks and tags (all, or those on the current
// search's passages) as Markdown, CSV or a JSON bundle.
func (u *UI) showExportDialog() {
	if u.raiseDialog("export") || u.refuseWhileOpening() {
		return
	}
	if u.broken != nil {
		// The empty stand-in's work: it wrote "no research file
		// open-DATE.md", "no bookmarks, tags or claims yet", while the
		// research file was still opening (a hostile UI pass).
		u.status.setMessage("No research file is open to export from.")
		return
	}
	var labels []string
	for _, f := range exportFormats {
		labels = append(labels, f.label)
	}
	format := u.newRadioField(labels, labels[0])
	q := u.shownQuery()
	// A choice does not wrap: the whole search quoted in one, or the
	// bundle's longer label ("Annotation bundle for backup or another
	// research file"), ran the dialog past the window's edge at the
	// largest text (a UI pass). The search is quoted, cut short, below.
	scopes := []string{"All bookmarks, tags and claims"}
	body := container.NewVBox()
	if q != "" {
		scopes = append(scopes, "Only passages matching the search")
	}
	scope := u.newRadioField(scopes, scopes[0])
	body.Add(widget.NewForm(
		widget.NewFormItem("Format", format),
		widget.NewFormItem("Include", scope),
	))
	var spare fyne.CanvasObject // not a nil *widget.Label: a non-nil interface
	if q != "" {
		search := widget.NewLabel(fmt.Sprintf("The search: “%s”", clipRunes(q, 28)))
		search.Importance = widget.LowImportance
		body.Add(search)
		spare = search
	}
	u.showKeyed(keyedDialog{
		name: "export", title: "Export your work", ok: "Choose file…", cancel: "Cancel",
		body:  body,
		spare: spare, // the search box, behind the dialog, shows it too
		onOK: func() {
			var f exportFormat
			for _, ef := range exportFormats {
				if ef.label == format.Selected {
					f = ef
				}
			}
			query := ""
			if scope.Selected != scopes[0] {
				query = q
			}
			u.chooseExportFile(f, query)
		},
	})
}

func (u *UI) chooseExportFile(f exportFormat, query string) {
	base := strings.TrimSuffix(filepath.Base(u.CurrentStore().Path()), filepath.Ext(u.CurrentStore().Path()))
	u.chooseSavePath(saveRequest{
		name: "export-file", title: "Export to", action: "Export",
		fileName: fmt.Sprintf("%s-%s%s", base, time.Now().Format("2006-01-02"), f.ext), ext: f.ext,
		overwrite: true,
		check:     u.CurrentStore().CheckOutput,
		done:      func(path string) { u.writeExport(f, query, path) },
	})
}

// writeExport writes the export to path off the UI goroutine, through a
// hidden file renamed into place once complete (a failed export used to
// leave the file it replaced truncated), then reports on the status bar, or
// in a dialog if it failed or met a damaged research file.
func (u *UI) writeExport(f exportFormat, query, path string) {
	st, _ := u.store()
	name := filepath.Base(path)
	u.status.setMessage("Exporting to " + name + "…")
	u.work.run(func() func() {
		// Never over the research file, its side files or another one
		// (checked again here: the dialog's check was before "Replace
		// it?", which may have waited). Off the UI goroutine: it reads
		// the file, which may sit on a slow or hung disk.
		if err := st.CheckOutput(path); err != nil {
			return func() {
				u.status.setMessage("Nothing was exported to " + name)
				u.showError(err)
			}
		}
		var problems *store.ExportProblems
		var counts store.ExportCounts
		werr := store.WriteAtomically(context.Background(), path, func(ctx context.Context, w io.Writer) error {
			var err error
			counts, err = f.write(st, ctx, w, query)
			if errors.As(err, &problems) {
				return nil // a damaged research file: written as far as it can be read, the problems shown below
			}
			return err
		})
		return func() {
			if werr != nil {
				u.status.setMessage("Export to " + name + " failed; nothing was written")
				u.showError(fmt.Errorf("export to %s failed: %w", name, werr))
				return
			}
			// What it held: "Exported to …" alone read as if something
			// had been, for a search matching none of the work.
			u.status.setMessageNaming("Exported "+counts.To(path, query != ""), path)
			if problems != nil {
				list := problems.Problems
				if len(list) > 8 {
					list = append(list[:8:8], fmt.Sprintf("… and %d more", len(problems.Problems)-8))
				}
				u.showInfo("Exported, with problems",
					fmt.Sprintf("The research file is damaged; this was exported as far as it could be read:\n\n%s",
						strings.Join(list, "\n")))
			}
		}
	})
}

// clipRunes is s cut to n runes, with "…" where it was cut.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}
