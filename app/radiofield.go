package app

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// radioField is a dialog's group of choices, one always selected. Fyne's
// RadioGroup items take the focus from Tab and swallow every key but Space,
// and cannot be told otherwise: Tab onto a format in the export dialog,
// then Esc or Enter, did nothing (a hostile UI pass; a click had the same
// effect, found before). Its choices give Esc and Enter to the dialog;
// Space or a click selects one, Up and Down move the selection. A click
// does not take the focus, so that the keys stay the dialog's. It keeps
// RadioGroup's fields (Options, Selected, OnChanged) and SetSelected.
type radioField struct {
	widget.RadioGroup
	ui    *UI
	items []*radioChoice // one per option, made by the renderer
}

// newRadioField is a radioField of options with selected chosen.
func (u *UI) newRadioField(options []string, selected string) *radioField {
	r := &radioField{ui: u}
	r.Options = options
	r.Required = true
	r.ExtendBaseWidget(r)
	r.SetSelected(selected)
	return r
}

func (r *radioField) CreateRenderer() fyne.WidgetRenderer {
	return &radioFieldRenderer{field: r, box: container.NewVBox()}
}

// choose selects option and hands on the change.
func (r *radioField) choose(option string) {
	r.SetSelected(option) // calls OnChanged and refreshes, if it changed
}

// step selects the choice delta places from from, the choice the key
// came to (every choice is a Tab stop: the focused one need not be the
// selected one, and Down from the second choice, the first selected,
// selected the second again), and moves the focus to it.
func (r *radioField) step(from *radioChoice, delta int) {
	i := slices.Index(r.Options, from.label) + delta
	if i < 0 || i >= len(r.Options) {
		return
	}
	r.choose(r.Options[i])
	if c := r.ui.win.Canvas(); i < len(r.items) && c.Focused() == fyne.Focusable(from) {
		c.Focus(r.items[i])
	}
}

type radioFieldRenderer struct {
	field *radioField
	box   *fyne.Container
}

func (rr *radioFieldRenderer) Layout(size fyne.Size) { rr.box.Resize(size) }

func (rr *radioFieldRenderer) MinSize() fyne.Size {
	rr.sync()
	return rr.box.MinSize()
}

func (rr *radioFieldRenderer) Refresh() {
	rr.sync()
	for _, it := range rr.field.items {
		it.Refresh()
	}
	rr.box.Refresh()
}

func (rr *radioFieldRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{rr.box} }

func (rr *radioFieldRenderer) Destroy() {}

// sync makes one choice per option.
func (rr *radioFieldRenderer) sync() {
	f, opts := rr.field, rr.field.Options
	if len(f.items) == len(opts) && len(rr.box.Objects) == len(opts) {
		same := true
		for i, it := range f.items {
			same = same && it.label == opts[i]
		}
		if same {
			return
		}
	}
	f.items = nil
	rr.box.Objects = nil
	for _, o := range opts {
		it := newRadioChoice(f, o)
		f.items = append(f.items, it)
		rr.box.Add(it)
	}
}

// radioChoice is one choice of a radioField.
type radioChoice struct {
	widget.BaseWidget
	field            *radioField
	label            string
	focused, hovered bool
}

func newRadioChoice(f *radioField, label string) *radioChoice {
	c := &radioChoice{field: f, label: label}
	c.ExtendBaseWidget(c)
	return c
}

func (c *radioChoice) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = theme.InputRadiusSize()
	icon := widget.NewIcon(theme.RadioButtonIcon())
	text := widget.NewLabel(c.label)
	r := &radioChoiceRenderer{choice: c, bg: bg, icon: icon, text: text,
		row: container.NewStack(bg, container.NewBorder(nil, nil, icon, nil, text))}
	r.Refresh()
	return r
}

func (c *radioChoice) selected() bool { return c.field.Selected == c.label }

func (c *radioChoice) Tapped(*fyne.PointEvent) { c.field.choose(c.label) }

func (c *radioChoice) FocusGained() {
	c.focused = true
	c.Refresh()
	c.field.ui.revealFocused(c)
}
func (c *radioChoice) FocusLost() { c.focused = false; c.Refresh() }

func (c *radioChoice) TypedRune(r rune) {
	if r == ' ' {
		c.field.choose(c.label)
	}
}

func (c *radioChoice) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
		c.field.ui.dialogKey(k.Name)
	case fyne.KeyUp:
		c.field.step(c, -1)
	case fyne.KeyDown:
		c.field.step(c, +1)
	}
}

func (c *radioChoice) MouseIn(*desktop.MouseEvent)    { c.hovered = true; c.Refresh() }
func (c *radioChoice) MouseMoved(*desktop.MouseEvent) {}
func (c *radioChoice) MouseOut()                      { c.hovered = false; c.Refresh() }

type radioChoiceRenderer struct {
	choice *radioChoice
	bg     *canvas.Rectangle
	icon   *widget.Icon
	text   *widget.Label
	row    *fyne.Container
}

func (r *radioChoiceRenderer) Layout(size fyne.Size) { r.row.Resize(size) }

func (r *radioChoiceRenderer) MinSize() fyne.Size { return r.row.MinSize() }

func (r *radioChoiceRenderer) Refresh() {
	c := r.choice
	res := theme.RadioButtonIcon()
	if c.selected() {
		res = theme.NewPrimaryThemedResource(theme.RadioButtonCheckedIcon())
	}
	r.icon.SetResource(res)
	switch {
	case c.focused:
		r.bg.FillColor = theme.Color(theme.ColorNameFocus)
	case c.hovered:
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
	default:
		r.bg.FillColor = color.Transparent
	}
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.bg.Refresh()
	r.text.SetText(c.label)
}

func (r *radioChoiceRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.row} }

func (r *radioChoiceRenderer) Destroy() {}
