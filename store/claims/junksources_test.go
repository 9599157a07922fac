package claims

import "testing"

// A source is something that can speak. A researcher's pass over the
// Mueller report found places, buildings, laws, adjective fragments and
// opening words made sources, and "Mueller's report" beside the Mueller
// report.
func TestSourcesCanSpeak(t *testing.T) {
	doc := Doc{Title: "memo"}
	for _, c := range []struct{ text, source string }{
		// Places, buildings and laws do not speak.
		{"After the Oval Office meeting concluded that evening, the aides left.", ""},
		{"The Constitution establishes that Congress may create executive departments.", ""},
		{"@TEN_GOP Tweet (“North Carolina finds 2,214 voters over the age of 110!!”)", ""},
		{"The Foreign Agents Registration Act requires that agents register.", ""},
		// An adjective before a name is not part of it.
		{"See Mark Berman, Longtime Trump attorney says he made the payment, Washington Post.", "Trump"},
		// Opening words are no one's name.
		{"Later in the dinner, the President brought up Flynn and said the guy has serious judgment issues.", ""},
		{"No witness, however, recalled any reference to Congress during the meeting.", ""},
		{"To establish a nexus, it would be necessary to show that the President knew.", ""},
		// A possessive of a source's name is that source.
		{"Mueller's report concluded that Kilimnik had ties to Russian intelligence.", "Mueller report"},
		{"Russia interfered in 2016, according to Mueller’s report.", "Mueller report"},
		// A nationality is no speaker: "the Russian attorney" is someone
		// the claim leaves unnamed (a researcher's pass found "Russian"
		// made a source).
		{"At the meeting, the Russian attorney claimed that funds were provided to Clinton.", ""},
		{"The Ukrainian official said that the talks had ended.", ""},
		{"A Russian-American lobbyist stated that he attended the meeting.", ""},
		{"The Russians told Papadopoulos that they had dirt on Clinton.", ""},
		{"The Russian Foreign Ministry stated that the sanctions were unlawful.", "Russian Foreign Ministry"},
		{"BBC Russian reported that the meeting took place in Moscow.", "BBC Russian"},
		// Names still speak.
		{"Comey recalled that the President asked him for loyalty.", "Comey"},
		{"The Washington Post reported that Kilimnik met Manafort in August.", "Washington Post"},
		{"Flynn's attorneys stated that he would cooperate.", "Flynn's attorneys"},
	} {
		got := suggestOne(t, doc, c.text)
		switch {
		case c.source == "" && len(got) > 0:
			t.Errorf("%q: source %q, want no claim", c.text, got[0].Source.Name)
		case c.source != "" && (len(got) != 1 || got[0].Source.Name != c.source):
			t.Errorf("%q: %+v, want one claim by %q", c.text, got, c.source)
		}
	}
}
