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
		// A sentence's first word, capitalised by its place, is no first
		// name before another; alone before the surname it is.
		{[]string{"Yesterday John Smith met the team in town.", "Smith said that the budget was too large."},
			[]string{"John Smith"}},
		{[]string{"John Smith met the team in town.", "Smith said that the budget was too large."},
			[]string{"John Smith"}},
		{[]string{"The team met John Smith in town.", "Yesterday John said so.", "Yesterday John Smith left.", "Smith said that the budget was too large."},
			[]string{"John Smith"}},
		// A long run of capitalised words is no one's name.
		{[]string{"Yesterday Aaa Bbb Ccc Ddd Eee Fff Ggg Hhh Jjj Kkk Smith attended the meeting.", "Smith said that the budget was too large."},
			[]string{"Smith"}},
		{[]string{"The list named Ann Bea Cat Dot Eve Smith in full.", "Smith said that the budget was too large."},
			[]string{"Smith"}},
		{[]string{"The memo named George Herbert Walker Bush in full.", "Bush said that the budget was too large."},
			[]string{"George Herbert Walker Bush"}},
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

// A text that writes thousands of first names before one surname is read
// in time that grows with the text, not with its square: each form of the
// name was looked for in a list of the forms before it, and a generated
// 5 MB text with 30,000 first names before "Smith" (and the Mueller
// report) took minutes in dossier claims --suggest, the earlier 3 s. The
// work is counted in allocations, which grew fourfold when the text
// doubled; a text twice as long may take little more than twice as many.
func TestManyFirstNamesOfOneSurnameReadInLinearWork(t *testing.T) {
	sug := New(gazetteer(t), nil)
	passages := func(n int) []Passage {
		ps := []Passage{{Ordinal: 1, Text: "Smith said that the budget was too large."}}
		for i := 0; i < n; i++ {
			// A made-up first name of its own: "Baba", "Cebo", …
			var b strings.Builder
			for k, v := i, 0; k > 0 || v == 0; k, v = k/17, v+1 {
				b.WriteByte("bcdfghjklmnprstvz"[k%17])
				b.WriteByte("aeiou"[(k+v)%5])
			}
			first := strings.ToUpper(b.String()[:1]) + b.String()[1:]
			ps = append(ps, Passage{Ordinal: i + 2, Text: "Yesterday " + first + " Smith attended the meeting in town."})
		}
		return ps
	}
	small, large := passages(2000), passages(4000)
	var got []Claim
	allocs := func(ps []Passage) float64 {
		return testing.AllocsPerRun(1, func() { got = sug.Suggest(Doc{Title: "memo"}, ps) })
	}
	a, b := allocs(small), allocs(large)
	// Thousands of people: the surname stays.
	if len(got) != 1 || got[0].Source.Name != "Smith" {
		t.Fatalf("claims %+v, want one of Smith's", got)
	}
	if b > 3*a {
		t.Errorf("%.0f allocations for 4,000 first names, %.0f for 2,000: the work grows with the square of the text", b, a)
	}
}
