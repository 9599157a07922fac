package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"dossier/store/query"
)

// DecideClaim sets a claim's state — ClaimAccepted or ClaimRejected, or
// ClaimSuggested to take a decision back — and returns the state it had
// before, so that the window can undo it with DecideClaim(id, before).
func (s *Store) DecideClaim(ctx context.Context, id int64, state string) (before string, err error) {
	switch state {
	case ClaimSuggested, ClaimAccepted, ClaimRejected:
	default:
		return "", fmt.Errorf("unknown claim state %q (use suggested, accepted or rejected)", query.Clip(state))
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT state FROM claims WHERE id = ?`, id).Scan(&before)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("claim %d: %w", id, ErrNotFound)
		}
		if err != nil || before == state {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE claims SET state = ?, updated_at = ? WHERE id = ?`, state, s.stamp(), id)
		return err
	})
	return before, err
}
