package store

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"sync"

	"dossier/store/internal/fts5read"
	"dossier/store/query"
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

// keptIndexTerm is indexTerm, remembered by the store. A word not
// remembered yet is tokenized together with the other words of the query
// being searched (setQueryWords).
func (v view) keptIndexTerm(ctx context.Context, word string) (string, bool, error) {
	words := []string{word}
	if h, ok := v.db.(txHandle); ok {
		words = append(words, h.state.words...)
	}
	terms, err := v.keepIndexTerms(ctx, words)
	term := terms[word]
	return term, err == nil && term != "", err
}

// setQueryWords tells keptIndexTerm the words of the query this view is
// searching (searchWords): those the store does not remember are then
// tokenized in one pass when the plan first needs one. A keystroke's new
// words, tokenized one at a time as each step of the plan came to them
// (the terms' counts in rareTerms, aroundCommonPrefix), cost three
// statements each; tokenizing them up front would cost queries whose plan
// needs none (a broad query listed in reading order).
func (v view) setQueryWords(q query.Query) {
	if h, ok := v.db.(txHandle); ok {
		h.state.words = searchWords(q)
	}
}

// keepIndexTerms returns the index term of each of words ("" for a word
// that is not one token), tokenizing those the store does not remember yet
// all in one pass (indexTermsOf), and remembers them. Outside a read
// transaction, or when the index's tokenizer cannot be read, it returns
// nothing (callers then let FTS5 match as usual).
func (v view) keepIndexTerms(ctx context.Context, words []string) (map[string]string, error) {
	h, ok := v.db.(txHandle)
	if !ok {
		return nil, nil
	}
	c := &h.s.indexTerms
	known := make(map[string]string, len(words))
	var unknown []string
	c.mu.Lock()
	for _, w := range words {
		if term, ok := c.terms[w]; ok {
			known[w] = term
		} else if !slices.Contains(unknown, w) {
			unknown = append(unknown, w)
		}
	}
	c.mu.Unlock()
	if len(unknown) == 0 {
		return known, nil
	}
	terms, ok, err := indexTermsOf(ctx, v.db, unknown)
	if err != nil || !ok {
		return nil, err
	}
	c.mu.Lock()
	if c.terms == nil || len(c.terms)+len(terms) > maxCommonTerms {
		c.terms = map[string]string{}
	}
	maps.Copy(c.terms, terms)
	c.mu.Unlock()
	maps.Copy(known, terms)
	return known, nil
}

// searchWords are the text of q's words and prefixes, those the plan's
// steps may tokenize (termDF, aroundCommonPrefix, walkPays).
func searchWords(q query.Query) []string {
	var words []string
	for _, c := range q.Clauses {
		for _, t := range c {
			if t.Kind == query.Word || t.Kind == query.Prefix {
				words = append(words, t.Text)
			}
		}
	}
	return words
}

// indexReader returns a reader of the full-text index's pages, and what to
// call once done with it. A read transaction keeps one for all its reads
// (opening one checks the table and prepares statements, ~0.2 ms, more
// than a rare word's count), given the structure record the transaction
// read once (indexStructure): the index cannot change within it. If that
// record could not be read, the reader checks each read as a pool's. Elsewhere each reader is opened for one
// read, as the reads may then span a write.
func (v view) indexReader(ctx context.Context) (*fts5read.Reader, func(), error) {
	h, ok := v.db.(txHandle)
	if !ok {
		r, err := fts5read.Open(ctx, v.db, "passages_fts", nil)
		if err != nil {
			return nil, nil, err
		}
		return r, r.Close, nil
	}
	st := h.state
	if !st.indexOpen {
		// The structure record the transaction read for the common terms
		// and the spans: the reader need not read it again.
		_, structure := v.indexStructure(ctx)
		st.index, st.indexErr = fts5read.Open(ctx, v.db, "passages_fts", structure)
		if st.indexErr != nil && ctx.Err() != nil {
			return nil, nil, st.indexErr // cancelled: says nothing of the table
		}
		st.indexOpen = true
	}
	return st.index, func() {}, st.indexErr
}

// close releases what the transaction's reads kept.
func (st *indexState) close() {
	if st.index != nil {
		st.index.Close()
	}
}
