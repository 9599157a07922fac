package store

import (
	"fmt"
	"strings"
	"testing"
)

// assembleText of crafted pieces: never panics, never allocates more than
// what is stored plus maxText, and says what does not fit.
func TestAssembleTextOfCraftedPieces(t *testing.T) {
	text := "Title\n\nOne.\n\nTwo.\n\nThree.\n"
	spans := [][2]int{{7, 11}, {13, 17}, {19, 25}}
	leads, tail := splitText(text, spans)
	pieces := func() []passagePiece {
		var ps []passagePiece
		for i, s := range spans {
			ps = append(ps, passagePiece{ordinal: i + 1, start: s[0], end: s[1], lead: leads[i], text: text[s[0]:s[1]]})
		}
		return ps
	}
	if got, problems, out := assembleText("t", pieces(), tail, len(text)); got != text || len(problems) != 0 || out != 0 {
		t.Fatalf("sound pieces: %q %q", got, problems)
	}
	for _, c := range []struct {
		name   string
		change func([]passagePiece) []passagePiece
		length int
		says   string // "" for no problem of its own (passageProblems names the passage)
	}{
		{"lost passage", func(ps []passagePiece) []passagePiece { return append(ps[:1], ps[2:]...) }, len(text), "before passage 3 are missing"},
		{"far offsets", func(ps []passagePiece) []passagePiece {
			ps[1].start, ps[1].end = 1<<40, 1<<40+4
			return ps
		}, len(text), ""},
		{"many far holes", func(ps []passagePiece) []passagePiece {
			for i := range 1000 {
				at := (i + 1) * (1 << 20)
				ps = append(ps, passagePiece{ordinal: 4 + i, start: at, end: at + 1, text: "x"})
			}
			return ps
		}, 8 << 20, "missing"},
		{"negative offsets", func(ps []passagePiece) []passagePiece { ps[0].start = -3; return ps }, len(text), ""},
		{"lead into the passage before", func(ps []passagePiece) []passagePiece { ps[1].lead = "ne.\n\n"; return ps }, len(text), "overlaps the text before it"},
		{"wrong length", func(ps []passagePiece) []passagePiece { return ps }, len(text) + 5, fmt.Sprintf("should be %d bytes long", len(text)+5)},
		{"unknown length", func(ps []passagePiece) []passagePiece { return ps }, -1, ""},
	} {
		got, problems, _ := assembleText("t", c.change(pieces()), tail, c.length)
		if len(got) > max(len(text), c.length)+1000 {
			t.Errorf("%s: assembled %d bytes", c.name, len(got))
		}
		msg := strings.Join(problems, "; ")
		if c.says == "" && msg != "" || c.says != "" && !strings.Contains(msg, c.says) {
			t.Errorf("%s: problems %q, want %q", c.name, msg, c.says)
		}
	}
}
