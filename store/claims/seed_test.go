package claims

import (
	"slices"
	"strings"
	"testing"
)

const (
	odni = "ODNI report on foreign threats to the 2020 election"
	anon = "Anonymous sources"
)

type wantClaim struct {
	ordinal         int
	text            string
	source          string
	newSource       bool // not in the gazetteer: to be created
	speaker, cue    string
	stance          Stance
	likelihood      Likelihood
	likelihoodWords string
	about           []string
	rule            string
}

// issueClaims are the seven claims issue 14 lists for the built-in article,
// in article order.
var issueClaims = []wantClaim{
	{1, "Russian President Vladimir Putin likely directed efforts to try to swing the 2020 U.S. presidential election to Donald Trump",
		odni, false, "an American intelligence report released on Tuesday", "according to", Asserts, Likely, "likely",
		[]string{"Vladimir Putin", "United States", "Donald Trump"}, "according-to"},
	{4, `We assess that Russian President Putin authorized, and a range of Russian government organizations conducted, influence operations aimed at denigrating President Biden's candidacy and the Democratic Party, supporting former President Trump, undermining public confidence in the electoral process, and exacerbating sociopolitical divisions in the U.S.`,
		odni, false, "the report", "We assess", Asserts, NotStated, "",
		[]string{"Vladimir Putin", "Russia", "Joe Biden", "Democratic Party", "Donald Trump", "United States"}, "trailing"},
	{5, `other foreign attempts to sway American voters in 2020 including a "multi-pronged covert influence campaign" by Iran meant to undercut Mr Trump`,
		odni, false, "The US intelligence report", "found", Asserts, NotStated, "",
		[]string{"Iran", "Donald Trump"}, "leading"},
	{5, `Beijing "did not deploy interference efforts"`,
		odni, false, "The report", "concluding", Denies, NotStated, "",
		[]string{"China"}, "participle"},
	{8, "Washington is expected to impose sanctions on Moscow as soon as next week because of the allegations",
		anon, false, "three sources", "said", Asserts, NotStated, "",
		[]string{"United States", "Russia"}, "trailing"},
	{18, `Though Iran sought to exploit vulnerabilities on state election websites, and did "compromise U.S. entities associated with election infrastructure as a part of a broad targeting effort across multiple sectors worldwide", it did not attempt to manipulate votes or affect election infrastructure`,
		odni, false, "the report", "concluded", Denies, NotStated, "",
		[]string{"Iran", "United States"}, "trailing"},
	// What CNN first reported is the news the White House was asked
	// about, not the White House's silence, which is Reuters' own.
	{19, "sanctions would be imposed on Russian Federation as early as next week",
		"CNN", false, "CNN", "first reported by", Asserts, NotStated, "",
		[]string{"Russia"}, "according-to"},
}

// otherClaims are the article's other attributed sentences. Precision over
// recall: each has a reporting verb and a speaker the rules can name, so it
// is suggested too; the test pins them so that nothing else is.
var otherClaims = []wantClaim{
	{1, "would likely trigger USA sanctions on Moscow",
		anon, false, "sources", "said", Asserts, Likely, "likely", []string{"United States", "Russia"}, "leading"},
	{3, "Russian-linked individuals had spread unsubstantiated claims about President Biden ahead of the 3 November election",
		odni, false, "It", "said", Asserts, NotStated, "", []string{"Joe Biden"}, "leading"},
	// "did not consider" makes the whole claim a denial: the rule reads
	// negation anywhere in the claim's words.
	{5, "Beijing valued a stable relationship with the USA and did not consider either election outcome as advantageous enough for it to risk getting caught with interference",
		"United States officials", false, "United States officials", "say", Denies, NotStated, "", []string{"China", "United States"}, "leading"},
	{6, "Putin authorized influence operations aimed at denigrating Biden, boosting Trump, undermining confidence in the election and exacerbating social divisions in the U.S.",
		odni, false, "The report", "says", Asserts, NotStated, "", []string{"Vladimir Putin", "Joe Biden", "Donald Trump", "United States"}, "leading"},
	// The speaker nearest the verb names the source ("Intelligence agencies
	// and former Special Counsel Robert Mueller previously concluded").
	{7, "Russian Federation also interfered in the 2016 election to boost Trump's candidacy with a campaign of propaganda aimed at harming his Democratic opponent Hillary Clinton",
		"Robert Mueller", true, "former Special Counsel Robert Mueller", "concluded", Asserts, NotStated, "", []string{"Russia", "Donald Trump", "Hillary Clinton"}, "leading"},
	{7, "Kilimnik and Derkach met with and gave materials to Trump-linked people to push for formal investigations, and Derkach released four audio recordings to try to implicated Biden in corruption",
		odni, false, "it", "said", Asserts, NotStated, "", []string{"Konstantin Kilimnik", "Andriy Derkach", "Donald Trump", "Joe Biden"}, "trailing"},
	// The outer attribution keeps a nested one ("… intelligence officials
	// believe …") inside its words.
	{7, "even while Trump has cried foul about the legitimacy of the election, intelligence officials believe Russian Federation sought to influence people close to Trump as a way to tip the election in his favor",
		odni, false, "The document", "makes clear", Asserts, NotStated, "", []string{"Donald Trump", "Russia"}, "leading"},
	{11, "President Vladimir Putin himself authorized and oversaw disinformation efforts, including those by the Kremlin's intelligence services to sow disinformation about Biden",
		"US intelligence community", true, "The US intelligence community", "assessed", Asserts, NotStated, "", []string{"Vladimir Putin", "Russia", "Joe Biden"}, "leading"},
	{12, `While Russia favored Trump, the report said, Russian actors "criticized" him when he took certain foreign policy actions, including the 2020 killing of Iranian Gen. Qasem Soleimani, which were "at odds with Russia's preferences"`,
		odni, false, "the report", "said", Asserts, NotStated, "", []string{"Russia", "Donald Trump", "Qasem Soleimani"}, "parenthetical"},
	{16, "In late 2019, GRU cyber actors conducted a phishing campaign against subsidiaries of Burisma holdings, likely in an attempt to gather information related to President Biden's family and Burisma",
		odni, false, "the report", "states", Asserts, Likely, "likely", []string{"GRU", "Burisma", "Joe Biden"}, "trailing"},
}

func TestSeedArticleClaims(t *testing.T) {
	tags := gazetteer(t)
	s := New(tags, nil)
	ps := seedPassages(t)
	doc := s.DocFor("Russian interference in 2020 included influencing Trump associates", ps)
	if doc.Report != odni || doc.IsReport {
		t.Fatalf("document = %+v, want about the ODNI report (not the report itself)", doc)
	}
	got := s.Suggest(doc, ps)
	want := slices.Concat(issueClaims, otherClaims)
	slices.SortStableFunc(want, func(a, b wantClaim) int {
		if a.ordinal != b.ordinal {
			return a.ordinal - b.ordinal
		}
		return strings.Index(ps[a.ordinal-1].Text, a.text) - strings.Index(ps[b.ordinal-1].Text, b.text)
	})
	for i := 0; i < max(len(got), len(want)); i++ {
		if i >= len(got) {
			t.Errorf("missing claim ¶%d %q", want[i].ordinal, want[i].text)
			continue
		}
		g := got[i]
		if i >= len(want) {
			t.Errorf("unexpected claim ¶%d %q (%s)", g.Ordinal, g.Text, g.Rule)
			continue
		}
		checkClaim(t, tags, ps, g, want[i])
	}
}

func checkClaim(t *testing.T, tags *Tags, ps []Passage, g Claim, w wantClaim) {
	t.Helper()
	if g.Ordinal != w.ordinal || g.Text != w.text {
		t.Errorf("claim ¶%d %q, want ¶%d %q", g.Ordinal, g.Text, w.ordinal, w.text)
		return
	}
	text := ps[g.Ordinal-1].Text
	if text[g.Start:g.End] != g.Text || text[g.CueStart:g.CueEnd] != g.Cue {
		t.Errorf("¶%d: spans [%d,%d) cue [%d,%d) do not hold the claim's words", g.Ordinal, g.Start, g.End, g.CueStart, g.CueEnd)
	}
	wantID := int64(0)
	if !w.newSource {
		tag, _ := tags.byFamily(tags.byName[strings.ToLower(w.source)], "source")
		wantID = tag.ID
	}
	if g.Source.Name != w.source || g.Source.New != w.newSource || g.Source.TagID != wantID {
		t.Errorf("¶%d %.30q: source %+v, want %q (new %v, tag %d)", g.Ordinal, g.Text, g.Source, w.source, w.newSource, wantID)
	}
	if g.Speaker != w.speaker || g.Cue != w.cue || g.Rule != w.rule {
		t.Errorf("¶%d %.30q: speaker %q cue %q rule %s, want %q %q %s", g.Ordinal, g.Text, g.Speaker, g.Cue, g.Rule, w.speaker, w.cue, w.rule)
	}
	if g.Stance != w.stance || g.Likelihood != w.likelihood || g.LikelihoodWords != w.likelihoodWords {
		t.Errorf("¶%d %.30q: %s, likelihood %s (%q), want %s, %s (%q)", g.Ordinal, g.Text, g.Stance, g.Likelihood, g.LikelihoodWords, w.stance, w.likelihood, w.likelihoodWords)
	}
	if g.Confidence != NoConfidence || g.ConfidenceWords != "" {
		t.Errorf("¶%d %.30q: confidence %s, the article states none", g.Ordinal, g.Text, g.Confidence)
	}
	if !slices.Equal(names(g.About), w.about) {
		t.Errorf("¶%d %.30q: about %v, want %v", g.Ordinal, g.Text, names(g.About), w.about)
	}
}

// Narrative sentences, however full of actors, are not claims.
func TestSeedNarrativeIsNoClaim(t *testing.T) {
	s := New(gazetteer(t), nil)
	doc := Doc{Report: odni}
	seen := 0
	for _, p := range seedPassages(t) {
		if strings.HasPrefix(p.Text, "Kilimnik was an associate of Paul Manafort") ||
			strings.HasPrefix(p.Text, "Hunter was on the board") ||
			strings.HasPrefix(p.Text, "Trump fired the Department") ||
			strings.HasPrefix(p.Text, "The Russian, Chinese and Cuban Embassies") ||
			strings.HasPrefix(p.Text, "The assessment was made") {
			seen++
			if got := s.Suggest(doc, []Passage{p}); len(got) > 0 {
				t.Errorf("narrative ¶%d became claims: %+v", p.Ordinal, got)
			}
		}
	}
	if seen != 5 {
		t.Errorf("found %d of the 5 narrative passages", seen)
	}
}
