package store

import "context"

// SnapshotTags captures tags with their aliases and taggings, for undoing an
// edit made afterwards with Restore.
func (s *Store) SnapshotTags(ctx context.Context, ids ...int64) (*TagSnapshot, error) {
	return s.snapshot(ctx, s.db, ids...)
}
