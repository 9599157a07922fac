package app

import (
	"context"
	"fmt"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// showAbout shows Help → About: what this build is (version, build, commit,
// Go and SQLite versions), the open research file, and the licences of what
// is bundled in a scrollable view. The SQLite version is asked of the store,
// off the UI goroutine.
func (u *UI) showAbout() {
	if u.raiseDialog("about") {
		return
	}
	st, _ := u.store()
	u.work.run(func() func() {
		sqlite, err := st.SQLiteVersion(context.Background())
		if err != nil {
			sqlite = "unknown (" + err.Error() + ")"
		}
		return func() {
			if u.raiseDialog("about") { // asked twice while the store answered
				return
			}
			u.aboutDialog(aboutText(u.opts, sqlite, runtime.Version(), st.Path()))
		}
	})
}

// aboutText is the dialog's top part.
func aboutText(o Options, sqlite, goVersion, path string) string {
	build, commit := o.Build, o.Commit
	if build == "" {
		build = "development"
	}
	if commit == "" {
		commit = "unknown"
	}
	return fmt.Sprintf("Dossier %s (build %s, commit %s)\n\n"+
		"An offline research desk for reading, searching and annotating reports.\n\n"+
		"Go %s · SQLite %s\n\nResearch file:\n%s",
		o.Version, build, commit, strings.TrimPrefix(goVersion, "go"), sqlite, path)
}

func (u *UI) aboutDialog(text string) {
	info := widget.NewLabel(text)
	info.Wrapping = fyne.TextWrapWord
	licences := u.opts.Licences
	if licences == "" {
		licences = "The licence texts are not part of this build."
	}
	// A read-only multi-line entry scrolls by itself and lets the user
	// select and copy a licence.
	lic := widget.NewMultiLineEntry()
	lic.SetText(licences)
	lic.Wrapping = fyne.TextWrapWord
	lic.TextStyle = fyne.TextStyle{Monospace: true}
	lic.Disable()
	body := container.NewBorder(container.NewVBox(info, widget.NewLabelWithStyle("Licences of bundled software", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})), nil, nil, nil, lic)
	d := u.customDialog("About Dossier", "Close", atLeast(640, 480, body))
	u.trackDialog("about", d, d.Hide, nil)
}
