package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
		scroll := sec.Objects[0].(*container.Scroll)
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
			scroll := u.claims.choices.Objects[0].(*container.Scroll)
			if got, whole := scroll.Size().Height, scroll.Content.MinSize().Height; got < whole {
				t.Errorf("%v screen: the choices have %v of their %v pixels, and scroll", screen, got, whole)
			}
			if list, row := u.claims.groups.Size().Height, u.claims.grouping.MinSize().Height; list < 4*row {
				t.Errorf("%v screen: the groups have %v pixels, under four rows", screen, list)
			}
		})
	}
}
