// Package assets holds what ships inside the binary: the default corpus and
// the application icon.
package assets

import _ "embed"

// SeedArticleName is the file name the default corpus is imported under.
const SeedArticleName = "seed-article.txt"

// SeedArticle is the default corpus: a news article about the declassified
// US intelligence report on foreign threats to the 2020 election.
//
//go:embed seed-article.txt
var SeedArticle []byte

// Icon is the application icon (PNG, 512×512).
//
//go:embed icon.png
var Icon []byte

// Gazetteer is the starter list of actors and sources the seed article
// names, with kinds and aliases (JSON; see store.TagJSON). Mentions
// of them in imported passages become suggested tags.
//
//go:embed gazetteer.json
var Gazetteer []byte
