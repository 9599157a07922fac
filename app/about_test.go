package app

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/assets"
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
	if !strings.Contains(all, "BSD 3-Clause License") {
		t.Errorf("About does not show the licence text:\n%s", all)
	}
	u.tapDialogButton(t, "About Dossier", "Copy licences")
	if got := u.a.Clipboard().Content(); got != "fyne.io/fyne/v2 — LICENSE\nBSD 3-Clause License" {
		t.Errorf("Copy licences put %q on the clipboard", got)
	}
}

// The licences bundled with the app (216 KB) are laid out only where they
// are on screen: in one wrapped text field they froze the window for half
// a minute when About opened (found by a hostile pass). Every line is
// there, none wider than the columns shown.
func TestAboutLaysOutOnlyTheLicencesOnScreen(t *testing.T) {
	if len(assets.Licences) < 100_000 {
		t.Fatalf("the bundled licences are %d bytes", len(assets.Licences))
	}
	chunks := licenceChunks(assets.Licences, licenceColumns, licenceChunkLines)
	var words, shown []string
	for _, c := range chunks {
		for _, line := range strings.Split(c, "\n") {
			if utf8.RuneCountInString(line) > licenceColumns {
				t.Fatalf("a line of %d characters: %q", utf8.RuneCountInString(line), line)
			}
			shown = append(shown, strings.Fields(line)...)
		}
	}
	words = strings.Fields(assets.Licences)
	if strings.Join(words, "") != strings.Join(shown, "") { // a word longer than a line is cut in pieces
		t.Errorf("the chunks hold %d words, the licences %d", len(shown), len(words))
	}

	st, err := openSeededCopy(filepath.Join(t.TempDir(), "t.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	u := newTestUIOn(t, st, Options{Version: "9.8.7", Licences: assets.Licences})
	u.do(u.showAbout)
	top := u.dialog(t, "About Dossier")
	labels := 0
	for _, l := range findAll[*widget.Label](top) {
		if strings.Count(l.Text, "\n") > 0 {
			labels++
		}
	}
	if labels == 0 || labels > 40 {
		t.Errorf("%d blocks of licence lines laid out of %d", labels, len(chunks))
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

// About fits within the window with a margin, its licence lines wrapped
// at as many columns as fit: at larger text or in a small window it
// covered the window edge to edge and cut its lines mid-word (found by a
// UI pass). In a large window it keeps 80 columns.
func TestAboutFitsTheWindow(t *testing.T) {
	u := newTestUI(t)
	for _, c := range []struct {
		scale  float32
		window fyne.Size
	}{
		{1, fyne.NewSize(800, 600)},
		{maxTextScale, fyne.NewSize(1024, 768)},
		{maxTextScale, fyne.NewSize(800, 600)},
		{1, fyne.NewSize(1920, 1080)},
	} {
		var l aboutLayout
		var mono float32
		u.do(func() {
			u.setTextScale(c.scale)
			l = aboutSize(c.window)
			mono = measureText("M", theme.TextSize(), fyne.TextStyle{Monospace: true}).Width
		})
		if l.width > c.window.Width*0.9 || l.height > c.window.Height*0.6 {
			t.Errorf("text ×%v in %v: About is %v×%v", c.scale, c.window, l.width, l.height)
		}
		if float32(l.columns)*mono > l.width {
			t.Errorf("text ×%v in %v: %d columns of %v px do not fit %v", c.scale, c.window, l.columns, mono, l.width)
		}
		if c.window.Width >= 1920 && l.columns != licenceColumns {
			t.Errorf("in %v: %d columns, want %d", c.window, l.columns, licenceColumns)
		}
	}
}
