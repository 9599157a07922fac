// Dossier is an offline desktop research app for reading, searching and
// annotating report texts. With no arguments it opens the window; with a
// subcommand it works from the command line (see app/cli).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dossier/app"
	"dossier/app/cli"
	_ "dossier/app/locale" // before Fyne's packages read the locale
	"dossier/assets"
	"dossier/store"
)

// What this build is, set at build time by scripts/package (-ldflags
// "-X main.version=… -X main.build=… -X main.commit=…"); version comes from
// FyneApp.toml, and TestVersionMatchesFyneApp keeps this default in step.
var (
	version = "0.2.0"
	build   = ""
	commit  = ""
)

func main() {
	g, code, ok := parseGlobal(os.Args[1:], os.Stderr)
	if !ok {
		os.Exit(code)
	}
	seed := store.Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle}
	if len(g.rest) == 0 {
		os.Exit(app.Run(app.Launch{Path: g.path, Explicit: g.explicit, Seed: seed,
			Version: version, Build: build, Commit: commit, Licences: assets.Licences, Icon: assets.Icon}))
	}
	os.Exit(cli.Run(g.path, g.rest, seed, os.Stdout, os.Stderr))
}

// global is what the flags before a subcommand say.
type global struct {
	path     string   // the research file
	explicit bool     // chosen by --db or $DOSSIER_DB rather than the default
	rest     []string // the subcommand and its arguments; none opens the window
}

// dbFlag is the global --db: given twice before the subcommand with two
// different files it is refused, as it is after the subcommand (the last
// one won, quietly; a hostile pass).
type dbFlag struct {
	path  string
	set   bool
	twice error // said as it is, as after the subcommand
}

func (f *dbFlag) String() string { return f.path }

func (f *dbFlag) Set(p string) error {
	if f.set && !sameFile(p, f.path) {
		f.twice = fmt.Errorf("--db is given twice, as %s and as %s: name one research file", f.path, p)
		return f.twice
	}
	f.path, f.set = p, true
	return nil
}

// sameFile reports whether two --db values name one file as written
// ("a" and "./a"; "--db a --db ./a" was refused as two files). Links are
// not followed: two names of one file through a link are still refused.
func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// parseGlobal reads the global flags; when it returns !ok the process exits
// with code (help was shown, or the flags were wrong).
func parseGlobal(args []string, stderr io.Writer) (g global, code int, ok bool) {
	fs := flag.NewFlagSet("dossier", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var db dbFlag
	fs.Var(&db, "db", "research file")
	dbPath := &db.path
	if err := fs.Parse(dropPSN(args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			cli.Usage(stderr)
			return g, cli.ExitOK, false
		}
		if db.twice != nil {
			fmt.Fprintf(stderr, "dossier: %v\n", db.twice)
			return g, cli.ExitUsage, false
		}
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		cli.Usage(stderr)
		return g, cli.ExitUsage, false
	}
	g.path, g.rest = *dbPath, fs.Args()
	dbSet := false
	fs.Visit(func(f *flag.Flag) { dbSet = dbSet || f.Name == "db" })
	// "dossier import --db F doc" names the research file after the
	// subcommand: taken as the subcommand's arguments, "--db" and F were
	// reported as missing documents and doc went into the default file
	// (found by a UI pass).
	after, rest, found, err := dbAfterSubcommand(g.rest)
	if n := len(g.rest); err != nil && n > 1 && (g.rest[n-1] == "--db" || g.rest[n-1] == "-db") && (cli.WantsHelp(g.rest[1:]) || g.rest[0] == "help") {
		// "import --help --db", "help import --db": the help asked for
		// needs no research file, and the --db left without one is
		// dropped; it said "--db needs the name of a research file"
		// (data17's L4).
		after, rest, found, err = dbAfterSubcommand(g.rest[:n-1])
		g.rest = rest
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier: %v\n", err)
		return g, cli.ExitUsage, false
	} else if found {
		if dbSet && !sameFile(after, g.path) {
			fmt.Fprintf(stderr, "dossier: --db is given twice, as %s and as %s: name one research file\n", g.path, after)
			return g, cli.ExitUsage, false
		}
		g.path, g.rest, dbSet = after, rest, true
	}
	if dbSet && strings.TrimSpace(g.path) == "" {
		// An empty --db (an unset shell variable) would mean the default
		// file, made quietly if missing: not what was asked for.
		fmt.Fprintln(stderr, "dossier: --db needs the name of a research file")
		return g, cli.ExitUsage, false
	}
	if g.path == "" && len(g.rest) > 0 && !slices.ContainsFunc(g.rest, func(a string) bool { return !researchFileArg(a) }) {
		// `dossier FILE.dossier`, as a double-click on a research file runs
		// it (the desktop entry's %F may pass several): open that file, the
		// first, in the window.
		if len(g.rest) > 1 {
			fmt.Fprintf(stderr, "dossier: opening %s (one research file at a time)\n", g.rest[0])
		}
		g.path, g.rest = g.rest[0], nil
	}
	g.explicit = g.path != "" || os.Getenv("DOSSIER_DB") != ""
	if g.explicit {
		p := g.path
		if p == "" {
			p = os.Getenv("DOSSIER_DB")
		}
		if err := folderExists(p); err != nil {
			fmt.Fprintf(stderr, "dossier: %v\n", err)
			return g, cli.ExitError, false
		}
	}
	if g.path == "" {
		var err error
		if g.path, err = store.DefaultPath(); err != nil {
			fmt.Fprintf(stderr, "dossier: cannot find a place for the research file: %v\n", err)
			return g, cli.ExitError, false
		}
	}
	return g, 0, true
}

// folderExists refuses a chosen research file whose folder does not exist.
// Dossier makes a new research file where it is asked to, but a mistyped
// folder would otherwise be created too, and a fresh file holding only the
// built-in article reads like a lost library.
func folderExists(path string) error {
	// Where the file would be made, links followed: "link/../new/x" and a
	// link into a missing folder made folders the plain path is refused
	// (found by a hostile pass).
	target, err := store.ResolvePath(path)
	if err != nil {
		return nil // the open says why
	}
	dir := filepath.Dir(target)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("research file %s: there is no folder %s (Dossier makes a new research file, not its folder; check the path)", path, dir)
	}
	return nil // any other trouble is the open's to name
}

// dbAfterSubcommand takes a --db FILE (or --db=FILE, -db) out of a
// subcommand's arguments, up to a "--" (after which everything is the
// subcommand's). No subcommand has a --db of its own.
func dbAfterSubcommand(args []string) (path string, rest []string, found bool, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return path, append(rest, args[i:]...), found, nil
		case a == "--db" || a == "-db":
			if i+1 >= len(args) {
				return "", nil, false, errors.New("--db needs the name of a research file")
			}
			if found && !sameFile(args[i+1], path) {
				return "", nil, false, fmt.Errorf("--db is given twice, as %s and as %s: name one research file", path, args[i+1])
			}
			path, found = args[i+1], true
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			p := a[strings.Index(a, "=")+1:]
			if found && !sameFile(p, path) {
				return "", nil, false, fmt.Errorf("--db is given twice, as %s and as %s: name one research file", path, p)
			}
			path, found = p, true
		default:
			rest = append(rest, a)
		}
	}
	return path, rest, found, nil
}

// researchFileArg reports whether a lone argument names a research file
// rather than a subcommand: it ends in .dossier, or it is an existing file
// written as a path (subcommand names have no dot or slash, so a file
// called "search" in the current folder does not shadow the subcommand).
func researchFileArg(arg string) bool {
	if strings.HasSuffix(strings.ToLower(arg), ".dossier") {
		return true
	}
	if !strings.ContainsAny(arg, `./\`) {
		return false
	}
	fi, err := os.Stat(arg)
	return err == nil && fi.Mode().IsRegular()
}

// dropPSN drops the -psn_… argument macOS Finder passes to double-clicked
// apps; it is not ours.
func dropPSN(args []string) []string {
	out := args[:0:0]
	for _, a := range args {
		if !strings.HasPrefix(a, "-psn_") {
			out = append(out, a)
		}
	}
	return out
}
