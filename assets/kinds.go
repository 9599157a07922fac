package assets

import "embed"

// Kinds holds the word lists that guess a new actor's or source's kind
// from its name (kinds/words.txt, kinds/states.txt; store.GuessKind reads
// them).
//
//go:embed kinds/*.txt
var Kinds embed.FS
