package cli

import (
	"fmt"
	"io"
	"strings"
)

// wantsHelp says whether a command's arguments ask for its help: -h, -help
// or --help (see helpFlag) before a "--". Each command read it its own way: import took
// "--help" for a file, after making the default research file to put it in
// (a researcher's pass), restore for a backup's name, search said "flag:
// help requested" without its usage.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		}
		if helpFlag(a) {
			return true
		}
	}
	return false
}

// WantsHelp says whether a command's arguments (its name left out) ask for
// its help, as Run reads them.
func WantsHelp(args []string) bool { return wantsHelp(args) }

// helpFlag says whether a is a help flag in any form Go's flag package
// reads as one: -h, --h, -help, --help, each also with "=VALUE" (it asks
// for help whatever the value). "--help=1" was read by the command's own
// flags: "flag: help requested", exit 2, and no usage (a hostile pass).
func helpFlag(a string) bool {
	name, ok := strings.CutPrefix(a, "-")
	if !ok {
		return false
	}
	name = strings.TrimPrefix(name, "-")
	name, _, _ = strings.Cut(name, "=")
	return name == "h" || name == "help"
}

// commandUsage writes the usage lines of cmd (its entries in the whole
// usage, each with the lines continuing it) to w; false if it has none.
func commandUsage(w io.Writer, cmd string) bool {
	var all strings.Builder
	Usage(&all)
	var out []string
	in := false
	for _, line := range strings.Split(all.String(), "\n") {
		switch {
		case strings.HasPrefix(line, "  dossier "):
			fields := strings.Fields(strings.TrimPrefix(line, "  dossier [--db FILE] "))
			in = strings.HasPrefix(line, "  dossier [--db FILE] ") && len(fields) > 0 && fields[0] == cmd
		case !strings.HasPrefix(line, "    "): // not a continuation
			in = false
		}
		if in {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		return false
	}
	fmt.Fprintf(w, "Usage:\n%s\n\nThe research file: --db FILE, else $DOSSIER_DB, else the default (see dossier --help).\n", strings.Join(out, "\n"))
	return true
}
