package store

import "context"

// SQLiteVersion is the version of the SQLite engine linked into Dossier
// (shown in Help → About).
func (s *Store) SQLiteVersion(ctx context.Context) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v)
	return v, err
}
