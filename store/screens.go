package store

import (
	"context"
	"database/sql"
	"time"

	"dossier/store/query"
)

// The window's screens each read what they show in one call, inside one
// read transaction (the file is in WAL mode, so a concurrent import cannot
// make a page's hits, counts and annotations disagree), from one parse of
// the query.

// betweenReads, set by a test, runs between a search page's hits and the
// rest of it: a write it makes must not show in the page's counts.
var betweenReads func()

// view reads through q: the connection pool, or one read transaction.
type view struct{ db querier }

// readTx runs f on a view of one read-only transaction.
func (s *Store) readTx(ctx context.Context, f func(v view) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.fileErr(err)
	}
	defer tx.Rollback() // read-only: nothing to keep, nothing to report
	state := &indexState{}
	defer state.close()
	return s.fileErr(f(view{txHandle{tx, s, state}}))
}

// PageRequest asks for one page of search results with what the results
// list shows beside them.
type PageRequest struct {
	SearchRequest
	// CountDocuments asks for Page.Documents when anything matches.
	CountDocuments bool
	// PerDocument asks for Page.DocumentHits when anything matches (the
	// results grouped by document head each group with its count).
	PerDocument bool
	// Document is the document open beside the results (0: none): its
	// matches for the query run come back in Page.DocumentMatches, so the
	// reader follows the search without a call of its own.
	Document int64
}

// Page is one page of search results with its decorations. The counts and
// annotations are extras: if reading one fails, it is left out (Documents
// -1, a nil map) rather than failing the page.
type Page struct {
	*Results
	Documents    int                    // distinct documents among the matches; -1 if unknown
	DocumentHits map[int64]int          // matching passages per document (PerDocument)
	Bookmarked   map[int64]bool         // the hits that are bookmarked
	Tags         map[int64][]PassageTag // the hits' tags, without their counts and aliases (passageTags)
	// DocumentMatches are the matches in PageRequest.Document, by passage
	// (as DocumentMatches gives them); nil if none was asked for or reading
	// them failed.
	DocumentMatches map[int64][]Range
	// Through is where the library stood when the page was read: the
	// results a window lists stand for the passages up to it, so that a
	// change made to "every result" leaves out passages imported after
	// they were listed (DecideSuggestionsMatchingUndoable).
	Through Through
}

// Through is where the library stood when a search's results were read.
// The zero Through stands for no bound.
type Through struct {
	// Passage is the highest passage id then (0: no passages).
	Passage int64
	// At is the time just before the read. Passage ids are reused: the
	// newest document removed, the next import takes its ids, at or under
	// Passage (a hostile pass); its import time is after At.
	At time.Time
}

// SearchPage runs a search, as Search does, and reads what the results list
// shows with its hits, all in one read transaction. Counts are of the query
// that was run (Results.Query: completed when Results.Completed).
func (s *Store) SearchPage(ctx context.Context, req PageRequest) (*Page, error) {
	began := time.Now()
	q, err := query.Parse(req.Query)
	if err != nil {
		return nil, err
	}
	if q.IsEmpty() {
		return nil, ErrEmptyQuery
	}
	p := &Page{Documents: -1}
	listed := s.now() // before the read: a document imported at it or later may be in it or not
	err = s.readTx(ctx, func(v view) error {
		// The document counts come with the total, from one pass over the
		// matches, unless the query has no text.
		var perDoc map[int64]int
		var countDocs *map[int64]int
		if req.PerDocument || req.CountDocuments {
			countDocs = &perDoc
		}
		if p.Results, err = v.search(ctx, q, req.SearchRequest, countDocs); err != nil {
			return err
		}
		if betweenReads != nil {
			betweenReads()
		}
		switch {
		case p.Total == 0 || !req.PerDocument:
		case perDoc != nil:
			p.DocumentHits = perDoc
		default:
			p.DocumentHits, _ = v.documentHitCounts(ctx, p.Query) // headers say "listed" without it
		}
		switch {
		case p.Total == 0 || !req.CountDocuments:
		case p.DocumentHits != nil:
			p.Documents = len(p.DocumentHits) // the same matches, in the same snapshot
		case perDoc != nil:
			p.Documents = len(perDoc)
		default:
			if n, err := v.matchingDocuments(ctx, p.Query); err == nil {
				p.Documents = n
			}
		}
		if p.Total > 0 && req.Offset == 0 {
			// The rightmost key of the passages' rowid tree: a page read
			// (30–90 µs); a further page is of the listing the first set.
			if err := v.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM passages`).Scan(&p.Through.Passage); err != nil {
				return err
			}
			p.Through.At = listed
		}
		if len(p.Hits) > 0 {
			ids := make([]int64, len(p.Hits))
			for i, h := range p.Hits {
				ids[i] = h.PassageID
			}
			p.Bookmarked, p.Tags, _ = v.hitAnnotations(ctx, ids)
		}
		// A query that matched nothing marks nothing: the reader marks each
		// searched word wherever it is, and counted hundreds of "hits in
		// this document" beside "No passages match" (found by a UI pass).
		if req.Document != 0 && p.Total > 0 {
			p.DocumentMatches, _ = v.documentMatches(ctx, req.Document, p.Query, nil) // unreadable: highlights nothing
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	p.Elapsed = time.Since(began)
	return p, nil
}

// HitAnnotations tells which of the passages are bookmarked and how they are
// tagged (as Page does for its hits), read together.
func (s *Store) HitAnnotations(ctx context.Context, ids []int64) (bookmarked map[int64]bool, tags map[int64][]PassageTag, err error) {
	err = s.readTx(ctx, func(v view) error {
		bookmarked, tags, err = v.hitAnnotations(ctx, ids)
		return err
	})
	return bookmarked, tags, err
}

func (v view) hitAnnotations(ctx context.Context, ids []int64) (map[int64]bool, map[int64][]PassageTag, error) {
	marks, err := v.bookmarkedPassages(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	tags, err := v.passageTags(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	return marks, tags, nil
}

// ReaderRequest asks for what the reader shows of a document.
type ReaderRequest struct {
	DocumentID int64
	// Query is the search whose matches are highlighted ("" for none); a
	// query that cannot be read highlights nothing.
	Query string
	// Loaded says the caller holds the document, its text and passages
	// already: only the matches and annotations are read.
	Loaded bool
}

// ReaderDocument is a document as the reader shows it.
type ReaderDocument struct {
	Document Document
	Text     string
	Passages []Passage              // nil when the request said Loaded
	Matches  map[int64][]Range      // the query's, by passage (see DocumentMatches)
	Marks    map[int64][]Range      // bookmarked passages: the spans of bookmarks on part of one (none: the whole)
	Tags     map[int64][]PassageTag // by passage, with its document's tags (not rejected ones), without their counts and aliases
	Claims   map[int64][]Claim      // by passage, in the order of their words: suggested and accepted ones
	Problems []string               // passages that do not match the text (see passageProblems)
}

// ReadDocument reads a document for the reader — its text and passages, the
// matches of a query, its bookmarks, tags and claims — in one read
// transaction.
func (s *Store) ReadDocument(ctx context.Context, req ReaderRequest) (*ReaderDocument, error) {
	var q query.Query
	highlight := false
	if req.Query != "" {
		var err error
		q, err = query.Parse(req.Query)
		highlight = err == nil
	}
	out := &ReaderDocument{}
	err := s.readTx(ctx, func(v view) error {
		var passages []Passage
		var err error
		if req.Loaded {
			if highlight { // the matches are found passage by passage
				passages, err = v.passages(ctx, req.DocumentID)
			}
		} else {
			if out.Document, err = v.document(ctx, req.DocumentID); err != nil {
				return err
			}
			out.Text, out.Problems, out.Passages, err = v.documentTextAndPassages(ctx, req.DocumentID)
			passages = out.Passages
		}
		if err != nil {
			return err
		}
		if highlight {
			if out.Matches, err = v.documentMatches(ctx, req.DocumentID, q, passages); err != nil {
				return err
			}
		}
		if out.Marks, err = v.documentMarks(ctx, req.DocumentID); err != nil {
			return err
		}
		if out.Tags, err = v.documentPassageTags(ctx, req.DocumentID); err != nil {
			return err
		}
		out.Claims, err = v.documentClaims(ctx, req.DocumentID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !req.Loaded {
		// The passages named first: the reader's status line shows the first.
		out.Problems = append(passageProblems(out.Document, out.Text, out.Passages), out.Problems...)
	}
	return out, nil
}

// documentClaims are a document's claims that are not rejected, by passage.
func (v view) documentClaims(ctx context.Context, docID int64) (map[int64][]Claim, error) {
	cs, err := v.claims(ctx, ` AND p.document_id = ? AND c.state <> 'rejected'`, []any{docID})
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]Claim)
	for _, c := range cs {
		out[c.PassageID] = append(out[c.PassageID], c)
	}
	return out, nil
}
