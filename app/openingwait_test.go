package app

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/store"
)

// While the first file opens, Export wrote the empty stand-in's work as
// "no research file open-DATE.md" and said "no bookmarks, tags or claims
// yet"; New actor or source let its dialog be filled in, then said "This
// research file is read-only: /tmp/dossier-…/no research file
// open.dossier"; the Claims pane said "the library is empty". Each now
// says the file is still being opened, and the note saying so closes once
// it is open (it stayed, saying "still being opened" over the opened
// file). Found by a hostile UI pass.
func TestWhileOpeningNothingSpeaksForTheStandIn(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "large.dossier")
	u, done := newTestUIOpening(t, path, time.Now())

	for _, c := range []struct {
		name   string
		action func()
		never  string // the stand-in's dialog
	}{
		{"Export", u.showExportDialog, "Export your work"},
		{"New actor or source", func() { u.showNewTagDialog("", nil) }, "New actor or source"},
	} {
		u.do(c.action)
		got := overlayTexts(u.w)
		if !strings.Contains(got, path+" is still being opened") {
			t.Errorf("%s while the file opens: dialogs say %q", c.name, got)
		}
		if strings.Contains(got, c.never) {
			t.Errorf("%s while the file opens: its dialog opened: %q", c.name, got)
		}
	}
	if msg := u.claims.emptyMessage(); strings.Contains(msg, "empty") || !strings.Contains(msg, "Opening large.dossier") {
		t.Errorf("the Claims pane says %q while the file opens", msg)
	}

	u.do(u.showImportDialog) // refused as before, with the same note

	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	u.deliver(t, done, Opened{Store: st, Path: path})
	if got := overlayTexts(u.w); strings.Contains(got, "still being opened") {
		t.Errorf("once open, a dialog still says %q", got)
	}
	if n := len(u.dialogs.open); n != 0 {
		t.Errorf("%d dialogs left open once the file is open", n)
	}
}

// Export on the stand-in for a file that could not be opened wrote the
// stand-in's empty work too.
func TestExportWithNoFileOpenIsRefused(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	u := newTestUIOnStandIn(t, BrokenFile{Path: "/nowhere/gone.dossier", Err: store.ErrReadOnly}, "")
	u.do(u.showExportDialog)
	if got := overlayTexts(u.w); strings.Contains(got, "Export your work") {
		t.Errorf("Export with no file open opened its dialog: %q", got)
	}
	if got := u.status.message.Text; got != "No research file is open to export from." {
		t.Errorf("status %q", got)
	}
}

// Quitting while the first file opens kept "" as the last search (the
// search box is empty then), and the next start did not run it again,
// though the banner said "Quitting now loses nothing".
func TestQuittingWhileOpeningKeepsTheLastSearch(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	u, _ := newTestUIOpening(t, filepath.Join(t.TempDir(), "large.dossier"), time.Now())
	u.a.Preferences().SetString(prefLastQuery, "Kilimnik")
	u.do(u.savePrefs)
	if got := u.a.Preferences().String(prefLastQuery); got != "Kilimnik" {
		t.Errorf("the last search became %q", got)
	}
}

// The user moves on to another file while the first opens, then asks for
// the first again: it was opened a second time beside the open still
// running, and refused as "locked by another program writing to it" (that
// program this window). It is shown once the running open ends.
func TestTheFileStillOpeningAskedForAgainIsShownOnceOpen(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := t.TempDir()
	path, other := filepath.Join(dir, "large.dossier"), filepath.Join(dir, "other.dossier")
	u, done := newTestUIOpening(t, path, time.Now())
	var mu sync.Mutex
	var opened []string
	u.do(func() {
		u.opts.OpenStore = func(p string) (*store.Store, error) {
			mu.Lock()
			opened = append(opened, p)
			mu.Unlock()
			return openSeeded(p)
		}
	})
	u.do(func() { u.switchToNew(other) })
	if got := u.CurrentStore().Path(); got != other {
		t.Fatalf("open file %q, want %q", got, other)
	}
	u.do(func() { u.switchTo(path) })
	mu.Lock()
	again := append([]string(nil), opened...)
	mu.Unlock()
	if len(again) != 1 {
		t.Errorf("opened %q while the first open of %s still ran", again, path)
	}
	if got := u.status.message.Text; !strings.Contains(got, "still being opened") {
		t.Errorf("status %q", got)
	}
	late, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	u.deliver(t, done, Opened{Store: late, Path: path})
	if u.CurrentStore() != late {
		t.Errorf("open file %q once the first open ended; want %s, asked for again", u.CurrentStore().Path(), path)
	}
	if last := u.a.Preferences().String(prefLastFile); last != path {
		t.Errorf("last file %q: chosen by the user, it is the one the next start opens", last)
	}
}

// A query chosen from the search history while the file opens (the box is
// disabled, the history is not) searched the empty stand-in and said "No
// passages match"; it runs once the file is open, in place of the last
// search.
func TestAQueryFromTheHistoryWaitsForTheFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "large.dossier")
	u, done := newTestUIOpening(t, path, time.Now())
	u.a.Preferences().SetString(prefLastQuery, "Putin")
	u.do(func() { u.search.setQuery("Kilimnik") })
	if m := u.results.message.Text; strings.Contains(m, "No passages") || !strings.Contains(m, "Opening “"+cutMiddle(path, maxShownPath)+"”") {
		t.Errorf("results pane says %q while the file opens", m)
	}
	if got := u.status.message.Text; strings.Contains(got, "0 passages") {
		t.Errorf("status %q while the file opens", got)
	}
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	u.deliver(t, done, Opened{Store: st, Path: path})
	if q := u.search.query(); q != "Kilimnik" {
		t.Errorf("query %q once open, want the one chosen meanwhile", q)
	}
	if len(u.results.items) == 0 {
		t.Error("the query chosen meanwhile found nothing in the opened file")
	}
}

// A second window started on a file the first is still opening (its open
// writing the suggestions) cannot open it. Its banner offered Restore
// latest backup and Recover into a new file, for a file that is whole (the
// restore checked the backup for a minute, then refused: the file was
// open), and no Try again, though it said "try again in a moment".
func TestAFileAnotherWindowIsOpeningOffersTryAgain(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "large.dossier")
	st, err := openSeededCopy(path)
	if err != nil {
		t.Fatal(err)
	}
	backUpElsewhere(t, path) // a backup the banner could offer
	st.Close()
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The first window's open, suggesting the starter list's tags anew.
	if _, err := db.ExecContext(ctx, `DELETE FROM meta WHERE key = 'gazetteer_loaded'`); err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	_, openErr := openSeeded(path)
	conn.ExecContext(ctx, `ROLLBACK`)
	if openErr == nil {
		t.Fatal("opened while another program was writing to it")
	}
	u := newTestUIOnStandIn(t, BrokenFile{Path: path, Err: openErr}, "")
	u.work.wait()
	ok, msg := u.banner.visible()
	if !ok || !strings.Contains(msg, "not damaged") || !strings.Contains(msg, "another Dossier window") {
		t.Errorf("banner shown %v: %q", ok, msg)
	}
	if got := bannerButtons(u.banner); !slices.Equal(got, []string{"Try again", "Open another research file…"}) {
		t.Errorf("banner actions %q", got)
	}
}

// The sidebar's headings counted the empty stand-in's bookmarks, actors,
// sources, saved searches and claims, "Bookmarks (0)" beside "No bookmarks
// yet", while the file opened (the library's heading already said
// "Library"); once it is open they count its own.
func TestWhileOpeningTheSidebarCountsNothing(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "large.dossier")
	u, done := newTestUIOpening(t, path, time.Now())
	claims := slices.IndexFunc(u.sidebar.sections, func(s *sidebarSection) bool { return s.name == "claims" })
	u.do(func() { u.showSection(claims) }) // its claims are read once shown
	headings := func() []string {
		return []string{u.bookmarks.heading.Text, u.actors.heading.Text, u.sources.heading.Text, u.saved.heading.Text, u.claims.heading.Text}
	}
	if got := headings(); !slices.Equal(got, []string{"Bookmarks", "Actors", "Sources", "Saved searches", "Claims"}) {
		t.Errorf("sidebar headings %q while the file opens", got)
	}
	if u.bookmarks.empty.Visible() || u.saved.empty.Visible() {
		t.Errorf("'No bookmarks yet' shown %v, 'No saved searches' %v while the file opens", u.bookmarks.empty.Visible(), u.saved.empty.Visible())
	}
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	u.deliver(t, done, Opened{Store: st, Path: path})
	for _, h := range headings() {
		if !strings.Contains(h, "(") {
			t.Errorf("sidebar headings %q once open", headings())
			break
		}
	}
	if !u.bookmarks.empty.Visible() {
		t.Error("'No bookmarks yet' hidden once the file (with none) is open")
	}
}

// The empty reader said "Opening NAME…" asking for the whole name's width:
// at the largest text on an 800×600 screen a long file name made the
// window 938 pixels wide while the file opened (its File menu and the
// banner's start off the screen), and 768 once it was open. The stand-in
// needs no wider a window than the file does once open.
func TestALongNameOpeningNeedsNoWiderWindow(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "russia-interference-investigation-notes-and-sources.dossier")
	u, done := newTestUIOpening(t, path, time.Now())
	u.do(func() { u.setTextScale(maxTextScale) })
	opening := u.w.Content().MinSize().Width
	if got := u.reader.empty.text; !strings.Contains(got, filepath.Base(path)) {
		t.Errorf("the empty reader says %q", got)
	}
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	u.deliver(t, done, Opened{Store: st, Path: path})
	if open := u.w.Content().MinSize().Width; opening > open+1 {
		t.Errorf("the window needs %.0f pixels while the file opens, %.0f once it is open", opening, open)
	}
}
