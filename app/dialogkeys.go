package app

import (
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
)

// Every dialog of the app behaves the same at the keyboard: its first field
// has focus, Enter does the default action (Ctrl+Enter in a multi-line
// field, where Enter starts a new line), Esc cancels, Tab moves between
// fields, and asking for a dialog that is open already keeps that one
// instead of stacking a second. Fyne's dialogs do none of this by
// themselves, so the app tracks its open dialogs here.

// openDialog is a dialog on screen.
type openDialog struct {
	name   string
	d      dialog.Dialog
	submit func() // Enter; nil if the dialog has no default action
	focus  fyne.Focusable
	// scroll, if set, is scrolled by the arrow, page, Home and End keys:
	// a long text with no field to take them (Search syntax) scrolled
	// only with the mouse (a UI pass, under Xvfb).
	scroll *container.Scroll
}

// dialogStack lists the open dialogs, the top one last.
type dialogStack struct {
	open    []*openDialog
	prevKey func(*fyne.KeyEvent) // the window's key handler while none is open
	// behind is what had the focus in the window as the first dialog
	// opened: told it lost it, and told it has it back as the last closes.
	behind fyne.Focusable
}

// raiseDialog reports whether the dialog called name is open, and if so
// puts the focus back in its first field (a second Ctrl+O keeps the open
// import picker).
func (u *UI) raiseDialog(name string) bool {
	for _, o := range u.dialogs.open {
		if o.name == name {
			if o.focus != nil {
				u.win.Canvas().Focus(o.focus)
			}
			return true
		}
	}
	return false
}

// trackDialog shows d as the dialog called name: Enter runs submit (if not
// nil), Esc hides it, focus goes to its first field.
func (u *UI) trackDialog(name string, d dialog.Dialog, submit func(), focus fyne.Focusable) {
	u.tips.hideAll() // the dialog is what the user reads now
	o := &openDialog{name: name, d: d, submit: submit, focus: focus}
	s := &u.dialogs
	if len(s.open) == 0 {
		// With no field focused, keys go to the window: Esc and Enter are
		// the top dialog's, and nothing reaches the window behind it.
		c := u.win.Canvas()
		s.prevKey = c.OnTypedKey()
		c.SetOnTypedKey(func(ev *fyne.KeyEvent) { u.dialogKey(ev.Name) })
		// A dialog gets a focus manager of its own, and Fyne tells the
		// window's nothing: its focused widget kept its focus ring under
		// the dialog (the search box's blue border), as if typing went
		// there (a UI pass). It is told it lost the focus, as when the
		// window loses it; its manager keeps it, to have it back.
		if c.Overlays().Top() == nil {
			if f := c.Focused(); f != nil {
				f.FocusLost()
				s.behind = f
			}
		}
	}
	s.open = append(s.open, o)
	d.SetOnClosed(func() {
		i := slices.Index(s.open, o)
		if i < 0 {
			return
		}
		s.open = slices.Delete(s.open, i, i+1)
		if len(s.open) == 0 {
			c := u.win.Canvas()
			c.SetOnTypedKey(s.prevKey)
			s.prevKey = nil
			// Still the window's focus (nothing else was focused since,
			// nor is another overlay on top): it has it back.
			if f := s.behind; f != nil && c.Focused() == f {
				f.FocusGained()
			}
			s.behind = nil
		}
	})
	d.Show()
	if focus != nil {
		u.win.Canvas().Focus(focus)
	}
}

// dialogKey handles Esc and Enter for the top dialog; it reports whether
// there was one.
func (u *UI) dialogKey(k fyne.KeyName) bool {
	if len(u.dialogs.open) == 0 {
		return false
	}
	top := u.dialogs.open[len(u.dialogs.open)-1]
	switch k {
	case fyne.KeyEscape:
		top.d.Hide()
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.submit != nil {
			top.submit()
		}
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyHome, fyne.KeyEnd:
		if top.scroll != nil {
			scrollByKey(top.scroll, k)
		}
	}
	return true
}

// keysScroll makes the top dialog's scroll answer the arrow, page, Home
// and End keys.
func (u *UI) keysScroll(scroll *container.Scroll) {
	if n := len(u.dialogs.open); n > 0 {
		u.dialogs.open[n-1].scroll = scroll
	}
}

// scrollByKey scrolls s a line (an arrow), a page (less a line, to keep
// the reader's place) or to either end.
func scrollByKey(s *container.Scroll, k fyne.KeyName) {
	line := 2 * theme.TextSize()
	page := max(s.Size().Height-line, line)
	y := s.Offset.Y
	switch k {
	case fyne.KeyUp:
		y -= line
	case fyne.KeyDown:
		y += line
	case fyne.KeyPageUp:
		y -= page
	case fyne.KeyPageDown:
		y += page
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = s.Content.MinSize().Height
	}
	y = min(y, s.Content.MinSize().Height-s.Size().Height)
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(y, 0)))
}

// dialogTitleChars is the most of a name (a tag's, a folder's) that a
// dialog's title shows: Fyne's title is one line that sets the dialog's
// least width, and a tag's 200 bytes ran past the window's edge.
const dialogTitleChars = 40

// dialogTitle is a dialog's title naming name between before and after
// ("Merge “", name, "” into…"), the name cut short with an ellipsis to
// dialogTitleChars and to the width the window leaves a dialog's title
// (three quarters of it) at the current text size.
func (u *UI) dialogTitle(before, name, after string) string {
	name = wording.Brief(name, dialogTitleChars)
	size, style := theme.TextSize(), fyne.TextStyle{Bold: true}
	room := u.win.Canvas().Size().Width * 3 / 4
	if room <= 0 || measureText(before+name+after, size, style).Width <= room {
		return before + name + after
	}
	rest := measureText(before+"…"+after, size, style).Width
	kept := strings.TrimRight(name[:fitPrefix(name, room-rest, size, style)], "…,;: ")
	return before + kept + "…" + after
}

// keyedDialog describes a dialog with a Cancel button and, optionally, a
// default one.
type keyedDialog struct {
	name, title string
	body        fyne.CanvasObject
	ok, cancel  string              // button labels; no ok: no default action
	more        []fyne.CanvasObject // buttons between Cancel and the default one (Reject)
	onOK        func()              // runs after the dialog has closed
	onCancel    func()              // runs when it closes any other way (Cancel, Esc, a button of the body)
	validate    func() error        // if set, a failure is shown over the dialog, which stays open (errShownInDialog: the dialog shows it itself)
	// validateOff, if set, checks as validate does, off the UI goroutine:
	// for checks that read the disk, which may be a hung network share.
	// Called on the UI goroutine (to read the fields), it returns the
	// check to run; the default button waits for its answer.
	validateOff func() func() error
	focus       fyne.Focusable
	// spare, if set, is a line of the body shown only where the window
	// leaves room for it: the export dialog's quote of the search made
	// the dialog scroll at the largest text in an 800×600 window, the
	// quote half hidden under the buttons (a UI pass).
	spare fyne.CanvasObject
	size  fyne.Size // zero: as the body needs; zero height: width only
	// destructive: the action deletes or replaces what the user has
	// (Delete document, Replace a file, Restore a backup): Cancel is the
	// default button, which Enter presses, and the action takes a click,
	// or Tab to its button and Enter. Enter, pressed to get past a dialog
	// not read, deleted the document (a hostile UI pass).
	destructive bool
}

// errShownInDialog is a validate failure that the dialog already shows
// beside the field at fault (the claim dialog's missing source): an error
// dialog over it said the same again (a hostile UI pass). The dialog stays
// open, its first field focused.
var errShownInDialog = errors.New("shown in the dialog")

// showKeyed builds, shows and tracks a dialog.
func (u *UI) showKeyed(k keyedDialog) dialog.Dialog {
	// The body scrolls once taller than the window leaves it: Delete
	// document's question at the largest text size in an 800×600 window
	// ran on under the buttons, which covered its last line (a hostile UI
	// pass). Shorter, it is as tall as it needs, as before.
	fit := &windowHeightLayout{win: u.win, spare: k.spare, ui: u}
	scroll := container.NewVScroll(k.body)
	u.followFocusIn(scroll)
	body := container.New(fit, scroll)
	d := dialog.NewCustomWithoutButtons(k.title, body, u.win)
	cancel := u.newDialogButton(k.cancel, theme.CancelIcon(), d.Hide)
	if k.destructive {
		cancel.Importance = widget.HighImportance
	}
	buttons := append([]fyne.CanvasObject{cancel}, k.more...)
	var submit func()
	submitted := false
	if k.onCancel != nil {
		d.SetOnClosed(func() {
			if !submitted {
				k.onCancel()
			}
		})
	}
	if k.ok != "" {
		var ok *dialogButton
		closed, checking := false, false
		d.SetOnClosed(func() { closed = true })
		// accepted says whether a validation passed; a failure is shown
		// and the dialog stays open.
		accepted := func(err error) bool {
			if errors.Is(err, errShownInDialog) {
				if k.focus != nil {
					u.win.Canvas().Focus(k.focus)
				}
				return false
			} else if err != nil {
				u.showError(err) // over the dialog: fix it there, or cancel
				return false
			}
			return true
		}
		finish := func() {
			submitted = true
			d.Hide()
			k.onOK()
		}
		submit = func() {
			if checking || (k.validate != nil && !accepted(k.validate())) {
				return
			}
			if k.validateOff == nil {
				finish()
				return
			}
			check := k.validateOff()
			checking = true
			ok.Disable()
			u.work.run(func() func() {
				err := check()
				return func() {
					checking = false
					ok.Enable()
					if !closed && accepted(err) { // closed: cancelled while it was checked
						finish()
					}
				}
			})
		}
		ok = u.newDialogButton(k.ok, theme.ConfirmIcon(), submit)
		ok.Importance = widget.HighImportance
		if k.destructive {
			ok.Importance = widget.DangerImportance
			ok.Icon = theme.WarningIcon()
		}
		buttons = append(buttons, ok)
	}
	setButtons(d, buttons)
	fit.chrome = d.MinSize().Height - body.MinSize().Height // the title's and buttons' height
	if k.size.Width > 0 {
		d.Resize(fyne.NewSize(k.size.Width, max(k.size.Height, d.MinSize().Height)))
		// A wrapped label measures its height at the width it has: before
		// the resize it had a narrower one, and its extra lines stayed as an
		// empty band over the buttons (Delete document; a hostile UI pass).
		// Measured again at the dialog's width, the height fits the text.
		d.Resize(fyne.NewSize(k.size.Width, max(k.size.Height, d.MinSize().Height)))
	}
	enter := submit
	if k.destructive {
		enter = d.Hide
	}
	u.trackDialog(k.name, d, enter, k.focus)
	return d
}

// windowHeightLayout sizes a dialog's body, a scroll around its content:
// as tall as the content needs, but no taller than the window leaves the
// body beside the dialog's title and buttons (chrome, once known).
type windowHeightLayout struct {
	win    fyne.Window
	chrome float32
	spare  fyne.CanvasObject // a line of the content hidden where it would make it scroll
	ui     *UI               // to show a field focused before the dialog was on the canvas
}

// spareHeight is what the spare line adds to the content while hidden.
func (l *windowHeightLayout) spareHeight() float32 {
	if l.spare == nil || l.spare.Visible() {
		return 0
	}
	return l.spare.MinSize().Height + theme.Padding()
}

func (l *windowHeightLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := objects[0].(*container.Scroll).Content.MinSize()
	s.Height += l.spareHeight() // asked for while hidden: it shows again where there is room
	if l.chrome <= 0 {
		return s
	}
	if room := l.win.Canvas().Size().Height - l.chrome - 4*theme.Padding(); room > 0 && s.Height > room {
		s.Height = room
	}
	return s
}

func (l *windowHeightLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	scroll := objects[0].(*container.Scroll)
	if l.spare != nil {
		full := scroll.Content.MinSize().Height + l.spareHeight()
		without := full - l.spare.MinSize().Height - theme.Padding()
		switch {
		case full <= size.Height && !l.spare.Visible():
			l.spare.Show()
			scroll.Refresh()
		case full > size.Height && without <= size.Height && l.spare.Visible():
			l.spare.Hide()
			scroll.Refresh()
		}
	}
	scroll.Move(fyne.NewPos(0, 0))
	scroll.Resize(size)
	if l.ui != nil {
		l.ui.revealUnrevealed()
	}
}

// showMessage shows a message (information or error) that Enter or Esc
// closes.
func (u *UI) showMessage(d dialog.Dialog) {
	u.trackDialog("message", d, d.Hide, nil)
}

// showError shows an error that Enter or Esc closes.
func (u *UI) showError(err error) {
	msg := err.Error()
	if r, n := utf8.DecodeRuneInString(msg); n > 0 {
		msg = string(unicode.ToUpper(r)) + msg[n:] // as Fyne's error dialog shows it
	}
	u.showMessage(u.messageDialog("Error", fullStop(msg), theme.ErrorIcon()))
}

// fullStop ends a message made from an error (errors, the store's among
// them, carry no final punctuation) with a full stop, as the app's other
// messages end: "A document needs a title" lacked one (a hostile UI pass).
// One that ends a sentence already, inside a closing bracket or quote too,
// is kept as it is.
func fullStop(msg string) string {
	msg = strings.TrimRightFunc(msg, unicode.IsSpace)
	end := strings.TrimRight(msg, ")]”’\"'")
	if end == "" || strings.ContainsRune(".!?…:", []rune(end)[len([]rune(end))-1]) {
		return msg
	}
	return msg + "."
}

// showInfo shows information that Enter or Esc closes.
func (u *UI) showInfo(title, msg string) {
	u.showMessage(u.messageDialog(title, msg, theme.InfoIcon()))
}

// messageDialog is Fyne's information or error dialog with a dialogButton
// for its OK: Fyne's own button, once Tab had focused it, swallowed Esc
// and Enter, and only Space or the mouse closed the dialog (found by a
// hostile pass). Buttons for ways, each closing it first, come before
// the OK.
func (u *UI) messageDialog(title, msg string, icon fyne.Resource, ways ...bannerAction) dialog.Dialog {
	label := widget.NewLabel("")
	label.Wrapping = fyne.TextWrapWord
	text := newBidiLabel(label) // a file's or a tag's right-to-left name reads right to left
	text.quotesIsolated = true
	text.SetText(msg)
	body := container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil, text)
	// Wider with larger text, as far as the window allows, and scrolling
	// once taller than the window leaves it, as showKeyed's body: at the
	// largest text in an 800×600 window the refused undo's three
	// paragraphs, 360 wide, ran on under the OK button and past the
	// window's foot, their last line hidden (a hostile UI pass).
	fit := &windowHeightLayout{win: u.win, ui: u}
	// Measured again when the text size changes with the dialog open; a
	// short message ("A tag needs a name.") is no wider than its longest
	// line needs, or 360 as before: at the largest text it stood in a box
	// twice its width.
	wide := &atLeastLayout{width: func() float32 {
		w := u.messageWidth()
		return max(min(w, messageNeeds(msg)), min(360, w))
	}}
	scroll := container.New(fit, container.NewVScroll(container.New(wide, body)))
	d := dialog.NewCustomWithoutButtons(title, scroll, u.win)
	var buttons []fyne.CanvasObject
	for _, w := range ways {
		buttons = append(buttons, u.newDialogButton(w.Label, nil, func() {
			d.Hide()
			w.Run()
		}))
	}
	ok := u.newDialogButton("OK", nil, d.Hide)
	ok.Importance = widget.HighImportance
	setButtons(d, append(buttons, ok))
	fit.chrome = d.MinSize().Height - scroll.MinSize().Height // the title's and the button's height
	return d
}

// messageNeeds is the width a message dialog's body needs for msg's longest
// paragraph on one line, beside the icon.
func messageNeeds(msg string) float32 {
	var line float32
	for _, p := range strings.Split(msg, "\n") {
		line = max(line, measureText(p, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return line + theme.IconInlineSize() + 2*theme.Padding() + 2*theme.InnerPadding() + 4
}

// messageWidth is a message dialog's width: 360 at the usual text size,
// growing with the text, but no wider than most of the window.
func (u *UI) messageWidth() float32 {
	w := 360 * theme.TextSize() / theme.DefaultTheme().Size(theme.SizeNameText)
	room := 0.9 * u.win.Canvas().Size().Width
	if room <= 0 { // not shown yet (an error at start)
		return 360
	}
	return max(min(w, room), min(360, room))
}

// customDialog is a dialog around body with one button that closes it,
// a dialogButton so that Esc still works once Tab has focused it.
func (u *UI) customDialog(title, dismiss string, body fyne.CanvasObject) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, body, u.win)
	setButtons(d, []fyne.CanvasObject{u.newDialogButton(dismiss, nil, d.Hide)})
	return d
}

// atLeast sizes a dialog's body: the size it was designed for at the
// usual text size, or more when larger text needs more (a fixed size let
// fields run under the buttons at the largest text).
func atLeast(w, h float32, body fyne.CanvasObject) *fyne.Container {
	return container.New(&atLeastLayout{min: fyne.NewSize(w, h)}, body)
}

type atLeastLayout struct {
	min   fyne.Size
	width func() float32 // if set, the least width, worked out each time
}

func (l *atLeastLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := l.min
	if l.width != nil {
		s.Width = l.width()
	}
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

func (l *atLeastLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// dialogButton is a button in a dialog. Tab reaches buttons too, and Fyne's
// button answers only Space: Esc must still cancel the dialog, and Enter
// presses the focused button, as in other desktop apps.
type dialogButton struct {
	widget.Button
	ui      *UI
	focused bool
	// inBar is set for a button of the dialog's own row under its body
	// (setButtons): always in view, it scrolls no body to itself.
	inBar bool
}

func (u *UI) newDialogButton(label string, icon fyne.Resource, tapped func()) *dialogButton {
	b := &dialogButton{ui: u}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// A focused dialog button is ringed in the text colour: Fyne marks focus
// only by tinting the button with the focus colour, a translucent blue,
// which on the blue default button changed nothing (Cancel, focused by Tab
// in Delete document, looked unfocused) and made the red one look dimmed,
// as if disabled (a hostile UI pass).
func (b *dialogButton) CreateRenderer() fyne.WidgetRenderer {
	ring := canvas.NewRectangle(color.Transparent)
	ring.StrokeWidth = 2
	return &dialogButtonRenderer{WidgetRenderer: b.Button.CreateRenderer(), b: b, ring: ring}
}

func (b *dialogButton) FocusGained() {
	b.focused = true
	b.Button.FocusGained()
	if !b.inBar {
		b.ui.revealFocused(b)
	}
}

// setButtons gives d its row of buttons under the body, marked as such:
// a body's scroll reads only where an object is, and a button of the row
// under it sits where the body's hidden content would.
func setButtons(d *dialog.CustomDialog, buttons []fyne.CanvasObject) {
	for _, o := range buttons {
		if b, ok := o.(*dialogButton); ok {
			b.inBar = true
		}
	}
	d.SetButtons(buttons)
}

func (b *dialogButton) FocusLost() {
	b.focused = false
	b.Button.FocusLost()
}

type dialogButtonRenderer struct {
	fyne.WidgetRenderer
	b    *dialogButton
	ring *canvas.Rectangle
}

func (r *dialogButtonRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.ring.Move(fyne.NewPos(-1, -1))
	r.ring.Resize(size.AddWidthHeight(2, 2))
}

func (r *dialogButtonRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.ring.StrokeColor = color.Transparent
	if r.b.focused {
		r.ring.StrokeColor = theme.Color(theme.ColorNameForeground)
	}
	r.ring.CornerRadius = theme.InputRadiusSize() + 1
	r.ring.Refresh()
}

func (r *dialogButtonRenderer) Objects() []fyne.CanvasObject {
	return append(slices.Clip(r.WidgetRenderer.Objects()), r.ring)
}

func (b *dialogButton) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		b.ui.dialogKey(k.Name)
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	default:
		b.Button.TypedKey(k)
	}
}

// dialogList is a list in a dialog: once Tab has focused it, Esc still
// cancels the dialog and Enter does its default action (Fyne's list takes
// the focus and drops both keys).
type dialogList struct {
	widget.List
	ui *UI
	// enterPicks: Enter chooses the focused row, as Space does (a list
	// that is the dialog's choice, with no default button).
	enterPicks bool
}

func (u *UI) newDialogList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *dialogList {
	l := &dialogList{ui: u}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	// Its rows follow the focus as a body's do (followFocusIn): Tab
	// went to a check box cut off at the import picker's list's foot
	// (ui18's "not covered"). The last few, as dialogScrolls.
	if n := len(u.dialogLists); n >= maxDialogScrolls {
		u.dialogLists = slices.Delete(u.dialogLists, 0, n-maxDialogScrolls+1)
	}
	u.dialogLists = append(u.dialogLists, l)
	return l
}

// revealInList scrolls the dialog list whose rows hold o, if any, to show
// o whole: a list scrolls inside itself, out of the bodies' reach.
func (u *UI) revealInList(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	op, oh := d.AbsolutePositionForObject(o), o.Size().Height
	for _, l := range u.dialogLists {
		if fyne.CanvasObject(l) == o || d.CanvasForObject(l) == nil || !l.Visible() {
			continue
		}
		lp, ls := d.AbsolutePositionForObject(l), l.Size()
		// A row up to one row beyond either edge is the list's too: Tab
		// goes on to the row the list keeps ready past its foot, which
		// was skipped, so the focus went out of view from the 8th row.
		if op.X < lp.X || op.X >= lp.X+ls.Width || op.Y >= lp.Y+ls.Height+oh || op.Y+oh <= lp.Y-oh {
			continue // not among its rows
		}
		offset := l.GetScrollOffset()
		switch {
		case op.Y < lp.Y || oh > ls.Height:
			offset -= lp.Y - op.Y
		case op.Y+oh > lp.Y+ls.Height:
			offset += op.Y + oh - (lp.Y + ls.Height)
		default:
			return
		}
		l.ScrollToOffset(max(0, offset))
		return
	}
}

func (l *dialogList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if l.enterPicks {
			l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
			return
		}
		l.ui.dialogKey(k.Name)
	case fyne.KeyEscape:
		l.ui.dialogKey(k.Name)
	default:
		l.List.TypedKey(k)
	}
}

// fieldEntry is a dialog's text field: Esc cancels the dialog, Enter (or
// Ctrl+Enter if multi-line) does its default action, and Tab moves to the
// next field instead of being typed (Fyne's multi-line entry inserts it).
type fieldEntry struct {
	widget.Entry
	ui          *UI
	onFocusLost func() // if set, called when the field loses the focus
	// maxPaste, if set, is the most characters a paste puts in the field
	// (pasteCap), and pasteWhy says why, after "Pasted the first n
	// characters of m: " ("" is "no name is that long").
	maxPaste int
	pasteWhy string
	// addr is an address field's own state (addressfield.go); nil for
	// any other field.
	addr *addressState
}

// newField is a one-line dialog field.
func (u *UI) newField() *fieldEntry {
	e := &fieldEntry{ui: u}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// newNoteField is a multi-line, word-wrapped dialog field.
func (u *UI) newNoteField(rows int) *fieldEntry {
	e := &fieldEntry{ui: u}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

// AcceptsTab is false: the window then moves the focus on Tab.
func (e *fieldEntry) AcceptsTab() bool { return false }

func (e *fieldEntry) FocusGained() {
	e.Entry.FocusGained()
	e.ui.revealFocused(e)
}

func (e *fieldSelectEntry) FocusGained() {
	e.SelectEntry.FocusGained()
	e.ui.revealFocused(e)
}

func (s *fieldSelect) FocusGained() {
	s.Select.FocusGained()
	s.ui.revealFocused(s)
}

func (c *fieldCheck) FocusGained() {
	c.Check.FocusGained()
	c.ui.revealFocused(c)
}

// followFocusIn has a dialog's scrolling body show the field Tab moves the
// focus to: Fyne's scroll does not follow the focus, and in Mark as claim
// at 800×600, text 1.8, Tab went to the About field under the dialog's
// buttons, out of sight (a UI pass). Every focusable of a dialog body
// asks it as it gains the focus: text fields, choices, check boxes,
// radio choices, swatches and buttons (a drop-down's own among them).
func (u *UI) followFocusIn(s *container.Scroll) {
	// The last few: a closed dialog's is off the canvas, and skipped. (Not
	// dropped for that: a dialog's inner scroll is off it until the dialog
	// shows, and went unfollowed in the window, not in the test driver.)
	if n := len(u.dialogScrolls); n >= maxDialogScrolls {
		u.dialogScrolls = slices.Delete(u.dialogScrolls, 0, n-maxDialogScrolls+1)
	}
	u.dialogScrolls = append(u.dialogScrolls, s)
}

// maxDialogScrolls is how many dialog bodies follow the focus: more than
// are ever open at once, each perhaps with a body scrolling inside it.
const maxDialogScrolls = 8

// revealFocused scrolls the dialog bodies holding o, if any, to show it
// whole (or its top, if taller than the body).
func (u *UI) revealFocused(o fyne.CanvasObject) {
	if u == nil {
		// A widget made outside any dialog (the banner's buttons) has no
		// window to scroll: focusing one took the window down (the
		// banner's "Try again" under Tab, TestBannerButtonAnswersEnter).
		return
	}
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(o) == nil {
		// Focused as its dialog opens: the window's driver knows the
		// dialog's objects only from its next frame on, and the field
		// focused first (Mark as claim's Source at 800×600, text 1.8) was
		// left under the buttons (a UI pass, under Xvfb). Shown when the
		// body is laid out on the canvas (revealUnrevealed).
		u.unrevealed = o
		return
	}
	u.revealInList(o)
	for _, s := range u.dialogScrolls {
		if d.CanvasForObject(s) == nil || s.Content == nil || !s.Visible() {
			continue
		}
		cp, op := d.AbsolutePositionForObject(s.Content), d.AbsolutePositionForObject(o)
		cs := s.Content.Size()
		if op.X < cp.X || op.Y < cp.Y || op.Y >= cp.Y+cs.Height || op.X >= cp.X+cs.Width {
			continue // not in this one
		}
		top := op.Y - cp.Y
		bottom := top + o.Size().Height
		view := s.Size().Height
		offset := s.Offset.Y
		switch {
		case top < offset || bottom-top > view:
			offset = top
		case bottom > offset+view:
			offset = bottom - view
		default:
			continue
		}
		// Every scroll holding it, outer first: the claim dialog's body
		// scrolls inside the dialog's own (fitWindow).
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(0, min(offset, cs.Height-view))))
	}
}

// revealUnrevealed shows the field focused before its dialog was on the
// canvas, once it is (a dialog body's layout calls it). It stays to be
// shown while it keeps the focus: the body's first layouts on the canvas
// are of sizes not yet final, and the first left Source half under the
// buttons.
func (u *UI) revealUnrevealed() {
	o := u.unrevealed
	if o == nil || fyne.CurrentApp().Driver().CanvasForObject(o) == nil {
		return
	}
	if f, ok := o.(fyne.Focusable); !ok || u.win.Canvas().Focused() != f {
		u.unrevealed = nil
		return
	}
	u.revealFocused(o)
}

func (e *fieldEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}

func (e *fieldEntry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case fieldKey(e.ui, k.Name, e.MultiLine && e.addr == nil): // an address is one line, even in rows
	case e.addr != nil:
		e.addressKey(k)
	default:
		e.Entry.TypedKey(k)
	}
}

func (e *fieldEntry) TypedRune(r rune) {
	if e.addr == nil {
		e.Entry.TypedRune(r)
		return
	}
	e.editAddress(func() { e.Entry.TypedRune(r) }, false)
}

// Resize and Refresh let an address field follow a new width or text size.
func (e *fieldEntry) Resize(size fyne.Size) {
	e.Entry.Resize(size)
	if e.addr != nil {
		e.addressResized(size)
	}
}

func (e *fieldEntry) Refresh() {
	if e.addr != nil {
		e.addressRestyled()
	}
	e.Entry.Refresh()
}

func (e *fieldEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && e.addr != nil && p.Clipboard != nil {
		// An address copied from a mail or a PDF comes broken over lines.
		if text := p.Clipboard.Content(); strings.ContainsAny(text, "\r\n") {
			s = &fyne.ShortcutPaste{Clipboard: heldText{withoutBreaks(text)}}
		}
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok && e.maxPaste > 0 && p.Clipboard != nil {
		if text := p.Clipboard.Content(); utf8.RuneCountInString(text) > e.maxPaste {
			cut := []rune(text)[:e.maxPaste]
			why := e.pasteWhy
			if why == "" {
				why = "no name is that long"
			}
			// With separators, as the reason's own numbers are ("the first
			// 2048 characters of 1000000: an address is at most 2,048").
			e.ui.status.setMessage(fmt.Sprintf("Pasted the first %s characters of %s: %s.", thousands(e.maxPaste), thousands(utf8.RuneCountInString(text)), why))
			s = &fyne.ShortcutPaste{Clipboard: heldText{string(cut)}}
		}
	}
	switch {
	case submitShortcut(e.ui, s):
	case e.addr != nil:
		e.addressShortcut(s)
	default:
		e.Entry.TypedShortcut(s)
	}
}

// pasteCap is the most characters a paste puts in a field for names (a
// tag's name, its aliases): a name is at most 200 bytes, and one line of
// a megabyte held the window for over 30 s, growing by gigabytes, as it
// was drawn; one of 10,000 characters was drawn as a black bar, wider
// than a texture may be (ui19's pass, New actor or source, Xvfb). The
// store still says the limit of what is longer than a name may be.
const pasteCap = 1000

// capPaste caps what a paste puts in a one-line field: Fyne draws the
// whole line into one texture, and a pasted page was drawn slowly, or as
// a black bar (ui19's L5: Document details' Address and Description, the
// tag picker's filter).
func (e *fieldEntry) capPaste(most int, why string) *fieldEntry {
	e.maxPaste, e.pasteWhy = most, why
	return e
}

// heldText is a clipboard holding text, to paste the part of the real
// clipboard's that a field takes.
type heldText struct{ text string }

func (h heldText) Content() string   { return h.text }
func (h heldText) SetContent(string) {}

// fieldSelectEntry is a dialog's text field with a list of choices.
type fieldSelectEntry struct {
	widget.SelectEntry
	ui *UI
}

func (u *UI) newSelectField(options []string) *fieldSelectEntry {
	e := &fieldSelectEntry{ui: u}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	e.SetOptions(options)
	// Its drop-down button is the dialog's too: Fyne's, once Tab had
	// focused it (the next stop after the field), swallowed Esc and Enter
	// (found driving the claim dialog).
	if b, ok := e.ActionItem.(*widget.Button); ok {
		own := u.newDialogButton("", b.Icon, b.OnTapped)
		own.Importance = b.Importance
		e.ActionItem = own
	}
	return e
}

func (e *fieldSelectEntry) AcceptsTab() bool { return false }

func (e *fieldSelectEntry) TypedKey(k *fyne.KeyEvent) {
	if !fieldKey(e.ui, k.Name, false) {
		e.SelectEntry.TypedKey(k)
	}
}

func (e *fieldSelectEntry) TypedShortcut(s fyne.Shortcut) {
	if !submitShortcut(e.ui, s) {
		e.SelectEntry.TypedShortcut(s)
	}
}

// fieldCheck is a check box in a dialog: Esc and Enter are the dialog's.
type fieldCheck struct {
	widget.Check
	ui *UI
}

func (u *UI) newCheckField(label string, changed func(bool)) *fieldCheck {
	c := &fieldCheck{ui: u}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *fieldCheck) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape || k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		c.ui.dialogKey(k.Name)
		return
	}
	c.Check.TypedKey(k)
}

// fieldSelect is a drop-down in a dialog: Esc and Enter are the dialog's.
type fieldSelect struct {
	widget.Select
	ui *UI
}

func (u *UI) newSelectChoice(options []string, selected string) *fieldSelect {
	s := &fieldSelect{ui: u}
	s.Options = options
	s.ExtendBaseWidget(s)
	s.SetSelected(selected)
	return s
}

func (s *fieldSelect) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape || k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		s.ui.dialogKey(k.Name)
		return
	}
	s.Select.TypedKey(k)
}

// fieldKey handles a key typed in a dialog field; it reports whether it
// did. Tab reaches a field only from drivers that do not move the focus
// themselves.
func fieldKey(u *UI, k fyne.KeyName, multiLine bool) bool {
	switch k {
	case fyne.KeyEscape:
		return u.dialogKey(k)
	case fyne.KeyReturn, fyne.KeyEnter:
		return !multiLine && u.dialogKey(k)
	case fyne.KeyTab:
		u.win.Canvas().FocusNext()
		return true
	}
	return false
}

// submitShortcut runs the dialog's default action on Ctrl+Enter.
func submitShortcut(u *UI, s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || (cs.KeyName != fyne.KeyReturn && cs.KeyName != fyne.KeyEnter) ||
		cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) == 0 {
		return false
	}
	return u.dialogKey(fyne.KeyReturn)
}

// quitApp ends the app (File → Quit, Ctrl+Q): the window's research file is
// closed as when the window is. A variable, so tests can see it called.
var quitApp = func(u *UI) {
	u.Close()
	u.app.Quit()
}
