package main

import (
	"os"
	"regexp"
	"testing"
)

// `fyne package` builds with the migrated_fynedo tag when FyneApp.toml turns
// the fyneDo migration on. That tag makes Fyne's text caches unsynchronised
// maps, but the reader measures words off the UI goroutine (warmPassages),
// so the packaged app died with "concurrent map read and map write" on the
// first search. Packaged builds must use the same tags as go build and the
// tests.
func TestPackagedBuildKeepsFyneCachesSynchronised(t *testing.T) {
	b, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(?mi)^\s*fyneDo\s*=\s*true`).Match(b) {
		t.Error("FyneApp.toml turns on the fyneDo migration: fyne package would build with migrated_fynedo")
	}
}
