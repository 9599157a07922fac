package app

import (
	"strings"
	"testing"
)

// A file where another program wrote text into a column of whole numbers
// (documents.pages) opened as "Library — 0 documents. The library is
// empty", with nothing said but a status line the automatic backup's
// message soon replaced (a hostile pass). The library says it cannot be
// read and why, and the check after opening shows the damage banner with
// its ways out.
func TestALibraryThatCannotBeReadSaysSo(t *testing.T) {
	u := newTestUI(t)
	path := seededFileWithSQL(t, "values.dossier", `UPDATE documents SET pages = 'many'`)
	u.do(func() { u.switchTo(path) })
	u.work.waitIdleJobs()
	u.do(func() {
		if got := u.results.message.Text; !u.results.messageLine.Visible() || !strings.Contains(got, "The library cannot be read") || !strings.Contains(got, "column pages") {
			t.Errorf("the results pane says %q (shown %v); want that the library cannot be read, and why", got, u.results.messageLine.Visible())
		}
		if got := u.library.heading.Text; got != "Library (unreadable)" {
			t.Errorf("the sidebar's library is headed %q", got)
		}
	})
	shown, msg := u.banner.visible()
	if !shown || !strings.Contains(msg, "damaged") || !strings.Contains(msg, "column pages of table documents") {
		t.Errorf("banner shown %v: %q; want the damage named", shown, msg)
	}
	if got := bannerButtons(u.banner); !strings.Contains(strings.Join(got, "|"), "Recover into a new file…") {
		t.Errorf("banner actions %q", got)
	}
}
