// Package testnames lists a package's Test functions from its source, for
// the test suites' lists of tests run (or left out) under the race
// detector: a list naming a test that no longer exists says so.
package testnames

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
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
