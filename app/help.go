package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// helpContent lays out help text: paragraphs separated by blank lines, with
// **bold** and `examples` (drawn in monospace). It uses the reader's
// wrapping text, which breaks lines only between words, so an example such
// as "sanction*" never splits from its star.
func helpContent(src string) fyne.CanvasObject {
	box := container.NewVBox()
	for _, para := range helpParagraphs(src) {
		t := newFlowText()
		t.setSpans(para)
		box.Add(t)
	}
	return box
}

// helpParagraphs parses help text into styled paragraphs.
func helpParagraphs(src string) [][]flowSpan {
	var out [][]flowSpan
	for _, para := range strings.Split(src, "\n\n") {
		var spans []flowSpan
		bold, mono := false, false
		var cur strings.Builder
		flush := func() {
			if cur.Len() > 0 {
				spans = append(spans, flowSpan{text: cur.String(), bold: bold, mono: mono})
				cur.Reset()
			}
		}
		for i := 0; i < len(para); i++ {
			switch {
			case !mono && strings.HasPrefix(para[i:], "**"):
				flush()
				bold = !bold
				i++
			case para[i] == '`':
				flush()
				mono = !mono
			case para[i] == '\n':
				cur.WriteByte(' ')
			default:
				cur.WriteByte(para[i])
			}
		}
		flush()
		if len(spans) > 0 {
			out = append(out, spans)
		}
	}
	return out
}

// helpExamples lists the `examples` in help text.
func helpExamples(src string) []string {
	var out []string
	for _, para := range helpParagraphs(src) {
		for _, sp := range para {
			if sp.mono {
				out = append(out, sp.text)
			}
		}
	}
	return out
}
