package claims

import (
	"fmt"
	"strings"
)

// Claim is one suggested claim in a passage.
type Claim struct {
	Ordinal int // the passage's ordinal
	// Start and End place the claim's words in the passage text (byte
	// offsets, like bookmark spans): Text == passage[Start:End].
	Start, End int
	Text       string
	Source     Source
	About      []Actor // actors named in the claim's words, in order
	Stance     Stance
	// Cue is the attributing words as written ("according to", "said",
	// "We assess", "first reported by"); CueStart/CueEnd place them in the
	// passage. Speaker is the words naming the source ("three sources",
	// "the report", "It").
	Cue              string
	CueStart, CueEnd int
	Speaker          string
	Likelihood       Likelihood
	LikelihoodWords  string // the words it was read from ("probably"); "" when none stated
	Confidence       Confidence
	ConfidenceWords  string
	Rule             string // which rule found it (see the package doc), for the "why?" of a suggestion
}

// Source is who asserts a claim: an existing source tag (TagID > 0) or a
// new one to create under Name.
type Source struct {
	Name  string
	TagID int64
	New   bool
}

// Actor is an actor tag a claim is about.
type Actor struct {
	TagID int64
	Name  string
}

// Stance tells whether the source asserts or denies the claim.
type Stance int

const (
	Asserts Stance = iota
	Denies
)

func (s Stance) String() string {
	if s == Denies {
		return "denies"
	}
	return "asserts"
}

// Likelihood is a step on the ICD 203 scale; NotStated (0) when the
// claim's words give none. Steps are ordered, so likelihood:>=likely is a
// comparison.
type Likelihood int

const (
	NotStated Likelihood = iota
	AlmostNoChance
	VeryUnlikely
	Unlikely
	RoughlyEvenChance
	Likely
	VeryLikely
	AlmostCertain
)

var likelihoodNames = []string{"none stated", "almost no chance", "very unlikely", "unlikely",
	"roughly even chance", "likely", "very likely", "almost certain"}

func (l Likelihood) String() string {
	if l < 0 || int(l) >= len(likelihoodNames) {
		return "none stated"
	}
	return likelihoodNames[l]
}

func parseLikelihood(s string) (Likelihood, bool) {
	for i, n := range likelihoodNames[1:] {
		if strings.EqualFold(s, n) {
			return Likelihood(i + 1), true
		}
	}
	return NotStated, false
}

// Confidence is an ICD 203 confidence level; NoConfidence (0) when none is
// stated.
type Confidence int

const (
	NoConfidence Confidence = iota
	Low
	Moderate
	High
)

var confidenceNames = []string{"none stated", "low", "moderate", "high"}

func (c Confidence) String() string {
	if c < 0 || int(c) >= len(confidenceNames) {
		return "none stated"
	}
	return confidenceNames[c]
}

func parseConfidence(s string) (Confidence, bool) {
	for i, n := range confidenceNames[1:] {
		if strings.EqualFold(s, n) {
			return Confidence(i + 1), true
		}
	}
	return NoConfidence, false
}

// ruleWords say in words what each rule saw (see the package doc).
var ruleWords = map[string]string{
	"leading":       "speaker and verb, then the claim",
	"trailing":      "the claim, then speaker and verb",
	"parenthetical": "speaker and verb inside the sentence",
	"inverted":      "the claim, then verb and speaker",
	"participle":    "the sentence's subject, then \", concluding that\" and the claim",
	"according-to":  "the claim attributed \"according to\" or \"reported by\" a speaker",
	"judgment":      "the report's own judgment",
}

// Why explains a suggestion in a line, for its "?": the rule, the cue and
// the speaker, and the source they became.
func (c Claim) Why() string {
	return fmt.Sprintf("%s: cue %q, speaker %q → %s", ruleWords[c.Rule], c.Cue, c.Speaker, c.Source.Name)
}
