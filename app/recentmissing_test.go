package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
