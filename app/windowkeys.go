package app

import "fyne.io/fyne/v2"

// windowKey takes the keys that reach the window itself: those typed while
// no widget has the focus, as after a click on something that takes none
// (a tag chip, a result's text). ↑ and ↓ step through the results there as
// they do in the search box: after a chip's menu closed with Esc they went
// nowhere until Ctrl+F (a UI pass, ui15's L1). Open dialogs take the
// window's keys for themselves (trackDialog) and give them back on closing.
// With the Claims section open the results pane is not shown (the ledger
// takes its place), and the arrows step nothing: they opened the hidden
// results' passages in the reader, one by one (a UI pass).
func (u *UI) windowKey(ev *fyne.KeyEvent) {
	if u.claimsResults != nil && !u.claimsResults.Visible() {
		return
	}
	switch ev.Name {
	case fyne.KeyUp:
		u.results.move(-1)
	case fyne.KeyDown:
		u.results.move(+1)
	}
}
