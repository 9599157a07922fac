package cli_test

import (
	"os"
	"strings"
	"testing"
)

// Every command's -h or --help prints its usage and exits 0, opening no
// research file: import took "--help" for a file to import, after making
// the default research file to put it in; restore took it for a backup's
// name; search said "flag: help requested" and no usage (a researcher's
// pass). "help COMMAND" says the same. After "--", "--help" is an argument.
func TestEveryCommandHasItsHelp(t *testing.T) {
	for _, cmd := range []string{"import", "search", "docs", "tags", "claims", "export", "backup", "backups", "check", "recover", "restore"} {
		for _, args := range [][]string{{cmd, "--help"}, {cmd, "-h"}, {cmd, "x", "-help"}, {"help", cmd}} {
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
