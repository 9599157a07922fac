package cli_test

import (
	"os"
	"strings"
	"testing"

	"dossier/app/cli"
)

// Every command's -h or --help prints its usage and exits 0, opening no
// research file: import took "--help" for a file to import, after making
// the default research file to put it in; restore took it for a backup's
// name; search said "flag: help requested" and no usage (a researcher's
// pass). "help COMMAND" says the same. After "--", "--help" is an argument.
func TestEveryCommandHasItsHelp(t *testing.T) {
	for _, cmd := range []string{"import", "search", "docs", "tags", "claims", "export", "backup", "backups", "check", "recover", "restore"} {
		for _, args := range [][]string{{cmd, "--help"}, {cmd, "-h"}, {cmd, "x", "-help"}, {"help", cmd},
			// Every form Go's flag package reads as help: "--help=1" said
			// "flag: help requested", exit 2, without the usage.
			{cmd, "--help=1"}, {cmd, "-h=true"}, {cmd, "--h"}, {cmd, "-help=false"}, {cmd, "x", "--help="}} {
			db := newDB(t)
			r := run(t, db, args...)
			if r.code != 0 || !strings.Contains(r.stdout, "dossier [--db FILE] "+cmd+" ") || r.stderr != "" {
				t.Errorf("dossier %s: exit %d, stdout %q, stderr %q; want its usage", strings.Join(args, " "), r.code, r.stdout, r.stderr)
			}
			if strings.Contains(r.stdout, "start the window") {
				t.Errorf("dossier %s printed every command's usage", strings.Join(args, " "))
			}
			if _, err := os.Stat(db); err == nil {
				t.Errorf("dossier %s made the research file", strings.Join(args, " "))
			}
		}
	}
	db := newDB(t)
	if r := run(t, db, "import", "--", "--help"); r.code == 0 || !strings.Contains(r.stdout+r.stderr, "--help: no such file") {
		t.Errorf("import -- --help: exit %d, %q %q; want the file --help not found", r.code, r.stdout, r.stderr)
	}
}

// help of a command there is not (misspelt) says so and fails: it printed
// every command's usage and exited 0, as if it were the one asked for.
func TestHelpOfAnUnknownCommandSaysSo(t *testing.T) {
	db := newDB(t)
	r := run(t, db, "help", "imprt")
	if r.code != cli.ExitUsage || !strings.Contains(r.stderr, `unknown command "imprt"`) {
		t.Errorf("dossier help imprt: exit %d, stderr %q; want unknown command, exit %d", r.code, r.stderr, cli.ExitUsage)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("dossier help imprt made the research file")
	}
	if r := run(t, db, "help"); r.code != cli.ExitOK {
		t.Errorf("dossier help: exit %d", r.code)
	}
}
