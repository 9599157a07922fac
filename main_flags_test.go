package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

// The global flags decide the research file and whether a subcommand or
// the window runs.
func TestParseGlobal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.dossier")
	var stderr bytes.Buffer
	g, _, ok := parseGlobal([]string{"--db", db, "-psn_0_12345"}, &stderr)
	if !ok || g.path != db || !g.explicit || len(g.rest) != 0 {
		t.Errorf("--db with Finder's -psn: %+v ok=%v %s", g, ok, stderr.String())
	}
	g, _, ok = parseGlobal([]string{"--db", db, "search", "--json", "kilimnik"}, &stderr)
	if !ok || !slices.Equal(g.rest, []string{"search", "--json", "kilimnik"}) {
		t.Errorf("subcommand: %+v ok=%v", g, ok)
	}

	t.Setenv("DOSSIER_DB", db)
	if g, _, ok = parseGlobal(nil, &stderr); !ok || g.path != db || !g.explicit {
		t.Errorf("DOSSIER_DB: %+v ok=%v", g, ok)
	}
	t.Setenv("DOSSIER_DB", "")
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	def, _ := store.DefaultPath()
	if g, _, ok = parseGlobal(nil, &stderr); !ok || g.path != def || g.explicit {
		t.Errorf("default: %+v ok=%v, want %q", g, ok, def)
	}

	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--nope"}, cli.ExitUsage},
		{[]string{"-h"}, cli.ExitOK},
		{[]string{"--help"}, cli.ExitOK},
	} {
		stderr.Reset()
		if _, code, ok := parseGlobal(tc.args, &stderr); ok || code != tc.code || !strings.Contains(stderr.String(), "Usage:") {
			t.Errorf("%q: ok=%v code %d, want %d with usage\n%s", tc.args, ok, code, tc.code, stderr.String())
		}
	}
}
