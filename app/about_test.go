package app

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// Help → About names the build (version, build, commit), the Go and SQLite
// versions, and carries the licence texts in a scrollable field.
func TestAboutShowsBuildAndLicences(t *testing.T) {
	st, err := openSeededCopy(filepath.Join(t.TempDir(), "t.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	u := newTestUIOn(t, st, Options{Version: "9.8.7", Build: "42", Commit: "abc1234",
		Licences: "fyne.io/fyne/v2 — LICENSE\nBSD 3-Clause License"})
	u.do(u.showAbout)
	top := u.dialog(t, "About Dossier")

	all := strings.Join(texts(top), "\n")
	goV := strings.TrimPrefix(runtime.Version(), "go")
	for _, want := range []string{"Dossier 9.8.7 (build 42, commit abc1234)", "Go " + goV, "SQLite 3.", st.Path(), "Licences of bundled software"} {
		if !strings.Contains(all, want) {
			t.Errorf("About lacks %q:\n%s", want, all)
		}
	}
	entries := findAll[*widget.Entry](top)
	if len(entries) != 1 || !strings.Contains(entries[0].Text, "BSD 3-Clause License") || !entries[0].MultiLine {
		t.Fatalf("licence field: %d entries", len(entries))
	}
}

// A build without stamping (go run, go test) says so rather than showing
// blanks.
func TestAboutTextUnstamped(t *testing.T) {
	got := aboutText(Options{Version: "0.2.0"}, "3.50.1", "go1.26.8", "/r.dossier")
	for _, want := range []string{"Dossier 0.2.0 (build development, commit unknown)", "Go 1.26.8 · SQLite 3.50.1"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
}
