package claims

import (
	"strings"
	"testing"
)

// A surname no claim gives a full name to takes the one the document's
// text writes, when it writes one person's: "Comey" (33 claims) and
// "McGahn" (63) stayed surnames in the Mueller report, which writes
// "FBI Director James B. Comey", "James Comey", "White House Counsel
// Donald McGahn" and "Don McGahn" (a researcher's pass). Two people of the
// name, or a name the text writes only in a heading's title case, leave the
// surname.
func TestSurnameLearnsTheFullNameFromTheText(t *testing.T) {
	for _, c := range []struct {
		passages []string
		want     []string // each claim's source, in order
	}{
		// Forms of one person's name: the fullest first name, the fewest words.
		{[]string{"The meeting included FBI Director James B. Comey and two aides.", "He later met James Comey alone.",
			"Comey recalled that the President asked him for loyalty."},
			[]string{"James Comey"}},
		{[]string{"The President called White House Counsel Donald McGahn at home.", "Don McGahn was there as well.",
			"McGahn recalled that the President was angry."},
			[]string{"Donald McGahn"}},
		// Only a middle initial given: the name as written.
		{[]string{"The memo went to James B. Comey on Monday.", "Comey recalled that the memo was short."},
			[]string{"James B. Comey"}},
		// Two people of the name: which one is unknown.
		{[]string{"Jared Kushner met the ambassador in the lobby.", "Charles Kushner met him later in the day.",
			"Kushner recalled that the meeting was short."},
			[]string{"Kushner"}},
		// A heading's title case puts any word before a name: "Orders
		// Smith" is no second person, and no first name.
		{[]string{"The President Orders Smith to Deny the Story", "He had met John Smith in the spring.",
			"Smith recalled that the President was angry."},
			[]string{"John Smith"}},
		{[]string{"The President Orders Smith to Deny the Story", "Smith recalled that the President was angry."},
			[]string{"Smith"}},
		// Titles, an acronym and a full stop ending a sentence stand before
		// no first name.
		{[]string{"The review went to Deputy Director Brown after the vote.", "It went to the FBI. Brown was away.",
			"Brown recalled that the review was short."},
			[]string{"Brown"}},
		// A word the document also writes in lower case ("Firing Brown" in
		// a headline), or with a capital inside ("WikiLeaks Twitter"), is
		// no first name.
		{[]string{"The headline Firing Brown ran on Monday.", "The firing was quick.", "Brown recalled that the review was short."},
			[]string{"Brown"}},
		{[]string{"The post came from the WikiLeaks Twitter account on Monday.", "Twitter stated that the accounts were closed."},
			[]string{"Twitter"}},
		// Another source's surname is no first name.
		{[]string{"Goldstone stated that the meeting was short.", "The post went up on the Goldstone Facebook page in June.",
			"Facebook stated that the page was closed."},
			[]string{"Goldstone", "Facebook"}},
		// A claim's full name still comes first ("Reince Priebus").
		{[]string{"Incoming Chief of Staff Reince Priebus said that the meeting was short.", "Priebus recalled that the President was angry."},
			[]string{"Reince Priebus", "Reince Priebus"}},
	} {
		ps := make([]Passage, len(c.passages))
		for i, text := range c.passages {
			ps[i] = Passage{Ordinal: i + 1, Text: text}
		}
		var got []string
		for _, cl := range New(gazetteer(t), nil).Suggest(Doc{Title: "memo"}, ps) {
			got = append(got, cl.Source.Name)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: sources %q, want %q", c.passages, got, c.want)
		}
	}
}
