package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The status line's message gets the width the research file's path does
// not need, the path at most a third: with half each, a count line such as
// "More than 10,000 passages in at least 101 documents · 42 ms · in reading
// order (add words to narrow)" was cut short beside a short path.
func TestStatusMessageGetsTheWidthThePathDoesNotNeed(t *testing.T) {
	test.NewTempApp(t)
	s := newStatusBar()
	bar := s.content()
	bar.Resize(fyne.NewSize(1200, bar.MinSize().Height))
	s.setFile("/tmp/lib.dossier")
	s.setMessage("More than 10,000 passages in at least 101 documents · 42 ms · in reading order (add words to narrow)")
	msg, file := s.message.Size().Width, s.file.Size().Width
	if need := measureText(s.file.Text, s.file.Theme().Size(theme.SizeNameText), s.file.TextStyle).Width; file < need {
		t.Errorf("the path gets %v wide, less than the %v its text needs", file, need)
	}
	if msg < 1200-file-s.undo.MinSize().Width-10 || msg <= 600 {
		t.Errorf("the message gets %v of 1200 beside a path %v wide", msg, file)
	}

	s.setFile("/" + strings.Repeat("a very long folder name/", 20) + "lib.dossier")
	if file := s.file.Size().Width; file > 1200/3+1 {
		t.Errorf("a long path takes %v of 1200, more than a third", file)
	}
	if msg := s.message.Size().Width; msg < 1200*2/3-1 {
		t.Errorf("beside a long path the message gets %v of 1200", msg)
	}
}

// drawnText is the text drawn under o, its lines joined by spaces, and
// whether every line lies inside o.
func drawnText(o fyne.CanvasObject) (string, bool) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o)
	var lines []string
	inside := true
	walkLaidOut(o, func(k fyne.CanvasObject) {
		txt, ok := k.(*canvas.Text)
		if !ok || !txt.Visible() || strings.TrimSpace(txt.Text) == "" {
			return
		}
		lines = append(lines, strings.TrimSpace(txt.Text))
		p := d.AbsolutePositionForObject(txt)
		h := measureText(txt.Text, txt.TextSize, txt.TextStyle).Height
		if p.Y < top.Y-0.5 || p.Y+h > top.Y+o.Size().Height+0.5 {
			inside = false
		}
	})
	return strings.Join(lines, " "), inside
}

// On a screen too narrow for the sidebar at the largest text, the status
// line's "No room for the sidebar on this screen: Ctrl+- makes the text
// smaller" is read whole: it was cut to "No room for the sidebar on th…",
// the key it names out of sight (640×480, found under Xvfb by a UI pass).
// The path gives way to it, and the line wraps onto a second line (a
// third on a narrower screen); a short message has one line again, beside
// the path.
func TestNoRoomMessageIsReadWholeInTheStatusLine(t *testing.T) {
	for _, screen := range []fyne.Size{fyne.NewSize(640, 480), fyne.NewSize(420, 480)} {
		t.Run(fmt.Sprintf("%v×%v", screen.Width, screen.Height), func(t *testing.T) {
			noRoomMessageIsReadWhole(t, fitToScreen(fyne.NewSize(1280, 800), screen))
		})
	}
}

func noRoomMessageIsReadWhole(t *testing.T, budget fyne.Size) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.do(func() {
		// Room too narrow for the sidebar, as a 640×480 screen's is for
		// the Claims section with the Mueller report's claims.
		u.screenRoom = func() fyne.Size { return fyne.NewSize(1, 2000) }
		u.w.Resize(budget)
		u.setTextScale(maxTextScale)
		u.setSidebarShown(false)
		u.setSidebarShown(true)
	})
	u.do(func() { u.w.Canvas().Capture() })
	m := u.status.message
	oneLine := float32(0)
	u.do(func() {
		if u.sidebarPane.Visible() {
			t.Fatal("the sidebar was shown")
		}
		if m.Text != sidebarNoRoomMessage {
			t.Fatalf("status %q", m.Text)
		}
		drawn, inside := drawnText(m)
		if drawn != m.Text || !inside {
			t.Errorf("the status line (%v pixels wide, %v tall) draws %q (inside it: %v), not %q", m.Size().Width, m.Size().Height, drawn, inside, m.Text)
		}
		c := u.w.Canvas().Size()
		if p := fyne.CurrentApp().Driver().AbsolutePositionForObject(m); p.Y+m.Size().Height > c.Height+0.5 {
			t.Errorf("the status line runs to %v, past the window's foot at %v", p.Y+m.Size().Height, c.Height)
		}
		if least := u.w.Content().MinSize().Height; least > c.Height {
			t.Errorf("with the message wrapped the window needs %v pixels of height, more than its %v", least, c.Height)
		}
		oneLine = widget.NewLabel("X").MinSize().Height
	})
	u.do(func() { u.status.setMessage("Bookmarked.") })
	u.do(func() {
		if h := u.status.row.Size().Height; h > oneLine+0.5 {
			t.Errorf("with a short message the status line is %v pixels tall, not a line's %v", h, oneLine)
		}
		if drawn, _ := drawnText(u.status.file); !u.status.file.Visible() || drawn == "" {
			t.Errorf("beside a short message the research file's path is not shown (%q)", drawn)
		}
		if drawn, inside := drawnText(m); drawn != "Bookmarked." || !inside {
			t.Errorf("the status line draws %q (inside it: %v)", drawn, inside)
		}
	})
}

// A right-to-left message, drawn as flow text, has as many lines in the
// status line as the flow text needs: they were counted by a label, which
// wraps some widths a line sooner or later, and the bar kept a blank line
// under a message naming a Hebrew title, or cut its last line with "…"
// (found by the hostile UI pass ui7).
func TestStatusLineCountsARightToLeftMessagesLines(t *testing.T) {
	test.NewTempApp(t)
	for _, msg := range []string{
		"Deleted “تقرير عن روسيا وإيران 2020 דוח ישראלי”.",
		"Deleted “דוח ועדת המודיעין של הסנאט על התערבות רוסיה בבחירות 2016, כרך 5: אמצעים פעילים”.",
	} {
		s := newStatusBar()
		bar := s.content()
		bar.Resize(fyne.NewSize(800, 200))
		s.setMessage(msg)
		bad := 0
		for w := float32(150); w < 900; w += 3 {
			s.layout.Layout(s.row.Objects, fyne.NewSize(w, 200))
			f := s.shown.flow
			need := flowLineCount(f.spans, s.shown.Size().Width, 0)
			if need > statusLines {
				continue
			}
			if s.layout.lines != need {
				bad++
				if bad <= 3 {
					t.Errorf("%v wide, %q is given %d lines; its flow text needs %d", w, msg, s.layout.lines, need)
				}
			}
		}
	}
}
