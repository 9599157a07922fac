package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// readerBreaksAWord reports the first word of the reader's passages wider
// than its text's width (broken between letters), or "".
func readerBreaksAWord(u *testUI) (word string, width, need float32, checked int) {
	size := theme.TextSize()
	walkLaidOut(u.resultsSplit.Trailing, func(o fyne.CanvasObject) {
		st, ok := o.(*selectableText)
		if !ok || word != "" {
			return
		}
		ft := &st.flowText
		if !st.Visible() || ft.maxLines != 0 || st.Size().Width <= 0 {
			return
		}
		checked++
		avail := st.Size().Width - 2*theme.InnerPadding() - 1
		for _, w := range words(ft.spans) {
			wide, text := float32(0), ""
			for _, p := range w {
				text += strings.TrimRight(p.text, " ")
				wide += measureWord(strings.TrimRight(p.text, " "), size, textStyle(p.span))
			}
			if wide > avail {
				word, width, need = text, avail, wide
				return
			}
		}
	})
	return word, width, need, checked
}

// At the largest text on an 800×600 screen with the sidebar shown, the
// reader keeps the Mueller report's words whole: it was 235 pixels, its
// text 156, and "Introduction to Volume I" was broken "Introductio|n",
// "materials—hacks" between letters (found under Xvfb by a UI pass). A
// line may break after a dash between words or before a footnote
// reference, and the reader's usual least width holds readerLeastChars of
// text beside its passage numbers: the panes are narrowed to give it.
func TestReaderKeepsWordsWholeOnASmallScreen(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "corpus", "mueller-report.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no shared corpus:", err)
	}
	u := newTestUI(t)
	importFile(t, u.CurrentStore(), path)
	u.do(func() { u.refreshLibrary() })
	var doc int64
	u.do(func() {
		for _, d := range u.library.docs {
			if d.Title == "Mueller report" {
				doc = d.ID
			}
		}
	})
	if doc == 0 {
		t.Fatal("the Mueller report is not in the library")
	}
	u.do(func() { u.reader.openDocument(doc) })
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	check := func(how string) {
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() {
			if !u.sidebarPane.Visible() {
				t.Fatalf("%s: the sidebar is not shown", how)
			}
			word, width, need, checked := readerBreaksAWord(u)
			if checked == 0 {
				t.Fatalf("%s: no passage text found in the reader", how)
			}
			if word != "" {
				t.Errorf("%s: the reader's passage text has %v pixels, less than the %v of its word %q: broken between letters (reader %v, sidebar %v, results %v)", how, width, need, word, u.resultsSplit.Trailing.Size().Width, u.sidebarPane.Size().Width, u.resultsSplit.Leading.Size().Width)
			}
		})
	}
	check("opened from the Library")
	// Opened from a result: the results pane is as wide as a hit row with
	// "¶ 1403" needs.
	u.find("kilimnik")
	u.do(func() {
		for i, it := range u.results.items {
			if it.hit != nil && it.hit.DocumentTitle == "Mueller report" {
				u.results.list.Select(i)
				return
			}
		}
		t.Fatal("no hit in the Mueller report")
	})
	check("opened from a result")
}

// With the Saved or the Claims section shown there too, the reader keeps
// a document's words whole, the Mueller report's (passage numbers of four
// digits) and a short one's: beside those sections it was about 285
// pixels and "communications" was broken between letters (found under
// Xvfb by a UI pass).
func TestReaderKeepsWordsWholeBesideEverySection(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "corpus", "mueller-report.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no shared corpus:", err)
	}
	short := writeFile(t, filepath.Join(t.TempDir(), "short.txt"), "Intercepted communications\n\n"+
		"The telecommunications infrastructure of the region was characterised by interconnected communications networks and counterintelligence responsibilities.\n")
	for _, c := range []struct{ path, title string }{{path, "Mueller report"}, {short, "Intercepted communications"}} {
		t.Run(c.title, func(t *testing.T) {
			u := newTestUI(t)
			importFile(t, u.CurrentStore(), c.path)
			u.do(func() { u.refreshLibrary() })
			var doc int64
			u.do(func() {
				for _, d := range u.library.docs {
					if d.Title == c.title {
						doc = d.ID
					}
				}
			})
			if doc == 0 {
				t.Fatalf("%q is not in the library", c.title)
			}
			u.do(func() { u.reader.openDocument(doc) })
			u.do(func() {
				u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
				u.setTextScale(maxTextScale)
				u.setSidebarShown(true)
			})
			for _, s := range u.sidebar.sections {
				u.do(func() { u.sidebar.showNamed(s.name) })
				u.do(func() { u.w.Canvas().Capture() })
				u.do(func() {
					if !u.sidebarPane.Visible() {
						t.Fatalf("%s: the sidebar is not shown", s.name)
					}
					word, width, need, checked := readerBreaksAWord(u)
					if checked == 0 {
						t.Fatalf("%s: no passage text found in the reader", s.name)
					}
					if word != "" {
						t.Errorf("%s shown: the reader's passage text has %v pixels, less than the %v of its word %q: broken between letters (reader %v, sidebar %v, middle %v, narrow %v)", s.name, width, need, word, u.resultsSplit.Trailing.Size().Width, u.sidebarPane.Size().Width, u.resultsSplit.Leading.Size().Width, u.narrow)
					}
				})
			}
		})
	}
}
