package store

import (
	"cmp"
	"context"
	"slices"

	"dossier/store/claims"
)

// ClaimForm is what the window's claim dialog shows: the claim as stored
// now (when it edits one), the claims linked to it, and the source and
// actor tags to choose from.
type ClaimForm struct {
	Claim   *Claim // nil for a claim still to be marked
	Linked  []Claim
	Sources []Tag
	Actors  []Tag
	// Read is what the words of a claim still to be marked say of
	// themselves (ReadNewClaimForm): its actors, stance, likelihood and
	// confidence, to start the dialog with.
	Read *claims.Claim
}

// ReadNewClaimForm is ReadClaimForm for a claim still to be marked on
// words, with what those words say of themselves read as a suggestion's
// are (Read).
func (s *Store) ReadNewClaimForm(ctx context.Context, words string) (*ClaimForm, error) {
	f, err := s.ReadClaimForm(ctx, 0)
	if err != nil {
		return nil, err
	}
	// The suggester's tags are the form's, aliases and all, in id order
	// as claimSuggester reads them: not read a second time.
	tags := make([]claims.Tag, 0, len(f.Sources)+len(f.Actors))
	for _, list := range [][]Tag{f.Sources, f.Actors} {
		for _, t := range list {
			tags = append(tags, claims.Tag{ID: t.ID, Name: t.Name, Family: t.Family, Kind: t.Kind, Aliases: t.Aliases})
		}
	}
	slices.SortFunc(tags, func(a, b claims.Tag) int { return cmp.Compare(a.ID, b.ID) })
	read := claims.New(claims.NewTags(tags), nil).ReadWords(words)
	f.Read = &read
	return f, nil
}

// ReadClaimForm reads the claim dialog's data in one read transaction; id
// 0 reads only the tags.
func (s *Store) ReadClaimForm(ctx context.Context, id int64) (*ClaimForm, error) {
	f := &ClaimForm{}
	err := s.readTx(ctx, func(v view) error {
		tags, err := queryTags(ctx, v.db, `SELECT `+tagColumns+` FROM tags t ORDER BY t.family, t.name`)
		if err != nil {
			return err
		}
		for _, t := range tags {
			if t.Family == FamilySource {
				f.Sources = append(f.Sources, t)
			} else {
				f.Actors = append(f.Actors, t)
			}
		}
		if id == 0 {
			return nil
		}
		c, err := v.claim(ctx, id)
		if err != nil {
			return err
		}
		f.Claim = &c
		if linked := append(append([]int64{}, c.SameAs...), c.Contradicts...); len(linked) > 0 {
			f.Linked, err = v.claims(ctx, ` AND c.id IN (`+joinIDs(linked)+`)`, nil)
		}
		return err
	})
	return f, err
}
