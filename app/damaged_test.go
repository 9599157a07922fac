package app

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/store"
)

// newTestUIOn builds the window on st with opts.
func newTestUIOn(t *testing.T, st *store.Store, opts Options) *testUI {
	t.Helper()
	a := newSerialApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	opts.OpenStore = openSeeded
	u := &testUI{a: a, w: w}
	u.do(func() { u.UI = New(a, w, st, opts) })
	t.Cleanup(func() { u.a.onUI(u.Close); u.work.waitIdleJobs() }) // the file closes before its folder goes
	return u
}

// backUpElsewhere puts a good research file's backup where the backups of
// the file at path live, and returns it.
func backUpElsewhere(t *testing.T, path string) string {
	t.Helper()
	good, err := openSeededCopy(filepath.Join(t.TempDir(), "good.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	dir, _ := store.DefaultBackupDir(path)
	good.SetBackupDir(dir)
	backup, err := good.RollingBackup(context.Background(), time.Now())
	good.Close()
	if err != nil {
		t.Fatal(err)
	}
	return backup
}

// newTestUIOnStandIn builds the window as it starts when the file it was
// to open could not be opened, with the preferences a last query left
// (none if "").
func newTestUIOnStandIn(t *testing.T, broken BrokenFile, lastQuery string) *testUI {
	t.Helper()
	standIn, cleanup, err := OpenStandIn()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	a := newSerialApp(t)
	a.Preferences().SetString(prefLastQuery, lastQuery)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	u := &testUI{a: a, w: w}
	u.do(func() { u.UI = New(a, w, standIn, Options{OpenStore: openSeeded, Broken: &broken}) })
	t.Cleanup(func() { u.a.onUI(u.Close); u.work.waitIdleJobs() }) // the file closes before its folder goes
	return u
}

// bannerButtons are the labels of the damaged-file banner's actions.
func bannerButtons(b *banner) []string {
	var out []string
	for _, o := range b.actions.Objects {
		out = append(out, o.(*bannerButton).Text)
	}
	return out
}

// damagedResearchFile makes a research file with the seed article and a
// long document, backs it up into backupDir when that is set, and damages a
// passages page in the middle. The file is closed.
func damagedResearchFile(t *testing.T, backupDir string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "research.dossier")
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "Paragraph %d names the committee and witness %d in some detail.\n\n", i, i)
	}
	txt := filepath.Join(t.TempDir(), "long.txt")
	os.WriteFile(txt, []byte(b.String()), 0o644)
	if err := st.ImportFiles(context.Background(), []string{txt}, func(store.FileOutcome) {}); err != nil {
		t.Fatal(err)
	}
	if backupDir != "" {
		st.SetBackupDir(backupDir)
		if _, err := st.RollingBackup(context.Background(), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	var page, size int64
	err = raw.QueryRow(`SELECT pageno FROM dbstat WHERE name = 'passages' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 5`).Scan(&page)
	raw.QueryRow(`PRAGMA page_size`).Scan(&size)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0x5A}, int(size)), (page-1)*size); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHealthyFileShowsNoDamageBanner(t *testing.T) {
	u := newTestUI(t)
	if u.banner.box.Visible() {
		t.Fatalf("banner shown for a healthy file: %q", u.banner.message.Text)
	}
}

func TestDamagedFileShowsBannerWithWaysOut(t *testing.T) {
	backups := t.TempDir()
	path := damagedResearchFile(t, backups)
	st, err := openSeeded(path)
	if err != nil {
		t.Fatalf("a file with a damaged data page should still open: %v", err)
	}
	st.SetBackupDir(backups)
	u := newTestUIOn(t, st, Options{})
	if ok, msg := u.banner.visible(); !ok || !strings.Contains(msg, "damaged") {
		t.Fatalf("banner visible %v, %q; want the damaged-file banner", ok, msg)
	}
	if damaged := u.CurrentStore(); !damaged.ReadOnly() || damaged.Path() != path {
		t.Errorf("the damaged file should be open read-only (read-only %v, %s)", damaged.ReadOnly(), damaged.Path())
	}
	got := bannerButtons(u.banner)
	want := []string{"Restore latest backup…", "Export what can be read…", "Recover into a new file…"}
	if !slices.Equal(got, want) {
		t.Fatalf("banner actions %q, want %q", got, want)
	}

	// Restoring the latest backup brings back a healthy file and hides it.
	list, err := st.Backups(context.Background())
	if err != nil || len(list) != 1 {
		t.Fatalf("backups: %v %v", list, err)
	}
	u.do(func() { u.restoreBackup(list[0]) })
	if u.banner.box.Visible() {
		t.Fatalf("banner still shown after restoring: %q", u.banner.message.Text)
	}
	restored := u.CurrentStore()
	if restored == st || restored.Path() != path || restored.ReadOnly() {
		t.Fatalf("window shows %s (same store %v)", restored.Path(), restored == st)
	}
	if p, err := restored.Check(context.Background()); err != nil || len(p) != 0 {
		t.Fatalf("restored file: %q %v", p, err)
	}
	if n := len(u.library.docs); n != 2 {
		t.Errorf("library shows %d documents after restoring, want 2", n)
	}
}

func TestDamagedFileRecoversIntoANewFile(t *testing.T) {
	path := damagedResearchFile(t, "")
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	st.SetBackupDir(t.TempDir())
	u := newTestUIOn(t, st, Options{})
	if got := bannerButtons(u.banner); slices.Contains(got, "Restore latest backup…") {
		t.Errorf("restore offered with no backups: %q", got)
	}
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	u.do(func() { u.recoverInto(path, out) })
	u.work.wait() // recoverInto switches to the new file in a second job
	if got := u.CurrentStore().Path(); got != out {
		t.Fatalf("window shows %s, want the recovered file", got)
	}
	if u.banner.box.Visible() {
		t.Errorf("banner still shown on the recovered file: %q", u.banner.message.Text)
	}
}

func TestUnopenableFileOpensTheWindowWithWaysOut(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "research.dossier")
	garbage := bytes.Repeat([]byte("not sqlite "), 500)
	os.WriteFile(path, garbage, 0o644)
	_, openErr := openSeeded(path)
	if openErr == nil {
		t.Fatal("garbage opened")
	}
	backup := backUpElsewhere(t, path)
	u := newTestUIOnStandIn(t, BrokenFile{Path: path, Err: openErr}, "kislyak")                                                                  // a query from the last session
	if ok, msg := u.banner.visible(); !ok || !strings.Contains(msg, "Could not open") || !strings.Contains(msg, cutMiddle(path, maxShownPath)) { // a long temporary path is cut
		t.Fatalf("banner visible %v, %q", ok, msg)
	}
	// The panes and the status bar say no file is open, once the stand-in's
	// library has loaded too: not "0 documents", nor "no passages match".
	u.do(u.refreshLibrary)
	wantStatus := "No research file is open: “" + path + "” could not be opened."
	if got := u.status.message.Text; got != wantStatus {
		t.Errorf("status %q, want %q", got, wantStatus)
	}
	if q := u.search.entry.Text; q != "" {
		t.Errorf("the last query %q was searched on the stand-in", q)
	}
	if h := u.results.heading.Text(); h != "No research file open" {
		t.Errorf("results heading %q", h)
	}
	// Nor "Select a result…" in the reader: there is nothing to select
	// (hostile UI pass ui10).
	if h := u.reader.empty.text; h != noFileHint {
		t.Errorf("reader says %q, want %q", h, noFileHint)
	}
	want := []string{"Restore latest backup…", "Recover into a new file…", "Open another research file…"}
	if got := bannerButtons(u.banner); !slices.Equal(got, want) {
		t.Fatalf("banner actions %q, want %q", got, want)
	}
	u.do(func() { u.restoreBackup(store.BackupInfo{Path: backup}) })
	u.work.wait()
	if got := u.CurrentStore().Path(); got != path {
		t.Fatalf("window shows %s after restoring, want %s", got, path)
	}
	if u.banner.box.Visible() || u.broken != nil {
		t.Errorf("banner still shown: %q", u.banner.message.Text)
	}
	if h := u.reader.empty.text; h != readerHint {
		t.Errorf("reader says %q once the file is open, want %q", h, readerHint)
	}
	// The unreadable bytes were kept, not thrown away.
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(backup), "*.damaged"))
	if len(kept) != 1 {
		t.Fatalf("kept copies: %v", kept)
	}
	if b, _ := os.ReadFile(kept[0]); !bytes.Equal(b, garbage) {
		t.Error("the kept copy differs from the replaced file")
	}
}

// A research file whose header SQLite cannot read says so in the window's
// words, with the banner's ways out, not the command line's.
func TestUnreadableHeaderSaysDamaged(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "research.dossier")
	st, err := openSeededCopy(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[16], data[17] = 0x12, 0x34 // the page size: not a power of two
	os.WriteFile(path, data, 0o644)
	_, openErr := openSeeded(path)
	if !errors.Is(openErr, store.ErrDamaged) {
		t.Fatalf("opening: %v, want a damaged file", openErr)
	}
	standIn, cleanup, err := OpenStandIn()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	u := newTestUIOn(t, standIn, Options{Broken: &BrokenFile{Path: path, Err: openErr}})
	want := "Could not open the research file “" + cutMiddle(path, maxShownPath) + "”: it is damaged (its header's page size reads 4660)."
	if ok, msg := u.banner.visible(); !ok || msg != want {
		t.Errorf("banner visible %v, %q\nwant %q", ok, msg, want)
	}
	if got := bannerButtons(u.banner); !slices.Contains(got, "Recover into a new file…") {
		t.Errorf("banner actions %q", got)
	}
}

// The banner with three ways out stays readable at every text size: the
// message keeps at least half the width or the buttons go under it, no
// button is stretched into a slab, and the search bar lies below the banner
// however tall it grew when the backup was found (both were seen at the
// largest text: a message squeezed into a narrow column, the search bar
// over the sidebar).
func TestBannerLayoutAtEveryTextSize(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "research with a rather long name for its folder.dossier")
	os.WriteFile(path, bytes.Repeat([]byte("not sqlite "), 500), 0o644)
	_, openErr := openSeeded(path)
	backUpElsewhere(t, path)
	u := newTestUIOnStandIn(t, BrokenFile{Path: path, Err: openErr}, "")
	u.w.Resize(fyne.NewSize(1280, 800))
	if got := bannerButtons(u.banner); len(got) != 3 {
		t.Fatalf("banner actions %q, want three", got)
	}
	abs := func(o fyne.CanvasObject) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	}
	for _, scale := range []float32{defaultTextScale, maxTextScale} {
		u.do(func() { u.setTextScale(scale) })
		u.do(func() { u.w.Canvas().Capture() })
		b := u.banner
		msg, acts := b.message, b.actions
		below := acts.Position().Y >= msg.Position().Y+msg.Size().Height
		if !below && msg.Size().Width < b.box.Size().Width/2 {
			t.Errorf("text ×%v: the message is squeezed to %v of %v px beside its buttons", scale, msg.Size().Width, b.box.Size().Width)
		}
		if need := msg.MinSize().Height; need > msg.Size().Height+0.5 {
			t.Errorf("text ×%v: the message needs %v px and has %v", scale, need, msg.Size().Height)
		}
		for _, o := range acts.Objects {
			if h, min := o.Size().Height, o.MinSize().Height; h > 1.5*min || o.Size().Width < o.MinSize().Width-0.5 {
				t.Errorf("text ×%v: button %q is %v, needs %v", scale, o.(*bannerButton).Text, o.Size(), o.MinSize())
			}
		}
		if bottom, search := abs(b.box).Y+b.box.Size().Height, abs(u.search.entry).Y; search < bottom-0.5 {
			t.Errorf("text ×%v: the search bar (y %v) overlaps the banner (to y %v)", scale, search, bottom)
		}
	}
}

func TestBackUpNowSaysWhereItWent(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	u.CurrentStore().SetBackupDir(dir)
	u.do(u.backUpNow)
	list, err := store.ListBackups(context.Background(), dir)
	if err != nil || len(list) != 1 || list[0].Documents != 1 {
		t.Fatalf("backups after Back up now: %+v %v", list, err)
	}
	if msg := u.status.message.Text; msg != "Backed up to "+list[0].Path {
		t.Errorf("status %q", msg)
	}
}

func TestNoImportIntoTheStandIn(t *testing.T) {
	standIn, cleanup, err := OpenStandIn()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	path := filepath.Join(t.TempDir(), "research.dossier")
	u := newTestUIOn(t, standIn, Options{Broken: &BrokenFile{Path: path, Err: fmt.Errorf("%s is damaged", path)}})
	txt := filepath.Join(t.TempDir(), "doc.txt")
	os.WriteFile(txt, []byte("Something worth keeping.\n"), 0o644)
	u.do(func() { u.importPaths([]string{txt}) })
	docs, err := standIn.Documents(context.Background())
	if err != nil || len(docs) != 0 {
		t.Fatalf("the stand-in received %d documents (%v); they would be lost on exit", len(docs), err)
	}
}

func TestRestoreFromBackupMenu(t *testing.T) {
	u := newTestUI(t)
	ctx := context.Background()
	st := u.CurrentStore()
	st.SetBackupDir(t.TempDir())
	if _, err := st.RollingBackup(ctx, time.Date(2026, 2, 3, 4, 5, 6, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	txt := filepath.Join(t.TempDir(), "later.txt")
	os.WriteFile(txt, []byte("A document imported after the backup.\n"), 0o644)
	importFile(t, st, txt)
	u.do(u.showRestoreDialog)
	d := u.dialog(t, "Restore from backup")
	if want := "2026-02-03 04:05:06 · "; !slices.ContainsFunc(texts(d), func(s string) bool {
		return strings.HasPrefix(s, want) && strings.HasSuffix(s, "\n1 document · 0 bookmarks") // two lines: when and how big, then what it holds
	}) {
		t.Fatalf("the dialog does not list the backup with its date and counts: %q", texts(d))
	}
	u.tapDialogButton(t, "Restore from backup", "Restore…")
	u.tapDialogButton(t, "Restore backup", "Restore")
	if n := len(u.library.docs); n != 1 {
		t.Errorf("library shows %d documents after restoring, want the backup's 1", n)
	}
	// The dialog names the backup as the list did, not by its path in the
	// app's data folder (wrapped in the middle of its name: a UI pass).
	if got := strings.Join(texts(u.dialog(t, "Backup restored")), " "); !strings.Contains(got, "now holds the backup of 2026-02-03 04:05:06 (1 document, 0 bookmarks).") ||
		strings.Contains(got, string(filepath.Separator)+"2026") {
		t.Errorf("the dialog says %q", got)
	}
	if u.CurrentStore() == st {
		t.Error("the window still uses the replaced store")
	}
}

func TestImportIntoADamagedFileIsRefusedUpFront(t *testing.T) {
	path := damagedResearchFile(t, "")
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	st.SetBackupDir(t.TempDir())
	u := newTestUIOn(t, st, Options{})
	txt := filepath.Join(t.TempDir(), "doc.txt")
	os.WriteFile(txt, []byte("Something worth keeping.\n"), 0o644)
	u.do(func() { u.importPaths([]string{txt}) })
	u.dialog(t, "Damaged research file")
}

func TestOpeningMakesTheDailyBackup(t *testing.T) {
	// A file the open makes holds only the starter corpus: no backup,
	// and no "Backed up to …" as a new file's first words (a
	// researcher's pass).
	fresh, err := openSeeded(filepath.Join(t.TempDir(), "new.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	freshDir := t.TempDir()
	fresh.SetBackupDir(freshDir)
	fresh.EnableAutoBackups()
	u := newTestUIOn(t, fresh, Options{})
	if list, _ := store.ListBackups(context.Background(), freshDir); len(list) != 0 {
		t.Errorf("a new file was backed up on its first open: %+v", list)
	}
	if msg := u.status.message.Text; strings.Contains(msg, "Backed up") {
		t.Errorf("a new file's first open says %q", msg)
	}

	st, err := openSeededCopy(filepath.Join(t.TempDir(), "r.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st.SetBackupDir(dir)
	st.EnableAutoBackups()
	newTestUIOn(t, st, Options{})
	list, err := store.ListBackups(context.Background(), dir)
	if err != nil || len(list) != 1 || list[0].Documents != 1 {
		t.Fatalf("backups after opening: %+v %v", list, err)
	}
	// Reopening within the day makes no other.
	st2, err := openSeeded(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	st2.SetBackupDir(dir)
	st2.EnableAutoBackups()
	newTestUIOn(t, st2, Options{})
	if list, _ := store.ListBackups(context.Background(), dir); len(list) != 1 {
		t.Errorf("%d backups after reopening the same day, want 1", len(list))
	}
}

// The banner's "Open another research file…" starts in the folder of the
// file that could not be opened (it started in the folder last chosen
// from, found by a UI pass), and Open… otherwise in the open file's.
func TestOpenDialogStartsBesideTheFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "research.dossier")
	os.WriteFile(path, bytes.Repeat([]byte("not sqlite "), 500), 0o644)
	_, openErr := openSeeded(path)
	u := newTestUIOnStandIn(t, BrokenFile{Path: path, Err: openErr}, "")
	var got string
	u.do(func() { got = u.researchFolder() })
	if got != filepath.Dir(path) {
		t.Errorf("on a file that could not be opened, the open dialog starts in %q; want %q", got, filepath.Dir(path))
	}
	v := newTestUI(t)
	v.do(func() { got = v.researchFolder() })
	if want := filepath.Dir(v.CurrentStore().Path()); got != want {
		t.Errorf("the open dialog starts in %q; want the open file's folder %q", got, want)
	}
}

// A file whose side files another program holds for another file (moved
// or replaced while that program had it open), one swapped while it was
// being opened, or one on a full disk, is sound: the banner offers to try again (or, for a swap,
// another file), never to restore a backup over it or recover it.
func TestBannerForAFileInUseElsewhere(t *testing.T) {
	for _, c := range []struct {
		err  error
		want []string
	}{
		{fmt.Errorf("research file x: %w", store.ErrSideFilesHeldElsewhere), []string{"Try again", "Open another research file…"}},
		{fmt.Errorf("research file x: %w", store.ErrSwappedWhileOpening), []string{"Open another research file…"}},
		{fmt.Errorf("research file x: %w", store.ErrLeftSideFiles), []string{"Try again", "Open another research file…"}},
		// A sound file on a full disk (a hostile data pass found it called
		// damaged, with a backup and a recovery offered).
		{fmt.Errorf("research file x: %w", store.ErrDiskFull), []string{"Try again", "Open another research file…"}},
		// Another file's -wal beside it: recover and restore refuse it too,
		// and the way out was cut off the banner (a hostile data pass).
		{fmt.Errorf("research file x: %w: read together they make another Dossier research file", store.ErrForeignWAL), []string{"Try again", "Open another research file…"}},
		// Its own -wal but no -shm on a read-only disk: recover refuses it
		// too, and a backup restored over it would lose its last changes;
		// the store's message, cut at 200 characters, lost the way out (a
		// hostile data pass).
		{fmt.Errorf("research file x cannot be read here: %w", store.ErrWALNeedsShm), []string{"Try again", "Open another research file…"}},
		// A name that leaves no room for the side files: the way out was
		// cut off, and Recover offered for a file that is not damaged,
		// nor there when new (hostile data pass data9).
		{fmt.Errorf("research file x: cannot be created: its name is 248 bytes long …; give it a name of 247 bytes or fewer (nothing was kept): %w", store.ErrNameTooLong), []string{"Open another research file…"}},
		// Through a link, the name too long is the target's (data9).
		{fmt.Errorf("research file x: cannot be opened: it leads to /elsewhere/target.dossier, whose name is 252 bytes long, and SQLite keeps …; give that file a name of 251 bytes or fewer (nothing was changed): %w", store.ErrNameTooLong), []string{"Open another research file…"}},
	} {
		t.Setenv("XDG_DATA_HOME", t.TempDir())
		path := filepath.Join(t.TempDir(), "research.dossier")
		st, err := openSeeded(path)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		backUpElsewhere(t, path) // a backup there is not offered
		u := newTestUIOnStandIn(t, BrokenFile{Path: path, Err: c.err}, "")
		u.work.waitIdleJobs()
		u.do(func() {})
		if got := bannerButtons(u.banner); !slices.Equal(got, c.want) {
			t.Errorf("%v: banner actions %q; want %q", c.err, got, c.want)
		}
		_, msg := u.banner.visible()
		msg = strings.ReplaceAll(msg, cutMiddle(path, maxShownPath), path) // a long temporary path is cut
		if strings.Contains(msg, "…") || !strings.Contains(msg, "again") || !strings.Contains(msg, path) ||
			errors.Is(c.err, store.ErrNameTooLong) && !strings.Contains(c.err.Error(), "leads to") && !strings.Contains(msg, "its name is too long for the files SQLite keeps beside it, named after it. Give it a name of 247 bytes or fewer (nothing was kept), then open it again") ||
			strings.Contains(c.err.Error(), "leads to") && !strings.Contains(msg, "it leads to “/elsewhere/target.dossier”, whose name is too long for the files SQLite keeps beside it, named after it; give that file a name of 251 bytes or fewer (nothing was changed), then open it again.") {
			t.Errorf("banner says %q: it should name the file and say what to do, whole", msg)
		}
		if c.want[0] != "Try again" {
			continue
		}
		// Tried again and refused for another reason (the program holding
		// the side files died, leaving them): the banner says the new
		// reason (found by a UI pass: it went on naming the dead program).
		left := fmt.Errorf("research file %s: %w", path, store.ErrLeftSideFiles)
		u.do(func() {
			u.opts.OpenStore = func(string) (*store.Store, error) { return nil, left }
			u.banner.actions.Objects[0].(*bannerButton).OnTapped()
		})
		u.work.waitIdleJobs()
		u.do(func() {})
		if _, msg := u.banner.visible(); !strings.Contains(msg, "still those of the file that was there before") {
			t.Errorf("after Try again refused anew the banner says %q", msg)
		}
		u.do(func() {
			u.opts.OpenStore = openSeeded
			u.banner.actions.Objects[0].(*bannerButton).OnTapped()
		})
		u.work.waitIdleJobs()
		u.do(func() {})
		if got := u.CurrentStore().Path(); got != path {
			t.Errorf("after Try again the window shows %s; want %s", got, path)
		}
		if u.banner.box.Visible() {
			t.Errorf("banner still shown once the file opened: %q", u.banner.message.Text)
		}
	}
}

func TestHeldBySaysWhoHoldsTheSideFiles(t *testing.T) {
	if got := heldBy(store.ErrSideFilesHeldElsewhere); !strings.Contains(got, "another program holds its side files") {
		t.Errorf("heldBy without a name = %q", got)
	}
}

// Back up now on a file the check calls damaged (a row referring to a tag
// that is gone) makes no backup, and says why: it pushed a sound backup
// out of the folder (found by a hostile pass).
func TestBackUpNowRefusesADamagedFile(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "orphan.dossier")
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA foreign_keys = OFF; INSERT INTO passage_tags (passage_id, tag_id, origin, state, created_at)
		SELECT min(id), 987654, 'manual', 'accepted', '2026-01-01T00:00:00Z' FROM passages`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	u.do(func() { u.switchTo(path) })
	u.work.wait()
	dir := t.TempDir()
	u.CurrentStore().SetBackupDir(dir)
	u.do(u.backUpNow)
	u.work.wait()
	if list, err := store.ListBackups(context.Background(), dir); err != nil || len(list) != 0 {
		t.Errorf("backups of a damaged file: %+v %v", list, err)
	}
	if msg := u.status.message.Text; msg != "Backup failed." {
		t.Errorf("status %q", msg)
	}
}

// On a damaged file, a change other than an import is refused in its own
// words: Library → Delete document… and Edit → Bookmark passage… said
// "nothing is imported into it" (a hostile pass on the Library menu).
func TestChangesToADamagedFileAreRefusedInTheirOwnWords(t *testing.T) {
	path := damagedResearchFile(t, "")
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	st.SetBackupDir(t.TempDir())
	u := newTestUIOn(t, st, Options{})
	u.openPassage(t, "Putin", 1)
	for _, change := range []func(){
		func() { u.deleteDocument(u.reader.doc) },
		func() { u.showDocumentDetails(u.reader.doc) },
	} {
		u.do(change)
		got := strings.Join(texts(u.dialog(t, "Damaged research file")), " ")
		if strings.Contains(got, "import") || !strings.Contains(got, "nothing is changed in it") {
			t.Errorf("the refusal says %q", got)
		}
		u.tapDialogButton(t, "Damaged research file", "OK")
	}
}
