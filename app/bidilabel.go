package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bidiLabel shows a Fyne label, or, while its text holds a right-to-left
// letter, the same text as flow text: Fyne draws a label's words in
// logical order, so a Hebrew or Arabic title read backwards word by word
// (`דו"ח חקירה` came out as `ח חקירה"דו`), in the library, the result
// rows and the reader's heading. flowText orders words visually (see
// flowbidi.go). Left-to-right text keeps the label, unchanged.
type bidiLabel struct {
	widget.BaseWidget
	stack    *fyne.Container // plain, or flow, shown
	plain    fyne.CanvasObject
	setPlain func(string)
	flow     *flowText
	style    fyne.TextStyle // bold and italic are drawn
	color    fyne.ThemeColorName
}

// newBidiLabel wraps l: set its text through the bidiLabel. A label that
// truncates or does not wrap shows one line of flow text, cut with "…".
func newBidiLabel(l *widget.Label) *bidiLabel {
	b := newBidiLine(l, l.SetText, l.TextStyle)
	if l.Wrapping == fyne.TextWrapOff || l.Truncation != fyne.TextTruncateOff {
		// One line starts at the left, as every label's does; wrapped
		// lines (a tip) are right-aligned, as the reader's right-to-left
		// paragraphs are.
		b.flow.setMaxLines(1)
		b.flow.leading = true
	}
	switch l.Importance {
	case widget.LowImportance:
		b.color = theme.ColorNameDisabled // as Fyne draws it
	case widget.HighImportance:
		b.color = theme.ColorNamePrimary
	}
	if l.SizeName != "" && l.SizeName != theme.SizeNameText {
		b.flow.sizeName = l.SizeName
	}
	return b
}

// newBidiLine wraps any one text object plain, whose text set sets.
func newBidiLine(plain fyne.CanvasObject, set func(string), style fyne.TextStyle) *bidiLabel {
	b := &bidiLabel{plain: plain, setPlain: set, flow: newFlowText(), style: style}
	b.flow.Hide()
	b.stack = container.NewStack(plain, b.flow)
	b.ExtendBaseWidget(b)
	return b
}

func (b *bidiLabel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.stack) }

// SetText shows s. The label keeps the text either way: what measures it
// (a tip's "is it cut?") reads the label.
func (b *bidiLabel) SetText(s string) {
	b.setPlain(s)
	rtl := hasRTL(s)
	if rtl {
		b.flow.setSpans([]flowSpan{{text: s, bold: b.style.Bold, italic: b.style.Italic, color: b.color}})
	}
	if rtl == b.flow.Visible() {
		return
	}
	if rtl {
		b.plain.Hide()
		b.flow.Show()
	} else {
		b.flow.Hide()
		b.plain.Show()
	}
	b.stack.Refresh()
}

// oneLine is a label of one line, cut with an ellipsis, showing s (right
// to left where s is: see bidiLabel).
func oneLine(s string) *bidiLabel {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	b := newBidiLabel(l)
	b.SetText(s)
	return b
}
