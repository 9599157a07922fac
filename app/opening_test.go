package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// newTestUIOpening builds the window as Run does when its file's open
// outlasts startupWait: on a stand-in, waiting for done.
func newTestUIOpening(t *testing.T, path string, started time.Time) (*testUI, chan Opened) {
	t.Helper()
	standIn, cleanup, err := OpenStandIn()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	done := make(chan Opened, 1)
	u := newTestUIOn(t, standIn, Options{Opening: &OpeningFile{Path: path, Started: started, Done: done}})
	return u, done
}

// deliver hands the window its file's outcome and waits until it has
// taken it.
func (u *testUI) deliver(t *testing.T, done chan<- Opened, r Opened) {
	t.Helper()
	done <- r
	select {
	case <-u.openingDone:
	case <-time.After(30 * time.Second):
		t.Fatal("the window did not take the opened file")
	}
	u.work.wait()
}

// A file whose open outlasts startupWait: the window says what it waits
// for (not "could not be opened", not an empty library), refuses changes
// meanwhile, and once the file is open shows it as a quick open would,
// with the last query run again.
func TestTheWindowWaitsForASlowOpenThenTakesTheFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "large.dossier")
	u, done := newTestUIOpening(t, path, time.Now().Add(-7*time.Second))

	ok, msg := u.banner.visible()
	shown := cutMiddle(path, maxShownPath) // a temporary folder's path may be long
	// It counts from when the open began (a tick may have come already).
	var secs int
	if _, err := fmt.Sscanf(strings.TrimPrefix(msg, "Opening “"+shown+"”… "), "(%d s so far)", &secs); !ok || err != nil || secs < 7 || secs > 60 || strings.Contains(msg, "could not") {
		t.Errorf("banner shown %v: %q", ok, msg)
	}
	if got := u.reader.empty.text; got != "Opening large.dossier…" {
		t.Errorf("the empty reader says %q", got)
	}
	if !u.search.entry.Disabled() {
		t.Error("the search box searches the empty stand-in while the file opens")
	}
	if title := u.w.Title(); !strings.HasPrefix(title, "large.dossier (opening)") {
		t.Errorf("title %q", title)
	}
	if m := u.results.message.Text; !strings.Contains(m, "Opening “"+shown+"”") || strings.Contains(m, "could not") {
		t.Errorf("results pane says %q", m)
	}
	if got := u.library.heading.Text; got != "Library" {
		t.Errorf("sidebar heading %q while the file opens", got)
	}
	u.do(u.showImportDialog)
	if got := overlayTexts(u.w); !strings.Contains(got, path+" is still being opened") {
		t.Errorf("an import while the file opens: dialogs say %q", got)
	}
	u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
	u.do(u.backUpNow)
	if got := overlayTexts(u.w); !strings.Contains(got, "still being opened") {
		t.Errorf("a backup while the file opens: dialogs say %q", got)
	}
	u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
	// Opened again from Open recent, it would be refused as held by
	// another program: the one open is waited for.
	u.do(func() { u.switchTo(path) })
	if got := u.status.message.Text; got != "large.dossier is still being opened." {
		t.Errorf("opening it again meanwhile: status %q", got)
	}

	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	u.a.Preferences().SetString(prefLastQuery, "Kilimnik")
	u.a.Preferences().SetString(prefLastFile, "/elsewhere/last.dossier")
	u.deliver(t, done, Opened{Store: st, Path: path})

	if ok, msg := u.banner.visible(); ok {
		t.Errorf("banner still shown once open: %q", msg)
	}
	if u.CurrentStore() != st || u.stillOpening() {
		t.Fatal("the window did not take the opened file")
	}
	if title := u.w.Title(); title != "large.dossier — Dossier" {
		t.Errorf("title %q", title)
	}
	if u.search.entry.Disabled() || u.search.query() != "Kilimnik" {
		t.Errorf("search box disabled %v, query %q; want the last query again", u.search.entry.Disabled(), u.search.query())
	}
	if len(u.results.items) == 0 {
		t.Error("the last query found nothing in the opened file")
	}
	if got := docTitles(u); !slices.Contains(got, seedTitle) {
		t.Errorf("library %q", got)
	}
	if got := u.library.heading.Text; got != "Library (1)" {
		t.Errorf("sidebar heading %q once open", got)
	}
	// Listed, but not made the last file: it may stand in for one that
	// could not be opened (as New takes its first file).
	prefs := u.a.Preferences()
	if last := prefs.String(prefLastFile); last != "/elsewhere/last.dossier" {
		t.Errorf("last file became %q", last)
	}
	if recent := prefs.StringList(prefRecentFiles); len(recent) == 0 || recent[0] != path {
		t.Errorf("recent files %q", recent)
	}
	// Changes are no longer refused.
	u.do(u.backUpNow)
	if got := overlayTexts(u.w); strings.Contains(got, "still being opened") {
		t.Errorf("a backup once open: %q", got)
	}
}

// An open that fails after the window appeared gets the banner a quick
// failure gets, with its reason and ways out.
func TestASlowOpenThatFailsShowsWhy(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "large.dossier")
	u, done := newTestUIOpening(t, path, time.Now())
	u.deliver(t, done, Opened{Path: path, Err: errors.New("the disk went away")})
	ok, msg := u.banner.visible()
	if !ok || msg != "Could not open the research file: the disk went away" {
		t.Errorf("banner shown %v: %q", ok, msg)
	}
	if got := bannerButtons(u.banner); !slices.Contains(got, "Open another research file…") {
		t.Errorf("banner actions %q", got)
	}
	if u.stillOpening() || u.search.entry.Disabled() {
		t.Errorf("still opening %v, search disabled %v", u.stillOpening(), u.search.entry.Disabled())
	}
	if title := u.w.Title(); !strings.Contains(title, "could not be opened") {
		t.Errorf("title %q", title)
	}
}

// Another file opened while the first was still opening stays; the first,
// once open, is closed rather than swapped in under the user.
func TestAFileOpenedWhileTheFirstOpensStays(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := t.TempDir()
	path, other := filepath.Join(dir, "large.dossier"), filepath.Join(dir, "other.dossier")
	u, done := newTestUIOpening(t, path, time.Now())
	u.do(func() { u.switchToNew(other) })
	if got := u.CurrentStore().Path(); got != other {
		t.Fatalf("open file %q, want %q", got, other)
	}
	if u.search.entry.Disabled() {
		t.Error("the search box stayed disabled in the file opened meanwhile")
	}
	late, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	u.deliver(t, done, Opened{Store: late, Path: path})
	if got := u.CurrentStore().Path(); got != other {
		t.Errorf("the late file replaced the one opened meanwhile: open file %q", got)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := late.Documents(context.Background()); err != nil {
			break // closed
		}
		if time.Now().After(deadline) {
			t.Fatal("the late file was left open")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// openFirst falls back to the chosen file where the last one fails, and
// says why the last one failed.
func TestOpenFirstFallsBack(t *testing.T) {
	bad := errors.New("bad")
	dir := t.TempDir()
	last, gone, def := filepath.Join(dir, "last.dossier"), filepath.Join(dir, "gone", "gone.dossier"), filepath.Join(dir, "default.dossier")
	os.WriteFile(last, []byte("there"), 0o644)
	opened := []string{}
	open := func(p string) (*store.Store, error) {
		opened = append(opened, p)
		if p == last {
			return nil, bad
		}
		return &store.Store{}, nil
	}
	r := openFirst(open, last, def)
	if r.Store == nil || r.Path != def || r.Err != nil || !errors.Is(r.LastErr, bad) {
		t.Errorf("got %+v", r)
	}
	if !slices.Equal(opened, []string{last, def}) {
		t.Errorf("opened %q", opened)
	}
	opened = nil
	if r := openFirst(open, def, def); r.Store == nil || r.LastErr != nil || len(opened) != 1 {
		t.Errorf("got %+v, opened %q", r, opened)
	}
	// The last file used, no longer there, is not opened (which would
	// make a new one at its name): the default one is, and the window
	// says why (found by a UI pass, ui12).
	opened = nil
	r = openFirst(open, gone, def)
	if r.Store == nil || r.Path != def || !errors.Is(r.LastErr, errNoLongerThere) || !slices.Equal(opened, []string{def}) {
		t.Errorf("a last file no longer there: got %+v, opened %q", r, opened)
	}
	// The one asked for (--db) is made when it is not there.
	opened = nil
	if r := openFirst(open, gone, gone); r.Store == nil || r.LastErr != nil || !slices.Equal(opened, []string{gone}) {
		t.Errorf("a chosen file not there yet: got %+v, opened %q", r, opened)
	}
	// A link left pointing at nothing is no longer there either: opened,
	// it would make a new file at the link's target, its folders too (a
	// guard from hostile pass data11; os.Lstat here would fail it).
	link := filepath.Join(dir, "link.dossier")
	if err := os.Symlink(filepath.Join(dir, "moved", "target.dossier"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	opened = nil
	r = openFirst(open, link, def)
	if r.Path != def || !errors.Is(r.LastErr, errNoLongerThere) || !slices.Equal(opened, []string{def}) {
		t.Errorf("a last file that is a dangling link: got %+v, opened %q", r, opened)
	}
}
