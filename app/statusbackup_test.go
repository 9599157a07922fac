package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
)

// "Backed up to <path>" at 800×600 and the largest text was cut at its end
// by Fyne's ellipsis, the backup's file name lost ("Backed up to
// /tmp/ui15/data/dossier/backups/x-6eb86f46/…", a UI pass: a path has no
// spaces to wrap at). The path is cut in its middle, the file name kept,
// and the whole message shows in a tip.
func TestStatusLineKeepsTheBackupsFileName(t *testing.T) {
	u := newTestUI(t)
	dir := filepath.Join(t.TempDir(), "research", "foreign-interference-inquiry", "second-phase", "dossier", "backups", "x-6eb86f46")
	u.CurrentStore().SetBackupDir(dir)
	u.do(func() {
		u.w.Resize(fyne.NewSize(800, 600))
		u.setTextScale(maxTextScale)
		// No height to spare for a second line, as beside the results and
		// the reader of ui15's window (g04).
		u.status.room = func() float32 { return 0 }
	})
	u.do(u.backUpNow)
	list, err := store.ListBackups(context.Background(), dir)
	if err != nil || len(list) != 1 {
		t.Fatalf("backups after Back up now: %+v %v", list, err)
	}
	want := "Backed up to " + list[0].Path
	u.do(func() { u.w.Canvas().Capture() })
	m := u.status.message
	u.do(func() {
		if got := u.status.text(); got != want {
			t.Fatalf("status %q, not %q", got, want)
		}
		if u.status.layout.lines != 1 {
			t.Fatalf("the message has %d lines: this test is of a message cut to one", u.status.layout.lines)
		}
		drawn, inside := drawnText(m)
		name := filepath.Base(list[0].Path)
		if !strings.HasPrefix(drawn, "Backed up to "+string(filepath.Separator)) || !strings.HasSuffix(drawn, name) || !strings.Contains(drawn, "…") || !inside {
			t.Errorf("the status line draws %q (inside it: %v): not the start of the path and the backup's name %q", drawn, inside, name)
		}
		if w := measureText(drawn, theme.TextSize(), m.TextStyle).Width + 2*theme.InnerPadding(); w > m.Size().Width+0.5 {
			t.Errorf("the message drawn is %v pixels wide in %v", w, m.Size().Width)
		}
	})
	if shown, text, _, _ := u.hover(u.status.tip); !shown || text != want {
		t.Errorf("resting on the cut message shows a tip: %v, %q; want %q", shown, text, want)
	}

	// A message that fits is drawn whole, with no tip.
	u.do(func() { u.status.setMessage("Bookmarked.") })
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		if drawn, _ := drawnText(m); drawn != "Bookmarked." {
			t.Errorf("the status line draws %q", drawn)
		}
	})
	if shown, text, _, _ := u.hover(u.status.tip); shown {
		t.Errorf("a message drawn whole shows a tip %q", text)
	}
}

// Where the window has room for the message on more lines, a path wider
// than a line is cut in its middle to one line: whole, it was broken
// between letters ("20261207-063 / 817Z.dossier") and took a line more
// (800×600 under Xvfb).
func TestStatusLineCutsAPathToALineWhereTheMessageWraps(t *testing.T) {
	u := newTestUI(t)
	dir := filepath.Join(t.TempDir(), "research", "foreign-interference-inquiry", "second-phase", "dossier", "backups", "x-6eb86f46", "more-folders-of-the-inquiry", "and-more")
	u.CurrentStore().SetBackupDir(dir)
	u.do(func() { u.w.Resize(fyne.NewSize(800, 600)) })
	u.do(u.backUpNow)
	list, err := store.ListBackups(context.Background(), dir)
	if err != nil || len(list) != 1 {
		t.Fatalf("backups after Back up now: %+v %v", list, err)
	}
	u.do(func() { u.w.Canvas().Capture() })
	m := u.status.message
	u.do(func() {
		if u.status.layout.lines != 2 {
			t.Fatalf("the message has %d lines: this test is of one on two, the path on the second (%q)", u.status.layout.lines, m.Text)
		}
		drawn, inside := drawnText(m)
		name := filepath.Base(list[0].Path)
		// Lines joined by spaces: a name broken across them has one in it.
		if !strings.HasPrefix(drawn, "Backed up to "+string(filepath.Separator)) || !strings.Contains(drawn, "…") || !strings.HasSuffix(drawn, string(filepath.Separator)+name) || !inside {
			t.Errorf("the status line draws %q (inside it: %v): not the path cut to a line, ending in the backup's name %q", drawn, inside, name)
		}
	})
	if shown, text, _, _ := u.hover(u.status.tip); !shown || text != "Backed up to "+list[0].Path {
		t.Errorf("resting on the message with its path cut shows a tip: %v, %q", shown, text)
	}
}
