package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// headingWithButton lays out a section's heading with a button at its end
// ("Sources (164)" and "⚙ Manage…"): the button drops its label to its
// icon where both do not fit, and the heading is cut with "…" only after
// that. Side by side in a border, at larger text the heading was drawn
// over the button ("Sources (16⚙4)"; found by a UI pass).
func headingWithButton(heading *widget.Label, button *widget.Button) *fyne.Container {
	heading.Truncation = fyne.TextTruncateEllipsis
	l := &headingButtonLayout{heading: heading, button: button, label: button.Text}
	return container.New(l, heading, button)
}

type headingButtonLayout struct {
	heading *widget.Label
	button  *widget.Button
	label   string // the button's label where it fits

	// withLabel and iconOnly are the button's widths with its label and
	// without, at text size at.
	withLabel, iconOnly, at float32
}

func (l *headingButtonLayout) widths() (withLabel, iconOnly float32) {
	if size := theme.TextSize(); size != l.at || l.withLabel == 0 {
		l.withLabel = widget.NewButtonWithIcon(l.label, l.button.Icon, nil).MinSize().Width
		l.iconOnly = widget.NewButtonWithIcon("", l.button.Icon, nil).MinSize().Width
		l.at = size
	}
	return l.withLabel, l.iconOnly
}

// MinSize counts the button without its label, whichever it shows now:
// counted as shown, a label once given kept the pane from narrowing.
func (l *headingButtonLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	_, iconOnly := l.widths()
	h := l.heading.MinSize()
	return fyne.NewSize(h.Width+iconOnly, max(h.Height, l.button.MinSize().Height))
}

func (l *headingButtonLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	whole := measureText(l.heading.Text, theme.TextSize(), l.heading.TextStyle).Width + 2*theme.InnerPadding()
	text := ""
	if withLabel, _ := l.widths(); whole+withLabel <= size.Width {
		text = l.label
	}
	if l.button.Text != text {
		l.button.SetText(text)
	}
	b := l.button.MinSize()
	l.button.Resize(fyne.NewSize(b.Width, min(b.Height, size.Height)))
	l.button.Move(fyne.NewPos(size.Width-b.Width, (size.Height-l.button.Size().Height)/2))
	l.heading.Resize(fyne.NewSize(max(0, size.Width-b.Width), size.Height))
	l.heading.Move(fyne.NewPos(0, 0))
}

// tagRowLayout lays out a row of the Actors and Sources lists as a border
// would (the name in the middle, its colour dot before it, its kind and
// counts after), but leaves the kind out where the name would keep fewer
// than tagNameChars characters: in a narrow pane at larger text the kind
// ("anonymous") took the name's room and "Anonymous sources" read "…"
// (found looking at the window). The name's tip still shows it whole.
type tagRowLayout struct{}

// tagNameChars is how many characters of a name a row keeps before it
// gives up the kind: with ten, the most-tagged actor read "Donald Tru…"
// beside "person" in the sidebar at its first width (a UI pass, ui12).
const tagNameChars = 16

func (tagRowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	name, dot, right := objects[0], objects[1], objects[2].(*fyne.Container)
	counts := right.Objects[1].MinSize()
	h := max(name.MinSize().Height, dot.MinSize().Height, counts.Height)
	return fyne.NewSize(dot.MinSize().Width+name.MinSize().Width+counts.Width+2*theme.Padding(), h)
}

func (tagRowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	name, dot, right := objects[0], objects[1], objects[2].(*fyne.Container)
	kind := right.Objects[0]
	pad := theme.Padding()
	dotW := dot.MinSize().Width
	want := averageCharWidth() * tagNameChars
	if tip, ok := name.(*hoverTip); ok && tip.label != nil {
		want = min(want, measureText(tip.label.Text, theme.TextSize(), tip.label.TextStyle).Width)
	}
	want += 2 * theme.InnerPadding()
	withKind := kind.MinSize().Width + pad + right.Objects[1].MinSize().Width // as the box lays them out
	if show := size.Width-dotW-withKind-2*pad >= want; show != kind.Visible() {
		if show {
			kind.Show()
		} else {
			kind.Hide()
		}
	}
	rightW := right.MinSize().Width
	dot.Move(fyne.NewPos(0, 0))
	dot.Resize(fyne.NewSize(dotW, size.Height))
	name.Move(fyne.NewPos(dotW+pad, 0))
	name.Resize(fyne.NewSize(max(0, size.Width-dotW-rightW-2*pad), size.Height))
	right.Move(fyne.NewPos(size.Width-rightW, 0))
	right.Resize(fyne.NewSize(rightW, size.Height))
}
