package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The Claims section fits the window an 800×600 screen gives at the
// largest text, shown by the user (the sidebar is then not hidden to fit):
// its heading, three choices, Corroboration… and Find claims, as fixed
// rows, made the sidebar 449 pixels tall at least, and the window 768×625
// on a 600-pixel screen, its status line off the screen (found by a UI
// pass). On a short pane the choices scroll, and still show the heading
// and a choice; the groups keep a row and Find claims stays in the pane.
func TestClaimsSectionFitsASmallScreen(t *testing.T) {
	budget := fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600))
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(budget)
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
		u.sidebar.showNamed("claims")
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		// What the window needs beside the middle row: the menu's room,
		// the search row and the status line.
		chrome := u.w.Content().MinSize().Height - u.sidebarSplit.MinSize().Height
		if need := chrome + u.sidebarPane.MinSize().Height; need > budget.Height {
			t.Errorf("with the Claims section the window needs %v pixels of height, more than the %v an 800×600 screen gives it", need, budget.Height)
		}
	})
	// Laid out as short as it may be: the choices scroll, the rest shows.
	u.do(func() {
		sec := u.claims.choices
		sec.Resize(sec.MinSize())
		scroll := sec.Objects[0].(*wholeScroll).scroll
		head, group := u.claims.heading, u.claims.grouping
		if scroll.Size().Height < group.Position().Y+group.Size().Height {
			t.Errorf("at its least the section shows %v pixels of its choices, not the heading and the grouping (%v)", scroll.Size().Height, group.Position().Y+group.Size().Height)
		}
		if head.Position().Y+head.Size().Height > scroll.Size().Height || scroll.Content.Size().Height <= scroll.Size().Height {
			t.Errorf("at its least the choices are %v of %v pixels tall, and do not scroll", scroll.Size().Height, scroll.Content.Size().Height)
		}
		list, find := u.claims.groups, u.claims.findBox
		if list.Size().Height < list.MinSize().Height {
			t.Errorf("at its least the groups have %v pixels, under a row (%v)", list.Size().Height, list.MinSize().Height)
		}
		rest := sec.Objects[1]
		if end := find.Position().Y + find.Size().Height; end > rest.Size().Height+0.5 || find.Size().Height < find.MinSize().Height {
			t.Errorf("Find claims ends at %v, past the %v pixels below the choices", end, rest.Size().Height)
		}
	})
}

// At the usual text size on a laptop's and a monitor's screen the Claims
// section shows all its choices, unscrolled, and the groups below them.
func TestClaimsSectionShowsItsChoicesAtTheUsualSize(t *testing.T) {
	u := newTestUI(t)
	for _, screen := range []fyne.Size{fyne.NewSize(1366, 768), fyne.NewSize(1920, 1080)} {
		u.do(func() {
			u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), screen))
			u.sidebar.showNamed("claims")
		})
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() {
			scroll := u.claims.choices.Objects[0].(*wholeScroll).scroll
			if got, whole := scroll.Size().Height, scroll.Content.MinSize().Height; got < whole {
				t.Errorf("%v screen: the choices have %v of their %v pixels, and scroll", screen, got, whole)
			}
			if list, row := u.claims.groups.Size().Height, u.claims.grouping.MinSize().Height; list < 4*row {
				t.Errorf("%v screen: the groups have %v pixels, under four rows", screen, list)
			}
		})
	}
}

// The reader's title and the line under it give way to the passages in a
// short reader: wrapped beside the claims pane at the largest text in a
// window an 800×600 screen gives, they made the reader 511 pixels tall at
// least, and the window 768×687 (found by a UI pass). Squeezed, they keep
// a line of the title and scroll; the bar (Bookmark, Tag…, Cite) stays.
// Every sidebar section, shown by the user, then fits that window.
func TestReaderTitleGivesWayOnASmallScreen(t *testing.T) {
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
			if h := u.w.Content().MinSize().Height; h > budget.Height {
				t.Errorf("%s shown, a passage open: the window needs %v pixels of height, more than the %v an 800×600 screen gives it (the reader %v)", s.name, h, budget.Height, u.reader.body.MinSize().Height)
			}
		})
	}
	u.do(func() { u.sidebar.showNamed("claims") })
	u.do(func() {
		body := u.reader.body
		body.Resize(fyne.NewSize(body.Size().Width, body.MinSize().Height))
		top := body.Objects[0].(*wholeScroll).scroll
		title := u.reader.title
		line := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: "Russian"}).MinSize().Height
		if top.Size().Height < title.Position().Y+line {
			t.Errorf("squeezed, the reader shows %v pixels of its title's %v", top.Size().Height, title.Size().Height)
		}
		if top.Size().Height >= top.Content.MinSize().Height {
			t.Errorf("squeezed, the reader's title is not cut (%v of %v pixels)", top.Size().Height, top.Content.MinSize().Height)
		}
		rest := body.Objects[1]
		for _, b := range u.reader.actions.buttons {
			if end := b.Position().Y + b.Size().Height; !b.Visible() || rest.Position().Y+end > body.Size().Height {
				t.Errorf("squeezed, the reader's %q button is not in the reader", b.Text)
			}
		}
	})
}

// At the usual text size the reader's title and source line show whole,
// on a laptop's screen too, with the claims pane open beside it; and at
// the largest text on a 1024×768 screen, where the reader is tall enough
// for them and three lines of passages (it kept four, and cut the source
// line in half).
func TestReaderTitleShowsWholeWhereThereIsRoom(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	for _, c := range []struct {
		screen fyne.Size
		scale  float32
	}{
		{fyne.NewSize(1024, 768), 1}, {fyne.NewSize(1366, 768), 1}, {fyne.NewSize(1920, 1080), 1},
		{fyne.NewSize(1024, 768), maxTextScale},
	} {
		for _, claims := range []bool{false, true} {
			u.do(func() {
				u.setTextScale(c.scale)
				u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), c.screen))
				if claims {
					u.sidebar.showNamed("claims")
				} else {
					u.sidebar.showNamed("library")
				}
			})
			u.do(func() { u.w.Canvas().Capture() })
			u.do(func() {
				top := u.reader.body.Objects[0].(*wholeScroll).scroll
				if got, whole := top.Size().Height, top.Content.MinSize().Height; got < whole {
					t.Errorf("%v screen, text ×%v, claims %v: the reader's title and source line have %v of their %v pixels", c.screen, c.scale, claims, got, whole)
				}
			})
		}
	}
}

// The Claims filter's hint fits its box: at the largest text it was cut
// mid-word ("Filter: by:cnn stance:de"), a scroll bar under it (found by a
// UI pass). The longest form that fits is shown, the whole one in a wide
// sidebar at the usual size.
func TestClaimsFilterHintFitsTheBox(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.sidebar.showNamed("claims") })
	screens := []fyne.Size{fyne.NewSize(1920, 1080), fyne.NewSize(1366, 768), fyne.NewSize(1024, 768), fyne.NewSize(800, 600)}
	serpentine([]float32{1, maxTextScale}, screens, func(scale float32, screen fyne.Size) {
		u.do(func() {
			u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), screen))
			u.setTextScale(scale)
			u.setSidebarShown(true)
		})
		u.do(func() { u.w.Canvas().Capture() })
		var hint string
		var box, need float32
		u.do(func() {
			e := u.claims.filter
			hint, box = e.PlaceHolder, e.Size().Width
			need = fyne.MeasureText(hint, theme.TextSize(), fyne.TextStyle{}).Width + 2*(theme.InnerPadding()+theme.InputBorderSize())
		})
		if hint == "" || need > box && hint != claimFilterHints[len(claimFilterHints)-1] {
			t.Errorf("%v screen at text ×%v: the filter's hint %q needs %v px in a %v px box", screen, scale, hint, need, box)
		}
		if screen == screens[0] && scale == 1 && hint != claimFilterHints[0] {
			t.Errorf("a wide sidebar shows the short hint %q", hint)
		}
	})
}

// In a narrow claims pane (the largest text, a 1024×768 screen, the
// sidebar and the reader beside it) the claims' words wrap within the
// pane: the claim's column kept 9 text sizes beside the buttons, wider
// than the pane, and the words were cut at its edge ("ODNI report o"),
// the table scrolling sideways (found by a UI pass).
func TestLedgerFitsANarrowPane(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.openClaims(t)
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(1024, 768)))
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
