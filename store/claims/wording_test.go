package claims

import (
	"regexp"
	"strings"
	"testing"
)

// The built-in article's claims said in a sentence are true as English:
// its three denials are in the quoted words, so the sources say them
// ("ODNI report … says (denial): “Beijing "did not deploy …"”", not
// "denies", which read as the report saying Beijing did deploy), and a
// plural source takes a plural verb.
func TestSaysOnTheBuiltInArticle(t *testing.T) {
	ps := seedPassages(t)
	s := New(gazetteer(t), nil)
	got := map[string]string{} // claim words → sentence start
	for _, c := range s.Suggest(s.DocFor("", ps), ps) {
		got[c.Text] = Says(c.Source.Name, c.Stance, c.Cue, c.Text)
	}
	for text, want := range map[string]string{
		`Beijing "did not deploy interference efforts"`: odni + " says (denial)",
		`Though Iran sought to exploit vulnerabilities on state election websites, and did "compromise U.S. entities associated with election infrastructure as a part of a broad targeting effort across multiple sectors worldwide", it did not attempt to manipulate votes or affect election infrastructure`: odni + " says (denial)",
		"Beijing valued a stable relationship with the USA and did not consider either election outcome as advantageous enough for it to risk getting caught with interference":                                                                                                                                  "United States officials say (denial)",
		"Washington is expected to impose sanctions on Moscow as soon as next week because of the allegations":                                                                                                                                                                                                   "Anonymous sources assert",
		"sanctions would be imposed on Russian Federation as early as next week":                                                                                                                                                                                                                                 "CNN asserts",
	} {
		if got[text] != want {
			t.Errorf("%q: said as %q, want %q", text, got[text], want)
		}
	}
	denials := 0
	for _, w := range got {
		if strings.Contains(w, "(denial)") {
			denials++
		}
		if strings.HasSuffix(w, " denies") || strings.HasSuffix(w, " deny") {
			t.Errorf("%q: the article has no denial verb", w)
		}
	}
	if denials != 3 {
		t.Errorf("%d denials said, want the article's 3", denials)
	}
}

// A source denies (the verb) only when its cue denies, or the denial
// stands between the cue and the words; a denial in the words is said.
func TestHowSaid(t *testing.T) {
	for _, c := range []struct {
		stance    Stance
		cue, text string
		want      Saying
	}{
		{Asserts, "said", "he did not know", SaysAsserts}, // the user's stance stands
		{Denies, "concluded", "it did not attempt to manipulate votes", SaysDenial},
		{Denies, "said", "there was no indication that votes were changed", SaysDenial},
		{Denies, "said", "Beijing denied the reports", SaysDenial},
		{Denies, "denied", "he met Kilimnik in Madrid", SaysDenies},
		{Denies, "did not establish", "the Campaign coordinated with the Russian government", SaysDenies},
		{Denies, "had never claimed", "he was there", SaysDenies},
		{Denies, "disputed", "the account", SaysDenies},
		{Denies, "rejected", "the idea", SaysDenies}, // a cue typed by hand
		{Denies, "denied", "he did not know her", SaysDenies},
		// "told the Office that he did not believe Kilimnik was …": the
		// cue is "told", the words do not deny.
		{Denies, "told", "Kilimnik was working as a Russian spy", SaysDenies},
		// The words' own denial is read as the suggester reads it: not in
		// a condition, not "did not respond".
		{Denies, "said", "if he had not left, he would have won", SaysDenies},
		{Denies, "said", "he did not respond to requests for comment", SaysDenies},
	} {
		if got := HowSaid(c.stance, c.cue, c.text); got != c.want {
			t.Errorf("HowSaid(%v, %q, %q) = %v, want %v", c.stance, c.cue, c.text, got, c.want)
		}
	}
}

func TestPluralSource(t *testing.T) {
	for name, want := range map[string]bool{
		"Anonymous sources":                                   true,
		"Anonymous Sources":                                   true,
		"Unnamed officials":                                   true,
		"United States officials":                             true,
		"US officials":                                        true,
		"people familiar with the matter":                     true,
		"People familiar with the decision":                   true,
		"officials close to the Kremlin":                      true,
		"Flynn's attorneys":                                   true,
		"President's advisors":                                true,
		"Senate Democrats":                                    true,
		"Porter's notes":                                      true,
		"person familiar with the matter":                     false,
		"ODNI report on foreign threats to the 2020 election": false,
		"Mueller report":                                      false,
		"CNN":                                                 false,
		"Reuters":                                             false,
		"New York Times":                                      false,
		"Yahoo! News":                                         false,
		"Fox News":                                            false,
		"Rick Gates":                                          false,
		"Sessions":                                            false,
		"George Papadopoulos":                                 false,
		"Congress":                                            false,
		"President's counsel":                                 false,
		"Donald Trump's team":                                 false,
		"US intelligence community":                           false,
		"the press":                                           false,
		"Россия":                                              false,
		"ערוץ 12":                                             false,
		"":                                                    false,
	} {
		if got := PluralSource(name); got != want {
			t.Errorf("PluralSource(%q) = %v, want %v", name, got, want)
		}
	}
	for _, c := range []struct {
		source    string
		stance    Stance
		cue, text string
		want      string
	}{
		{"Anonymous sources", Asserts, "said", "votes were changed", "Anonymous sources assert"},
		{"people familiar with the matter", Denies, "denied", "votes were changed", "people familiar with the matter deny"},
		{"Unnamed officials", Denies, "said", "votes were not changed", "Unnamed officials say (denial)"},
		{"Mueller report", Denies, "did not establish", "votes were changed", "Mueller report denies"},
	} {
		if got := Says(c.source, c.stance, c.cue, c.text); got != c.want {
			t.Errorf("Says(%q, …) = %q, want %q", c.source, got, c.want)
		}
	}
}

// negation finds a denial in words the plain way (rs10's count): the
// Mueller report's denials holding one in the claim's words, with no
// denial in the cue, are said, never "denied" (a double negative stating
// the opposite of the report).
var negation = regexp.MustCompile(`(?i)\b(not|never|no evidence|no indication|no sign|denied)\b`)

func TestSaysOnTheMuellerReport(t *testing.T) {
	ps := muellerPassages(t)
	s := New(gazetteer(t), nil)
	said := map[Saying]int{}
	pinned := map[string]Saying{
		"he did not consider the political import of the Trump Moscow project to the 2016 U.S. presidential election at the time": SaysDenial,
		"Kilimnik was working as a Russian “spy.”": SaysDenies, // "told the Office that he did not believe"
		"members of the Trump Campaign conspired or coordinated with the Russian government in its election interference activities": SaysDenies, // "did not establish that"
	}
	for _, c := range s.Suggest(s.DocFor("mueller-report", ps), ps) {
		if c.Stance != Denies {
			continue
		}
		how := HowSaid(c.Stance, c.Cue, c.Text)
		said[how]++
		if want, ok := pinned[c.Text]; ok {
			if how != want {
				t.Errorf("%q (cue %q): %v, want %v", c.Text, c.Cue, how, want)
			}
			delete(pinned, c.Text)
		}
		if how == SaysDenies && !negation.MatchString(c.Cue) && !denialVerbs[strings.ToLower(c.Cue)] &&
			strings.ToLower(c.Cue) != "deny" && strings.ToLower(c.Cue) != "disputed" {
			// The denial was read from between the cue and the words; the
			// words must then not deny themselves.
			if negation.MatchString(c.Text) && !strings.Contains(c.Text, "respond") {
				t.Errorf("%s %s: “%s” reads as a double negative (cue %q)", c.Source.Name, how.Verb(false), c.Text, c.Cue)
			}
		}
	}
	for text := range pinned {
		t.Errorf("not suggested as a denial: %q", text)
	}
	t.Logf("denials: %d said (the words deny), %d denied (the source denies)", said[SaysDenial], said[SaysDenies])
	if said[SaysDenial] < 150 || said[SaysDenies] < 30 {
		t.Errorf("denials said %d, denied %d; the report has about 170 and 45", said[SaysDenial], said[SaysDenies])
	}
}
