package claims

import "testing"

// Claims a researcher's pass found missed in a memo: its own "we assess"
// (the memo's author's judgment, when the document says who wrote it) and
// "describing X as Y" (the subject says X is Y).
func TestMemoClaims(t *testing.T) {
	for _, c := range []struct {
		doc                Doc
		text               string
		source, rule, want string
		confidence         Confidence
	}{
		{Doc{Title: "memo", Author: "J. Analyst"}, "We assess with moderate confidence that Derkach acted on Russia's behalf.",
			"J. Analyst", "judgment", "with moderate confidence that Derkach acted on Russia's behalf", Moderate},
		// Any first-person judgment.
		{Doc{Title: "memo", Author: "J. Analyst"}, "We believe that Kilimnik passed the polling data on.",
			"J. Analyst", "judgment", "Kilimnik passed the polling data on", NoConfidence},
		// Nobody known writes it: "we" names nobody.
		{Doc{Title: "memo"}, "We assess with moderate confidence that Derkach acted on Russia's behalf.", "", "", "", 0},
		// The subject describes someone as something.
		{Doc{Title: "memo"}, "Treasury designated Kilimnik, describing him as a known Russian agent.",
			"Treasury", "participle", "Treasury designated Kilimnik, describing him as a known Russian agent", NoConfidence},
		{Doc{Title: "memo"}, "The Treasury Department sanctioned Derkach on Thursday, describing Derkach as an active Russian agent.",
			"Treasury Department", "participle", "Derkach as an active Russian agent", NoConfidence},
		{Doc{Title: "memo"}, "Treasury described Kilimnik as a known Russian agent.",
			"Treasury", "leading", "Kilimnik as a known Russian agent", NoConfidence},
		{Doc{Title: "memo"}, "Kelly described the meeting in some detail to the committee.", "", "", "", 0},
		// A possessor opening the sentence is not its subject.
		{Doc{Title: "memo"}, "Following Flynn's resignation, the President praised Flynn, describing him as a wonderful man.", "", "", "", 0},
		// Without "as" a description is no claim.
		{Doc{Title: "memo"}, "Treasury designated Kilimnik, describing his role in the campaign.", "", "", "", 0},
	} {
		got := suggestOne(t, c.doc, c.text)
		if c.source == "" {
			if len(got) != 0 {
				t.Errorf("%q: %+v, want no claim", c.text, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Source.Name != c.source || got[0].Rule != c.rule || got[0].Text != c.want || got[0].Confidence != c.confidence {
			t.Errorf("%q:\n got %+v\nwant %q by %q (%s), %s", c.text, got, c.want, c.source, c.rule, c.confidence)
		}
	}
	// About reads the actors in the claim's words.
	got := suggestOne(t, Doc{Title: "memo"}, "Treasury designated Kilimnik, describing him as a known Russian agent.")
	if len(got) != 1 || len(got[0].About) == 0 || got[0].About[0].Name != "Konstantin Kilimnik" {
		t.Errorf("about %+v, want Konstantin Kilimnik", got)
	}
}
