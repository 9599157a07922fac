package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// Narrow panes. At the largest text on a small screen the three panes'
// least widths added up to more than the window: showing the sidebar at
// text 1.8 on an 800×600 screen grew the window to 878 pixels, past the
// screen's edge (found by a UI pass). Their rows of buttons (the
// sidebar's section icons, the Library's heading and Import…, the
// reader's bar) then wrap onto a second row, so that their least widths
// are a row's half. Only while the window needs it: at the usual sizes
// the panes keep their one-row least widths and look as they did.

// fitPanes sets whether the panes take their narrow least widths: when
// their usual ones would make the content wider than room. Called where
// the content's least width may have grown, before Fyne grows the window
// to it.
func (u *UI) fitPanes(room float32) {
	if room <= 0 || u.content == nil {
		return
	}
	was, least := u.narrow, u.readerLeast
	u.narrow, u.readerLeast = false, 0
	u.narrow = u.content.MinSize().Width > room
	if u.narrow {
		// What the narrowed panes leave over goes to the reader (up to
		// the width readerChars need): beside the Saved or Claims
		// section on an 800×600 screen at the largest text it had about
		// 285 pixels, while the results kept more than their least, and
		// "communications" was broken between letters (a UI pass). A
		// pixel or two of slack: the split rounds its sides.
		if spare := room - u.content.MinSize().Width - 2; spare > 0 {
			u.readerLeast = min(readerNeeds(), u.resultsSplit.Trailing.MinSize().Width+spare)
		}
	}
	// Laid out again when a pane is narrower than it now needs: another
	// section, with a wider heading, was shown in the sidebar's old width
	// and its heading ran over the results (found under Xvfb). Narrowed,
	// always: a pane kept the width of a wider section shown before.
	if u.narrow || u.narrow != was || u.readerLeast != least || tooNarrow(u.sidebarPane) || tooNarrow(u.resultsSplit.Leading) || tooNarrow(u.resultsSplit.Trailing) {
		u.sidebarSplit.Refresh()
	}
}

// tooNarrow reports whether a shown pane is narrower than its least width.
func tooNarrow(o fyne.CanvasObject) bool {
	return o.Visible() && o.Size().Width > 0 && o.Size().Width < o.MinSize().Width
}

// contentRoom is the width the window gives its content.
func (u *UI) contentRoom() float32 {
	w := u.win.Canvas().Size().Width
	if u.win.Padded() {
		w -= 2 * theme.Padding()
	}
	return w
}

// refitToScreen fits the panes, then the window, after the content's least
// size may have grown. Where even the narrowed panes are wider or taller
// than the screen gives them, the sidebar goes, saying why: Fyne would
// grow the window past the screen's edge. (Not on opening a document,
// which calls refitPanesAndWindow: that path reaches the menus, whose Quit
// would make an initialization cycle.)
func (u *UI) refitToScreen() {
	u.fitPanes(u.contentRoom())
	if u.screenRoom != nil {
		u.sidebarGivesWay(u.screenRoom())
	}
	if u.refitWindow != nil {
		u.refitWindow()
	}
}

// sidebarGivesWay hides a shown sidebar, saying why, where the content
// with it needs more width or height than room, what the screen gives
// it (none given: zero); and reports whether it did. Height too: at the
// largest text on a 640×480 screen the Claims section (the Library on a
// 560×480 one) fitted the width, and the window grew past the screen's
// foot, the status line cut off (found under Xvfb).
func (u *UI) sidebarGivesWay(room fyne.Size) bool {
	if !u.sidebarPane.Visible() || room.Width <= 0 || room.Height <= 0 {
		return false
	}
	if least := u.content.MinSize(); least.Width <= room.Width && least.Height <= room.Height {
		return false
	}
	u.placeSidebar(false)
	u.status.setMessage(sidebarNoRoomMessage)
	u.fitPanes(u.contentRoom())
	return true
}

// refitPanesAndWindow fits the panes, then the window.
func (u *UI) refitPanesAndWindow() {
	u.fitPanes(u.contentRoom())
	if u.refitWindow != nil {
		u.refitWindow()
	}
}

// sidebarNoRoomMessage says the sidebar was not shown, and what would
// make room for it.
const sidebarNoRoomMessage = "No room for the sidebar on this screen: Ctrl+- makes the text smaller."

// sectionBarLayout is the sidebar's row of section buttons, in equal
// cells; where the cells would be narrower than an icon with a little
// room either side, it is two rows. Two rows only then: a second row made
// the Saved section's sidebar, on an 800×600 screen at the largest text,
// taller than the screen (found under Xvfb).
type sectionBarLayout struct {
	narrow *bool
	width  float32 // the width it was last laid out at
}

func (l *sectionBarLayout) grid(objs []fyne.CanvasObject, width float32) fyne.Layout {
	n := len(objs)
	tight := float32(n)*(theme.IconInlineSize()+2*theme.Padding()) + float32(n-1)*theme.Padding()
	if width > 0 && width < tight {
		n = (n + 1) / 2
	}
	return layout.NewGridLayoutWithColumns(n)
}

func (l *sectionBarLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := l.grid(objs, l.width).MinSize(objs).Height
	cols := len(objs)
	if *l.narrow {
		cols = (cols + 1) / 2
	}
	return fyne.NewSize(layout.NewGridLayoutWithColumns(cols).MinSize(objs).Width, h)
}

func (l *sectionBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.grid(objs, size.Width).Layout(objs, size)
}

// besideLayout puts a label and a button beside it, the label taking the
// width the button leaves; narrower than both, the button goes under it.
type besideLayout struct {
	narrow *bool
	width  float32
}

func (l *besideLayout) beside(objs []fyne.CanvasObject, width float32) bool {
	return width <= 0 || width >= objs[0].MinSize().Width+theme.Padding()+objs[1].MinSize().Width
}

func (l *besideLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	w := a.Width + theme.Padding() + b.Width
	if *l.narrow {
		w = max(a.Width, b.Width)
	}
	if l.beside(objs, l.width) {
		return fyne.NewSize(w, max(a.Height, b.Height))
	}
	return fyne.NewSize(w, a.Height+theme.Padding()+b.Height)
}

func (l *besideLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	label, button := objs[0], objs[1]
	b := button.MinSize()
	if l.beside(objs, size.Width) {
		label.Move(fyne.NewPos(0, 0))
		label.Resize(fyne.NewSize(size.Width-b.Width-theme.Padding(), size.Height))
		button.Move(fyne.NewPos(size.Width-b.Width, 0))
		button.Resize(fyne.NewSize(b.Width, size.Height))
		return
	}
	a := label.MinSize()
	label.Move(fyne.NewPos(0, 0))
	label.Resize(fyne.NewSize(size.Width, a.Height))
	button.Move(fyne.NewPos(0, a.Height+theme.Padding()))
	button.Resize(b)
}
