// Dossier is an offline desktop research app for reading, searching and
// annotating report texts. With no arguments it opens the window; with a
// subcommand it works from the command line (see app/cli).
package main

import (
	"os"

	"dossier/app/cli"
	_ "dossier/app/locale" // before Fyne's packages read the locale
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, runGUI))
}
