package main

import (
	"fmt"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"dossier/app"
	"dossier/app/cli"
	"dossier/assets"
	"dossier/store"
)

// version is set at build time (-ldflags "-X main.version=…").
var version = "0.2.0"

// runGUI opens the research file and shows the window. Unless the user chose
// a file, the last one used is reopened; if it cannot be, the default file is
// used and the problem is shown once the window is up.
func runGUI(dbPath string, explicit bool) int {
	if noDisplay(runtime.GOOS, os.Getenv, x11Reachable) {
		fmt.Fprintln(os.Stderr, noDisplayMessage)
		return cli.ExitError
	}
	a := fyneapp.NewWithID("io.github.dossier")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	prefs := a.Preferences()

	path := dbPath
	if last := prefs.String("file.last"); !explicit && last != "" {
		path = last
	}
	st, err := openStore(path)
	var openErr error
	if err != nil && path != dbPath {
		openErr = err
		st, err = openStore(dbPath)
	}
	// A file that cannot be opened (damaged, say) still gets the window,
	// on an empty stand-in, with a banner offering the ways out.
	var broken *app.BrokenFile
	if err != nil {
		broken = &app.BrokenFile{Path: dbPath, Err: err}
		var cleanup func()
		if st, cleanup, err = app.OpenStandIn(); err != nil {
			fmt.Fprintf(os.Stderr, "dossier: %v\n", broken.Err)
			return cli.ExitError
		}
		defer cleanup()
	}

	w := a.NewWindow("Dossier")
	w.Resize(fyne.NewSize(
		float32(prefs.FloatWithFallback("window.width", 1280)),
		float32(prefs.FloatWithFallback("window.height", 800))))
	ui := app.New(a, w, st, app.Options{
		OpenStore: openStore,
		Version:   version,
		Broken:    broken,
	})
	w.SetCloseIntercept(func() {
		ui.Close()
		w.Close()
	})
	if openErr != nil {
		dialog.ShowError(fmt.Errorf("the last research file could not be opened, so the default one is open instead:\n%w", openErr), w)
	}
	w.ShowAndRun()
	return cli.ExitOK
}

// openStore opens a research file for the window, which (unlike the
// command line) keeps automatic backups.
func openStore(path string) (*store.Store, error) {
	st, err := cli.OpenStore(path)
	if err == nil {
		st.EnableAutoBackups()
	}
	return st, err
}
