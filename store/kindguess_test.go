package store_test

import (
	"slices"
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
		"DNC":                                             "actor organisation",
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
