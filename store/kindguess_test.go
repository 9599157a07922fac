package store_test

import (
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// A new actor's or source's kind is first the one its name suggests: every
// new tag was a person, and the Internet Research Agency was exported as
// "(person)" everywhere (a researcher's pass). A name that suggests
// nothing stays a person.
func TestGuessKindFromTheName(t *testing.T) {
	for name, want := range map[string]string{
		"Internet Research Agency":                        "actor organisation",
		"Democratic National Committee":                   "actor organisation",
		"Trump Campaign":                                  "actor organisation",
		"Clinton Foundation":                              "actor organisation",
		"Main Intelligence Directorate":                   "actor agency", // a government word outranks
		"Central Intelligence Agency":                     "actor agency",
		"Ministry of Foreign Affairs":                     "actor agency",
		"Federal Bureau of Investigation":                 "actor agency",
		"Office of the Director of National Intelligence": "actor agency",
		"Foreign Intelligence Service":                    "actor agency",
		"FBI":                                             "actor agency",
		"GRU":                                             "actor agency",
		"F.B.I.":                                          "actor agency",
		"FBI\u200b":                                       "actor agency", // copied with a zero-width space
		"\u202eGRU\u202c":                                 "actor agency", // or in bidirectional controls
		"Republican Party":                                "actor party",
		"Party of Regions":                                "actor party",
		"Concord Management and Consulting LLC":           "actor company",
		"Alfa Bank":                                       "actor company",
		"Fox News Corporation":                            "actor company",
		"Russia":                                          "actor state",
		"the United States":                               "actor state",
		"U.S.":                                            "actor state",
		"Russian Federation":                              "actor state",
		"Ukrainian Government":                            "actor state",
		"New York Times":                                  "source outlet",
		"The Washington Post":                             "source outlet",
		"Wall Street Journal":                             "source outlet",
		"Radio Free Europe":                               "source outlet",
		"CNN":                                             "source outlet", // an outlet's acronym is no agency
		"Steele Dossier":                                  "source report",
		"Daily Diary":                                     "source report", // a record, though "Daily" names outlets
		"Hunt's notes":                                    "source report",
		// A body's document is a source, not the body (it was an agency).
		"Senate Intelligence Committee report": "source report",
		"Intelligence Community Assessment":    "source report",
		"Justice Department memo":              "source report",
		"White House statement":                "source statement",
		"Kremlin statement":                    "source statement",
		"Spicer's statements":                  "source statement",
		"Foreign Ministry press release":       "source statement",
		"DNC":                                  "actor organisation",
		// Two capitals are no agency unless listed (data17's L2).
		"MD":            "actor other",
		"CD":            "actor other",
		"MI":            "actor other",
		"UK":            "actor state",
		"UN":            "actor organisation",
		"MI6":           "actor agency",
		"DoJ":           "actor agency",
		"ФСБ":           "actor agency", // an acronym in any script
		"KSA":           "actor state",  // a state's acronym is no agency's
		"ROK":           "actor state",
		"OPEC":          "actor organisation",
		"IMF":           "actor organisation",
		"John Smith MD": "actor person",
		"Jane Roe, CEO": "actor person",
		// A state's name in its own script, and its neighbours'.
		"Россия": "actor state",
		"Российская Федерация":      "actor state",
		"Соединенные Штаты Америки": "actor state", // е for ё, as often typed
		"США":     "actor state",
		"Україна": "actor state",
		"روسيا":   "actor state",
		"سورية":   "actor state",
		"سوریه":   "actor state", // Persian yeh
		"سوريه":   "actor state", // Arabic yeh, heh for teh marbuta
		"إيران":   "actor state",
		"ايران":   "actor state", // alef without its hamza
		"ایران":   "actor state", // Persian
		"المملكة العربية السعودية":     "actor state",
		"الْوِلَايَاتُ الْمُتَّحِدَةُ": "actor state", // vowel marks
		"عربستان سعودی":                "actor state",
		"ترکیه":                        "actor state",
		"中国":                           "actor state",
		"俄罗斯":                          "actor state",
		"俄羅斯":                          "actor state",
		"ישראל":                        "actor state",
		"Türkiye":                      "actor state",
		"Tu\u0308rkiye":                "actor state", // a combining diaeresis
		"İran":                         "actor state",
		// A name the lists cannot read is no person by default.
		"Guardian":       "source outlet", // an outlet by its own name
		"Sputnik":        "source outlet",
		"ТАСС":           "source outlet", // not an agency's acronym
		"РИА Новости":    "source outlet",
		"Владимир Путин": "actor other",
		"محمد بن سلمان":  "actor other",
		"习近平":            "actor other",
		// Names that suggest nothing are people.
		"James Comey":           "actor person",
		"Robert S. Mueller III": "actor person",
		"Donald Trump Jr.":      "actor person",
		"Michael Jordan":        "actor person", // a state's name only as the whole name
		"President of Russia":   "actor person",
		"":                      "actor person",
	} {
		fam, kind := store.GuessKind(name)
		if got := fam + " " + kind; got != want {
			t.Errorf("GuessKind(%q) = %s, want %s", name, got, want)
		}
	}
	// Every guess is a kind its family allows.
	for _, name := range []string{"Internet Research Agency", "FBI", "Russia", "CNN", "Steele Dossier", "Alfa Bank", "Republican Party", "Jane Doe"} {
		fam, kind := store.GuessKind(name)
		if !slices.Contains(store.Kinds[fam], kind) {
			t.Errorf("GuessKind(%q) = %s %s, which %s does not allow", name, fam, kind, fam)
		}
	}
}

// A name copied from a web page may carry an invisible character inside a
// word: a soft hyphen, a zero-width space, a word joiner, a byte-order mark
// or a directional mark. It splits no word: "Rus\u00adsia" was two words,
// so a person. A zero-width non-joiner stays the break Persian writes it as.
func TestGuessKindReadsThroughInvisibleCharacters(t *testing.T) {
	for name, want := range map[string]string{
		"Rus\u00adsia":                          "actor state",
		"Rus\u200bsia":                          "actor state",
		"Uk\u2060raine":                         "actor state",
		"\ufeffRussia":                          "actor state",
		"Min\u200eistry of Defence":             "actor agency",
		"New York Ti\u00admes":                  "source outlet",
		"Internet Re\u200fsearch Agency":        "actor organisation",
		"جمهوری\u200cاسلامی ایران":              "actor state",
		"Federal Bureau of Investi\u00adgation": "actor agency",
	} {
		fam, kind := store.GuessKind(name)
		if got := fam + " " + kind; got != want {
			t.Errorf("GuessKind(%q) = %s, want %s", name, got, want)
		}
	}
}

// Names a report on these matters uses, which no word of the lists knew:
// "U.K." (read "u k") was other while "UK" was a state, "NYT" an agency by
// the acronym rule, "WikiLeaks" a person.
func TestGuessKindKnowsCommonNamesOfTheReports(t *testing.T) {
	for name, want := range map[string]string{
		"U.K.":      "actor state",
		"NYT":       "source outlet",
		"WSJ":       "source outlet",
		"WaPo":      "source outlet",
		"WikiLeaks": "actor organisation",
	} {
		fam, kind := store.GuessKind(name)
		if got := fam + " " + kind; got != want {
			t.Errorf("GuessKind(%q) = %s, want %s", name, got, want)
		}
	}
}

// A name longer than a tag's may be suggests nothing: it is not read (the
// New actor dialog guessed at every keystroke, 0.2–0.5 s each on a pasted
// name of 1 MB), so the words that would make it an organisation do not.
// A name of the longest a tag may have, spaces around it, is still read.
func TestGuessKindReadsNoNameTooLongForATag(t *testing.T) {
	longest := strings.Repeat("x", 200-len(" Internet Research Agency")) + " Internet Research Agency"
	if family, kind := store.GuessKind("  " + longest + "\n"); family != store.FamilyActor || kind != "organisation" {
		t.Errorf("a name of 200 bytes: %s/%s, want actor/organisation", family, kind)
	}
	for _, name := range []string{"x" + longest, strings.Repeat("Internet Research Agency ", 40000)} {
		if family, kind := store.GuessKind(name); family != store.FamilyActor || kind != "person" {
			t.Errorf("a name of %d bytes: %s/%s, want it read no further (actor/person)", len(name), family, kind)
		}
	}
}
