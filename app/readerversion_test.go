package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// The library rows and hits of documents of one title say v1, v2, …; the
// reader open on one of them said only the title, the same for each, and
// "file: seed-article.txt" for an edited file imported again (ui19's
// pass). The line under its title starts with the version, and gains it
// when another document of the title is imported while it is open.
func TestTheReaderSaysWhichVersionIsOpen(t *testing.T) {
	u := newTestUI(t)
	meta := func() string {
		var s string
		u.do(func() {
			if seg, ok := u.reader.meta.Segments[0].(*widget.TextSegment); ok {
				s = seg.Text
			}
		})
		return s
	}
	seed := u.library.docs[0]
	u.do(func() { u.reader.openDocument(seed.ID) })
	u.work.wait()
	if m := meta(); strings.Contains(m, "v1") {
		t.Errorf("a title of its own: the reader says %q", m)
	}
	importTwoMoreOfTheSeedsTitle(t, u)
	u.work.wait()
	if m, want := meta(), u.library.versions[seed.ID].whole(); !strings.HasPrefix(m, want+" · ") {
		t.Errorf("the seed's reader, after two more of its title came in, says %q; want it to start %q", m, want)
	}
	for _, d := range u.library.docs {
		v, ok := u.library.versions[d.ID]
		if !ok || v.n == 1 {
			continue
		}
		u.do(func() { u.reader.openDocument(d.ID) })
		u.work.wait()
		if m := meta(); !strings.HasPrefix(m, v.whole()+" · ") {
			t.Errorf("the reader on %s says %q", v.label(), m)
		}
	}
}
