package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// On an 800×600 screen at the largest text, showing the sidebar (with any
// of its sections) must not make the window need more width than the
// screen gives it: the real window grew to 786–878 px and its right part
// went off the screen.
func TestSidebarShownFitsASmallScreensWidth(t *testing.T) {
	budget := fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600))
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.do(func() {
		u.w.Resize(budget)
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	for _, s := range u.sidebar.sections {
		u.do(func() { u.sidebar.showNamed(s.name) })
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() {
			if w := u.w.Content().MinSize().Width; w > budget.Width {
				t.Errorf("%s shown, a passage open: the window needs %v pixels of width, more than the %v an 800×600 screen gives it", s.name, w, budget.Width)
			}
			// The test window has no menu bar; the real one's is a line
			// of text high, and the content is padded.
			bar := widget.NewLabel("File").MinSize().Height
			if h := u.w.Content().MinSize().Height + bar + 2*theme.Padding(); h > budget.Height {
				t.Errorf("%s shown, a passage open: the window needs %v pixels of height with its menu bar, more than the %v an 800×600 screen gives it", s.name, h, budget.Height)
			}
		})
	}
}

// Switching the sidebar's section there: the sidebar widens to the new
// section's least width (the Bookmarks heading ran over the results,
// laid out in the Library's narrower pane).
func TestSidebarWidensForASectionsHeading(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	for _, s := range u.sidebar.sections {
		u.do(func() { u.sidebar.showNamed(s.name) })
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() {
			for name, pane := range map[string]fyne.CanvasObject{"sidebar": u.sidebarPane, "middle pane": u.resultsSplit.Leading, "reader": u.resultsSplit.Trailing} {
				if w, least := pane.Size().Width, pane.MinSize().Width; w < least {
					t.Errorf("%s shown: the %s is %v pixels wide, narrower than the %v it needs", s.name, name, w, least)
				}
			}
		})
	}
}

// The rows of buttons the narrow panes wrap keep every button whole and
// inside its pane, none over another: the sidebar's section buttons, the
// Library's Import…, the reader's bar.
func TestNarrowPanesKeepEveryButtonWhole(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	drv := fyne.CurrentApp().Driver()
	check := func(section, pane string, in fyne.CanvasObject, objs []fyne.CanvasObject) {
		at := drv.AbsolutePositionForObject(in)
		var boxes [][4]float32
		for i, o := range objs {
			p, s := drv.AbsolutePositionForObject(o), o.Size()
			least := o.MinSize()
			if b, ok := o.(*widget.Button); ok && b.Text == "" {
				// An icon's button: its icon whole, with a little room.
				least.Width = theme.IconInlineSize() + 2*theme.Padding()
			}
			if s.Width < least.Width-0.5 || s.Height < least.Height-0.5 {
				t.Errorf("%s shown: %s part %d is %v, less than its %v", section, pane, i, s, least)
			}
			if p.X < at.X-0.5 || p.X+s.Width > at.X+in.Size().Width+0.5 {
				t.Errorf("%s shown: %s part %d runs from %v to %v, outside the pane's %v to %v", section, pane, i, p.X, p.X+s.Width, at.X, at.X+in.Size().Width)
			}
			for j, b := range boxes {
				if p.X < b[2]-0.5 && b[0] < p.X+s.Width-0.5 && p.Y < b[3]-0.5 && b[1] < p.Y+s.Height-0.5 {
					t.Errorf("%s shown: %s parts %d and %d overlap", section, pane, j, i)
				}
			}
			boxes = append(boxes, [4]float32{p.X, p.Y, p.X + s.Width, p.Y + s.Height})
		}
	}
	for _, s := range u.sidebar.sections {
		u.do(func() { u.sidebar.showNamed(s.name) })
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() {
			var icons []fyne.CanvasObject
			for _, sec := range u.sidebar.sections {
				icons = append(icons, sec.button)
			}
			check(s.name, "the sidebar's buttons", u.sidebarPane, icons)
			if s.name == "library" {
				check(s.name, "the Library's heading", u.sidebarPane, []fyne.CanvasObject{u.library.heading, u.library.importButton})
			}
			r := u.reader
			check(s.name, "the reader's bar", u.resultsSplit.Trailing, []fyne.CanvasObject{r.actions.buttons[0], r.actions.buttons[1], r.actions.buttons[2], r.hitLabel, r.prevHit, r.nextHit})
		})
	}
}

// The Claims ledger between the sidebar and the reader on an 800×600
// screen at the largest text: its claims must wrap inside the pane, not
// run past its edge and be cut mid-word.
func TestLedgerWrapsInsideItsPaneOnASmallScreen(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.openClaims(t)
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() { u.w.Canvas().Capture() })
	l := u.claims.ledger
	u.do(func() {
		pane := u.claims.ledgerBox.Size().Width
		if end := l.x[colClaim] + l.w[colClaim]; end > pane+0.5 || l.minWidth() > pane {
			t.Errorf("in a %v px pane the claims' words end at %v (the table needs %v): cut at the pane's edge", pane, end, l.minWidth())
		}
	})
}

// Beside the sidebar's widest sections on an 800×600 screen at the
// largest text, the reader is not made the narrowest of the two panes it
// shares with the results: the results' least width was that of a "Show
// more results" button (256 pixels), more than their share, and the
// reader was left 235 pixels, its words broken across lines.
func TestReaderKeepsItsShareBesideANarrowResultsPane(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	for _, name := range []string{"saved", "bookmarks", "library"} {
		u.do(func() { u.sidebar.showNamed(name) })
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() {
			if results, reader := u.resultsSplit.Leading.Size().Width, u.resultsSplit.Trailing.Size().Width; reader < results {
				t.Errorf("%s shown: the reader is %v pixels wide, narrower than the results' %v", name, reader, results)
			}
		})
	}
}

// The "more" row's button says how many of how many hits are shown where
// the results pane has room, and only "Show more" where it has not (the
// button does not wrap, and was cut at both sides).
func TestShowMoreFitsANarrowResultsPane(t *testing.T) {
	u := newTestUI(t)
	var b strings.Builder
	b.WriteString("Many mentions\n\n")
	for i := range pageSize + 7 {
		fmt.Fprintf(&b, "Paragraph %d mentions the plumtwist committee again.\n\n", i+1)
	}
	u.do(func() { u.importPaths([]string{writeFile(t, filepath.Join(t.TempDir(), "m.txt"), b.String())}) })
	u.find("plumtwist")
	r := u.results
	row := r.createRow().(*resultRow)
	u.do(func() { r.updateRow(len(r.items)-1, row) })
	u.do(func() {
		if !strings.HasPrefix(row.more.Text, "Show more (") {
			t.Errorf("in a %v-pixel results pane the button says %q, not the counts", r.list.Size().Width, row.more.Text)
		}
	})
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
		u.sidebar.showNamed("saved")
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		r.updateRow(len(r.items)-1, row)
		if w, least := r.list.Size().Width, row.more.MinSize().Width; least > w {
			t.Errorf("in a %v-pixel results pane the button %q needs %v", w, row.more.Text, least)
		}
	})
}

// On a screen too narrow for the sidebar even with the panes narrowed,
// showing it leaves it hidden and says why and what to do, instead of
// growing the window past the screen's edge.
func TestSidebarNotShownOnAScreenTooNarrowForIt(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	room := float32(400)
	u.do(func() {
		u.screenRoom = func() fyne.Size { return fyne.NewSize(room, 2000) }
		u.w.Resize(fyne.NewSize(room, 400))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(false)
		u.setSidebarShown(true)
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		if u.sidebarPane.Visible() {
			t.Errorf("the sidebar is shown: the window needs %v pixels of width, more than the screen's %v", u.w.Content().MinSize().Width, room)
		}
		if m := u.status.message.Text; !strings.Contains(m, "No room for the sidebar") || !strings.Contains(m, "Ctrl+-") {
			t.Errorf("the status line says %q, not why the sidebar is hidden and what would make room", m)
		}
	})
	// With smaller text it has room, and shows.
	u.do(func() {
		u.setTextScale(defaultTextScale)
		room = 1200
		u.w.Resize(fyne.NewSize(room, 800))
		u.setSidebarShown(true)
	})
	u.do(func() {
		if !u.sidebarPane.Visible() || u.status.message.Text == sidebarNoRoomMessage {
			t.Errorf("with room for it, the sidebar is not shown (status %q)", u.status.message.Text)
		}
	})
}

// On a screen that has the width for the sidebar at the largest text but
// not the height, showing it leaves it hidden and says why, as on one too
// narrow: at 640×480 the Claims section, at 560×480 the Library, made the
// window taller than the screen, the foot of the status line cut off
// (found under Xvfb, the reader empty). Whatever is shown, the window
// needs no more height than the screen has.
func TestSidebarGivesWayOnAScreenTooShortForIt(t *testing.T) {
	for _, screen := range []fyne.Size{fyne.NewSize(640, 480), fyne.NewSize(560, 480)} {
		t.Run(fmt.Sprintf("%v×%v", screen.Width, screen.Height), func(t *testing.T) {
			budget := fitToScreen(fyne.NewSize(1280, 800), screen)
			u := newTestUI(t)
			u.find("kilimnik")
			u.do(func() { u.reader.reset() })
			// The test window has no menu bar; the real one's is a line
			// of text high, and the content is padded.
			var bar, room fyne.Size
			u.do(func() {
				u.setTextScale(maxTextScale)
				bar = fyne.NewSize(2*theme.Padding(), widget.NewLabel("File").MinSize().Height+2*theme.Padding())
				room = budget.Subtract(bar)
				u.screenRoom = func() fyne.Size { return room }
				u.w.Resize(budget)
			})
			for _, name := range []string{"library", "claims", "saved"} {
				u.do(func() {
					u.setSidebarShown(false)
					u.setSidebarShown(true)
					u.sidebar.showNamed(name)
				})
				u.do(func() { u.w.Canvas().Capture() })
				u.do(func() {
					least := u.w.Content().MinSize()
					if u.sidebarPane.Visible() && (least.Width > room.Width || least.Height > room.Height) {
						t.Errorf("%s shown: the window needs %v pixels with the sidebar, more than the %v the screen gives it", name, least.Add(bar), budget)
					}
					if !u.sidebarPane.Visible() && u.status.message.Text != sidebarNoRoomMessage {
						t.Errorf("%s: the sidebar is hidden, and the status line says %q", name, u.status.message.Text)
					}
					if h := least.Height + bar.Height; h > screen.Height {
						t.Errorf("%s: the window needs %v pixels of height, more than the screen's %v", name, h, screen.Height)
					}
				})
			}
		})
	}
}
