package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TagMatch is a tag that text typed in the tag picker finds, and what it
// was found by.
type TagMatch struct {
	Tag
	// As is the alias, or the name known for the same state in another
	// script or form, that the text found, where the tag's own name does
	// not hold it: the picker says it beside the name. "" when the name
	// matched.
	As string
	// Exact says that the tag's name or an alias is the text typed, with
	// letters folded ("Turkiye" is Türkiye), or that the text is a whole
	// known form of the state the tag names ("Россия" is Russia,
	// NamedLike): the picker then offers no new tag of that name. It
	// offered "Create “Turkiye”…" beside the Türkiye it found, and the
	// click made a second actor for one country (ui19's hostile pass).
	Exact bool
}

// MatchTags is the tags that text typed in the tag picker finds, in the
// order it lists them: names that start with the text, then names or
// aliases that hold it, then tags named by a known form of the state the
// text names ("Россия", "روسيا", "俄罗斯" or "Rusya" finds "Russia", and
// "Russia" a tag the user named "Россия"; assets/kinds/states.txt lists
// the forms). Letters are compared folded: case, accents and vowel marks
// and the Arabic and Persian forms of a letter do not count ("Turkiye"
// finds "Türkiye", "MULLER" "Müller"). Nothing is written: the user's tags
// keep the aliases they gave. Empty text finds every tag.
func MatchTags(all []Tag, text string) []TagMatch {
	text = strings.TrimSpace(text)
	if text == "" {
		out := make([]TagMatch, len(all))
		for i, t := range all {
			out[i] = TagMatch{Tag: t}
		}
		return out
	}
	q := foldLetters(text)
	exact := namesForm(text)
	var first, rest, known []TagMatch
	found := make([]bool, len(all))
	for i, t := range all {
		name := foldLetters(t.Name)
		found[i] = true
		switch {
		case strings.HasPrefix(name, q):
			first = append(first, TagMatch{Tag: t, Exact: exact(t)})
		case strings.Contains(name, q):
			rest = append(rest, TagMatch{Tag: t, Exact: exact(t)})
		default:
			found[i] = false
			for _, a := range t.Aliases {
				if strings.Contains(foldLetters(a), q) {
					rest = append(rest, TagMatch{Tag: t, As: a, Exact: exact(t)})
					found[i] = true
					break
				}
			}
		}
	}
	states := knownStates(text)
	if len(states) == 0 {
		return append(first, rest...)
	}
	k := kindWords()
	for i, t := range all {
		if found[i] {
			continue
		}
		for _, n := range append([]string{t.Name}, t.Aliases...) {
			if line, ok := k.states[stateKey(n)]; ok {
				if as, ok := states[line]; ok {
					if foldLetters(as) == foldLetters(t.Name) {
						as = "" // "Китая" finds Китай: the name says it
					}
					known = append(known, TagMatch{Tag: t, As: as, Exact: exact(t)})
					break
				}
			}
		}
	}
	return append(append(first, rest...), known...)
}

// knownStates is the states (their lines in states.txt) one of whose names
// text starts, or starts a word of ("Росс" is Россия's, "Arabia" Saudi
// Arabia's), each with the name to show: the text as typed where it is a
// whole name, else the name as listed. One letter finds none: "u" would
// find the United States by "us" and the United Kingdom by "uk".
func knownStates(text string) map[int]string {
	q := stateKey(text)
	if utf8.RuneCountInString(q) < 2 {
		return nil
	}
	k := kindWords()
	out := map[int]string{}
	for line, names := range k.stateNames {
		for _, n := range names {
			key := stateKey(n)
			if key == q {
				out[line] = text
				break
			}
			if strings.Contains(" "+key, " "+q) || inflected(q, key) {
				if _, ok := out[line]; !ok {
					out[line] = capitalised(n)
				}
			}
		}
	}
	return out
}

// inflected tells whether q, one word in a script other than Latin, is a
// case of a word of the name key: a Russian or Ukrainian name changes its
// ending ("России", "Россией", "Китая", "Росії" are Россия's, Китай's and
// Росія's), and a name copied from such a text found nothing. The two
// share all but the name's last letter, four letters at least, and the
// word is at most three letters longer.
func inflected(q, key string) bool {
	if strings.Contains(q, " ") || strings.ContainsFunc(q, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) {
		return false
	}
	word := []rune(q)
	for _, w := range strings.Fields(key) {
		name := []rune(w)
		same := 0
		for same < len(word) && same < len(name) && word[same] == name[same] {
			same++
		}
		if same >= 4 && same >= len(name)-1 && len(word) <= len(name)+3 {
			return true
		}
	}
	return false
}

// stateKey is a name as states.txt's names are looked up: its words folded
// (kindFields), without a leading "the".
func stateKey(name string) string {
	words := kindFields(name)
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// foldLetters is a name as the tag picker compares it: case folded in every
// script, accents and vowel marks dropped, the Arabic and Persian forms of
// a letter made one, invisible characters dropped (foldKindRune).
func foldLetters(s string) string {
	return strings.Map(foldKindRune, norm.NFKD.String(foldName(s)))
}

// capitalised is a listed name (states.txt writes them in lower case) with
// its first letter a capital, as the picker shows it.
func capitalised(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToTitle(r)) + s[n:]
}

// NamedLike is the tags of all that name would duplicate: those whose
// name or an alias is name with letters folded, and those named by a
// known form of the state it names (namedByForm). New actor or source
// warns of them: "Turkiye" is refused by no rule (the store's is case
// only), but beside Türkiye it is a second tag for one country.
func NamedLike(all []Tag, name string) []Tag {
	return namedByForm(all, strings.TrimSpace(name))
}

// namedByForm is the tags a name in a search filter finds when no tag's
// name or alias is that name (findTags): those whose name or an alias is
// it with letters folded as the picker folds them ("turkiye" is
// "Türkiye"), and those named by a whole known form of the state it
// names, or a case of one ("Россия", "России" and "Turkey" are "Russia"
// and "Türkiye"). Unlike MatchTags it finds no tag by a part of a name: a
// filter names a tag, and "actor:russ" finding Russia would be a guess.
func namedByForm(all []Tag, text string) []Tag {
	names := namesForm(text)
	var out []Tag
	for _, t := range all {
		if names(t) {
			out = append(out, t)
		}
	}
	return out
}

// namesForm is namedByForm's test of one tag, the states text names
// looked up once.
func namesForm(text string) func(Tag) bool {
	q := foldLetters(text)
	if strings.TrimSpace(q) == "" {
		return func(Tag) bool { return false }
	}
	key := stateKey(text)
	lines := map[int]bool{}
	k := kindWords()
	if utf8.RuneCountInString(key) >= 2 {
		for line, names := range k.stateNames {
			for _, n := range names {
				if f := stateKey(n); f == key || inflected(key, f) {
					lines[line] = true
					break
				}
			}
		}
	}
	return func(t Tag) bool {
		for _, n := range append([]string{t.Name}, t.Aliases...) {
			line, known := k.states[stateKey(n)]
			if foldLetters(n) == q || known && lines[line] {
				return true
			}
		}
		return false
	}
}
