package assets

import "embed"

// Claims holds the claim suggester's curated word lists (claims/*.txt:
// reporting verbs, attribution phrases, denial cues, the ICD 203 likelihood
// and confidence lexicon; see claims/README.md). store/claims reads them.
//
//go:embed claims/*.txt
var Claims embed.FS
