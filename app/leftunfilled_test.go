package app

import (
	"path/filepath"
	"testing"
	"time"

	"dossier/assets"
	"dossier/store"
)

// leftUnfilledFile is a research file as a dossier import leaves it when
// it is stopped (killed) before it imports anything: made and marked to
// be filled, holding the built-in article alone.
func leftUnfilledFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "new.dossier")
	st, err := openToFill(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil { // no KeepMade: nothing went in
		t.Fatal(err)
	}
	return path
}

// openToFill opens the research file at path as a dossier import does.
func openToFill(path string) (*store.Store, error) {
	return store.OpenResearchFileToFill(path, store.Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle})
}

// bannerSaysLeftUnfilled reports whether the banner is shown, saying what a file left
// unfilled is.
func bannerSaysLeftUnfilled(u *testUI) bool {
	var shown bool
	var msg string
	u.do(func() { shown, msg = u.banner.visible() })
	return shown && msg == leftUnfilledNote
}

// The window opening a research file left by an import stopped before it
// added anything (File → Open research file…) says what the file is, and
// leaves it as it was: the next import still takes it as new. It said
// nothing, and the file looked like the user's library reduced to the
// built-in article (data25's open finding). Another file opened after it
// gets no such word.
func TestOpeningAFileLeftByAStoppedImportSaysSo(t *testing.T) {
	u := newTestUI(t)
	mine := u.CurrentStore().Path()
	if bannerSaysLeftUnfilled(u) {
		t.Fatal("the banner speaks of a file left unfilled on the user's own file")
	}
	path := leftUnfilledFile(t)
	u.do(func() { u.switchTo(path) })
	u.do(func() {})
	if !bannerSaysLeftUnfilled(u) {
		_, msg := u.banner.visible()
		t.Errorf("opened, a file left by a stopped import: the banner says %q", msg)
	}
	u.do(func() { u.switchTo(mine) })
	u.do(func() {})
	if bannerSaysLeftUnfilled(u) {
		t.Error("the banner still speaks of the file left unfilled once another is open")
	}
	u.work.waitIdleJobs() // the left file closed
	st, err := openToFill(path)
	if err != nil {
		t.Fatal(err)
	}
	if !st.MadeNow() {
		t.Error("once the window had it open, the next import no longer takes the file left unfilled as new")
	}
	st.Close()
}

// Started on a file left unfilled, the window says so too; once a
// document is imported into it (it is the user's now), the banner goes.
func TestStartingOnAFileLeftByAStoppedImportSaysSo(t *testing.T) {
	path := leftUnfilledFile(t)
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	u := newTestUIOn(t, st, Options{})
	u.do(func() {})
	if !bannerSaysLeftUnfilled(u) {
		_, msg := u.banner.visible()
		t.Fatalf("started on a file left by a stopped import: the banner says %q", msg)
	}
	u.a.onUI(func() { u.importPasted("My memo", "", "My memo\n\nWords of the user's own.\n") })
	deadline := time.Now().Add(time.Minute)
	for bannerSaysLeftUnfilled(u) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if bannerSaysLeftUnfilled(u) {
		t.Error("a document imported, the banner still says the file holds only the built-in article")
	}
}
