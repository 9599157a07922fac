package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// menuItem finds a menu item by its menu and label.
func menuItem(t *testing.T, u *testUI, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range u.w.MainMenu().Items {
		for _, it := range menuTree(m) {
			if m.Label == menu && it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no %s → %s", menu, label)
	return nil
}

// View → Sidebar hides the sidebar, so the results and reader take its
// room, and shows it again; the choice is remembered for the next window,
// and a section's shortcut shows a hidden sidebar with that section.
func TestSidebarHidesAndComesBack(t *testing.T) {
	u := newTestUI(t)
	readerWidth := func() float32 { return u.resultsSplit.Size().Width }
	before := readerWidth()
	u.do(menuItem(t, u, "View", "Sidebar").Action)
	if u.sidebarPane.Visible() || !u.a.Preferences().Bool(prefSidebarHidden) {
		t.Fatalf("after View → Sidebar: shown %v, remembered hidden %v", u.sidebarPane.Visible(), u.a.Preferences().Bool(prefSidebarHidden))
	}
	if menuItem(t, u, "View", "Sidebar").Checked {
		t.Error("the menu still checks Sidebar")
	}
	if after := readerWidth(); after <= before {
		t.Errorf("results and reader are %v wide with the sidebar hidden, %v with it", after, before)
	}

	// A new window starts as the last one was left.
	again := newTestUIIn(t, u.a, test.NewTempWindow(t, nil))
	if again.sidebarPane.Visible() {
		t.Error("a new window shows the sidebar the last one hid")
	}

	u.do(menuItem(t, u, "View", "Bookmarks").Action)
	if !u.sidebarPane.Visible() || u.sidebar.sections[u.sidebar.current].name != "bookmarks" || u.a.Preferences().Bool(prefSidebarHidden) {
		t.Errorf("View → Bookmarks on a hidden sidebar: shown %v, section %s", u.sidebarPane.Visible(), u.sidebar.sections[u.sidebar.current].name)
	}
	if !menuItem(t, u, "View", "Sidebar").Checked {
		t.Error("the menu does not check Sidebar once it shows")
	}
}

// Larger text that makes the window's least size larger than the screen
// hides the sidebar and says how to bring it back; a size that fits, a
// change other than larger text, and a sidebar already hidden leave it.
func TestSidebarHidesToFitTheScreen(t *testing.T) {
	u := newTestUI(t)
	screen := fyne.NewSize(800, 600)
	for _, c := range []struct {
		name  string
		grew  bool
		least fyne.Size
		hide  bool
	}{
		{"fits", true, fyne.NewSize(780, 560), false},
		{"too wide, but the text did not grow", false, fyne.NewSize(900, 560), false},
		{"too wide after larger text", true, fyne.NewSize(900, 560), true},
		{"too tall after larger text", true, fyne.NewSize(780, 732), true},
	} {
		u.do(func() {
			u.setSidebarShown(true)
			u.status.setMessage("")
			u.textGrew = c.grew
			if got := u.fitBySidebar(c.least, screen); got != c.hide || u.sidebarPane.Visible() == c.hide {
				t.Errorf("%s: hid it %v (shown %v), want %v", c.name, got, u.sidebarPane.Visible(), c.hide)
			}
			if msg := u.status.message.Text; c.hide != strings.Contains(msg, "Ctrl+B shows it") {
				t.Errorf("%s: status %q", c.name, msg)
			}
			if u.textGrew {
				t.Errorf("%s: still marked as grown after a fit", c.name)
			}
		})
	}
	// A window that fits the screen, but beside a reader too narrow to
	// read (at 800×600 and text 1.8 it kept 7 characters; a UI pass).
	u.do(func() {
		u.setSidebarShown(true)
		u.w.Resize(fyne.NewSize(800, 600))
		u.setTextScale(maxTextScale)
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		narrow := u.reader.scroll.Size().Width < readerNeeds()
		hid := u.fitBySidebar(fyne.NewSize(700, 500), fyne.NewSize(3000, 2000))
		if !narrow || !hid {
			t.Errorf("a reader %v px wide (it needs %v) in a window that fits: hid the sidebar %v", u.reader.scroll.Size().Width, readerNeeds(), hid)
		}
	})
	// Hidden to fit is not a choice to remember.
	if u.a.Preferences().Bool(prefSidebarHidden) {
		t.Error("the sidebar hidden to fit is remembered as hidden")
	}
	u.do(func() {
		u.setTextScale(defaultTextScale)
		u.setTextScale(u.theme.scale + textScaleStep)
	})
	if !u.textGrew {
		t.Error("larger text does not mark the window for a fit")
	}
	u.do(func() { u.setTextScale(u.theme.scale - textScaleStep) })
	if u.textGrew {
		t.Error("smaller text marks the window for a fit")
	}
}

// The message that the sidebar was hidden to fit goes once the sidebar is
// shown again (it stayed under the sidebar, saying it was hidden); another
// message stays.
func TestSidebarShownAgainTakesItsHiddenMessage(t *testing.T) {
	u := newTestUI(t)
	u.do(u.hideSidebarToFit)
	if got := u.status.message.Text; got != sidebarHiddenMessage {
		t.Fatalf("hidden to fit, the status says %q", got)
	}
	u.do(menuItem(t, u, "View", "Claims").Action)
	if got := u.status.message.Text; got != "" || !u.sidebarPane.Visible() {
		t.Errorf("shown again (%v), the status still says %q", u.sidebarPane.Visible(), got)
	}
	u.do(func() {
		u.setSidebarShown(false)
		u.status.setMessage("Copied passage 1")
		u.setSidebarShown(true)
	})
	if got := u.status.message.Text; got != "Copied passage 1" {
		t.Errorf("shown again, another message went: %q", got)
	}
}
