package claims

import (
	"strings"
	"unicode"
)

// How a claim is said in a sentence ("ODNI report asserts: “…”" in the
// command line, the Markdown exports, the reader's chips). The stance stays
// asserts or denies, as stored, filtered (stance:denies) and marked in the
// corroboration matrix; only its wording depends on where the denial is.
// "ODNI report denies: “Beijing did not deploy interference efforts”" says
// in English that the report denies Beijing did not deploy: the opposite of
// the report (about 179 of the Mueller report's 215 denials read so, rs10).

// Saying is the way a sentence words a claim's stance.
type Saying int

const (
	// SaysAsserts: "Mueller report asserts: “…”".
	SaysAsserts Saying = iota
	// SaysDenial: the claim's own words deny, and the source says them:
	// "ODNI report says (denial): “Beijing did not deploy …”".
	SaysDenial
	// SaysDenies: the source denies the claim's words, the denial being in
	// its cue ("denied", "did not establish", "disputed") or in what stands
	// between the cue and the words ("told the Office that he did not
	// believe …"): "Michael Cohen denies: “…”".
	SaysDenies
)

// denialVerbs are verbs of denial as a cue typed by hand may hold, beyond
// the suggester's own (reporting-verbs.txt flagged denies, denials.txt).
var denialVerbs = setOf("rejected", "rejects", "reject", "dismissed", "dismisses", "dismiss",
	"refuted", "refutes", "refute", "disputes", "dispute", "contested", "contests", "contest",
	"rebutted", "rebuts", "rebut", "disavowed", "disavows", "disavow", "repudiated", "repudiates")

// HowSaid tells how a sentence words a claim of this stance, cue and text:
// a denial is "denies" when the cue itself denies, "says (denial)" when
// the claim's words hold the denial, and "denies" when neither does (the
// denial stood between cue and words, or the user set the stance).
func HowSaid(stance Stance, cue, text string) Saying {
	if stance != Denies {
		return SaysAsserts
	}
	lex := DefaultLexicon()
	ctoks := tokenize(cue)
	for i, t := range ctoks {
		if denialVerbs[t.lower] {
			return SaysDenies
		}
		if p, n := lex.verbs.at(ctoks, i); n > 0 && p.flags["denies"] {
			return SaysDenies
		}
		if _, n := lex.denials.at(ctoks, i); n > 0 {
			return SaysDenies
		}
	}
	if lex.wordsDeny(text, tokenize(text)) {
		return SaysDenial
	}
	return SaysDenies
}

// Verb is the saying's verb, plural when the source is (PluralSource):
// "asserts"/"assert", "says (denial)"/"say (denial)", "denies"/"deny".
func (s Saying) Verb(plural bool) string {
	switch {
	case s == SaysDenial && plural:
		return "say (denial)"
	case s == SaysDenial:
		return "says (denial)"
	case s == SaysDenies && plural:
		return "deny"
	case s == SaysDenies:
		return "denies"
	case plural:
		return "assert"
	}
	return "asserts"
}

// Word is the saying in a word after a comma, for a claim's short summary
// ("Claim by CNN, denial"): "" for an assertion, "denial" when the words
// deny, "denies" when the source denies them.
func (s Saying) Word() string {
	switch s {
	case SaysDenial:
		return "denial"
	case SaysDenies:
		return "denies"
	}
	return ""
}

// Says words a claim's source and stance as the start of a sentence, the
// verb agreeing with the source: "Anonymous sources assert", "ODNI report
// says (denial)", "Michael Cohen denies".
func Says(source string, stance Stance, cue, text string) string {
	return source + " " + HowSaid(stance, cue, text).Verb(PluralSource(source))
}

// headEnds end a source name's head noun: "people familiar with the
// matter", "ODNI report on foreign threats", "officials close to …".
var headEnds = setOf("familiar", "close", "with", "of", "on", "in", "at", "from", "for", "to", "about",
	"who", "that", "which", "and", "or", "under", "within", "inside", "near", "involved", "briefed")

// pluralNouns are plural heads even when capitalised ("Anonymous Sources",
// "Senate Democrats"); a capitalised word ending in s is otherwise a name
// ("Rick Gates", "Sessions", "Papadopoulos", "New York Times", "Reuters").
var pluralNouns = setOf("people", "sources", "officials", "democrats", "republicans", "lawyers", "attorneys",
	"prosecutors", "investigators", "analysts", "agencies", "authorities", "officers", "diplomats", "aides",
	"advisers", "advisors", "experts", "witnesses", "residents", "researchers", "journalists", "reporters",
	"staffers", "lawmakers", "senators", "members", "leaders", "documents", "records", "notes", "reports")

// singularInS are lower-case nouns ending in s that are not plurals.
var singularInS = setOf("news", "series", "species", "politics", "economics", "physics", "headquarters",
	"means", "counsel", "lens", "gas", "bus", "chaos", "corps")

// PluralSource tells whether a source's name is plural, for the verb that
// follows it: its head noun is the last word before a word such as "with",
// "of" or "familiar" (or its last word); it is plural when it is "people"
// ("men", "women") or a lower-case word ending in s but not ss, us or is
// ("sources", "Flynn's attorneys", "US officials"), or a listed plural
// noun in capitals ("Anonymous Sources").
func PluralSource(name string) bool {
	toks := tokenize(name)
	head := ""
	for i, t := range toks {
		if i > 0 && headEnds[t.lower] {
			break
		}
		head = t.text
	}
	lower := strings.ToLower(head)
	if pluralNouns[lower] || lower == "men" || lower == "women" {
		return true
	}
	for _, r := range head {
		if !unicode.IsLower(r) {
			return false // a name: "Gates", "Times", "CNN"
		}
	}
	if singularInS[lower] || !strings.HasSuffix(lower, "s") {
		return false
	}
	return !strings.HasSuffix(lower, "ss") && !strings.HasSuffix(lower, "us") && !strings.HasSuffix(lower, "is")
}
