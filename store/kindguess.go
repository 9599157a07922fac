package store

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"dossier/assets"

	"golang.org/x/text/unicode/norm"
)

// kindOrder is the order in which a name's words decide its kind when it
// holds words of several: a document's word outranks any other, since a
// body's report or statement is a source ("Senate Intelligence Committee
// report", "White House statement" were agencies); a government word
// outranks an organisation word ("Main Intelligence Directorate", "Senate
// Intelligence Committee"), a company word an outlet word ("Fox News
// Corporation"), and "Daily Diary", the President's record, is no
// newspaper.
var kindOrder = []string{"report", "statement", "agency", "party", "state", "company", "outlet", "organisation"}

// kindWords is the word lists of assets/kinds, read once.
var kindWords = sync.OnceValue(func() (k struct {
	words  map[string][][]string // kind → its phrases, each its words
	states map[string]int        // whole names, normalised (kindFields) → their line in stateNames
	// stateNames is each line of states.txt: one state's names, as
	// written there (the tag picker's known forms of a name).
	stateNames [][]string
}) {
	k.words, k.states = map[string][][]string{}, map[string]int{}
	for _, line := range assetLines("kinds/words.txt") {
		words, kind, ok := strings.Cut(line, "|")
		if w := kindFields(words); ok && len(w) > 0 {
			k.words[strings.TrimSpace(kind)] = append(k.words[strings.TrimSpace(kind)], w)
		}
	}
	for _, line := range assetLines("kinds/states.txt") {
		var names []string
		for _, name := range strings.Split(line, ",") {
			if key := strings.Join(kindFields(name), " "); key != "" {
				k.states[key] = len(k.stateNames)
				names = append(names, strings.TrimSpace(name))
			}
		}
		k.stateNames = append(k.stateNames, names)
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
// between them: "U.S. Dept., Inc." is "u", "s", "dept", "inc". Accents and
// vowel marks are dropped and the letters that Arabic and Persian writers
// interchange are made one, so that a name matches the lists however it
// was typed: "Türkiye" typed with a combining diaeresis, "İran" (whose
// lower case is "i" and a combining dot), "سورية" and "سوریه".
func kindFields(s string) []string {
	s = strings.Map(foldKindRune, norm.NFKD.String(strings.ToLower(s)))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// foldKindRune is kindFields' folding of one letter: -1 drops it.
func foldKindRune(r rune) rune {
	switch {
	case unicode.Is(unicode.Mn, r), r == '\u0640': // marks; the Arabic tatweel
		return -1
	case unicode.Is(unicode.Cf, r) && r != '\u200C':
		// Invisible characters copied inside a word (a soft hyphen, a
		// zero-width space, a directional mark) split none: "Rus\u00adsia"
		// was two words, a person. The zero-width non-joiner is Persian's
		// break between a compound's parts, read as one.
		return -1
	case r == '\u0671': // alef wasla (NFKD has already split alef's hamza and madda off)
		return '\u0627'
	case r == '\u06CC', r == '\u0649': // Persian yeh, alef maksura
		return '\u064A'
	case r == '\u06A9': // Persian keheh
		return '\u0643'
	case r == '\u0629': // teh marbuta, written heh in Persian
		return '\u0647'
	}
	return r
}

// GuessKind is the family and kind a new actor's or source's name
// suggests, the New actor or source dialog's first choice (the user may
// pick another): every new tag was a person, and the Internet Research
// Agency was exported as "(person)" everywhere (a researcher's pass). A
// state's name is a state ("Russia", "the United States"); otherwise the
// words of assets/kinds/words.txt decide ("… Agency" an organisation, "…
// Ministry" an agency, "… Times" a news outlet; see kindOrder where they
// disagree); otherwise an acronym of three capitals or more ("FBI", "GRU",
// "ФСБ") is an agency. A name that suggests nothing is a person, unless it
// is capitals only ("MD") or in a script other than Latin ("Путин"): then
// "other", since nothing in it says a person.
//
// A name longer than a tag's may be (maxTagNameSize bytes, trimmed, as
// createTag has it) suggests nothing, read no further: it cannot be
// created, and the dialog guesses at every keystroke, which took 0.2–0.5 s
// on a pasted name of 1 MB (a hostile data pass).
func GuessKind(name string) (family, kind string) {
	if len(strings.TrimSpace(name)) > maxTagNameSize {
		return FamilyActor, "person"
	}
	k := kindWords()
	words := kindFields(name)
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	if len(words) == 0 {
		return FamilyActor, "person"
	}
	if _, ok := k.states[strings.Join(words, " ")]; ok {
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
	fields := strings.Fields(visible)
	for _, f := range fields {
		if acronym(f) {
			return FamilyActor, "agency"
		}
	}
	// The rest would be a person's name. Two capitals no list knows ("MD",
	// "CD", "MI") were an agency and are no person either; a name in a
	// script the lists do not read ("Владимир Путин", "روسيا الاتحادية")
	// may be anything: "other" says the guess knows nothing.
	if allCapitals(fields) || !latinScript(visible) {
		return FamilyActor, "other"
	}
	return FamilyActor, "person"
}

// allCapitals tells whether every letter of a name is a capital ("MD", "X.Y."):
// an abbreviation, not a person's name.
func allCapitals(fields []string) bool {
	letters := 0
	for _, f := range fields {
		for _, r := range f {
			if unicode.IsLetter(r) {
				if !unicode.IsUpper(r) {
					return false
				}
				letters++
			}
		}
	}
	return letters > 0
}

// latinScript tells whether a name has a Latin letter, or no letter at all.
func latinScript(name string) bool {
	letters := false
	for _, r := range name {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
		letters = letters || unicode.IsLetter(r)
	}
	return !letters
}

// kindFamily is the family a guessed kind belongs to.
func kindFamily(kind string) string {
	if kind == "outlet" || kind == "report" || kind == "statement" {
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

// acronym tells whether a word of a name is an all-capital acronym of three
// to six letters ("FBI", "GRU", "F.B.I.", "ФСБ"), not a Roman numeral ("III"
// of "Robert S. Mueller III") nor a person's title ("MRS", "CEO"). Two
// capitals are no agency unless the lists say so ("UK", "UN"): "MD", "CD"
// and "MI" were.
func acronym(word string) bool {
	letters := strings.ReplaceAll(strings.Trim(word, ",;:()\"'“”‘’"), ".", "")
	if n := utf8.RuneCountInString(letters); n < 3 || n > 6 {
		return false
	}
	for _, r := range letters {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	switch letters {
	case "MRS", "CEO", "CFO", "COO", "CTO", "ESQ", "PHD", "OBE", "MBE", "CBE", "KBE", "MEP":
		return false
	}
	return !romanNumeral.MatchString(letters)
}

// romanNumeral is a Roman numeral of the size a name's ends with ("II",
// "III", "XIV").
var romanNumeral = regexp.MustCompile(`^X{0,3}(IX|IV|V?I{0,3})$`)
