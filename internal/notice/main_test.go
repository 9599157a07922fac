package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// The committed NOTICE matches the modules go.mod links in now (a
// dependency bump must regenerate it), and names the main ones.
func TestNoticeCurrent(t *testing.T) {
	t.Chdir("../..")
	got, err := build()
	if err != nil {
		t.Skipf("module cache not available: %v", err)
	}
	old, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old, got) {
		t.Errorf("%s is out of date: run go run ./internal/notice", out)
	}
	for _, want := range []string{"fyne.io/fyne/v2 ", "modernc.org/sqlite ", "LICENSE-SQLITE", "codeberg.org/readeck/go-readability/v2", "golang.org/x/net", "SIL OPEN FONT LICENSE", "Go standard library"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("NOTICE lacks %q", want)
		}
	}
}
