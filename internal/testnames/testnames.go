// Package testnames lists a package's Test functions from its source, for
// the test suites' lists of tests run (or left out) under the race
// detector: a list naming a test that no longer exists says so.
package testnames

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// InDir returns the names of the Test functions in dir's *_test.go files.
func InDir(dir string) (map[string]bool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		parsed, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range parsed.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Test") {
				names[fn.Name.Name] = true
			}
		}
	}
	return names, nil
}

// Missing returns the names in list that are not among names, sorted.
func Missing(list []string, names map[string]bool) []string {
	var out []string
	for _, n := range list {
		if !names[n] {
			out = append(out, n)
		}
	}
	return out
}

// SkipPattern is a -test.skip pattern matching exactly the named tests
// (and their subtests).
func SkipPattern(list []string) string {
	return "^(" + strings.Join(list, "|") + ")$"
}

// SkipTests has this test binary skip the named tests (by -test.skip),
// unless its caller gave a -test.skip of their own. Call it from TestMain.
func SkipTests(list []string) {
	if !flag.Parsed() {
		flag.Parse()
	}
	if f := flag.Lookup("test.skip"); f != nil && f.Value.String() == "" {
		f.Value.Set(SkipPattern(list))
	}
}

// CheckListed fails t for each name of list that is no Test function of
// the package in the current directory: a list naming a renamed test
// would otherwise do nothing without a word.
func CheckListed(t *testing.T, listName string, list []string) {
	t.Helper()
	names, err := InDir(".")
	if err != nil {
		t.Fatal(err)
	}
	if missing := Missing(list, names); len(missing) > 0 {
		t.Errorf("%s names tests this package does not have: %v", listName, missing)
	}
}
