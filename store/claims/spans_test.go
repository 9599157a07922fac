package claims

import (
	"slices"
	"strings"
	"testing"
)

// sentenceTexts is text cut into sentences as the suggester cuts it.
func sentenceTexts(text string) []string {
	var out []string
	for _, sp := range DefaultLexicon().sentences(text) {
		out = append(out, text[sp.start:sp.end])
	}
	return out
}

// A sentence ends at a footnote marker where the Mueller report's text
// lost its full stop, or put the marker after an abbreviation's, and at a
// redaction that swallowed the full stop: each of these claims ran on into
// the next sentence ("… including Trump Jr.<FN712> President Trump has
// stated …" was Kushner's claim). A marker after a comma, even inside a
// quotation, goes on.
func TestAFootnoteOrRedactionEndsASentence(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Kushner did not recall anyone informing candidate Trump of the meeting, including Trump Jr.<FN712> President Trump has stated that he has no recollection.",
			[]string{"Kushner did not recall anyone informing candidate Trump of the meeting, including Trump Jr.<FN712>", "President Trump has stated that he has no recollection."}},
		{"McGahn had not told the President directly that he intended to resign.<FN781><FN782> In that respect, the Post story clarified the Times story.",
			[]string{"McGahn had not told the President directly that he intended to resign.<FN781><FN782>", "In that respect, the Post story clarified the Times story."}},
		{"McGahn said that the story was otherwise accurate<FN813> The President asked McGahn about it.",
			[]string{"McGahn said that the story was otherwise accurate<FN813>", "The President asked McGahn about it."}},
		{"Polonskaya stated that the Russian ambassador in London was a friend of hers <FN425> Based on this interaction, Papadopoulos expected an introduction.",
			[]string{"Polonskaya stated that the Russian ambassador in London was a friend of hers <FN425>", "Based on this interaction, Papadopoulos expected an introduction."}},
		{"The investigation established that the Trump Campaign displayed interest in the WikiLeaks releases, and that [redacted] As explained in Volume I, the evidence was sufficient.",
			[]string{"The investigation established that the Trump Campaign displayed interest in the WikiLeaks releases, and that [redacted]", "As explained in Volume I, the evidence was sufficient."}},
		// A footnote's number written bare, after a full stop or a
		// question's mark and its quotes.
		{"The President disputed certain fees relating to his membership in a Trump golf course in Northern Virginia.529 The President's advisors pushed back.",
			[]string{"The President disputed certain fees relating to his membership in a Trump golf course in Northern Virginia.529", "The President's advisors pushed back."}},
		{"He said, \"How could you let this happen, Jeff?\"505 The President said the position was his most important appointment.",
			[]string{"He said, \"How could you let this happen, Jeff?\"505", "The President said the position was his most important appointment."}},
		// Going on: after a comma inside a quotation, a redaction before
		// a name, a marker before a lower-case word.
		{"Kuznetsov wrote that Kislyak thought it “important” to “continue the conversation with Mr. Kushner in person,”<FN1149> Kislyak nonetheless agreed to meet.", nil},
		{"According to Goldstone, he told Trump Jr. [redacted] Gates was there.", nil},
		{"Polonskaya described Timofeev as having connections with the Russian Ministry of Foreign Affairs (MFA)<FN457> the executive entity in Russia.", nil},
		{"Growth was 3.5 In the first quarter, it fell.", nil},
	} {
		want := c.want
		if want == nil {
			want = []string{c.text}
		}
		if got := sentenceTexts(c.text); !slices.Equal(got, want) {
			t.Errorf("sentences %q, want %q", got, want)
		}
	}
}

// A claim starts at its words: with the opening bracket of a redaction
// ("redacted] for the Trump Organization, told him …" lost its "["), and
// after a footnote marker ("According to Graff,<FN380> Graff received …"
// began "FN380> Graff"); it ends before a footnote's bare number.
func TestAClaimStartsAtItsBracketNotAMarker(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Cohen recalled that [redacted] for the Trump Organization, told him, \"the boss loves you.\"",
			"[redacted] for the Trump Organization, told him, \"the boss loves you.\""},
		{"Coats told the President that Comey was a good director.158 Coats encouraged the President to meet Comey face-to-face.",
			"Comey was a good director"},
		{"According to Rhona Graff,<FN380> Graff received an email from Deputy Prime Minister Prikhodko on March 17, 2016.",
			"Graff received an email from Deputy Prime Minister Prikhodko on March 17, 2016"},
	} {
		got := suggestOne(t, Doc{}, c.text)
		if len(got) != 1 || got[0].Text != c.want {
			t.Errorf("%q: claims %+v, want %q", c.text, got, c.want)
		}
	}
}

// A negation after ", but" is the contrast's, not the claim's, even with a
// footnote marker after the comma; and a negation after "while" or
// "although" is that clause's without a comma. Flynn "says (denial)" that
// the FBI had told him it was closing its investigation, on
// "…,<FN203> but Eisenberg did not believe him".
func TestANegationInAContrastIsNoDenial(t *testing.T) {
	for _, text := range []string{
		"Flynn told Eisenberg that the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him.",
		"Lewandowski believed Dearborn would be a better messenger because Dearborn was in the government while Lewandowski was not.",
		"The President said that he just wanted to be treated fairly, which could reflect his perception that he was being investigated while Hillary Clinton was not.",
	} {
		got := suggestOne(t, Doc{}, text)
		if len(got) != 1 || got[0].Stance != Asserts {
			t.Errorf("%q: claims %+v, want one that asserts", text, got)
		}
	}
}

// A clause joined by ", and" or ", but" with a speaker and claim of its own
// is a claim of its own, not the end of the first: Landrum claimed
// Sessions's recollection, Hicks denied Kushner's. The quotation closing
// after the comma closes in the claim. (A clause in the past perfect is
// reported speech, still the first claim's: TestAnAuthoredDocumentSpeaksForItsAuthor.)
func TestACoordinatedClauseWithItsOwnSpeakerIsItsOwnClaim(t *testing.T) {
	type claim struct{ source, text string }
	for _, c := range []struct {
		text string
		want []claim
	}{
		{"Landrum recalled that Kislyak referred to the presidential campaign as “an interesting campaign,”<FN829> and Sessions also recalled Kislyak saying that the Russian government was receptive to the overtures Trump had laid out.",
			[]claim{{"Landrum", "Kislyak referred to the presidential campaign as “an interesting campaign,”"},
				{"Sessions", "Kislyak saying that the Russian government was receptive to the overtures Trump had laid out"}}},
		{"Gates stated that “our friend” likely referred to Deripaska,<FN898> and Manafort told the Office that the issue was a solution to the Deripaska-Pericles issue.",
			[]claim{{"Gates", "“our friend” likely referred to Deripaska"}, {"Paul Manafort", "the issue was a solution to the Deripaska-Pericles issue"}}},
		{"Porter thought the matter should be handled by the White House communications office, but the President said he wanted McGahn to write a letter to the file.",
			[]claim{{"Porter", "the matter should be handled by the White House communications office"}, {"President", "he wanted McGahn to write a letter to the file"}}},
	} {
		var got []claim
		for _, cl := range suggestOne(t, Doc{}, c.text) {
			got = append(got, claim{cl.Source.Name, cl.Text})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\nclaims %q,\nwant   %q", c.text, got, c.want)
		}
	}
}

// Who speaks: "<A> …, but the President stopped Kushner and said …" is the
// President's word, not the sentence's subject's; "According to Konstantin
// Kilimnik, Paul Manafort’s associate, <claim>" claims what follows the
// description; "to have McGahn deny that …", "to help Papadopoulos
// establish contacts" are acts sought of someone, not what they said (the
// Mueller report's heading "Efforts to have McGahn deny that the President
// had ordered him …" had McGahn denying it).
func TestWhoSpeaksAfterAContrastAnAppositiveOrAnInfinitive(t *testing.T) {
	none := []string{
		"Kushner brought a folder of documents to the meeting and tried to show them to the President, but the President stopped Kushner and said he did not want to know about it.",
		"Efforts to have McGahn deny that the President had ordered him to have the Special Counsel removed.",
		"During the meeting, Polonskaya offered to help Papadopoulos establish contacts in Russia.",
	}
	// A question stays one with its footnote's bare number after it.
	none = append(none, "The President slumped back in his chair, stating, \"How could you let this happen, Jeff?\"505")
	for _, text := range none {
		if got := suggestOne(t, Doc{}, text); len(got) != 0 {
			t.Errorf("%q: claims %+v, want none", text, got)
		}
	}
	text := "According to Konstantin Kilimnik, Paul Manafort’s associate, Page also gave some individuals in Russia the impression that he had maintained his connections."
	got := suggestOne(t, Doc{}, text)
	if len(got) != 1 || got[0].Text != "Page also gave some individuals in Russia the impression that he had maintained his connections" {
		t.Errorf("claims %+v, want Kilimnik's, after the description", got)
	}
}

// A negation inside a quotation that a reporting verb of the claim's own
// opens is the quoted person's: Corallo asserts that Hicks said "It will
// never get out", McGahn that the President said "I never said to fire
// Mueller" (both read as their denials). A quotation of the source's own
// words still denies: the Campaign said that it was "not aware of any of
// his activities".
func TestANegationQuotedFromAnotherIsNoDenial(t *testing.T) {
	for _, c := range []struct {
		text string
		want Stance
	}{
		{"Corallo said he is \"100% confident\" that Hicks said \"It will never get out\" on the call.", Asserts},
		{"McGahn recalled that the President said, \"I never said to fire Mueller.\"", Asserts},
		{"The Campaign told reporters that Page had \"no role\" in the Campaign and that the Campaign was \"not aware of any of his activities.\"", Denies},
	} {
		got := suggestOne(t, Doc{}, c.text)
		if len(got) != 1 || got[0].Stance != c.want {
			t.Errorf("%q: claims %+v, want one that %v", c.text, got, c.want)
		}
	}
}

// A sentence ending in a quoted question that its claim reports says that
// the question was asked: the Mueller report's "Trump told Cohen that …
// and said, "Why mention it if it is not a deal?"" and the President's
// "…, but added that if he had asked for loyalty, "Who cares?"" were
// skipped whole as questions, their claims lost (with a footnote marker
// after the question, as for Kaveladze's, they were kept). A question that
// is all a claim says is still none: Sater's quoted question, the
// President's "words to the effect of, "You're telling me …?"".
func TestAReportedQuestionIsAClaim(t *testing.T) {
	for _, c := range []struct{ text, source, want string }{
		{"Trump told Cohen that Trump Tower Moscow was not a deal yet and said, \"Why mention it if it is not a deal?\"44",
			"Donald Trump", "Trump Tower Moscow was not a deal yet and said, \"Why mention it if it is not a deal?\""},
		{"In a private conversation with Spicer, the President stated that he had never asked for Comey's loyalty, but added that if he had asked for loyalty, \"Who cares?\"",
			"President", "he had never asked for Comey's loyalty, but added that if he had asked for loyalty, \"Who cares?\""},
		{"Kaveladze similarly recalled that Trump Jr. asked what they have on Clinton, and Kushner became aggravated and asked “[w]hat are we doing here?”<FN730>",
			"Kaveladze", "Trump Jr. asked what they have on Clinton, and Kushner became aggravated and asked “[w]hat are we doing here?”"},
	} {
		got := suggestOne(t, Doc{}, c.text)
		if len(got) != 1 || got[0].Source.Name != c.source || got[0].Text != c.want {
			t.Errorf("%q: claims %+v, want %s's %q", c.text, got, c.source, c.want)
		}
	}
	for _, text := range []string{
		"On April 20, 2016, Sater wrote Cohen, “[t]he People wanted to know when you are coming?”<FN364>",
		"The President also pushed back on the DOJ contacts policy, and said words to the effect of, \"You're telling me that Bobby and Jack didn't talk about investigations?\"",
	} {
		if got := suggestOne(t, Doc{}, text); len(got) != 0 {
			t.Errorf("%q: claims %+v, want none", text, got)
		}
	}
}

// A claim that opens a quotation running on over several sentences ends
// where the quotation closes: the Mueller report's "…and said, "We'll give
// you a good recommendation. You're a good guy. We'll take care of you.""
// was cut after "recommendation", its quotation left open. Where the
// passage's quotation marks do not pair up, the claim ends with its
// sentence, as before.
func TestAQuotationOverSentencesEndsTheClaim(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Priebus recalled that the President hugged Flynn, shook his hand, and said, \"We'll give you a good recommendation. You're a good guy. We'll take care of you.\"<FN212>",
			"the President hugged Flynn, shook his hand, and said, \"We'll give you a good recommendation. You're a good guy. We'll take care of you.\""},
		{"On the first call, McGahn recalled that the President said something like, \"You gotta do this. You gotta call Rod.\"<FN574> McGahn said he told the President that he would see what he could do.",
			"the President said something like, \"You gotta do this. You gotta call Rod.\""},
		{"On the first call, McGahn recalled that the President said something like, \"You gotta do this. You gotta call Rod.<FN574> McGahn said he told the President that he would see what he could do.",
			"the President said something like, \"You gotta do this"},
	} {
		got := suggestOne(t, Doc{}, c.text)
		if len(got) == 0 || got[0].Text != c.want {
			t.Errorf("%q: claims %+v, want first %q", c.text, got, c.want)
		}
	}
}

// A speaker longer than eight words is one when it is a single name: "the
// U.S. District Court for the District of Columbia" (ten words) found
// nothing in the Mueller report. A clause that long before its verb,
// ending in a name, still names no one: the associate at IRI is not IRI
// (the report's text writes "IRT").
func TestASpeakerLongerThanEightWordsThatIsOneName(t *testing.T) {
	for _, c := range []struct{ text, source, want string }{
		{"And in February 2019, the U.S. District Court for the District of Columbia found that Manafort lied to the Office and the grand jury concerning his interactions and communications with Konstantin Kilimnik about Trump Campaign polling data and a peace plan for Ukraine.",
			"U.S. District Court for the District of Columbia", "Manafort lied to the Office and the grand jury concerning his interactions and communications with Konstantin Kilimnik about Trump Campaign polling data and a peace plan for Ukraine"},
		{"As explained in Volume I, Section IV.A.8, supra, Manafort entered into a plea agreement with our Office. The U.S. District Court for the District of Columbia determined that he breached the agreement by being untruthful in proffer sessions and before the grand jury.",
			"U.S. District Court for the District of Columbia", "he breached the agreement by being untruthful in proffer sessions and before the grand jury"},
	} {
		got := suggestOne(t, Doc{}, c.text)
		if len(got) != 1 || got[0].Source.Name != c.source || got[0].Text != c.want {
			t.Errorf("%q: claims %+v, want %s's %q", c.text, got, c.source, c.want)
		}
	}
	text := "While another official recalled the incident differently,<FN866> one former associate of Kilimnik’s at IRT told the FBI that Kilimnik was fired from his post because his links to Russian intelligence were too strong."
	if got := suggestOne(t, Doc{}, text); len(got) != 0 {
		t.Errorf("%q: claims %+v, want none", text, got)
	}
}

// "The Post story stated that …" is the Washington Post's claim in a
// document that names the Washington Post, though it writes "post" in
// lower case too ("post-resignation contacts"): it was a source "Post"
// (which the store drops as a common word). The President's "the Amazon
// Washington Post" is that outlet too. "Post" alone, in a document naming
// no outlet of that name, stays what it was, as it does where the document
// names two (and where a person is called Post: TestSurnameIsTheDocumentsFullName).
func TestThePostIsTheOutletTheDocumentNames(t *testing.T) {
	const (
		named  = "On June 14, 2017, the Washington Post published an article stating that the Special Counsel was investigating whether the President had attempted to obstruct justice."
		amazon = "Early the following morning, July 22, 2017, the President tweeted, \"A new INTELLIGENCE LEAK from the Amazon Washington Post, this time against A.G. Jeff Sessions.\""
		post   = "The Post story stated that the Special Counsel was interviewing intelligence community leaders, including Coats and Rogers."
		lower  = "Manafort told Gates that he still spoke with Kushner, Bannon, and candidate Trump,<FN935> and some of those post-resignation contacts are documented in emails."
		other  = "The story appeared in the Huffington Post."
	)
	for _, c := range []struct {
		passages []string
		want     string
	}{
		{[]string{named, amazon, post, lower}, "Washington Post"},
		{[]string{post, lower}, "Post"},
		{[]string{named, post, lower, other}, "Post"},
	} {
		var ps []Passage
		for i, text := range c.passages {
			ps = append(ps, Passage{Ordinal: i + 1, Text: text})
		}
		got := ""
		for _, cl := range New(gazetteer(t), nil).Suggest(Doc{}, ps) {
			if strings.HasPrefix(cl.Text, "the Special Counsel was interviewing") {
				got = cl.Source.Name
			}
		}
		if got != c.want {
			t.Errorf("%d passages: the Post story's claim is %q's, want %q's", len(ps), got, c.want)
		}
	}
}

// In a passage of one sentence, a capitalised first word that the
// document writes nowhere else, before a common noun, is no source: the
// Mueller report's "Multiple witnesses recalled that …" read alone was a
// claim by "Multiple" (and "Talking points … stated" one by "Talking"). A
// name alone before its verb is still one.
func TestAFirstWordWithoutEvidenceBeforeANounIsNoSource(t *testing.T) {
	text := "Multiple witnesses recalled that the President viewed the Russia investigations as a challenge to the legitimacy of his election."
	if got := suggestOne(t, Doc{}, text); len(got) != 0 {
		t.Errorf("%q: claims %+v, want none", text, got)
	}
	text = "Gates further stated that Deripaska wanted a visa to the United States, that Deripaska could believe that having Manafort in a position inside the Campaign or Administration might be helpful to Deripaska, and that Manafort’s relationship with Trump could help Deripaska in other ways as well."
	if got := suggestOne(t, Doc{}, text); len(got) != 1 || got[0].Source.Name != "Gates" {
		t.Errorf("%q: claims %+v, want Gates's", text, got)
	}
}

// A document "prepared by" someone speaks for them, however long the
// subject that says so; and a clause joined by ", and" in the past perfect
// is reported speech, still the claim's. "Talking points on the
// resignation prepared by the White House Counsel's Office and distributed
// to the White House communications team stated that McGahn had advised
// …" was McGahn's claim that "Flynn was unlikely to be prosecuted, and the
// President had determined …" (the subject, twenty words, was too long to
// read).
func TestAnAuthoredDocumentSpeaksForItsAuthor(t *testing.T) {
	text := "Talking points on the resignation prepared by the White House Counsel's Office and distributed to the White House communications team stated that McGahn had advised the President that Flynn was unlikely to be prosecuted, and the President had determined that the issue with Flynn was one of trust."
	want := "McGahn had advised the President that Flynn was unlikely to be prosecuted, and the President had determined that the issue with Flynn was one of trust"
	got := suggestOne(t, Doc{}, text)
	if len(got) != 1 || got[0].Source.Name != "White House" || got[0].Text != want || got[0].Speaker != "the White House Counsel's Office" {
		t.Errorf("claims %+v, want the White House's (speaker the White House Counsel's Office) %q", got, want)
	}
}

// A plural noun that is also a reporting verb ("notes") is no verb before
// a verb of evidence and its "that": the Mueller report's "Contemporaneous
// notes taken by Porter show that …" read alone was a claim by
// "Contemporaneous" with the cue "notes", and "Handwritten notes reflect
// that …" (the report's "Hunt's notes reflect that …", of unnamed notes)
// one by "Handwritten", as was "Handwritten notes taken by Kelly state,
// “…”". "Kelly notes that …" is still Kelly's.
func TestNotesBeforeAVerbOfEvidenceAreNoVerb(t *testing.T) {
	for _, text := range []string{
		"Contemporaneous notes taken by Porter show that the President told Porter to \"Keep in touch with your friend,\" in reference to Brand.",
		"Contemporaneous notes of a May 23, 2017 conversation between McGahn and the President reflect that McGahn told the President that he would not call Rosenstein and that he would suggest that the President not make such a call either.",
		"Handwritten notes taken by Kelly state, \"Don: Mueller discussion in June. - Bannon Priebus - came out okay.\"",
		"Handwritten notes reflect that the President told Rosenstein to include in his recommendation the fact that Comey had refused to confirm that the President was not personally under investigation.",
	} {
		for _, c := range suggestOne(t, Doc{}, text) {
			if c.Cue == "notes" || c.Source.Name == "Contemporaneous" || c.Source.Name == "Handwritten" {
				t.Errorf("%q: claim by %q (cue %q): %q", text, c.Source.Name, c.Cue, c.Text)
			}
		}
	}
	text := "Kelly notes that the meeting came out okay."
	if got := suggestOne(t, Doc{}, text); len(got) != 1 || got[0].Source.Name != "Kelly" || got[0].Cue != "notes" {
		t.Errorf("%q: claims %+v, want Kelly's", text, got)
	}
}

// A subject that is someone's record ("<Name>'s … submission", "…
// email") speaks for its owner, however long, and not for a name in what
// the record was: the Mueller report's footnotes "Veselnitskaya’s November
// 2017 written submission to the Senate Judiciary Committee stated that …"
// (eleven words) was no claim, and "Manafort’s January 15 email to
// McFarland stated: …" was McFarland's.
func TestARecordSpeaksForItsOwner(t *testing.T) {
	for _, c := range []struct{ text, source, starts string }{
		{"<FN737> Veselnitskaya’s November 2017 written submission to the Senate Judiciary Committee stated that the purpose of the June 9 meeting was not to connect with “the Trump Campaign” but rather to have “a private meeting with Donald Trump Jr. — a friend of my good acquaintance’s son on the matter of assisting me or my colleagues in informing the Congress members as to the criminal nature of manipulation and interference with the legislative activities of the US Congress.”",
			"Veselnitskaya", "the purpose of the June 9 meeting"},
		{"<FN945> Manafort’s January 15 email to McFarland stated: “I have some important information I want to share that I picked up on my travels over the last month.”",
			"Paul Manafort", "I have some important information"}, // the gazetteer's actor
	} {
		got := suggestOne(t, Doc{}, c.text)
		if len(got) != 1 || got[0].Source.Name != c.source || !strings.HasPrefix(got[0].Text, c.starts) {
			t.Errorf("%.60q: claims %+v, want %s's %q…", c.text, got, c.source, c.starts)
		}
	}
}

// A common word of reports opening a sentence that the document writes
// nowhere else names no source, nor does a conjunction: the Mueller
// report's "Evidence does establish that …", "Additional evidence … said
// that …" and "Nor could such an exclusion draw on a separate and
// established …", each read alone, were claims by "Evidence", "Additional"
// and "Nor". A document that writes the word capitalised mid-sentence makes
// it a name as before.
func TestACommonWordOpeningASentenceIsNoSource(t *testing.T) {
	for _, text := range []string{
		"Evidence does establish that the President connected the Flynn investigation to the FBI's broader Russia investigation and that he believed, as he told Christie, that terminating Flynn would end \"the whole Russia thing.\"",
		"Additional evidence of the President's intent may be gleaned from the fact that his counsel was sufficiently alarmed by the prospect of the President's meeting with McGahn that he called McGahn's counsel and said that McGahn could not resign no matter what happened in the Oval Office that day.",
		"Nor could such an exclusion draw on a separate and established background interpretive presumption, such as the presumption against extraterritoriality applied in Sale.",
	} {
		for _, c := range suggestOne(t, Doc{}, text) {
			if first := strings.Fields(text)[0]; c.Source.Name == first {
				t.Errorf("%.40q: claim by %q: %q", text, c.Source.Name, c.Text)
			}
		}
	}
	ps := []Passage{
		{Ordinal: 1, Text: "Evidence does establish that the President connected the Flynn investigation to the FBI's broader Russia investigation."},
		{Ordinal: 2, Text: "The firm Records & Evidence filed the papers."},
	}
	got := New(gazetteer(t), nil).Suggest(Doc{}, ps)
	if len(got) != 1 || got[0].Source.Name != "Evidence" {
		t.Errorf("with \"Evidence\" written as a name: claims %+v, want one by Evidence", got)
	}
}

// A first word with no evidence either way before a lower-case word names
// no source only when it reads as a modifier (its ending, modifierShaped):
// "Facebook posts stated that …" in a passage of one sentence (the Mueller
// report's "Facebook estimated the IRA reached as many as 126 million
// persons", its subject made plural) was no claim, nor was the report's
// "Priebus vaguely recalled Lewandowski telling him that …" read alone.
// "Multiple witnesses recalled" stays none
// (TestAFirstWordWithoutEvidenceBeforeANounIsNoSource), and so do
// "Talking points" and "Handwritten notes".
func TestANameBeforeANounIsStillASource(t *testing.T) {
	for _, c := range []struct{ text, source string }{
		{"Facebook posts stated that the IRA reached as many as 126 million persons.", "Facebook"},
		{"Priebus vaguely recalled Lewandowski telling him that in approximately May or June 2017 the President had asked Lewandowski to get Sessions's resignation.", "Priebus"},
		{"Talking points stated that McGahn had advised the President that Flynn was unlikely to be prosecuted.", ""}, // a claim by McGahn, nested
		{"Handwritten notes stated that the President had asked Lewandowski to get Sessions's resignation.", ""},
	} {
		got := suggestOne(t, Doc{}, c.text)
		if c.source == "" {
			for _, g := range got {
				if first := strings.Fields(c.text)[0]; g.Source.Name == first {
					t.Errorf("%.40q: claim by %q", c.text, first)
				}
			}
		} else if len(got) != 1 || got[0].Source.Name != c.source {
			t.Errorf("%.40q: claims %+v, want %q's", c.text, got, c.source)
		}
	}
}

// A citation's signal is no part of a name: footnote 832 of the Mueller
// report read alone ("See Priebus 1/18/17 302, at 9-10 (… Priebus thought
// the President did not want …") named its source "See Priebus", a full
// name for the "Priebus" who thinks.
func TestACitationSignalIsNoPartOfAName(t *testing.T) {
	const note = "See Priebus 1/18/17 302, at 9-10 (the President asked Priebus to contact Flynn the week he was terminated to convey that the President still cared about him and felt bad about what happened to him; Priebus thought the President did not want Flynn to have a problem with him)."
	got := suggestOne(t, Doc{}, note)
	if len(got) == 0 {
		t.Fatalf("no claim in %.40q", note)
	}
	for _, c := range got {
		if c.Source.Name != "Priebus" {
			t.Errorf("claim %q by %q, want Priebus's", c.Text, c.Source.Name)
		}
	}
}
