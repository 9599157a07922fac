package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"dossier/store/claims"
	"dossier/store/query"
)

// The user's decisions on claims: accept, reject, edit, mark by hand, link.
// Every one is a write, refused on a read-only research file.

// ClaimEdit changes a claim's fields; a nil field is left as it is.
type ClaimEdit struct {
	Span       *Range    // the claim's words: byte offsets into the passage text
	Source     *string   // the source's name or alias; a new name becomes a source tag; never blank (ErrNoSource)
	About      *[]string // the actors' names or aliases, in order
	Stance     *claims.Stance
	Likelihood *claims.Likelihood
	Confidence *claims.Confidence
	Cue        *string // the attributing words; placed in the passage where they occur
	Note       *string
}

// ErrNoSource refuses a claim marked, or edited, without a source. A claim
// is someone's assertion; one keeps no source only when its source tag is
// deleted (the claim is kept for the words, notes and links on it).
var ErrNoSource = errors.New("a claim needs a source: who asserts it (pick a source, or type a new name)")

// AcceptClaim confirms a claim.
func (s *Store) AcceptClaim(ctx context.Context, id int64) error {
	return s.setClaimState(ctx, id, ClaimAccepted)
}

// RejectClaim rejects a claim. It is kept, so that suggesting claims again
// never brings it back.
func (s *Store) RejectClaim(ctx context.Context, id int64) error {
	return s.setClaimState(ctx, id, ClaimRejected)
}

func (s *Store) setClaimState(ctx context.Context, id int64, state string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.setClaimStateTx(ctx, tx, id, state) })
}

func (s *Store) setClaimStateTx(ctx context.Context, tx *sql.Tx, id int64, state string) error {
	r, err := tx.ExecContext(ctx, `UPDATE claims SET state = ?, updated_at = ? WHERE id = ?`, state, s.stamp(), id)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("claim %d: %w", id, ErrNotFound)
	}
	return nil
}

// EditClaim changes a claim's fields. Editing a suggested claim accepts it
// (the user has read it); a rejected one stays rejected until accepted.
func (s *Store) EditClaim(ctx context.Context, id int64, e ClaimEdit) (Claim, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := s.editClaimTx(ctx, tx, id, e)
		return err
	})
	if err != nil {
		return Claim{}, err
	}
	return s.Claim(ctx, id)
}

// editClaimTx is EditClaim in tx; it returns the source tag it created (0
// for none).
func (s *Store) editClaimTx(ctx context.Context, tx *sql.Tx, id int64, e ClaimEdit) (int64, error) {
	var text string
	err := tx.QueryRowContext(ctx, `SELECT p.text FROM claims c JOIN passages p ON p.id = c.passage_id
		WHERE c.id = ?`, id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("claim %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return 0, err
	}
	created, err := s.applyClaimEdit(ctx, tx, id, text, e)
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE claims SET state = CASE state WHEN 'suggested' THEN 'accepted' ELSE state END,
		updated_at = ? WHERE id = ?`, s.stamp(), id)
	return created, err
}

// MarkClaim marks a span of a passage as a claim by hand, accepted, with
// the fields e sets (its Span is ignored). Marking the span of a rejected
// claim brings that one back, accepted; a span that already holds a claim
// is refused.
func (s *Store) MarkClaim(ctx context.Context, passageID int64, span Range, e ClaimEdit) (Claim, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, _, err = s.markClaimTx(ctx, tx, passageID, span, e)
		return err
	})
	if err != nil {
		return Claim{}, err
	}
	return s.Claim(ctx, id)
}

// markClaimTx is MarkClaim in tx; it returns the claim and the source tag
// it created (0 for none).
func (s *Store) markClaimTx(ctx context.Context, tx *sql.Tx, passageID int64, span Range, e ClaimEdit) (id, created int64, err error) {
	var text string
	var ordinal int
	err = tx.QueryRowContext(ctx, `SELECT text, ordinal FROM passages WHERE id = ?`, passageID).Scan(&text, &ordinal)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, fmt.Errorf("passage %d: %w", passageID, ErrNotFound)
	}
	if err != nil {
		return 0, 0, err
	}
	if !checkSpan(text, span) {
		return 0, 0, fmt.Errorf("claim span [%d,%d) is not a range of characters in passage %d", span.Start, span.End, ordinal)
	}
	var state string
	err = tx.QueryRowContext(ctx, `SELECT id, state FROM claims WHERE passage_id = ? AND span_start = ? AND span_end = ?
		ORDER BY state = 'rejected' LIMIT 1`, passageID, span.Start, span.End).Scan(&id, &state)
	switch {
	case err == nil && state != ClaimRejected:
		return 0, 0, fmt.Errorf("those words of passage %d are already a claim (claim %d)", ordinal, id)
	case err == nil:
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET state = 'accepted', updated_at = ? WHERE id = ?`, s.stamp(), id); err != nil {
			return 0, 0, err
		}
	case errors.Is(err, sql.ErrNoRows):
		t := s.stamp()
		r, err := tx.ExecContext(ctx, `INSERT INTO claims (passage_id, span_start, span_end, state, origin, created_at, updated_at)
			VALUES (?, ?, ?, 'accepted', 'manual', ?, ?)`, passageID, span.Start, span.End, t, t)
		if err != nil {
			return 0, 0, err
		}
		id, _ = r.LastInsertId()
	default:
		return 0, 0, err
	}
	e.Span = nil
	if created, err = s.applyClaimEdit(ctx, tx, id, text, e); err != nil {
		return 0, 0, err
	}
	var sourced bool
	if err := tx.QueryRowContext(ctx, `SELECT source_id IS NOT NULL FROM claims WHERE id = ?`, id).Scan(&sourced); err != nil {
		return 0, 0, err
	}
	if !sourced {
		return 0, 0, ErrNoSource
	}
	return id, created, nil
}

// applyClaimEdit writes e's fields to claim id, whose passage text is text;
// it returns the source tag it created (0 for none).
func (s *Store) applyClaimEdit(ctx context.Context, tx *sql.Tx, id int64, text string, e ClaimEdit) (created int64, err error) {
	set := func(col string, v any) error {
		_, err := tx.ExecContext(ctx, `UPDATE claims SET `+col+` = ? WHERE id = ?`, v, id)
		return err
	}
	if e.Span != nil {
		if !checkSpan(text, *e.Span) {
			return 0, fmt.Errorf("claim span [%d,%d) is not a range of characters in its passage", e.Span.Start, e.Span.End)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET span_start = ?, span_end = ? WHERE id = ?`, e.Span.Start, e.Span.End, id); err != nil {
			return 0, err
		}
	}
	if e.Source != nil {
		name := strings.TrimSpace(*e.Source)
		if name == "" {
			return 0, ErrNoSource
		}
		if err := validateTag(FamilySource, "other", name, ""); err != nil {
			return 0, err
		}
		tagID, isNew, err := claimSource(ctx, tx, claims.Source{Name: name, New: true}, s.now())
		if err != nil {
			return 0, err
		}
		if isNew {
			created = tagID
			if err := suggestTx(ctx, tx, []int64{tagID}, nil, s.now()); err != nil {
				return 0, err
			}
		}
		if err := set("source_id", tagID); err != nil {
			return 0, err
		}
	}
	if e.About != nil {
		var ids []int64
		for _, name := range *e.About {
			found, err := tagIDsNamed(ctx, tx, FamilyActor, name, 0)
			if err != nil {
				return 0, err
			}
			if len(found) == 0 {
				return 0, notFound(fmt.Sprintf("No actor is called “%s”.", strings.TrimSpace(name)))
			}
			ids = append(ids, found[0])
		}
		if err := setClaimActors(ctx, tx, id, ids); err != nil {
			return 0, err
		}
	}
	if e.Stance != nil {
		if *e.Stance != claims.Asserts && *e.Stance != claims.Denies {
			return 0, fmt.Errorf("unknown stance %d", *e.Stance)
		}
		if err := set("stance", e.Stance.String()); err != nil {
			return 0, err
		}
	}
	if e.Likelihood != nil {
		if *e.Likelihood < claims.NotStated || *e.Likelihood > claims.AlmostCertain {
			return 0, fmt.Errorf("unknown likelihood %d", *e.Likelihood)
		}
		if err := set("likelihood", int(*e.Likelihood)); err != nil {
			return 0, err
		}
	}
	if e.Confidence != nil {
		if *e.Confidence < claims.NoConfidence || *e.Confidence > claims.High {
			return 0, fmt.Errorf("unknown confidence %d", *e.Confidence)
		}
		if err := set("confidence", int(*e.Confidence)); err != nil {
			return 0, err
		}
	}
	if e.Cue != nil {
		cue := strings.TrimSpace(*e.Cue)
		var start, end any // where the words are, if they are in the passage
		if i := strings.Index(text, cue); cue != "" && i >= 0 {
			start, end = i, i+len(cue)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET cue = ?, cue_start = ?, cue_end = ? WHERE id = ?`, cue, start, end, id); err != nil {
			return 0, err
		}
	}
	if e.Note != nil {
		if err := set("note", *e.Note); err != nil {
			return 0, err
		}
	}
	return created, nil
}

// LinkClaims links two claims as the same assertion (LinkSame) or as
// contradicting each other (LinkContradicts). A pair has one link: linking
// it again changes its kind.
func (s *Store) LinkClaims(ctx context.Context, a, b int64, kind string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.linkClaimsTx(ctx, tx, a, b, kind) })
}

func (s *Store) linkClaimsTx(ctx context.Context, tx *sql.Tx, a, b int64, kind string) error {
	if kind != LinkSame && kind != LinkContradicts {
		return fmt.Errorf("unknown claim link %q (use %s or %s)", query.Clip(kind), LinkSame, LinkContradicts)
	}
	if a == b {
		return errors.New("a claim cannot be linked to itself")
	}
	a, b = min(a, b), max(a, b)
	// A link given another kind is dated anew: an older bundle's copy of
	// it set the kind back (a hostile pass).
	_, err := tx.ExecContext(ctx, `INSERT INTO claim_links (claim_a, claim_b, kind, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (claim_a, claim_b) DO UPDATE SET kind = excluded.kind,
			created_at = CASE WHEN kind = excluded.kind THEN created_at ELSE excluded.created_at END`, a, b, kind, s.stamp())
	if err != nil {
		return friendlyFK(err, "claim")
	}
	return forgetClaimLinkRemoval(ctx, tx, a, b)
}

// UnlinkClaims removes the link between two claims, if any.
func (s *Store) UnlinkClaims(ctx context.Context, a, b int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.unlinkClaimsTx(ctx, tx, a, b) })
}

// unlinkClaimsTx removes the link, remembering when: an older bundle's copy
// of it then stays off.
func (s *Store) unlinkClaimsTx(ctx context.Context, tx *sql.Tx, a, b int64) error {
	r, err := tx.ExecContext(ctx, `DELETE FROM claim_links WHERE claim_a = ? AND claim_b = ?`, min(a, b), max(a, b))
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return nil
	}
	return rememberClaimLinkRemoval(ctx, tx, a, b, s.now())
}
