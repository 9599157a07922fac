package claims

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/assets"
)

// suggestOne runs the suggester on one passage of a document about the
// ODNI report.
func suggestOne(t *testing.T, doc Doc, text string) []Claim {
	t.Helper()
	got := New(gazetteer(t), nil).Suggest(doc, []Passage{{Ordinal: 1, Text: text}})
	for _, c := range got {
		if text[c.Start:c.End] != c.Text || text[c.CueStart:c.CueEnd] != c.Cue {
			t.Errorf("spans of %+v do not hold its words", c)
		}
	}
	return got
}

func TestEstimativeLanguage(t *testing.T) {
	doc := Doc{Report: odni}
	cases := []struct {
		text            string
		source, cue     string
		claim           string
		likelihood      Likelihood
		likelihoodWords string
		confidence      Confidence
		confidenceWords string
		stance          Stance
	}{
		{"Officials said Moscow would probably retaliate against the sanctions.",
			"Unnamed officials", "said", "Moscow would probably retaliate against the sanctions",
			Likely, "probably", NoConfidence, "", Asserts},
		{"“We judge with high confidence that Russia almost certainly ran the campaign,” the report states.",
			odni, "We judge", "We judge with high confidence that Russia almost certainly ran the campaign",
			AlmostCertain, "almost certainly", High, "high confidence", Asserts},
		{"The report found no indication that votes were changed in any state.",
			odni, "found", "no indication that votes were changed in any state",
			NotStated, "", NoConfidence, "", Denies},
		{"It is highly unlikely that Tehran will stop, according to three sources.",
			anon, "according to", "It is highly unlikely that Tehran will stop",
			VeryUnlikely, "highly unlikely", NoConfidence, "", Asserts},
		{"Beijing denied that it had tried to influence the vote, the report said.",
			odni, "said", "Beijing denied that it had tried to influence the vote",
			NotStated, "", NoConfidence, "", Denies},
		{"The Kremlin did not respond to questions about the campaign, which was first reported by CNN.",
			"CNN", "first reported by", "The Kremlin did not respond to questions about the campaign",
			NotStated, "", NoConfidence, "", Asserts},
		{"We assess with moderate confidence that there is a roughly even chance of new attacks.",
			"", "", "", 0, "", 0, "", 0}, // "we" is the journalist here: no report speaks
	}
	for _, c := range cases {
		got := suggestOne(t, doc, c.text)
		if c.source == "" {
			if len(got) != 0 {
				t.Errorf("%q: claims %+v, want none", c.text, got)
			}
			continue
		}
		if len(got) != 1 {
			t.Errorf("%q: %d claims %+v, want 1", c.text, len(got), got)
			continue
		}
		g := got[0]
		if g.Source.Name != c.source || g.Cue != c.cue || g.Text != c.claim || g.Stance != c.stance ||
			g.Likelihood != c.likelihood || g.LikelihoodWords != c.likelihoodWords ||
			g.Confidence != c.confidence || g.ConfidenceWords != c.confidenceWords {
			t.Errorf("%q:\n got %q by %q (%s), %s, %s %q, %s %q\nwant %q by %q (%s), %s, %s %q, %s %q", c.text,
				g.Text, g.Source.Name, g.Cue, g.Stance, g.Likelihood, g.LikelihoodWords, g.Confidence, g.ConfidenceWords,
				c.claim, c.source, c.cue, c.stance, c.likelihood, c.likelihoodWords, c.confidence, c.confidenceWords)
		}
	}
}

// In the report itself, "we" is the report.
func TestJudgmentInTheReport(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	got := suggestOne(t, doc, "We assess with moderate confidence that there is a roughly even chance of new attacks.")
	if len(got) != 1 || got[0].Source.Name != "Mueller report" || got[0].Source.TagID == 0 || got[0].Cue != "We assess" ||
		got[0].Confidence != Moderate || got[0].Likelihood != RoughlyEvenChance {
		t.Errorf("claims %+v, want the report's judgment with moderate confidence and a roughly even chance", got)
	}
}

// Sentences with a cue but no speaker the rules can name are left alone.
func TestNoNamedSpeakerNoClaim(t *testing.T) {
	for _, text := range []string{
		"He said the plan was unlikely to work.",
		"The meeting was said to be brief.",
		"They told reporters that the talks had failed.",
		"It said the talks had failed.", // no report: "it" is nobody
		"The President's stated reasons for the firing changed twice.",
		"Clovis wrote:",
		"The Office has concluded its investigation into the matter.",
		"Were you told at any time that WikiLeaks held the emails?",
	} {
		if got := suggestOne(t, Doc{}, text); len(got) != 0 {
			t.Errorf("%q: claims %+v, want none", text, got)
		}
	}
}

func TestSentences(t *testing.T) {
	// "Yahoo! News" is one name ("News" had become a source); any other
	// "!" ends its sentence.
	text := "Gen. Qasem Soleimani was killed in the U.S. strike. Robert S. Mueller said so.<FN3> “Then what?” he asked. " +
		"Yahoo! News reported it. Help! It ended"
	var got []string
	for _, sp := range DefaultLexicon().sentences(text) {
		got = append(got, text[sp.start:sp.end])
	}
	want := []string{"Gen. Qasem Soleimani was killed in the U.S. strike.", "Robert S. Mueller said so.<FN3>", "“Then what?” he asked.",
		"Yahoo! News reported it.", "Help!", "It ended"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences %q, want %q", got, want)
	}
}

// A redaction or a bracketed letter opens a sentence as a capital does:
// the Mueller report's "… would be coming.<FN29> [redacted] were
// discussed with the Campaign, …" made one claim of both sentences, so
// Trump "told" the Campaign's plans (a researcher's pass found 17 such
// claims running on past their sentence).
func TestARedactionOpensASentence(t *testing.T) {
	text := "Trump told Gates that more releases of damaging information would be coming.<FN29> [redacted] were discussed with the Campaign,<FN30> " +
		"and in the summer of 2016, the Campaign was planning a communications strategy."
	got := suggestOne(t, Doc{}, text)
	if len(got) != 1 || got[0].Text != "more releases of damaging information would be coming" {
		t.Errorf("claims %+v, want Trump's, ending at its sentence", got)
	}
	text = "Sater wrote that the meeting was set. [w]e are golden, he added."
	var sents []string
	for _, sp := range DefaultLexicon().sentences(text) {
		sents = append(sents, text[sp.start:sp.end])
	}
	if want := []string{"Sater wrote that the meeting was set.", "[w]e are golden, he added."}; !slices.Equal(sents, want) {
		t.Errorf("sentences %q, want %q", sents, want)
	}
}

// "…, according to X" inside a parenthesis claims what the parenthesis
// says: a footnote's whole citation was Crowdstrike's claim (a
// researcher's pass).
func TestAccordingToInAParenthesisClaimsItsWords(t *testing.T) {
	text := "<FN19>\tBears in the Midst: Intrusion into the Democratic National Committee, Crowdstrike (June 15, 2016) " +
		"(post originally appearing on June 14, 2016, according to records of the timing provided by Crowdstrike); Ellen Nakashima, Russian government hackers penetrated DNC."
	got := suggestOne(t, Doc{}, text)
	if len(got) != 1 || got[0].Text != "post originally appearing on June 14, 2016" || got[0].Source.Name != "Crowdstrike" {
		t.Errorf("claims %+v, want Crowdstrike's, the parenthesis's words", got)
	}
	if got := suggestOne(t, Doc{}, "The talks will resume in March (and perhaps sooner), according to Reuters."); len(got) != 1 || got[0].Text != "The talks will resume in March (and perhaps sooner)" {
		t.Errorf("claims %+v, want the whole sentence before the comma (its parenthesis is closed)", got)
	}
}

// A claim inside a sentence's opening clause ("After X announced that Y,
// Z …") ends where the sentence's own clause starts: the U.S.
// intelligence community claimed Assange's denials (a researcher's
// pass). A condition's comma and a quotation's stay in the claim.
func TestAClaimInAnOpeningClauseEndsWithIt(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"After the U.S. intelligence community publicly announced its assessment that Russia was behind the hacking operation, Assange continued to deny that the materials had come from Russian hacking.",
			"Russia was behind the hacking operation"},
		{"Although Boyd said he may have seen Kislyak at the dinner,<FN639> Simes, Saunders, and Jacob Heilbrunn all had no recollection of seeing Kislyak.",
			"he may have seen Kislyak at the dinner"},
		{"When Kislyak informed Flynn that if the resolution came to a vote, Russia would not vote against it, Flynn thanked him.",
			"if the resolution came to a vote, Russia would not vote against it"},
		{"While McGahn recalled that the President was more direct, saying something like, \"Call Rod, tell Rod that Mueller has conflicts.\"",
			"the President was more direct, saying something like, \"Call Rod, tell Rod that Mueller has conflicts.\""},
	} {
		got := suggestOne(t, Doc{}, c.text)
		if len(got) == 0 || got[0].Text != c.want {
			t.Errorf("%q: claims %+v, want first %q", c.text, got, c.want)
		}
	}
}

func TestDocFor(t *testing.T) {
	s := New(gazetteer(t), nil)
	if doc := s.DocFor("Notes", []Passage{{1, "The report said nothing new."}}); doc.Report != "" {
		t.Errorf("a bare \"the report\" made the document about %q", doc.Report)
	}
	if doc := s.DocFor("mueller-report", nil); doc.Report != "Mueller report" || !doc.IsReport {
		t.Errorf("title mueller-report: %+v", doc)
	}
}

func TestScaleOrder(t *testing.T) {
	if !(AlmostNoChance < Unlikely && Unlikely < RoughlyEvenChance && Likely < AlmostCertain) {
		t.Error("likelihood steps out of order")
	}
	if VeryLikely.String() != "very likely" || NotStated.String() != "none stated" || High.String() != "high" || Denies.String() != "denies" {
		t.Error("names of the scale")
	}
}

// Every lexicon file loads, and a value off the ICD 203 scale is refused.
func TestLexiconFiles(t *testing.T) {
	sub, err := fs.Sub(assets.Claims, "claims")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadLexicon(sub); err != nil {
		t.Fatal(err)
	}
	bad := fstest.MapFS{}
	entries, _ := fs.ReadDir(sub, ".")
	for _, e := range entries {
		data, _ := fs.ReadFile(sub, e.Name())
		bad[e.Name()] = &fstest.MapFile{Data: data}
	}
	bad["likelihood.txt"] = &fstest.MapFile{Data: []byte("probably | quite likely\n")}
	if _, err := LoadLexicon(bad); err == nil || !strings.Contains(err.Error(), "quite likely") {
		t.Errorf("bad likelihood value: err %v", err)
	}
}

func TestContrastAndQuotedSpeech(t *testing.T) {
	got := suggestOne(t, Doc{}, "Priebus said his job depended on the order, although the President did not directly say so.")
	if len(got) != 1 || got[0].Source.Name != "Priebus" || got[0].Stance != Asserts {
		t.Errorf("claims %+v, want Priebus asserting (the negation is in a contrasting clause)", got)
	}
	got = suggestOne(t, Doc{}, `When first asked about the sanctions, President-Elect Trump said, "I think we ought to get on with our lives."`)
	if len(got) != 1 || got[0].Source.Name != "Donald Trump" || got[0].Text != "I think we ought to get on with our lives" ||
		got[0].Rule != "leading" {
		t.Errorf("claims %+v, want Trump's quoted words", got)
	}
}

func TestWhy(t *testing.T) {
	got := suggestOne(t, Doc{}, "Sanctions are coming next week, three sources said on condition of anonymity.")
	want := `the claim, then speaker and verb: cue "said", speaker "three sources" → Anonymous sources`
	if len(got) != 1 || got[0].Why() != want {
		t.Errorf("claims %+v, want one whose Why is %q", got, want)
	}
	for rule := range ruleWords {
		if !strings.Contains(packageDoc(t), "  - "+rule+":") {
			t.Errorf("rule %q is not explained in the package doc", rule)
		}
	}
}

func packageDoc(t *testing.T) string {
	data, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(data), "//", "")
}

func TestAppositivesAndToldHe(t *testing.T) {
	for _, c := range []struct{ text, source, claim string }{
		{"Jane Roe, who ran the campaign's data team at the time, said that the polling data went to Kilimnik.",
			"Jane Roe", "the polling data went to Kilimnik"},
		{"Jane Roe, a former aide, stated that the polling data went to Kilimnik.",
			"Jane Roe", "the polling data went to Kilimnik"},
		{"On Monday, Roe told Smith he would have to resign by Friday.",
			"Roe", "he would have to resign by Friday"},
		{"Roe told him they had no choice.", "Roe", "they had no choice"},
		{"According to Roe, who took notes of the call, the Senator agreed to resign.", "Roe", "the Senator agreed to resign"},
		{"FBI Deputy Director Jane Roe said that the memo was accurate.", "Jane Roe", "the memo was accurate"},
		{"Later the Acting Attorney General said that the memo was accurate.", "Acting Attorney General", "the memo was accurate"},
	} {
		got := suggestOne(t, Doc{}, c.text)
		if len(got) != 1 || got[0].Source.Name != c.source || got[0].Text != c.claim {
			t.Errorf("%q: claims %+v, want %q by %s", c.text, got, c.claim, c.source)
		}
	}
	if got := suggestOne(t, Doc{}, "Roe told Smith the story of the meeting."); len(got) != 0 {
		t.Errorf("a told-verb with a plain object became claims: %+v", got)
	}
}

// A month, a sentence adverb or a document's part is no one's name, and a
// name does not run on across a parenthesis: "Find claims in every
// document" made sources of "November" (58 suggestions), "Indeed",
// "Volume II" and "Guardian (Dec" (found by a UI pass).
func TestNoSourceIsMadeOfADateOrAnAdverb(t *testing.T) {
	doc := Doc{Report: odni}
	for _, text := range []string{
		"According to November, the officials met.",
		"Volume II states that the President tried to remove the Special Counsel.",
		"According to the Guardian (Dec. 3), the officials met in Madrid.",
		"According to Indeed, the officials met in Madrid.",
	} {
		for _, c := range suggestOne(t, doc, text) {
			for _, bad := range []string{"November", "Indeed", "Volume", "II", "("} {
				if strings.Contains(c.Source.Name, bad) {
					t.Errorf("%q: source %q", text, c.Source.Name)
				}
			}
		}
	}
}

// Words that are names as well as months or parts stay names.
func TestNamesThatAreAlsoMonthsOrParts(t *testing.T) {
	doc := Doc{Report: odni}
	for text, want := range map[string]string{
		"Carter Page said that he had met the officials.": "Carter Page",
		"Theresa May said that the talks had failed.":     "Theresa May",
	} {
		got := suggestOne(t, doc, text)
		if len(got) != 1 || got[0].Source.Name != want {
			t.Errorf("%q: %+v, want one claim by %s", text, got, want)
		}
	}
}

// An opening concession holds a claim of its own: "Although X established
// that A, X did not establish that C" asserts A and denies C. It was one
// claim, A…C, that denied A too (UI pass #4).
func TestAConcessionEndsAtTheMainClause(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	got := suggestOne(t, doc, "Although the investigation established that the Russian government perceived it would benefit from a Trump presidency, and that the Campaign expected it would benefit, the investigation did not establish that members of the Trump Campaign conspired with the Russian government.")
	want := []struct {
		text   string
		stance Stance
	}{
		{"the Russian government perceived it would benefit from a Trump presidency, and that the Campaign expected it would benefit", Asserts},
		{"members of the Trump Campaign conspired with the Russian government", Denies},
	}
	if len(got) != len(want) {
		t.Fatalf("claims %+v, want %d", got, len(want))
	}
	for i, w := range want {
		if got[i].Text != w.text || got[i].Stance != w.stance || got[i].Source.Name != "Mueller report" {
			t.Errorf("claim %d: %q %s by %q, want %q %s", i, got[i].Text, got[i].Stance, got[i].Source.Name, w.text, w.stance)
		}
	}
}

// A clause naming a kind of statement makes no claim of its own: "A
// statement that the investigation did not establish particular facts does
// not mean …" was a claim "particular facts does not mean there was no
// evidence", a fragment, denied (UI pass #4). A bare claim after "that"
// elsewhere stays ("… report released on Tuesday that sources said would
// likely trigger sanctions").
func TestAStatementThatIsNoClaim(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	if got := suggestOne(t, doc, "A statement that the investigation did not establish particular facts does not mean there was no evidence of those facts."); len(got) != 0 {
		t.Errorf("claims %+v, want none", got)
	}
	if got := suggestOne(t, doc, "The investigation established multiple links between Trump Campaign officials and individuals tied to the Russian government."); len(got) != 1 || got[0].Text != "multiple links between Trump Campaign officials and individuals tied to the Russian government" {
		t.Errorf("claims %+v, want the links the report established", got)
	}
}

// A speaker who says he does not believe something denies it, and a
// negation inside a condition is the condition's, not a denial (a
// researcher's pass: "Manafort told the Office that he did not believe
// Kilimnik was working as a Russian spy" was "Manafort asserts: Kilimnik
// was working as a Russian spy"; "said that, if he had not cut off the
// discussion, Kilimnik would have asked…" was a denial).
func TestADisbeliefDeniesAndAConditionDoesNot(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	for _, c := range []struct {
		sentence, text string
		stance         Stance
	}{
		{"Manafort told the Office that he did not believe Kilimnik was working as a Russian spy.", "Kilimnik was working as a Russian spy", Denies},
		{"Manafort told the Office that he believed Kilimnik was working as a Russian spy.", "Kilimnik was working as a Russian spy", Asserts},
		{"Manafort initially said that, if he had not cut off the discussion, Kilimnik would have asked him to help.", "if he had not cut off the discussion, Kilimnik would have asked him to help", Asserts},
		{"Manafort said that, if asked, he was not going to help Kilimnik.", "if asked, he was not going to help Kilimnik", Denies},
	} {
		got := suggestOne(t, doc, c.sentence)
		if len(got) != 1 || got[0].Text != c.text || got[0].Stance != c.stance {
			t.Errorf("%q: claims %+v, want %q %s", c.sentence, got, c.text, c.stance)
		}
	}
}

// An inner "he thought/said/told …" after a reporting verb is skipped only
// when a clause of its own follows it; otherwise it is the claim's verb and
// the claim keeps it with its subject (a researcher's pass: "The
// President-Elect stated that he thought highly of Comey" claimed "highly of
// Comey"; "said he told the President he would …" claimed "the President he
// would …").
func TestAnInnerVerbWithoutItsOwnClauseStaysInTheClaim(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	for _, c := range []struct{ sentence, text string }{
		{"The President-Elect stated that he thought highly of Comey and hoped that he planned to stay on.", "he thought highly of Comey and hoped that he planned to stay on"},
		{"Hunt said that he wrote down notes describing this meeting.", "he wrote down notes describing this meeting"},
		{"Priebus said he told the President he would only direct McFarland to write such a letter.", "he told the President he would only direct McFarland to write such a letter"},
		{"McGahn said he told the President that he would see what he could do.", "he told the President that he would see what he could do"},
		{"Prince said he explained to Bannon that Dmitriev was the head of a sovereign wealth fund.", "he explained to Bannon that Dmitriev was the head of a sovereign wealth fund"},
		// A clause after the inner verb: the claim is the clause.
		{"Sessions said that he believed the President wanted the language included.", "the President wanted the language included"},
		{"Christie said that he thought that the President was referring to the investigations.", "the President was referring to the investigations"},
		{"Officials say they determined that the server was hacked.", "the server was hacked"},
	} {
		got := suggestOne(t, doc, c.sentence)
		if len(got) != 1 || got[0].Text != c.text {
			t.Errorf("%q: claims %+v, want %q", c.sentence, got, c.text)
		}
	}
}

// A letter or number that picks a source out belongs to its name: "Source
// A says …" was a claim by "Source"; and a speaker is found across an
// adverb set off by commas (a researcher's pass).
func TestADesignatorIsPartOfTheName(t *testing.T) {
	doc := Doc{}
	for _, c := range []struct{ sentence, source string }{
		{"Source A says Derkach met Kilimnik in Kyiv.", "Source A"},
		{"Witness 2 said that Derkach met Kilimnik in Kyiv.", "Witness 2"},
		{"Cohen said that Derkach met Kilimnik in Kyiv.", "Cohen"},
		// An adverb between commas before the verb ("The FBI, however,
		// assesses that" was missed).
		{"The FBI, however, assesses that Kilimnik has ties to Russian intelligence.", "FBI"},
	} {
		got := suggestOne(t, doc, c.sentence)
		if len(got) != 1 || got[0].Source.Name != c.source {
			t.Errorf("%q: claims %+v, want one by %q", c.sentence, got, c.source)
		}
	}
}

// A possessive name is a source when what it owns speaks for it
// ("Flynn's attorneys", "Hunt's notes"), not otherwise: "Sessions's
// whereabouts" and "President's other" were made sources (a researcher's
// pass).
func TestAPossessiveSourceSpeaksForItsName(t *testing.T) {
	doc := Doc{}
	for _, c := range []struct{ sentence, source string }{
		{"Flynn's attorneys said that he had not discussed sanctions.", "Flynn's attorneys"},
		{"Hunt's notes say that the President asked about Comey.", "Hunt's notes"},
		{"A schedule for Sessions's whereabouts stated that Sessions may have spoken to the press after the event.", ""},
		{"The President's other stated rationales for why he fired Comey are not similarly supported by the evidence.", ""},
	} {
		got := suggestOne(t, doc, c.sentence)
		switch {
		case c.source == "" && len(got) != 0:
			t.Errorf("%q: claims %+v, want none", c.sentence, got)
		case c.source != "" && (len(got) != 1 || got[0].Source.Name != c.source):
			t.Errorf("%q: claims %+v, want one by %q", c.sentence, got, c.source)
		}
	}
}

// A verb denied by a negation before it keeps the negation in its cue: the
// Mueller report's "the investigation did not establish that …" was a
// denial with the cue “establish”, which the ledger and the exports print
// beside "denies" as if the report had established it (a researcher's
// pass).
func TestANegatedCueKeepsItsNegation(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	for _, c := range []struct {
		sentence, cue string
		stance        Stance
	}{
		{"The investigation did not establish that members of the Trump Campaign conspired with the Russian government.", "did not establish", Denies},
		{"Cohen never said that the President knew about the payments.", "never said", Denies},
		{"Manafort has never claimed that Kilimnik was a spy.", "has never claimed", Denies},
		{"The investigation established that the GRU hacked the DNC.", "established", Asserts},
		{"The report found no indication that votes were changed.", "found", Denies},
	} {
		got := suggestOne(t, doc, c.sentence)
		if len(got) != 1 {
			t.Errorf("%q: claims %+v, want 1", c.sentence, got)
			continue
		}
		if g := got[0]; g.Cue != c.cue || g.Stance != c.stance || c.sentence[g.CueStart:g.CueEnd] != g.Cue {
			t.Errorf("%q: cue %q (%d–%d) %s, want %q %s", c.sentence, g.Cue, g.CueStart, g.CueEnd, g.Stance, c.cue, c.stance)
		}
	}
}

// A claim in a footnote starts at its words: not on the footnote's own
// marker, nor on the authors of a cited article whose headline holds it
// (a researcher's pass: "Unnamed officials: <FN561>\tDevlin Barrett et al.,
// Special counsel is investigating Trump …" and four more in the Mueller
// report's footnotes). A headline's own words in capitals stay.
func TestAFootnoteClaimStartsAtItsWords(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	for _, c := range []struct{ text, claim, source string }{
		{"<FN561>\tDevlin Barrett et al., Special counsel is investigating Trump for possible obstruction of justice, officials say, Washington Post (June 14, 2017).",
			"Special counsel is investigating Trump for possible obstruction of justice", "Unnamed officials"},
		{"<FN883>\tCarol D. Leonnig & Josh Dawsey, Trump recently sought his lawyers' advice on possibility of pardoning Manafort, Giuliani says, Washington Post (Mar. 28, 2018).",
			"Trump recently sought his lawyers' advice on possibility of pardoning Manafort", "Giuliani"},
		{"<FN354>\tThe invitation purported to be from Genbank, a Russian bank that was, according to Sater, working at the behest of a larger bank.",
			"The invitation purported to be from Genbank, a Russian bank that was, according to Sater, working at the behest of a larger bank", "Sater"},
		{"Trump Confidant Christopher Ruddy says Mueller has real conflicts as special counsel, PBS (June 12, 2017).",
			"Mueller has real conflicts as special counsel", "Christopher Ruddy"},
	} {
		got := suggestOne(t, doc, c.text)
		if len(got) != 1 || got[0].Text != c.claim || got[0].Source.Name != c.source {
			t.Errorf("%q:\n got %+v\nwant %q by %q", c.text, got, c.claim, c.source)
		}
	}
}

// A speaker under "if", "unless" or "whether" states no claim: the
// appointment order's "If the Special Counsel believes it is necessary and
// appropriate, the Special Counsel is authorized to prosecute …" was the
// report asserting "it is necessary and appropriate, the Special Counsel is
// authorized …" (a researcher's pass). A speaker before the condition
// still speaks.
func TestASpeakerUnderAConditionClaimsNothing(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	for _, c := range []struct{ sentence, claim string }{
		{"If the Special Counsel believes it is necessary and appropriate, the Special Counsel is authorized to prosecute federal crimes.", ""},
		{"The Office examined whether Comey said that the President asked for loyalty.", ""},
		{"Unless Manafort testified that Kilimnik was present, the meeting stays unexplained.", ""},
		{"Comey said that, if the President asked, he would resign.", "if the President asked, he would resign"},
	} {
		got := suggestOne(t, doc, c.sentence)
		switch {
		case c.claim == "" && len(got) > 0:
			t.Errorf("%q: claims %+v, want none", c.sentence, got)
		case c.claim != "" && (len(got) != 1 || got[0].Text != c.claim):
			t.Errorf("%q: claims %+v, want %q", c.sentence, got, c.claim)
		}
	}
}

// A verb that gives an instruction ("advised X not to …", "told X to …")
// states nothing by a "that" after the infinitive: the "that" is the
// infinitive's ("communications that would be covered", "request that").
// The Mueller report's "this Office advised his counsel not to provide any
// communications that would be covered by any other privilege" was the
// report asserting "would be covered by any other privilege" (rs10's L4).
// "to" as a preposition, an infinitive inside the claim, and "to say that"
// keep their claims.
func TestAnInstructionClaimsNothing(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	for _, c := range []struct{ sentence, source, claim string }{
		{"Cohen spoke after this Office advised his counsel not to provide any communications that would be covered by any other privilege.", "", ""},
		{"The President told McGahn to contact Boente to request that Comey make a clarifying statement.", "", ""},
		{"But we determined not to apply an approach that could potentially result in a judgment that the President committed crimes.", "", ""},
		{"Gerson also wrote to Dmitriev to say that the call had gone well.", "Gerson", "the call had gone well"},
		{"Priebus told Flynn he had to resign.", "Priebus", "he had to resign"},
		{"Manafort told Gates it was stupid to plead.", "Manafort", "it was stupid to plead"},
		{"Papadopoulos explained to investigators that he had lied about the timing.", "Papadopoulos", "he had lied about the timing"},
		{"Dmitriev wrote to Nader that the call went very well.", "Dmitriev", "the call went very well"},
		{"Flynn told Kislyak to his face that the sanctions would be reviewed.", "Flynn", "the sanctions would be reviewed"},
	} {
		got := suggestOne(t, doc, c.sentence)
		switch {
		case c.claim == "" && len(got) > 0:
			t.Errorf("%q: claims %+v, want none", c.sentence, got)
		case c.claim != "" && (len(got) != 1 || got[0].Text != c.claim || !strings.HasSuffix(got[0].Source.Name, c.source)):
			t.Errorf("%q: claims %+v, want %s: %q", c.sentence, got, c.source, c.claim)
		}
	}
}

// A claim in a clause of concession or time that opens the sentence after
// words of its own ("Ultimately, while …", "Accordingly, while …") ends
// where the main clause starts, as one opening the sentence does: "while
// this report does not conclude that the President committed a crime, it
// also does not exonerate him" was the report denying "the President
// committed a crime, it also does not exonerate him" (rs10's L4 found
// ¶2208's "we chose not to do so" in a claim).
func TestAClauseAfterAnOpeningAdverbEndsAtTheMainClause(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	for _, c := range []struct{ sentence, claim string }{
		{"Accordingly, while this report does not conclude that the President committed a crime, it also does not exonerate him.", "the President committed a crime"},
		{"Ultimately, while we believed that we had the authority and legal justification to issue a grand jury subpoena to obtain the President's testimony, we chose not to do so.", "we had the authority and legal justification to issue a grand jury subpoena to obtain the President's testimony"},
		{"Second, while the OLC opinion concludes that a sitting President may not be prosecuted, it recognizes that a criminal investigation during the President's term is permissible.", "a sitting President may not be prosecuted"},
		// Not after a comma: the claim runs to the sentence's end, its
		// commas before names its own.
		{"The Office learned of the meeting while Cohen testified that Sater, Trump and Kushner were present.", "Sater, Trump and Kushner were present"},
	} {
		got := suggestOne(t, doc, c.sentence)
		if len(got) == 0 || got[0].Text != c.claim {
			t.Errorf("%q: claims %+v, want first %q", c.sentence, got, c.claim)
		}
	}
}

// A quotation opened in an earlier sentence of the passage holds the next
// sentences' words until it closes: Dmitriev's "… with our friends. Please
// share with them — we believe this is a good foundation to start from.”"
// was the Mueller report's claim by its "we believe" (rs10's L4), as was a
// straight-quoted "Dershowitz says POTUS can get involved" inside the
// President's words. Quotation marks that do not pair up (one lost or
// misread) carry nothing, and a quotation that opens a sentence is one of
// its own, as before.
func TestAQuotationOpenedInAnEarlierSentenceHoldsTheNext(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	for _, c := range []struct{ passage, want string }{
		{"On January 19, 2017, Dmitriev sent Nader a copy of the document, telling him that this was “a view from our side that I discussed with our friends. Please share with them — we believe this is a good foundation to start from.”",
			""},
		{"According to notes taken by Porter, the President said, \"I don't know if you could un-recuse yourself. You'd be a hero. Dershowitz says POTUS can get involved.\" Porter recalled that Sessions did not answer.",
			"Porter: the President said, \"I don't know if you could un-recuse yourself. You'd be a hero. Dershowitz says POTUS can get involved.\" | Porter: Sessions did not answer"},
		// The quotation closed: the next sentence speaks for the report.
		{"Dmitriev called it “a view from our side.” We believe that the document reached Kushner.",
			"Mueller report: the document reached Kushner"},
		// Marks that do not pair up: nothing is carried.
		{"The President said it had been \"taken off' by the firing. The next day, the President acknowledged in an interview that he was going to fire Comey regardless.",
			"President: it had been \"taken off' by the firing | President: he was going to fire Comey regardless"},
		// A quotation that opens the passage is a text of its own.
		{"“We assess that Russia interfered in the election. We believe that Iran did too.”",
			"Mueller report: Russia interfered in the election | Mueller report: Iran did too.”"},
	} {
		var got []string
		for _, cl := range suggestOne(t, doc, c.passage) {
			got = append(got, cl.Source.Name+": "+cl.Text)
		}
		if g := strings.Join(got, " | "); g != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.passage, g, c.want)
		}
	}
}

// What an outlet "first reported" after a request for comment on whether
// something is so is that thing, not the silence of those asked: the
// built-in article's ledger had CNN asserting "The White House did not
// respond to a request for comment on whether sanctions would be imposed
// …" (a researcher's reading of the first launch). Without "whether", or
// with "according to", the sentence is the outlet's as before.
func TestWhatAnOutletFirstReportedIsTheNews(t *testing.T) {
	doc := Doc{Report: odni}
	for _, c := range []struct{ sentence, claim string }{
		{"The White House did not respond to a request for comment on whether sanctions would be imposed on Russia as early as next week, which was first reported by CNN.",
			"sanctions would be imposed on Russia as early as next week"},
		{"The Kremlin declined to comment on whether or not the talks had failed in March, which was first reported by CNN.",
			"the talks had failed in March"},
		{"The Kremlin did not respond to questions about the campaign, which was first reported by CNN.",
			"The Kremlin did not respond to questions about the campaign"},
		{"The Kremlin did not say whether the talks had failed in March, according to CNN.",
			"The Kremlin did not say whether the talks had failed in March"},
	} {
		got := suggestOne(t, doc, c.sentence)
		if len(got) != 1 || got[0].Text != c.claim || got[0].Source.Name != "CNN" {
			t.Errorf("%q: claims %+v, want CNN: %q", c.sentence, got, c.claim)
		}
	}
}
