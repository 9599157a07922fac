package app

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// Open recent listed files no longer there as if they were: chosen, one
// whose folder was still there was made anew, with only the starter
// documents. It is listed greyed, "(not found)", and cannot be chosen; a
// last item removes such files from the list, and only them.
func TestOpenRecentGreysAFileNoLongerThere(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	there := filepath.Join(dir, "there.dossier")
	if err := os.WriteFile(there, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(dir, "gone.dossier")
	prefs := u.app.Preferences()
	u.do(func() {
		prefs.SetStringList(prefRecentFiles, []string{there, gone})
		u.checkRecent()
	})
	u.work.wait()
	var labels []string
	var forget func()
	u.do(func() {
		for _, it := range u.recentMenu().Items {
			switch {
			case it.IsSeparator:
				labels = append(labels, "---")
			case it.Label == there && !it.Disabled && it.Action != nil:
				labels = append(labels, "there")
			case it.Label == gone+" (not found)" && it.Disabled:
				labels = append(labels, "gone, greyed")
			case strings.HasPrefix(it.Label, "Remove the missing file"):
				labels = append(labels, "remove")
				forget = it.Action
			default:
				labels = append(labels, it.Label)
			}
		}
	})
	if want := []string{"there", "gone, greyed", "---", "remove"}; !slices.Equal(labels, want) {
		t.Fatalf("Open recent lists %q, want %q", labels, want)
	}
	u.do(forget)
	if got := prefs.StringList(prefRecentFiles); !slices.Equal(got, []string{there}) {
		t.Errorf("after removing the missing files the list is %q", got)
	}
	u.do(func() {
		for _, it := range u.recentMenu().Items {
			if strings.Contains(it.Label, "not found") || strings.HasPrefix(it.Label, "Remove") {
				t.Errorf("Open recent still lists %q", it.Label)
			}
		}
	})
}

// A file no longer there when it is chosen is not made anew: an Open
// recent item deleted after the menu last looked, or a damaged file's Try
// again once it was moved away, made a new research file at its name with
// the starter documents only, shown as the user's. The window says it is
// no longer there and keeps the file it had.
func TestChoosingAFileNoLongerThereMakesNoNewFile(t *testing.T) {
	t.Run("Open recent", func(t *testing.T) {
		u := newTestUI(t)
		gone := filepath.Join(t.TempDir(), "story.dossier")
		before := u.CurrentStore().Path()
		var choose func()
		u.do(func() {
			u.app.Preferences().SetStringList(prefRecentFiles, []string{gone})
			for _, it := range u.recentMenu().Items {
				if it.Label == gone && !it.Disabled {
					choose = it.Action
				}
			}
		})
		if choose == nil {
			t.Fatal("Open recent does not offer the file (it was there when the menu last looked)")
		}
		u.do(choose)
		u.work.wait()
		u.do(func() {})
		if _, err := os.Lstat(gone); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("choosing it made %q: %v", gone, err)
		}
		if got := u.CurrentStore().Path(); got != before {
			t.Errorf("the window shows %q, was %q", got, before)
		}
		u.dialog(t, "The research file could not be opened")
		if text := overlayTexts(u.w); !strings.Contains(text, "it is no longer there") || !strings.Contains(text, "made no new file") {
			t.Errorf("the dialog says %q", text)
		}
		u.do(func() {
			for _, it := range u.recentMenu().Items {
				if it.Label == gone+" (not found)" && it.Disabled {
					return
				}
			}
			t.Errorf("Open recent does not grey the file now")
		})
	})
	// Deleted in the instant between the open's look and SQLite's open:
	// the look found it, and the open made a new one at its name.
	t.Run("deleted as it is opened", func(t *testing.T) {
		u := newTestUI(t)
		path := filepath.Join(t.TempDir(), "story.dossier")
		st, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		before := u.CurrentStore().Path()
		deleteThenOpen := func(open func(string) (*store.Store, error)) func(string) (*store.Store, error) {
			return func(p string) (*store.Store, error) {
				for _, suffix := range []string{"", "-wal", "-shm"} {
					os.Remove(p + suffix)
				}
				return open(p)
			}
		}
		u.do(func() {
			u.opts.OpenStore = deleteThenOpen(openSeeded)
			u.opts.OpenExisting = deleteThenOpen(func(p string) (*store.Store, error) {
				return store.OpenExistingResearchFile(p, store.Seed{})
			})
			u.switchTo(path)
		})
		u.work.wait()
		u.do(func() {})
		if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("opening it made %q: %v", path, err)
		}
		if got := u.CurrentStore().Path(); got != before {
			t.Errorf("the window shows %q, was %q", got, before)
		}
		if got := u.status.message.Text; !strings.Contains(got, "no longer there") {
			t.Errorf("the status line says %q", got)
		}
	})
	t.Run("Try again", func(t *testing.T) {
		t.Setenv("XDG_DATA_HOME", t.TempDir())
		path := filepath.Join(t.TempDir(), "notes.dossier")
		os.WriteFile(path, bytes.Repeat([]byte("not sqlite "), 500), 0o644)
		_, openErr := openSeeded(path)
		if openErr == nil {
			t.Fatal("a file of text opened")
		}
		u := newTestUIOnStandIn(t, BrokenFile{Path: path, Err: openErr}, "")
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		u.do(func() { u.switchTo(path) }) // what Try again does
		u.work.wait()
		u.do(func() {})
		if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("trying again made %q: %v", path, err)
		}
		if ok, msg := u.banner.visible(); !ok || !strings.Contains(msg, "no longer there") {
			t.Errorf("the banner says %q (shown: %v)", msg, ok)
		}
		if got := u.status.message.Text; !strings.Contains(got, "Tried again") {
			t.Errorf("the status line says %q", got)
		}
	})
}

// New research file… offers the open file's folder, not the last export's
// (a UI pass), unless the open file is the default one in the app's data
// folder, hidden from the user: then the last folder saved to.
func TestNewResearchFileStartsBesideTheOpenOne(t *testing.T) {
	t.Setenv("DOSSIER_DB", "")
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	u := newTestUI(t)
	exports := t.TempDir()
	u.app.Preferences().SetString(prefSaveFolder, exports)
	shows := func(folder string) bool {
		d := u.dialog(t, "New research file")
		found := false
		u.do(func() {
			for _, l := range findAll[*widget.Label](d) {
				if l.Text == folder {
					found = true
				}
			}
		})
		u.press(t, fyne.KeyEscape, 0)
		return found
	}
	here := filepath.Dir(u.CurrentStore().Path())
	u.do(u.showNewFileDialog)
	if !shows(here) {
		t.Errorf("New research file… does not start in %q, the open file's folder", here)
	}
	def, err := store.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.switchToNew(def) })
	u.work.wait()
	u.do(func() {})
	if got := u.CurrentStore().Path(); got != def {
		t.Fatalf("the window shows %q, want the default file %q", got, def)
	}
	u.do(u.showNewFileDialog)
	if !shows(exports) {
		t.Errorf("on the default file New research file… does not start in %q, the last folder saved to", exports)
	}
}
