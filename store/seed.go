package store

import "context"

// Seed is what a new research file starts with: the gazetteer of actors and
// sources, and the built-in article. The bytes come from package assets,
// handed in by the entry point, so that the store does not embed them.
type Seed struct {
	Gazetteer   []byte // JSON; see GazetteerEntry
	ArticleName string // the file name the article is imported under
	Article     []byte
}

// OpenResearchFile opens (or creates) a research file and makes sure a new
// one holds the seed. The zero Seed opens the file as it is.
func OpenResearchFile(path string, seed Seed) (*Store, error) {
	st, err := Open(path)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	// The gazetteer goes first, so that importing the seed article suggests
	// its actors and sources.
	if len(seed.Gazetteer) > 0 {
		if err := st.ensureGazetteer(ctx, seed.Gazetteer); err != nil {
			st.Close()
			return nil, err
		}
	}
	if len(seed.Article) > 0 {
		if err := st.ensureDefaultCorpus(ctx, seed.ArticleName, seed.Article); err != nil {
			st.Close()
			return nil, err
		}
	}
	return st, nil
}
