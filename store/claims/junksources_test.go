package claims

import (
	"strings"
	"testing"
)

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
		// One of the people of a name who do not speak for it (an
		// attorney, an aide, an official, an analyst) is not the name: it
		// is someone the text leaves unnamed. "Longtime Trump attorney
		// says" made Trump a source (an earlier pass kept it so, as an
		// adjective before a name), "a White House Counsel's Office
		// attorney thought" made "Office" one, "Legal analysts said" made
		// "Legal" one.
		{"See Mark Berman, Longtime Trump attorney says he made the payment, Washington Post.", ""},
		{"McFarland declined, and a White House Counsel's Office attorney thought that the request would look like a quid pro quo.", ""},
		{"One World Chess Federation official recalled that the President-Elect had stopped by the tournament.", ""},
		{"Senior White House advisors described Lewandowski as a devotee of the President.", ""},
		{"Senior White House advisors described Lewandowski as a devotee and said the relationship was close.", ""},
		{"Legal analysts said the testimony clarified and bolstered the case against the president.", ""},
		{"The payment was made with his own money, according to a Trump attorney.", ""},
		{"According to Trump attorney Michael Cohen, the payment was made with his own money.", "Michael Cohen"},
		// A name spelt with "!" is one name: "Yahoo! News reported" made
		// "News" a source.
		{"On September 23, 2016, Yahoo! News reported that U.S. intelligence officials were investigating Page.", "Yahoo! News"},
		// A verb that is also a plural noun is a noun in a later verb's
		// subject: "Press reports following … suggested" made "Press" a
		// source.
		{"Press reports following Comey's March 20 testimony suggested that the FBI was investigating the President.", ""},
		{"Reuters reports that the FBI was investigating the President.", "Reuters"},
		{"Reuters reports in its story that the FBI was investigating the President.", "Reuters"},
		{"Media reports of the meeting said that the FBI was investigating the President.", ""},
		{"The press covered the hearing, and the Press Secretary spoke. Press reports said that the FBI was investigating the President.", ""},
		{"The campaign began, and the Campaign hired staff. Campaign emails stated that the press was told.", "Campaign"},
		// Those who speak for it still make it the source.
		{"A Facebook representative said that the accounts had been removed.", "Facebook"},
		{"A Washington Post columnist wrote that the meeting had been cancelled.", "Washington Post"},
		{"Trump attorney Michael Cohen said that the payment was made with his own money.", "Michael Cohen"},
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
		// A hyphenated title is all title: "President-Elect" made "Elect" a source.
		{"The President-Elect also said that Democrats were putting out the story.", "President-Elect"},
		{"President-Elect Trump stated that he thought highly of Comey.", "Donald Trump"},
		{"Secretary-Designate Jane Roe said that the sanctions would stay.", "Jane Roe"},
		// A title with its office is no part of the name: "of the NSA Richard Ledgett".
		{"Deputy Director of the NSA Richard Ledgett, who was present for the call, said it was the most unusual thing he had experienced.", "Richard Ledgett"},
		{"Secretary of State Rex Tillerson said that the sanctions would stay.", "Rex Tillerson"},
		{"Senior Director for Homeland Security Jane Roe said that the sanctions would stay.", "Jane Roe"},
		{"Chief of Staff John Kelly told the President that he had to decide.", "John Kelly"},
		{"Director of the Russian Ministry Ivan Petrov said that the sanctions were unlawful.", "Director of the Russian Ministry Ivan Petrov"},
		// Nor is a descriptor before it, in capitals as in a headline.
		{"Trump Confidant Christopher Ruddy says Mueller has real conflicts as special counsel, PBS (June 12, 2017).", "Christopher Ruddy"},
		{"Longtime Trump Associate Roger Stone said that he had no contact with WikiLeaks.", "Roger Stone"},
		{"Kremlin Spokesman Dmitry Peskov said that the Kremlin had not received the email.", "Dmitry Peskov"},
		{"The Trump Campaign stated that it had no contact with Russia.", "Trump Campaign"},
		{"The Deputy Attorney General said that the memorandum was his own.", "Deputy Attorney General"},
		// A name before a passive, an infinitive or after a preposition is
		// not the verb's speaker: "Trump Jr. was advised that" made Trump Jr.
		// the source of the warning he was given.
		{"Trump Jr. was advised that it is a violation to make false statements.", ""},
		{"At the meeting, the President was told that Flynn had lied to the Vice President.", ""},
		{"Later, the White House Counsel's Office was informed that the FBI was asking for records.", ""},
		{"The President directed Miller to say that Comey had informed him.", ""},
		{"He was going on Lester Holt to say what really happened.", ""},
		{"Trump on alleged election interference by Russia: Get on with our lives, Washington Post (Dec. 29, 2016).", ""},
		{"Comey has said that the President asked him for loyalty.", "Comey"},
		// A common word opening the sentence modifies the next word; it is no
		// subject for a later "and said" (rs5).
		{"He sought additional help in Taking Additional Steps. Additional evidence of intent may be gleaned from the fact that his counsel called McGahn's counsel and said that McGahn could not resign.", ""},
		{"The campaign began, and the Campaign hired staff. Campaign manager Corey Lewandowski responded the same day, saying, \"If you want to do this, it would be outside of your role.\"", ""},
		{"Priebus called Flynn and said that he had to resign.", "Priebus"},
		// Charges named after the accused speak for their authors, not for
		// the accused (rs6): Netyksho was made the source of his own
		// indictment's allegations.
		{"The Netyksho indictment alleges that the defendants conspired to hack into the computers of U.S. persons.", "Netyksho indictment"},
		{"A Washington Post columnist wrote that the hearing was over.", "Washington Post"},
		// Words inside a quotation that opens mid-sentence are the quoted
		// person's, not speakers of their own (rs5).
		{"Peskov wrote, “I have read about [Page], Specialists say that he is far from being the main one.”", ""},
		{"Cohen received a text message from the counsel that stated, \"Client says thanks for what you do.\"", ""},
		{"The President tweeted, \"Wow, FBI confirms report that Comey drafted a letter.\"", ""},
		// A quotation that is the sentence, or follows a colon, is read as one.
		{"“Comey said that the President asked him for loyalty.”", "Comey"},
		{"In full, the statement read: \"Today, Comey said that he had been terminated.\"", "Comey"},
		// A sentence may start inside a quotation: its closing quote opens nothing.
		{"I've made my decision.\"); Comey said that the President asked him for loyalty.", "Comey"},
		// A role without a name is someone unnamed; a title alone is its
		// one holder only after "the" (rs5).
		{"Even her former Secret Service Agent, who has seen her under pressure, has stated that she lacks the temperament.", ""},
		{"Counsel has also noted that other statutes protect only pending proceedings.", ""},
		{"He feared a new Attorney General said that the case was closed.", ""},
		{"The Acting Attorney General said that the case was closed.", "Acting Attorney General"},
		{"A Campaign spokesman told reporters that Page had no role in the Campaign.", "Campaign"},
		// A court speaks through its ruling: "The Court" quoting an opinion
		// is a source.
		{"The Court explained that it would require an express statement by Congress.", "Court"},
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

// "The Office" is the report even with an adverb before its verb, and so is
// "our Office" in the report itself: "The Office similarly determined" made
// "Office" a source (a researcher's pass).
func TestSelfReferenceBeforeAnAdverb(t *testing.T) {
	doc := Doc{Report: "Mueller report", IsReport: true}
	for _, text := range []string{
		"The Office similarly determined that the contacts did not involve the commission of a federal crime.",
		"The Office therefore determined that such persons did not have the knowledge required to charge them.",
		"At Cohen's sentencing, our Office further explained that Cohen had provided valuable information.",
		"The report itself states that the investigation did not establish a conspiracy.",
	} {
		if got := suggestOne(t, doc, text); len(got) != 1 || got[0].Source.Name != "Mueller report" {
			t.Errorf("%q: %+v, want one claim by the Mueller report", text, got)
		}
	}
}

// A surname is the full name the same document gives it: "Priebus" and
// "Reince Priebus" were two sources for one person (a researcher's pass
// found 14 such pairs in the Mueller report). Not when two full names end
// in it, when the document writes it in lower case, or for a title.
func TestSurnameIsTheDocumentsFullName(t *testing.T) {
	for _, c := range []struct {
		passages []string
		want     []string // each claim's source, in order
	}{
		{[]string{"Incoming Chief of Staff Reince Priebus said that the meeting was short.", "Priebus recalled that the President was angry."},
			[]string{"Reince Priebus", "Reince Priebus"}},
		{[]string{"Sanders told reporters that the President had been clear.", "Press Secretary Sarah Sanders said that the decision was final."},
			[]string{"Sarah Sanders", "Sarah Sanders"}},
		// Two full names: which one is unknown.
		{[]string{"Chris Ruddy said that the President was considering it.", "Christopher Ruddy stated that Mueller had conflicts.", "Ruddy recalled that the President was angry."},
			[]string{"Chris Ruddy", "Christopher Ruddy", "Ruddy"}},
		// A word the document writes in lower case may mean something else.
		{[]string{"Jane Post said that the hearing was over.", "The Post reported that the hearing went on.", "He wrote a post about it."},
			[]string{"Jane Post", "Post"}},
		// A web address writes names in lower case; that says nothing of
		// the word (the Mueller report's CNN addresses made Giuliani and
		// Manafort two sources each).
		{[]string{"Rudy Giuliani said that the pardons were not discussed.", "Giuliani stated that the President had not decided.",
			"Dana Bash, CNN, available at https://www.cnn.com/videos/politics/2018/1 1/28/manafort-lawyers-giuliani-updated-vpx.cnn."},
			[]string{"Rudy Giuliani", "Rudy Giuliani"}},
		// One slash is no address: "post/reply" is the common word.
		{[]string{"Jane Post said that the hearing was over.", "The Post reported that the hearing went on.", "He wrote a post/reply about it."},
			[]string{"Jane Post", "Post"}},
		// A title is no surname.
		{[]string{"The Vice President said that the sanctions would stay.", "The President stated that the sanctions would go."},
			[]string{"Vice President", "President"}},
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
