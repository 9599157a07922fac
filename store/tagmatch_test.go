package store_test

import (
	"fmt"
	"strings"
	"testing"

	"dossier/store"
)

// The tag picker finds a tag by a name the kind guess knows for the same
// state in another script or form, and by letters folded: typing "Россия"
// offered only "Create “Россия”…" beside the gazetteer's "Russia" (rs10's
// L3), and "Turkiye" missed a tag named "Türkiye". Nothing is added to the
// tags: the match says what it was found by.
func TestMatchTagsFindsKnownFormsAndFoldedLetters(t *testing.T) {
	all := []store.Tag{
		{ID: 1, Name: "Russia", Aliases: []string{"Russian Federation", "Moscow", "Kremlin"}},
		{ID: 2, Name: "the United States", Aliases: []string{"US"}},
		{ID: 3, Name: "Türkiye"},
		{ID: 4, Name: "Китай"},
		{ID: 5, Name: "Robert Müller"},
		{ID: 6, Name: "Russian Direct Investment Fund"},
		{ID: 7, Name: "Saudi Arabia"},
		{ID: 8, Name: "Vladimir Putin", Aliases: []string{"Putin"}},
	}
	for _, c := range []struct{ typed, want string }{
		{"Россия", "Russia (as Россия)"},
		{"  россия ", "Russia (as россия)"},
		{"Росс", "Russia (as Россия)"}, // typing: a name's start finds it
		{"روسيا", "Russia (as روسيا)"}, // Arabic
		{"روسیه", "Russia (as روسیه)"}, // Persian
		{"روسيه", "Russia (as روسيه)"}, // Persian typed with the Arabic yeh
		{"俄罗斯", "Russia (as 俄罗斯)"},     // Chinese, simplified
		{"俄羅斯", "Russia (as 俄羅斯)"},     // and traditional
		{"רוסיה", "Russia (as רוסיה)"}, // Hebrew
		{"Rusya", "Russia (as Rusya)"}, // Turkish
		{"РФ", "Russia (as РФ)"},       // a short form
		{"Росія", "Russia (as Росія)"}, // Ukrainian
		{"США", "the United States (as США)"},
		{"ארה\"ב", "the United States (as ארה\"ב)"},
		{"Соединенные Штаты", "the United States (as Соединенные Штаты)"}, // ё typed as е
		{"Turkiye", "Türkiye"},
		{"TÜRK", "Türkiye"},
		{"Türkei", ""}, // no form the lists know
		{"Турция", "Türkiye (as Турция)"},
		{"China", "Китай (as China)"}, // the other way: a tag the user named in Russian
		{"中国", "Китай (as 中国)"},
		{"muller", "Robert Müller"},
		{"MÜLLER", "Robert Müller"},
		{"السعودية", "Saudi Arabia (as السعودية)"},
		{"Путин", ""}, // a person: no list of persons' forms
		// A name's case, as a Russian or Ukrainian text writes it.
		{"России", "Russia (as Россия)"},
		{"Россией", "Russia (as Россия)"},
		{"Росії", "Russia (as Росія)"},
		{"Китая", "Китай"}, // the tag's own name, folded (й is и and a mark)
		{"Китаем", "Китай"},
		{"Турции", "Türkiye (as Турция)"},
		{"Ростов", ""},     // another word
		{"Russians", ""},   // Latin: no case endings read
		{"Российской", ""}, // a case of "Российская Федерация": its words are read whole
	} {
		var got []string
		for _, m := range store.MatchTags(all, c.typed) {
			s := m.Name
			if m.As != "" {
				s += " (as " + m.As + ")"
			}
			got = append(got, s)
		}
		if g := strings.Join(got, "; "); g != c.want {
			t.Errorf("%q finds %q, want %q", c.typed, g, c.want)
		}
	}
}

// A name's or alias's own match comes before a known form's, and a name
// that starts with the text before one that holds it; one letter finds no
// state by its forms.
func TestMatchTagsOrder(t *testing.T) {
	all := []store.Tag{
		{ID: 1, Name: "Boris Russo"},
		{ID: 2, Name: "Russia"},
		{ID: 3, Name: "Россия Сегодня"},
		{ID: 4, Name: "Ukraine"},
		{ID: 5, Name: "America First", Aliases: []string{"AF"}},
		{ID: 6, Name: "Oleg"},
	}
	for typed, want := range map[string]string{
		"Росс": "Россия Сегодня; Russia",
		"rus":  "Russia; Boris Russo",
		"russ": "Russia; Boris Russo",
		"u":    "Ukraine; Boris Russo; Russia", // no "us" or "uk" read into one letter
		"af":   "America First",
		"":     "Boris Russo; Russia; Россия Сегодня; Ukraine; America First; Oleg",
	} {
		var got []string
		for _, m := range store.MatchTags(all, typed) {
			got = append(got, m.Name)
		}
		if g := strings.Join(got, "; "); g != want {
			t.Errorf("%q finds %q, want %q", typed, g, want)
		}
	}
}

// Exact is a tag's name or alias typed whole, in any case, with letters
// folded, or a whole known form of the state it names: the picker then
// offers no new tag by that name. It offered "Create “Turkiye”…" beside
// the Türkiye it found, and "Create “Россия”…" beside Russia, and a click
// made a second actor for one country (ui19's L3). A part of a name is
// no exact match.
func TestMatchTagsExact(t *testing.T) {
	all := []store.Tag{{ID: 1, Name: "Russia", Aliases: []string{"Kremlin"}}, {ID: 2, Name: "Ukraine"},
		{ID: 3, Name: "Türkiye"}, {ID: 4, Name: "Robert Müller"}}
	for typed, want := range map[string]string{
		"russia":        "Russia true",
		"KREMLIN":       "Russia true",
		"Russ":          "Russia false",
		"Россия":        "Russia true",
		"России":        "Russia true", // a case of it, as a Russian text writes it
		"Turkiye":       "Türkiye true",
		"Turkey":        "Türkiye true",
		"Turk":          "Türkiye false",
		"robert muller": "Robert Müller true",
		"muller":        "Robert Müller false",
	} {
		var got []string
		for _, m := range store.MatchTags(all, typed) {
			got = append(got, fmt.Sprint(m.Name, " ", m.Exact))
		}
		if g := strings.Join(got, "; "); g != want {
			t.Errorf("%q: %q, want %q", typed, g, want)
		}
	}
}

// NamedLike is what New actor or source warns of: a tag the name would
// duplicate by folded letters or as another form of a state's name, and
// none by a part of a name.
func TestNamedLike(t *testing.T) {
	all := []store.Tag{{ID: 1, Name: "Russia"}, {ID: 2, Name: "Türkiye"}, {ID: 3, Name: "Robert Müller", Aliases: []string{"Mueller"}}}
	for name, want := range map[string]string{
		"Turkiye":   "Türkiye",
		" Россия ":  "Russia",
		"MUELLER":   "Robert Müller",
		"Muller":    "",
		"Turk":      "",
		"":          "",
		"Ukraine":   "",
		"ROBERT Mu": "",
	} {
		var got []string
		for _, tg := range store.NamedLike(all, name) {
			got = append(got, tg.Name)
		}
		if g := strings.Join(got, "; "); g != want {
			t.Errorf("%q: %q, want %q", name, g, want)
		}
	}
}
