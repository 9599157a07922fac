package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// hintLines is the text lines the hint draws, and whether all are inside it.
func hintLines(o fyne.CanvasObject) (lines []string, inside bool) {
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(o)
	inside = true
	walkLaidOut(o, func(k fyne.CanvasObject) {
		t, ok := k.(*canvas.Text)
		if !ok || !t.Visible() || strings.TrimSpace(t.Text) == "" {
			return
		}
		lines = append(lines, t.Text)
		p := d.AbsolutePositionForObject(t)
		w := measureText(t.Text, t.TextSize, t.TextStyle).Width
		if p.X < at.X-0.5 || p.X+w > at.X+o.Size().Width+0.5 {
			inside = false
		}
	})
	return lines, inside
}

// brokenWord is a piece of a drawn line that is not a whole word of msg
// and does not end in "…" (a word broken between letters), or "".
func brokenWord(msg string, lines []string) string {
	whole := map[string]bool{}
	for _, w := range strings.Fields(msg) {
		whole[w] = true
	}
	for _, line := range lines {
		for _, w := range strings.Fields(line) {
			if !whole[w] && !strings.HasSuffix(w, "…") {
				return w
			}
		}
	}
	return ""
}

// The empty reader's "Select a result or a document to read it here." keeps
// its words whole in a narrow reader: as a word-wrapped Label it was drawn
// "Selec|t a resul|t …" (under Xvfb: 560×480, the largest text, the
// Library shown). Only a word wider than the whole reader is cut, with
// "…".
func TestEmptyReadersMessageKeepsWordsWhole(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() {
		u.reader.reset()
		u.setTextScale(maxTextScale)
	})
	var hint fyne.CanvasObject = u.reader.empty
	const msg = readerHint
	for w := float32(24); w <= 420; w += 6 {
		u.do(func() {
			hint.Resize(fyne.NewSize(w, 400))
			lines, inside := hintLines(hint)
			if len(lines) == 0 {
				t.Fatalf("%v pixels wide: the hint draws nothing", w)
			}
			if b := brokenWord(msg, lines); b != "" {
				t.Errorf("%v pixels wide: the hint draws %q: %q is a word broken between letters", w, lines, b)
			}
			if !inside {
				t.Errorf("%v pixels wide: the hint draws %q, past its sides", w, lines)
			}
			if w >= 200 && strings.Join(lines, " ") != msg {
				t.Errorf("%v pixels wide: the hint draws %q, not the whole message", w, lines)
			}
		})
	}
}
