package store

import (
	"context"
	"encoding/json"
	"errors"
	"io"
)

// ExportJSON writes the annotation bundle (see Bundle). With a query, only
// the bookmarks and taggings on passages matching it (document taggings of
// documents with a match), and only the tags they use; saved searches are
// always all included.
func (s *Store) ExportJSON(ctx context.Context, w io.Writer, userQuery string) error {
	_, err := s.exportJSON(ctx, w, userQuery)
	return err
}

func (s *Store) exportJSON(ctx context.Context, w io.Writer, userQuery string) (ExportCounts, error) {
	b, counts, err := s.exportBundleCounted(ctx, userQuery)
	var problems *ExportProblems
	if err != nil && !errors.As(err, &problems) {
		return ExportCounts{}, err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return ExportCounts{}, err
	}
	if problems != nil {
		return counts, problems
	}
	return counts, nil
}
