package store_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/store"
)

func TestCitationCharacterOffsets(t *testing.T) {
	// Each of "é", "ü" and "—" is one character but two or three bytes.
	text := "Café Müller — a note\n\nThe naïve résumé was filed.\n\nÜber   alles\nend."
	p2 := strings.Index(text, "The naïve")
	p3 := strings.Index(text, "Über")
	d := store.Document{Title: "Café notes", Author: "Zoë", Source: "Le Monde", Published: "2021-03-16", FileName: "café.txt"}
	p := store.Passage{Ordinal: 3, Start: p3, End: len(text), Text: text[p3:]}
	got := store.QuotePassage(d, p, nil, text, false).Citation()
	start := utf8.RuneCountInString(text[:p3])
	end := utf8.RuneCountInString(text)
	if start == p3 {
		t.Fatal("the fixture should have multi-byte characters before the passage")
	}
	want := fmt.Sprintf("“Über alles end.”\n— Zoë, “Café notes”, Le Monde, 2021-03-16 (passage 3, characters %d–%d of café.txt).", start, end)
	if got != want {
		t.Errorf("Citation:\n got %q\nwant %q", got, want)
	}
	// A document's web address ends the citation.
	d.URL = "https://example.org/cafe"
	if got := store.QuotePassage(d, p, nil, text, false).Citation(); got != strings.TrimSuffix(want, ".")+", https://example.org/cafe." {
		t.Errorf("Citation with an address:\n got %q", got)
	}
	// The offsets pick the passage out of the text by characters.
	if runes := []rune(text); string(runes[start:end]) != p.Text {
		t.Errorf("characters %d–%d are %q", start, end, string(runes[start:end]))
	}

	p = store.Passage{Ordinal: 2, Start: p2, End: p3 - 2, Text: text[p2 : p3-2]}
	got = store.QuotePassage(store.Document{Title: "T"}, p, nil, text, false).Citation()
	if want := fmt.Sprintf("“The naïve résumé was filed.”\n— “T” (passage 2, characters %d–%d).", 22, 49); got != want {
		// "Café Müller — a note\n\n" is 22 characters (26 bytes).
		t.Errorf("Citation without metadata:\n got %q\nwant %q", got, want)
	}
	// A stale text shorter than the offsets is clamped, not a panic.
	if got := store.QuotePassage(d, p, nil, "short", false).Citation(); !strings.Contains(got, "characters 5–5") {
		t.Errorf("stale text: %q", got)
	}
}

func TestCharRanges(t *testing.T) {
	s := "é🎉 ab Tōkyō"
	i := strings.Index(s, "Tōkyō")
	got := store.CharRanges(s, []store.Range{{Start: 0, End: 2}, {Start: i, End: i + len("Tōkyō")}})
	want := [][2]int{{0, 1}, {6, 11}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("CharRanges = %v, want %v", got, want)
	}
	if got := store.CharRanges("x", nil); got == nil || len(got) != 0 {
		t.Errorf("no ranges: %#v (want an empty, non-nil slice for JSON [])", got)
	}
}
