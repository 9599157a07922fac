package store

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// A character index counts back as well as on (an export's bookmarks on a
// passage come in the order they were made, not in the text's): wherever
// it was, each offset converts as counting from the start would.
func TestCharIndexCountsBackAndOn(t *testing.T) {
	text := strings.Repeat("aé👨\u200d👩 Мюллер. ", 50)
	var bounds []int
	for i := range text {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(text))
	ci := newCharIndex(text)
	// On, back a little, back to near the start, far on, and outside.
	order := []int{0, len(bounds) / 2, len(bounds)/2 - 3, 2, len(bounds) - 1, len(bounds) - 5, 1, len(bounds) / 3}
	for i := len(bounds) - 1; i >= 0; i -= 7 {
		order = append(order, i)
	}
	for _, k := range order {
		b := bounds[k]
		if got, want := ci.at(b), utf8.RuneCountInString(text[:b]); got != want {
			t.Errorf("byte %d: character %d, want %d", b, got, want)
		}
	}
	if got, want := ci.at(len(text)+10), utf8.RuneCountInString(text); got != want {
		t.Errorf("past the end: %d, want %d", got, want)
	}
	if got := ci.at(-4); got != 0 {
		t.Errorf("before the start: %d, want 0", got)
	}
}
