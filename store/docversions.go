package store

import (
	"context"
	"database/sql"
	"errors"
)

// A document's version (Document.Version, migration 0018) is its number
// among the documents of its title, given once: at import, the next of its
// title; renamed into another title, the next of that one, or the number
// it had there before (an undo of the rename). A number is never given
// again to another document of the title, its document deleted or renamed
// away: title_versions keeps the highest each title gave. Numbered by
// their place among the documents standing, deleting v2 made v3 read
// "v2", the deleted one's label, and renaming v1 away renumbered the rest
// (a UI pass): a "v3" in a note named another document.

// nextVersion is the next version of title, taken: one more than the
// highest it gave, or than its documents hold (rows written by another
// program, or by recover, may have outrun the count).
// Numbers past maxCountedVersion (only another program writes them) are
// not counted from: one more than SQLite's largest integer is a float, and
// no import or rename into the title could be numbered.
func nextVersion(ctx context.Context, tx *sql.Tx, title string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `INSERT INTO title_versions (title, last)
		VALUES (?1, (SELECT coalesce(max(version), 0) FROM documents WHERE title = ?1 AND version <= ?2) + 1)
		ON CONFLICT (title) DO UPDATE SET last = max(iif(last <= ?2, last, 0),
			(SELECT coalesce(max(version), 0) FROM documents WHERE title = ?1 AND version <= ?2)) + 1
		RETURNING last`, title, maxCountedVersion).Scan(&n)
	return n, err
}

// maxCountedVersion is beyond any number a title's imports reach.
const maxCountedVersion = 1 << 53

// retitled gives document id, whose title was old and is now title, its
// version under title: the one it had there before, if no other document
// of the title holds it, or the next. Its version under old is kept for
// its return. Called after the title is written; a title left as it was
// keeps its number.
func retitled(ctx context.Context, tx *sql.Tx, id int64, old, title string) error {
	if old == title {
		return nil
	}
	var was int
	if err := tx.QueryRowContext(ctx, `SELECT version FROM documents WHERE id = ?`, id).Scan(&was); err != nil {
		return err
	}
	if was > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_former_versions (document_id, title, version) VALUES (?, ?, ?)
			ON CONFLICT (document_id, title) DO UPDATE SET version = excluded.version`, id, old, was); err != nil {
			return err
		}
	}
	// Its number under old is not one of title's (the next is counted
	// from the documents of title, which it is one of now).
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET version = 0 WHERE id = ?`, id); err != nil {
		return err
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT f.version FROM document_former_versions f WHERE f.document_id = ?1 AND f.title = ?2
		AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.title = ?2 AND d.version = f.version AND d.id <> ?1)`, id, title).Scan(&n)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if n, err = nextVersion(ctx, tx, title); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		if _, err := tx.ExecContext(ctx, `DELETE FROM document_former_versions WHERE document_id = ? AND title = ?`, id, title); err != nil {
			return err
		}
		// Its title's highest stays at least its number.
		if _, err := tx.ExecContext(ctx, `INSERT INTO title_versions (title, last) VALUES (?1, ?2)
			ON CONFLICT (title) DO UPDATE SET last = max(last, ?2)`, title, n); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE documents SET version = ? WHERE id = ?`, n, id)
	return err
}

// numberUnversioned numbers anew, each the next of its title, by import
// time, then id, the documents whose version another document of their
// title has too, the later imported of them, and any without one: a
// document salvaged by recover lost the columns stored after its text,
// and reads the column's default (another program may write rows so too).
func numberUnversioned(ctx context.Context, tx *sql.Tx) error {
	type doc struct {
		id    int64
		title string
	}
	docs, err := queryAll(ctx, tx, func(row scanner) (d doc, err error) { return d, row.Scan(&d.id, &d.title) },
		`SELECT id, title FROM documents d WHERE version < 1 OR EXISTS (SELECT 1 FROM documents o WHERE o.title = d.title AND o.version = d.version
			AND (o.imported_at < d.imported_at OR o.imported_at = d.imported_at AND o.id < d.id)) ORDER BY imported_at, id`)
	if err != nil {
		return err
	}
	// Every title's highest at least its documents' (title_versions lost).
	if _, err := tx.ExecContext(ctx, `INSERT INTO title_versions (title, last) SELECT title, max(version) FROM documents WHERE true GROUP BY title
		ON CONFLICT (title) DO UPDATE SET last = max(last, excluded.last)`); err != nil {
		return err
	}
	for _, d := range docs {
		n, err := nextVersion(ctx, tx, d.title)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET version = ? WHERE id = ?`, n, d.id); err != nil {
			return err
		}
	}
	return nil
}

// adoptVersions gives the documents an annotation bundle names the
// versions it gives them (the file it came from numbered them), so that a
// "v3" written in its notes names the same document here: where the
// document has the bundle's title here, and its number there is one this
// file's title never gave (above its highest), so that it names no other
// document that had it here. The number it had here is not given again.
// A file holding the same documents, imported anew, takes the numbers of
// the file it came from; one that numbered them otherwise keeps its own.
func adoptVersions(ctx context.Context, tx *sql.Tx, docs []BundleDocument) error {
	seen := map[string]map[int]int{} // title → version → how many the bundle gives it
	for _, d := range docs {
		if seen[d.Title] == nil {
			seen[d.Title] = map[int]int{}
		}
		seen[d.Title][d.Version]++
	}
	lasts := map[string]int{} // each title's highest before the restore
	for _, d := range docs {
		if d.Version < 1 || d.Version > maxAdoptedVersion || seen[d.Title][d.Version] > 1 {
			continue
		}
		last, ok := lasts[d.Title]
		if !ok {
			err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT last FROM title_versions WHERE title = ?1), 0),
				(SELECT coalesce(max(version), 0) FROM documents WHERE title = ?1))`, d.Title).Scan(&last)
			if err != nil {
				return err
			}
			lasts[d.Title] = last
		}
		if d.Version <= last {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET version = ? WHERE content_hash = ? AND title = ?`, d.Version, d.Hash, d.Title); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO title_versions (title, last) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM documents WHERE content_hash = ?3 AND title = ?1)
			ON CONFLICT (title) DO UPDATE SET last = max(last, ?2)`, d.Title, d.Version, d.Hash); err != nil {
			return err
		}
	}
	return nil
}

// maxAdoptedVersion bounds the numbers a bundle gives: a number near
// SQLite's largest would leave its title no next one.
const maxAdoptedVersion = 1 << 20
