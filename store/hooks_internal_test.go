package store

import (
	"context"

	"dossier/store/query"
)

// The window reads these through SearchPage, ReadDocument and
// HitAnnotations; the tests call them alone.

// MatchingDocuments counts the distinct documents among a query's matches.
func (s *Store) MatchingDocuments(ctx context.Context, userQuery string) (int, error) {
	q, err := query.Parse(userQuery)
	if err != nil {
		return 0, err
	}
	return view{s.db}.matchingDocuments(ctx, q)
}

// DocumentHitCounts counts a query's matching passages per document.
func (s *Store) DocumentHitCounts(ctx context.Context, userQuery string) (map[int64]int, error) {
	q, err := query.Parse(userQuery)
	if err != nil {
		return nil, err
	}
	return view{s.db}.documentHitCounts(ctx, q)
}

// BookmarkedPassages returns the ids of bookmarked passages among ids.
func (s *Store) BookmarkedPassages(ctx context.Context, ids []int64) (map[int64]bool, error) {
	return view{s.db}.bookmarkedPassages(ctx, ids)
}

// PassageMarks tells which passages among ids are bookmarked, with their
// spans, as documentMarks does for a document's: through the ids, for tests
// to hold the reader's marks against.
func (s *Store) PassageMarks(ctx context.Context, ids []int64) (map[int64][]Range, error) {
	if len(ids) == 0 {
		return map[int64][]Range{}, nil
	}
	return view{s.db}.readMarks(ctx, `SELECT b.passage_id, b.span_start, b.span_end, length(CAST(p.text AS BLOB))
		FROM bookmarks b JOIN passages p ON p.id = b.passage_id
		WHERE b.passage_id IN (`+joinIDs(ids)+`) ORDER BY b.passage_id, b.span_start`)
}

// PassageTags returns the tags on each passage.
func (s *Store) PassageTags(ctx context.Context, ids []int64) (map[int64][]PassageTag, error) {
	return view{s.db}.passageTags(ctx, ids)
}

// PassageMatches returns a passage with its matches for a query.
func (s *Store) PassageMatches(ctx context.Context, passageID int64, userQuery string) (Passage, []Range, error) {
	return view{s.db}.passageMatches(ctx, passageID, userQuery)
}
