package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
)

// fileIDKey names the research file's identity in meta: random, written
// once when a writable store first opens the file, never changed. Copies
// of the file (backups, restores) carry it along with meta; a recovered
// file, its pages laid out anew, keeps the one it was given (Recover).
//
// It tells a research file's own -wal from another research file's left
// at its name (a sync tool, a copy, a reused name): SQLite replays any
// -wal that is whole, and another Dossier file's at the same schema
// version passed every other check (marks, quick_check), so opening
// folded it in, its pages over the file's own (a hostile pass). Every
// change the store writes stamps the page of meta that holds it
// (stampconn.go), so every -wal the store leaves names its file.
const fileIDKey = "file_id"

// ensureFileID gives the file an identity if it has none (made before
// the key existed, or new). Its error is not the open's (openWritable).
func ensureFileID(ctx context.Context, db *sql.DB) error {
	if _, ok, err := getMeta(ctx, db, fileIDKey); err != nil || ok {
		return err
	}
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand)
	_, err := db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`, fileIDKey, hex.EncodeToString(b))
	return err
}

// fileIDOf is the identity db reads: "" when it has none; ok false when
// it cannot be read.
func fileIDOf(db *sql.DB) (id string, ok bool) {
	id, _, err := getMeta(context.Background(), db, fileIDKey)
	return id, err == nil
}
