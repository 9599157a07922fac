package store

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"dossier/assets"
)

// kindOrder is the order in which a name's words decide its kind when it
// holds words of several: a government word outranks an organisation word
// ("Main Intelligence Directorate", "Senate Intelligence Committee"), a
// company word an outlet word ("Fox News Corporation"), a document's word
// an outlet word ("Daily Diary", the President's record, is no newspaper).
var kindOrder = []string{"agency", "party", "state", "company", "report", "outlet", "organisation"}

// kindWords is the word lists of assets/kinds, read once.
var kindWords = sync.OnceValue(func() (k struct {
	words  map[string][][]string // kind → its phrases, each its words
	states map[string]bool       // whole names, normalised (kindFields)
}) {
	k.words, k.states = map[string][][]string{}, map[string]bool{}
	for _, line := range assetLines("kinds/words.txt") {
		words, kind, ok := strings.Cut(line, "|")
		if w := kindFields(words); ok && len(w) > 0 {
			k.words[strings.TrimSpace(kind)] = append(k.words[strings.TrimSpace(kind)], w)
		}
	}
	for _, line := range assetLines("kinds/states.txt") {
		k.states[strings.Join(kindFields(line), " ")] = true
	}
	return k
})

// assetLines is an embedded list's entries: its lines without comments and
// blank lines. The lists ship inside the binary; a missing one is none.
func assetLines(name string) []string {
	b, err := assets.Kinds.ReadFile(name)
	if err != nil {
		return nil
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// kindFields is a name's words in lower case, without the punctuation
// between them: "U.S. Dept., Inc." is "u", "s", "dept", "inc".
func kindFields(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// GuessKind is the family and kind a new actor's or source's name
// suggests, the New actor or source dialog's first choice (the user may
// pick another): every new tag was a person, and the Internet Research
// Agency was exported as "(person)" everywhere (a researcher's pass). A
// state's name is a state ("Russia", "the United States"); otherwise the
// words of assets/kinds/words.txt decide ("… Agency" an organisation, "…
// Ministry" an agency, "… Times" a news outlet; see kindOrder where they
// disagree); otherwise an acronym ("FBI", "GRU") is an agency. A name that
// suggests nothing is a person.
func GuessKind(name string) (family, kind string) {
	k := kindWords()
	words := kindFields(name)
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	if len(words) == 0 {
		return FamilyActor, "person"
	}
	if k.states[strings.Join(words, " ")] {
		return FamilyActor, "state"
	}
	for _, kd := range kindOrder {
		for _, phrase := range k.words[kd] {
			if hasPhrase(words, phrase) {
				return kindFamily(kd), kd
			}
		}
	}
	// Invisible format characters (U+200B, U+FEFF, a bidirectional
	// control) come with names copied from web pages: "FBI\u200b" was a
	// person.
	visible := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name)
	for _, f := range strings.Fields(visible) {
		if acronym(f) {
			return FamilyActor, "agency"
		}
	}
	return FamilyActor, "person"
}

// kindFamily is the family a guessed kind belongs to.
func kindFamily(kind string) string {
	if kind == "outlet" || kind == "report" {
		return FamilySource
	}
	return FamilyActor
}

// hasPhrase tells whether phrase's words come one after another in words.
func hasPhrase(words, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(words); i++ {
		if slices.Equal(words[i:i+len(phrase)], phrase) {
			return true
		}
	}
	return false
}

// acronym tells whether a word of a name is an all-capital acronym of two
// to six letters ("FBI", "GRU", "F.B.I."), not a Roman numeral ("III" of
// "Robert S. Mueller III") nor an abbreviation of a person's ("JR", "MR").
func acronym(word string) bool {
	letters := strings.ReplaceAll(strings.Trim(word, ",;:()\"'“”‘’"), ".", "")
	if n := len(letters); n < 2 || n > 6 {
		return false
	}
	for _, r := range letters {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	switch letters {
	case "JR", "SR", "MR", "MRS", "MS", "DR":
		return false
	}
	return !romanNumeral.MatchString(letters)
}

// romanNumeral is a Roman numeral of the size a name's ends with ("II",
// "III", "XIV").
var romanNumeral = regexp.MustCompile(`^X{0,3}(IX|IV|V?I{0,3})$`)
