package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/wording"
	"dossier/store/ingest"
	"dossier/store/query"
)

// DocumentDetails are what a document's citations name: its title, author,
// source, date and address. An import reads them where the file says them
// (HTML meta tags, Markdown front matter); a researcher fills in the rest
// by hand — the Mueller report came in with none but a title, and its
// citations could not be printed (a researcher's pass).
type DocumentDetails struct {
	Title, Author, Source, Published, URL string
}

// Details is the document's details.
func (d Document) Details() DocumentDetails {
	return DocumentDetails{Title: d.Title, Author: d.Author, Source: d.Source, Published: d.Published, URL: d.URL}
}

// tidy is the details as stored: each on one line, spaces collapsed, and
// without control characters, as an import leaves them: a NUL or an
// escape typed or pasted here went into every citation, the Markdown
// export and the CSV (a hostile data pass).
func (d DocumentDetails) tidy() DocumentDetails {
	one := func(s string) string {
		if !utf8.ValidString(s) {
			return s // check refuses it; Map would make the bytes U+FFFD
		}
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && !unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
		return strings.Join(strings.Fields(s), " ")
	}
	return DocumentDetails{Title: one(d.Title), Author: one(d.Author), Source: one(d.Source), Published: one(d.Published), URL: one(d.URL)}
}

// Refused says why details as typed would be refused (nil if they would
// not): a dialog asks before it closes, and keeps what was typed.
func (d DocumentDetails) Refused() error { return d.tidy().check() }

// check refuses details a document cannot have, naming the field.
func (d DocumentDetails) check() error {
	// A title of invisible characters alone (U+200B) is no title: the
	// library row and the citations showed nothing.
	if wording.Blank(d.Title) {
		return errors.New("a document needs a title")
	}
	for _, f := range []struct{ name, value string }{
		{"title", d.Title}, {"author", d.Author}, {"source", d.Source}, {"date", d.Published}, {"address", d.URL},
	} {
		if !utf8.ValidString(f.value) {
			return fmt.Errorf("the %s must be text: it holds bytes that are not UTF-8", f.name)
		}
		limit := maxTitle
		if f.name == "address" {
			// An import keeps an address of up to ingest.MaxURLLen bytes;
			// one of 720 was refused here, so that no other detail of its
			// document could be saved without cutting it (a hostile data
			// pass).
			limit = ingest.MaxURLLen
		}
		if n := utf8.RuneCountInString(f.value); n > limit {
			return fmt.Errorf("the %s is at most %d characters (this one has %d)", f.name, limit, n)
		}
	}
	return nil
}

// SetDocumentDetails gives a document new details, each on one line, and
// returns the old ones (for undo, which puts them back with
// PutDocumentDetails).
func (s *Store) SetDocumentDetails(ctx context.Context, id int64, d DocumentDetails) (old DocumentDetails, err error) {
	return s.setDocumentDetails(ctx, id, nil, d)
}

// EditDocumentDetails is SetDocumentDetails from a form that showed was:
// a detail left as was keeps what the document has now. The dialog wrote
// all five back as it had shown them, so a date another window had filled
// in meanwhile was put back to empty when the author was saved here (a
// hostile data pass).
func (s *Store) EditDocumentDetails(ctx context.Context, id int64, was, d DocumentDetails) (old DocumentDetails, err error) {
	return s.setDocumentDetails(ctx, id, &was, d)
}

func (s *Store) setDocumentDetails(ctx context.Context, id int64, was *DocumentDetails, d DocumentDetails) (old DocumentDetails, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return old, s.fileErr(err)
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `SELECT title, author, source, published, url FROM documents WHERE id = ?`, id).
		Scan(&old.Title, &old.Author, &old.Source, &old.Published, &old.URL)
	if errors.Is(err, sql.ErrNoRows) {
		return old, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return old, s.fileErr(err)
	}
	raw := d
	d = d.tidy()
	if was != nil {
		// Left as shown: as the file has it now, exactly (not tidied).
		for _, f := range []struct{ d, raw, was, now *string }{
			{&d.Title, &raw.Title, &was.Title, &old.Title}, {&d.Author, &raw.Author, &was.Author, &old.Author},
			{&d.Source, &raw.Source, &was.Source, &old.Source}, {&d.Published, &raw.Published, &was.Published, &old.Published},
			{&d.URL, &raw.URL, &was.URL, &old.URL},
		} {
			if *f.raw == *f.was {
				*f.d = *f.now
			}
		}
	}
	if err := d.check(); err != nil {
		return old, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET title = ?, author = ?, source = ?, published = ?, url = ? WHERE id = ?`,
		d.Title, d.Author, d.Source, d.Published, d.URL, id); err != nil {
		return old, s.fileErr(err)
	}
	if err := retitled(ctx, tx, id, old.Title, d.Title); err != nil {
		return old, s.fileErr(err)
	}
	return old, s.fileErr(tx.Commit())
}

// PutDocumentDetails puts back details exactly (undoing or redoing an
// edit) over the details that edit left, over. Details changed since (in
// another window on the file, by the command line's rename) are refused
// with ErrChangedSince, changing nothing: the undo wrote over them without
// a word (a hostile data pass).
func (s *Store) PutDocumentDetails(ctx context.Context, id int64, d, over DocumentDetails) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fileErr(err)
	}
	defer tx.Rollback()
	var now DocumentDetails
	err = tx.QueryRowContext(ctx, `SELECT title, author, source, published, url FROM documents WHERE id = ?`, id).
		Scan(&now.Title, &now.Author, &now.Source, &now.Published, &now.URL)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return s.fileErr(err)
	}
	if now != over {
		return fmt.Errorf("cannot put the details of “%s” back as they were: %w; it is left as it is now", query.Clip(now.Title), ErrChangedSince)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET title = ?, author = ?, source = ?, published = ?, url = ? WHERE id = ?`,
		d.Title, d.Author, d.Source, d.Published, d.URL, id); err != nil {
		return s.fileErr(err)
	}
	if err := retitled(ctx, tx, id, now.Title, d.Title); err != nil {
		return s.fileErr(err)
	}
	return s.fileErr(tx.Commit())
}
