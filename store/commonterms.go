package store

import (
	"bytes"
	"context"
	"sync"
)

// commonTerms remembers, for one state of the full-text index, how many
// passages each term matches up to CommonDF+1 (termDF): whether it is
// common (commonTerm). Counting a common word to CommonDF+1 walks 10,001
// entries ("campaign" at 100k passages: ~0.5 ms through FTS5, 3.5 ms the
// first time its pages are read), and the same words come back with every
// keystroke of a query and in most queries of a session.
//
// The state is the index's structure record: every write to the index that
// changes its pages changes it (segments, pages, write counter), so an
// answer kept for one record holds as long as the record reads the same.
type commonTerms struct {
	mu        sync.Mutex
	structure []byte
	df        map[string]int
}

// maxCommonTerms bounds the memory: past it the answers start again.
const maxCommonTerms = 4096

// commonTermsStructure reads the index's structure record.
const commonTermsStructure = `SELECT block FROM passages_fts_data WHERE id = 10`

// lookup returns what was kept for match in the index state structure.
func (c *commonTerms) lookup(structure []byte, match string) (df int, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !bytes.Equal(c.structure, structure) {
		return 0, false
	}
	df, ok = c.df[match]
	return df, ok
}

// keep records match's answer in the index state structure, forgetting
// those of any other state.
func (c *commonTerms) keep(structure []byte, match string, df int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !bytes.Equal(c.structure, structure) || len(c.df) >= maxCommonTerms {
		c.structure, c.df = bytes.Clone(structure), map[string]int{}
	}
	c.df[match] = df
}

// keptCommon is termDF's memory for this view: only a read transaction
// has one, as only there the structure record and the count come from the
// same state of the index (on the pool a write may fall between them).
func (v view) keptCommon(ctx context.Context) (*commonTerms, []byte) {
	h, structure := v.indexStructure(ctx)
	if structure == nil {
		return nil, nil // no answer kept: the term is counted
	}
	return &h.s.commonTerms, structure
}

// indexStructure returns the view's read transaction and the index's
// structure record in it; nil outside a transaction, or if the record
// cannot be read (nothing is then remembered for the state).
func (v view) indexStructure(ctx context.Context) (txHandle, []byte) {
	h, ok := v.db.(txHandle)
	if !ok {
		return h, nil
	}
	if !h.state.read {
		var structure []byte
		if err := v.queryRowKept(ctx, commonTermsStructure).Scan(&structure); err == nil && len(structure) > 0 {
			h.state.structure = structure
		}
		h.state.read = true
	}
	return h, h.state.structure
}

// indexTerms remembers how the index's tokenizer reads a word (indexTerm),
// which the open file's schema fixes: tokenizing through a scratch table
// writes and deletes a row (~60 µs) for each word of every keystroke.
type indexTerms struct {
	mu    sync.Mutex
	terms map[string]string // "" when the word is not one token
}

// keptIndexTerm is indexTerm, remembered by the store.
func (v view) keptIndexTerm(ctx context.Context, word string) (string, bool, error) {
	h, ok := v.db.(txHandle)
	if !ok {
		return "", false, nil
	}
	c := &h.s.indexTerms
	c.mu.Lock()
	term, known := c.terms[word]
	c.mu.Unlock()
	if known {
		return term, term != "", nil
	}
	if ok, err := tokenizerTables(ctx, v.db); err != nil || !ok {
		return "", false, err
	}
	term, ok, err := indexTerm(ctx, v.db, word)
	if err != nil {
		return "", false, err
	}
	if !ok {
		term = ""
	}
	c.mu.Lock()
	if c.terms == nil || len(c.terms) >= maxCommonTerms {
		c.terms = map[string]string{}
	}
	c.terms[word] = term
	c.mu.Unlock()
	return term, ok, nil
}
