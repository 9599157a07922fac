package app

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// overlayTexts gathers the label texts of the open dialogs.
func overlayTexts(w fyne.Window) string {
	var b strings.Builder
	for _, o := range w.Canvas().Overlays().List() {
		walkCanvas(o, func(c fyne.CanvasObject) {
			if l, ok := c.(*widget.Label); ok {
				b.WriteString(l.Text + "\n")
			}
		})
	}
	return b.String()
}

func walkCanvas(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, k := range c.Objects {
			walkCanvas(k, fn)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		for _, k := range r.Objects() {
			walkCanvas(k, fn)
		}
	}
}

// A read-only research file opens with a banner saying so and why; import
// and annotation actions refuse with the same message instead of failing
// later; a writable file shows no banner.
func TestReadOnlyBanner(t *testing.T) {
	u := newTestUI(t)
	if shown, _ := u.banner.visible(); shown {
		t.Error("a writable file shows a banner")
	}
	ro := u.openReadOnly(t)
	if n := len(u.w.Canvas().Overlays().List()); n != 0 {
		t.Errorf("opening a read-only file showed %d dialogs: %q", n, overlayTexts(u.w))
	}
	shown, msg := u.banner.visible()
	if !shown || !strings.Contains(msg, "read-only") || !strings.Contains(msg, "permissions") {
		t.Errorf("banner shown %v: %q; want it to say the file is read-only and why", shown, msg)
	}

	doc := writeFile(t, filepath.Join(t.TempDir(), "a.txt"), "A title\n\nSome text.\n")
	u.do(func() { u.importPaths([]string{doc}) })
	if got := overlayTexts(u.w); !strings.Contains(got, "This research file is read-only: "+ro) {
		t.Errorf("import on a read-only file: dialogs say %q", got)
	}
	if len(u.library.docs) != 1 {
		t.Errorf("library %q after a refused import", docTitles(u))
	}
	for _, o := range u.w.Canvas().Overlays().List() {
		u.do(func() { u.w.Canvas().Overlays().Remove(o) })
	}
	u.find("kilimnik")
	if len(u.results.items) == 0 {
		t.Fatal("search on a read-only file found nothing")
	}
	u.do(func() { u.results.list.Select(0) })
	u.do(u.toggleBookmark)
	if got := overlayTexts(u.w); !strings.Contains(got, "read-only") || strings.Contains(got, "A note (optional)") {
		t.Errorf("bookmark on a read-only file: dialogs say %q", got)
	}

	// Back to a writable file: the banner goes.
	u.do(func() { u.switchToNew(filepath.Join(t.TempDir(), "rw.dossier")) })
	if shown, _ := u.banner.visible(); shown {
		t.Error("the banner stays on a writable file")
	}
}

// openReadOnly switches the window to a new seeded research file that is
// read-only (chmod 0444), and returns its path.
func (u *testUI) openReadOnly(t *testing.T) string {
	t.Helper()
	ro := filepath.Join(t.TempDir(), "ro.dossier")
	st, err := openSeeded(ro)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.Chmod(ro, 0o444); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.switchTo(ro) })
	if !u.CurrentStore().ReadOnly() {
		t.Fatal("the chmod 0444 file is not open read-only")
	}
	return ro
}

// A file carrying SQL Dossier never makes (here a trigger) opens read-only
// (it would run with its changes), and the banner says why and offers to
// recover it into a new file, which leaves it behind.
func TestForeignSQLBannerOffersRecovery(t *testing.T) {
	u := newTestUI(t)
	path := seededFileWithSQL(t, "shared.dossier", `CREATE TRIGGER wipe AFTER INSERT ON bookmarks BEGIN DELETE FROM documents; END`)
	u.do(func() { u.switchTo(path) })
	u.work.waitIdleJobs()
	shown, msg := u.banner.visible()
	if !shown || !strings.Contains(msg, "read-only") || !strings.Contains(msg, "SQL") || !strings.Contains(msg, "trigger wipe") {
		t.Fatalf("banner shown %v: %q; want it to name the trigger that keeps the file read-only", shown, msg)
	}
	if got := bannerButtons(u.banner); len(got) != 1 || got[0] != "Recover into a new file…" {
		t.Fatalf("banner actions %q", got)
	}
	u.do(func() { test.Tap(u.banner.actions.Objects[0].(*bannerButton)) })
	if got := overlayTexts(u.w); !strings.Contains(got, "Recover into a new file") && len(u.w.Canvas().Overlays().List()) == 0 {
		t.Errorf("the banner's action opened no recovery dialog: %q", got)
	}
}

// A file whose table of Dossier's another program changed (a column
// renamed) opens read-only; the banner says the table was changed, not
// that SQLite would run SQL with every change (a trigger's danger), and
// no longer promises an export it cannot make (the renamed notes).
func TestChangedTableBannerSaysSo(t *testing.T) {
	u := newTestUI(t)
	path := seededFileWithSQL(t, "renamed.dossier", `ALTER TABLE bookmarks RENAME COLUMN note TO notes`)
	u.do(func() { u.switchTo(path) })
	u.work.waitIdleJobs()
	shown, msg := u.banner.visible()
	if !shown || !strings.Contains(msg, "another program changed its table bookmarks") || strings.Contains(msg, "export") {
		t.Fatalf("banner shown %v: %q; want it to say another program changed the table", shown, msg)
	}
	if got := bannerButtons(u.banner); len(got) != 1 || got[0] != "Recover into a new file…" {
		t.Fatalf("banner actions %q", got)
	}
}

// A file lacking part of Dossier's schema (a table dropped by another
// program) opens read-only, and the banner names what it lacks and offers
// to recover it: it opened writable, and the first change needing the
// table failed with SQLite's "no such table".
func TestMissingSchemaBannerOffersRecovery(t *testing.T) {
	u := newTestUI(t)
	path := seededFileWithSQL(t, "dropped.dossier", `DROP TABLE bookmark_removals`)
	u.do(func() { u.switchTo(path) })
	u.work.waitIdleJobs()
	// The check after opening calls it damaged: the damage banner, which
	// also offers the latest backup.
	shown, msg := u.banner.visible()
	if !shown || !strings.Contains(msg, "table bookmark_removals") {
		t.Fatalf("banner shown %v: %q; want it to name the missing table", shown, msg)
	}
	if got := bannerButtons(u.banner); !slices.Contains(got, "Recover into a new file…") {
		t.Fatalf("banner actions %q", got)
	}
	if !u.CurrentStore().ReadOnly() {
		t.Error("the file lacking a table is open for writing")
	}
}

// seededFileWithSQL is a new seeded research file, name, in a temporary
// folder, after another program ran ddl on it.
func seededFileWithSQL(t *testing.T, name, ddl string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	st, err := openSeeded(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(ddl); err != nil {
		t.Fatal(err)
	}
	return path
}
