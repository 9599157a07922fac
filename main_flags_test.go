package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
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

// A double-clicked research file arrives as a lone argument: it opens in
// the window as if given with --db. Subcommands keep their meaning.
func TestParseGlobalResearchFileArg(t *testing.T) {
	t.Setenv("DOSSIER_DB", "")
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := t.TempDir()
	var stderr bytes.Buffer

	newFile := filepath.Join(dir, "Case Notes.DOSSIER") // need not exist yet
	g, _, ok := parseGlobal([]string{newFile}, &stderr)
	if !ok || g.path != newFile || !g.explicit || len(g.rest) != 0 {
		t.Errorf(".dossier argument: %+v ok=%v %s", g, ok, stderr.String())
	}

	other := filepath.Join(dir, "research.db") // an existing file, any name
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if g, _, ok = parseGlobal([]string{other}, &stderr); !ok || g.path != other || !g.explicit || len(g.rest) != 0 {
		t.Errorf("existing file argument: %+v ok=%v", g, ok)
	}

	// Several (a file manager's %F): the first opens, and the user is told.
	stderr.Reset()
	if g, _, ok = parseGlobal([]string{newFile, other}, &stderr); !ok || g.path != newFile || len(g.rest) != 0 || !strings.Contains(stderr.String(), "one research file at a time") {
		t.Errorf("two research files: %+v ok=%v %q", g, ok, stderr.String())
	}

	// Not research files: a subcommand (even with a file of that name in
	// the current folder), a missing file without the suffix, a folder,
	// and a research file with --db given too.
	t.Chdir(dir)
	if err := os.WriteFile("search", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"search"},
		{"docs"},
		{filepath.Join(dir, "missing.db")},
		{dir},
		{"--db", other, "x.dossier"},
		{newFile, "extra"},
	} {
		g, _, ok := parseGlobal(args, &stderr)
		if !ok || len(g.rest) == 0 {
			t.Errorf("%q: taken as a research file: %+v ok=%v", args, g, ok)
		}
	}
}

// The version compiled in by default is FyneApp.toml's, the one place the
// release version is set (scripts/package stamps the same value).
func TestVersionMatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no Version in FyneApp.toml")
	}
	if string(m[1]) != version {
		t.Errorf("main.version %q, FyneApp.toml Version %q", version, m[1])
	}
}

// A chosen research file in a folder that does not exist is refused rather
// than made, folder and all (a mistyped path looked like a lost library).
func TestParseGlobalRefusesAMissingFolder(t *testing.T) {
	t.Setenv("DOSSIER_DB", "")
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	db := filepath.Join(missing, "r.dossier")
	for _, args := range [][]string{{"--db", db, "docs"}, {"--db", db}, {db}} {
		var stderr bytes.Buffer
		_, code, ok := parseGlobal(args, &stderr)
		if ok || code != cli.ExitError || !strings.Contains(stderr.String(), "there is no folder "+missing) {
			t.Errorf("%q: ok=%v code %d: %s", args, ok, code, stderr.String())
		}
	}
	t.Setenv("DOSSIER_DB", db)
	var stderr bytes.Buffer
	if _, _, ok := parseGlobal([]string{"docs"}, &stderr); ok || !strings.Contains(stderr.String(), "there is no folder") {
		t.Errorf("DOSSIER_DB in a missing folder: ok=%v %s", ok, stderr.String())
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("the missing folder was made: %v", err)
	}
}

// The folder checked is the one the file would be made in, links
// followed: through "link/../new" and a link into a missing folder, the
// folders were made (found by a hostile pass).
func TestParseGlobalRefusesAMissingFolderThroughALink(t *testing.T) {
	t.Setenv("DOSSIER_DB", "")
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "real", "deep"), 0o755)
	os.Mkdir(filepath.Join(dir, "new"), 0o755) // beside the link, not where ".." leads
	if err := os.Symlink(filepath.Join("real", "deep"), filepath.Join(dir, "sl")); err != nil {
		t.Skip(err)
	}
	dangling := filepath.Join(dir, "dl.dossier")
	os.Symlink(filepath.Join("missing", "sub", "x.dossier"), dangling)
	for _, db := range []string{dir + "/sl/../new/x.dossier", dangling} {
		var stderr bytes.Buffer
		if _, code, ok := parseGlobal([]string{"--db", db, "docs"}, &stderr); ok || code != cli.ExitError || !strings.Contains(stderr.String(), "there is no folder") {
			t.Errorf("--db %s: ok=%v code %d: %s", db, ok, code, stderr.String())
		}
	}
	for _, made := range []string{filepath.Join(dir, "real", "new"), filepath.Join(dir, "missing")} {
		if _, err := os.Stat(made); !os.IsNotExist(err) {
			t.Errorf("%s was made: %v", made, err)
		}
	}
}

// An empty --db (an unset shell variable, say) is refused: it quietly meant
// the default research file, made if missing.
func TestParseGlobalRefusesAnEmptyDB(t *testing.T) {
	t.Setenv("DOSSIER_DB", "")
	for _, args := range [][]string{{"--db", "", "docs"}, {"--db=", "docs"}, {"--db", " "}} {
		var stderr bytes.Buffer
		_, code, ok := parseGlobal(args, &stderr)
		if ok || code != cli.ExitUsage || !strings.Contains(stderr.String(), "--db needs the name of a research file") {
			t.Errorf("%q: ok=%v code %d: %s", args, ok, code, stderr.String())
		}
	}
}

// --db after the subcommand names the research file, as before it does:
// "dossier import --db F doc" reported "--db" and F as missing documents
// and imported doc into the default research file (found by a UI pass).
// Given twice with different files, it is refused; after "--" it is the
// subcommand's.
func TestParseGlobalDBAfterTheSubcommand(t *testing.T) {
	t.Setenv("DOSSIER_DB", "")
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := t.TempDir()
	db, other := filepath.Join(dir, "r.dossier"), filepath.Join(dir, "o.dossier")
	var stderr bytes.Buffer
	for _, args := range [][]string{
		{"import", "--db", db, "doc.txt"},
		{"import", "doc.txt", "--db=" + db},
		{"--db", db, "import", "-db", db, "doc.txt"},
		{"--db", db, "--db", db, "import", "doc.txt"},
	} {
		g, _, ok := parseGlobal(args, &stderr)
		if !ok || g.path != db || !g.explicit || !slices.Equal(g.rest, []string{"import", "doc.txt"}) {
			t.Errorf("%q: %+v ok=%v %s", args, g, ok, stderr.String())
		}
	}
	for _, args := range [][]string{
		{"--db", db, "import", "--db", other, "doc.txt"},
		{"import", "--db", db, "--db", other, "doc.txt"},
		{"import", "doc.txt", "--db"},
		// Both before the subcommand: the last one won, quietly (found by
		// a hostile pass).
		{"--db", db, "--db", other, "import", "doc.txt"},
		{"--db=" + db, "-db=" + other, "docs"},
	} {
		stderr.Reset()
		if _, code, ok := parseGlobal(args, &stderr); ok || code != cli.ExitUsage || !strings.Contains(stderr.String(), "--db") {
			t.Errorf("%q: ok=%v code %d: %s", args, ok, code, stderr.String())
		}
	}
	// One file named two ways is one file ("--db a --db ./a" was refused
	// as two; the review of the last session).
	t.Chdir(dir)
	for _, args := range [][]string{
		{"--db", db, "--db", "./r.dossier", "import", "doc.txt"},
		{"--db", "r.dossier", "import", "--db", "./r.dossier", "doc.txt"},
		{"import", "--db", "r.dossier", "--db=" + filepath.Join("..", filepath.Base(dir), "r.dossier"), "doc.txt"},
	} {
		stderr.Reset()
		g, _, ok := parseGlobal(args, &stderr)
		if abs, _ := filepath.Abs(g.path); !ok || abs != db || !slices.Equal(g.rest, []string{"import", "doc.txt"}) {
			t.Errorf("%q: %+v ok=%v %s", args, g, ok, stderr.String())
		}
	}
	g, _, ok := parseGlobal([]string{"--db", db, "search", "--", "--db"}, &stderr)
	if !ok || !slices.Equal(g.rest, []string{"search", "--", "--db"}) {
		t.Errorf("after --: %+v ok=%v", g, ok)
	}
}

// "import --help --db" asks for the help, which needs no research file: it
// said "--db needs the name of a research file" (data17's L4). Without the
// help, a --db with no name is still refused.
func TestParseGlobalHelpBeforeADanglingDB(t *testing.T) {
	t.Setenv("DOSSIER_DB", "")
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	for _, args := range [][]string{{"import", "--help", "--db"}, {"search", "-h", "x", "--db"}, {"help", "import", "--db"}} {
		var stderr bytes.Buffer
		g, code, ok := parseGlobal(args, &stderr)
		if !ok || !slices.Equal(g.rest, args[:len(args)-1]) {
			t.Fatalf("%q: ok=%v code %d, rest %q: %s", args, ok, code, g.rest, stderr.String())
		}
		var out, errOut bytes.Buffer
		if code := cli.Run(g.path, g.rest, store.Seed{}, &out, &errOut); code != cli.ExitOK || !strings.Contains(out.String(), "dossier [--db FILE] "+strings.Replace(args[0], "help", "import", 1)) {
			t.Errorf("%q: exit %d, %q %q", args, code, out.String(), errOut.String())
		}
		if _, err := os.Stat(g.path); err == nil {
			t.Errorf("%q made %s", args, g.path)
		}
	}
	for _, args := range [][]string{{"import", "a.txt", "--db"}, {"import", "--help", "--db", "a.dossier", "--db", "b.dossier"}} {
		var stderr bytes.Buffer
		if _, code, ok := parseGlobal(args, &stderr); ok || code != cli.ExitUsage || !strings.Contains(stderr.String(), "--db ") {
			t.Errorf("%q: ok=%v code %d: %s", args, ok, code, stderr.String())
		}
	}
}
