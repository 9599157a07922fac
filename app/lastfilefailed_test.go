package app

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The research file used last could not be opened at start: the dialog
// showed the store's message, whose ways out are commands ("dossier --db
// FILE recover --out NEW"), to a user who had double-clicked the app. It
// says what happened in the window's words, names the file open instead,
// and offers the window's ways out as its buttons.
func TestTheLastFileFailingIsToldInTheWindowsWords(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	u := newTestUI(t)
	last := filepath.Join(t.TempDir(), "last.dossier")
	os.WriteFile(last, bytes.Repeat([]byte("not sqlite "), 500), 0o644)
	_, damaged := openSeeded(last)
	if damaged == nil {
		t.Fatal("garbage opened")
	}
	// As the store words a file whose schema another program changed.
	changed := fmt.Errorf("research file %s: it lacks part of Dossier's schema (table claims), so changes that need it would fail; recovering it into a new file (dossier --db FILE recover --out NEW) copies its rows into a sound one", last)
	command := regexp.MustCompile("`dossier|dossier (--|check|recover|backups|restore)")
	for _, err := range []error{damaged, changed} {
		u.do(func() { u.showLastFileFailed(last, err) })
		d := u.dialog(t, "The last research file could not be opened")
		text := overlayTexts(u.w)
		if command.MatchString(text) || !strings.Contains(text, last) || !strings.Contains(text, "“"+u.CurrentStore().Path()+"”, is open instead") {
			t.Errorf("for %q the dialog says %q", err, text)
		}
		for _, way := range []string{"Recover into a new file…", "Open another research file…", "OK"} {
			button(t, d, way)
		}
		u.tapDialogButton(t, "The last research file could not be opened", "OK")
	}
}

// A last file no longer there is said so, with the way to find it where
// it is now, and nothing is made at its name.
func TestALastFileNoLongerThereIsSaidSo(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	u := newTestUI(t)
	gone := filepath.Join(t.TempDir(), "usb", "story.dossier")
	r := openFirst(openSeeded, gone, filepath.Join(t.TempDir(), "default.dossier"))
	if r.Store != nil {
		defer r.Store.Close()
	}
	if _, err := os.Lstat(filepath.Dir(gone)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("opening the default file instead made %q: %v", filepath.Dir(gone), err)
	}
	u.do(func() { u.showLastFileFailed(gone, r.LastErr) })
	d := u.dialog(t, "The last research file could not be opened")
	if text := overlayTexts(u.w); !strings.Contains(text, "“"+gone+"”: it is no longer there") || !strings.Contains(text, "made no new file") {
		t.Errorf("the dialog says %q", text)
	}
	button(t, d, "Open another research file…")
	if texts := overlayTexts(u.w); strings.Contains(texts, "Recover into a new file…") {
		t.Errorf("a file no longer there is offered Recover: %q", texts)
	}
}
