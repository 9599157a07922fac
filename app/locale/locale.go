// Package locale gives Fyne a locale it can parse when the environment has
// none (LANG unset, C or POSIX — common in terminals, services and CI).
// Fyne reads the locale while its packages initialise and logs an error for
// "C"; Go initialises packages in import-path order once their dependencies
// are ready, so this package (dossier/… sorts before fyne.io/…, and it needs
// only os) runs first when main imports it.
package locale

import (
	"os"
	"strings"
)

func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		val := os.Getenv(v)
		if val == "" {
			continue
		}
		base, _, _ := strings.Cut(val, ".")
		if base != "C" && base != "POSIX" {
			return // a real locale: leave it alone
		}
		os.Setenv(v, "en_US.UTF-8")
	}
	if os.Getenv("LANG") == "" {
		os.Setenv("LANG", "en_US.UTF-8")
	}
}
