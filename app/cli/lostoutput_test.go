package cli_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"dossier/app/cli"
)

// fullWriter fails every write, as standard output on a full disk or
// /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// A command whose output cannot be written fails and says so: the
// listings (search, docs, tags, claims, backups, check) exited 0 with
// their output lost, so `dossier search x > hits.txt` on a full disk
// "succeeded" with an empty file; only --json and export said so. Found
// by a hostile pass (`dossier search putin > /dev/full; echo $?`).
func TestLostOutputFails(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs") // makes the file, with the built-in article
	for _, args := range [][]string{
		{"search", "putin"}, {"docs"}, {"tags"}, {"claims"}, {"backups"}, {"check"},
		{"search", "--json", "putin"}, {"export", "--format", "csv"},
	} {
		var errOut bytes.Buffer
		code := cli.Run(db, args, seed, fullWriter{}, &errOut)
		if code != cli.ExitError || !strings.Contains(errOut.String(), "no space left on device") {
			t.Errorf("%v with its output lost: exit %d, stderr %q; want exit %d and the failure said", args, code, errOut.String(), cli.ExitError)
		}
	}
}
