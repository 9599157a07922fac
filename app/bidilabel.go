package app

import (
	"strings"

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
	stack    *fyne.Container // plain, or paras, shown
	plain    fyne.CanvasObject
	setPlain func(string)
	// flow is the text's first line (its only one, in a label of one
	// line); more are the lines after it, each a paragraph of its own
	// direction, as a label breaks its text at "\n" ("No passages match
	// …\n\nTry fewer words": flowText does not break there).
	flow  *flowText
	more  []*flowText
	paras *fyne.Container // flow and more, stacked
	style fyne.TextStyle  // bold and italic are drawn
	color fyne.ThemeColorName
	// quotesIsolated: what a message quotes (“…”: a title, a tag's name)
	// is ordered apart from the words around it (see quotedIsolates).
	quotesIsolated bool
	// named is where in the text a name is, ordered apart from the words
	// around it (see SetNamed): bytes [from, to); none when to is 0.
	named struct{ from, to int }
}

// newBidiLabel wraps l: set its text through the bidiLabel. A label that
// truncates or does not wrap shows one line of flow text, cut with "…".
func newBidiLabel(l *widget.Label) *bidiLabel {
	b := newBidiLine(l, l.SetText, l.TextStyle)
	b.flow.labelSpacing = true
	b.flow.centered = l.Alignment == fyne.TextAlignCenter
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
	b.paras = container.New(paragraphsLayout{b.flow}, b.flow)
	b.paras.Hide()
	b.stack = container.NewStack(plain, b.paras)
	b.ExtendBaseWidget(b)
	return b
}

func (b *bidiLabel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.stack) }

// SetText shows s. The label keeps the text either way: what measures it
// (a tip's "is it cut?") reads the label.
func (b *bidiLabel) SetText(s string) {
	b.SetNamed("", "", s)
}

// SetNamed shows before, name and after, the name ordered apart from the
// words around it (an isolate): in the tag picker a Hebrew actor's name
// made its whole row right to left, "— actor state" moved to the left of
// it, and a name ending "2020 (Russia)" gave its bracket and number to the
// words after it, drawn "רוסיה2020) Russia) — actor…" (found by the
// hostile UI pass ui6).
func (b *bidiLabel) SetNamed(before, name, after string) {
	b.named.from, b.named.to = len(before), len(before)+len(name)
	b.show(before + name + after)
}

func (b *bidiLabel) show(s string) {
	b.setPlain(s)
	rtl := hasRTL(s)
	if rtl {
		b.setLines(s)
	}
	if rtl == b.paras.Visible() {
		return
	}
	if rtl {
		b.plain.Hide()
		b.paras.Show()
	} else {
		b.paras.Hide()
		b.plain.Show()
	}
	b.stack.Refresh()
}

// setLines shows s in flow and more: a line each, or one line in a label
// of one line.
func (b *bidiLabel) setLines(s string) {
	lines := strings.Split(s, "\n")
	if b.flow.maxLines == 1 {
		lines = []string{strings.Join(lines, " ")}
	}
	span := func(text string) []flowSpan {
		sp := flowSpan{text: text, bold: b.style.Bold, italic: b.style.Italic, color: b.color}
		if b.quotesIsolated {
			return quotedIsolates(sp)
		}
		return []flowSpan{sp}
	}
	first := span(lines[0])
	if from, to := b.named.from, b.named.to; from < to && to <= len(lines[0]) {
		l := lines[0]
		name := flowSpan{text: l[from:to], bold: b.style.Bold, italic: b.style.Italic, color: b.color, isolate: true}
		first = nil
		if from > 0 {
			first = span(l[:from])
		}
		first = append(first, name)
		if to < len(l) {
			first = append(first, span(l[to:])...)
		}
	}
	b.flow.setSpans(first)
	for len(b.more) < len(lines)-1 {
		f := newFlowText()
		f.sizeName, f.leading, f.maxLines, f.labelSpacing, f.centered = b.flow.sizeName, b.flow.leading, b.flow.maxLines, b.flow.labelSpacing, b.flow.centered
		b.more = append(b.more, f)
	}
	changed := len(b.paras.Objects) != len(lines)
	for i, f := range b.more {
		if i < len(lines)-1 {
			f.setSpans(span(lines[i+1]))
		}
	}
	if changed {
		b.paras.Objects = append([]fyne.CanvasObject{b.flow}, asObjects(b.more[:len(lines)-1])...)
		b.paras.Refresh()
	}
}

func asObjects(fs []*flowText) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(fs))
	for i, f := range fs {
		out[i] = f
	}
	return out
}

// oneLine is a label of one line, cut with an ellipsis, showing s (right
// to left where s is: see bidiLabel).
func oneLine(s string) *bidiLabel {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	b := newBidiLabel(l)
	b.quotesIsolated = true // "¶ 3 of “…”": a quoted title
	b.SetText(s)
	return b
}

// quotedIsolates cuts sp where it quotes something (“…”), the quoted
// words a span of their own, isolated (flowSpan.isolate): a Hebrew title
// in "Delete “דוח על רוסיה” (1 passage)?" took the number and the
// brackets after it into its own right-to-left run, drawn "Delete “1) ”רוסיה
// על דוח passage)?", as the bidirectional algorithm orders them unless
// the title is isolated.
func quotedIsolates(sp flowSpan) []flowSpan {
	var out []flowSpan
	rest := sp.text
	for {
		open := strings.Index(rest, "“")
		if open < 0 {
			break
		}
		inner := open + len("“")
		n := closingQuote(rest[inner:])
		if n < 0 {
			break
		}
		before, quoted := sp, sp
		before.text, quoted.text, quoted.isolate = rest[:inner], rest[inner:inner+n], true
		out = append(out, before)
		if n > 0 {
			out = append(out, quoted)
		}
		rest = rest[inner+n:]
	}
	if rest != "" || len(out) == 0 {
		last := sp
		last.text = rest
		out = append(out, last)
	}
	return out
}

// closingQuote is where in s (what follows an opening “) the quote
// closes: at the ” that matches it, quotes quoted within it (a title
// `דוח “מיוחד” 2020`) passed over, else, if none matches, at the first ”;
// -1 if there is none. Closed at the first ”, a title holding a quote was
// isolated only up to its own inner quote, the rest of it ordered with
// the message: "Deleted “דוח “מיוחד” על FBI 2020 (כרך 3)”." was drawn
// with the title's words out of order (found by the hostile UI pass ui7).
func closingQuote(s string) int {
	depth := 1
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "“"):
			depth++
			i += len("“")
		case strings.HasPrefix(s[i:], "”"):
			depth--
			if depth == 0 {
				return i
			}
			i += len("”")
		default:
			i++
		}
	}
	return strings.Index(s, "”")
}

// paragraphsLayout stacks flow texts as a label's lines follow one
// another: each flow text keeps a margin above and below its lines, and
// stacked whole, the blank line between two paragraphs of a message was
// drawn two lines high.
type paragraphsLayout struct{ first *flowText }

// overlap is how far each flow text is drawn over the one above it: the
// margins between their lines, less the spacing between two lines.
func (l paragraphsLayout) overlap() float32 { return 2*theme.InnerPadding() - l.first.lastSpacing() }

func (l paragraphsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	shown := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		size.Width = max(size.Width, m.Width)
		size.Height += m.Height
		shown++
	}
	if shown > 1 {
		size.Height -= float32(shown-1) * l.overlap()
	}
	return size
}

func (l paragraphsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		o.Resize(fyne.NewSize(size.Width, o.Size().Height)) // a flow text's height is its lines' at its width
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - l.overlap()
	}
}
