package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"dossier/internal/wording"
	"dossier/store/ingest"
)

// ErrNothingToPaste is ImportText's refusal of text that is empty or only
// white space (an empty clipboard).
var ErrNothingToPaste = errors.New("there is no text to import: the clipboard is empty or holds only white space")

// pastedName is the file name pasted text is parsed under: a text file's,
// so that its segmentation and checks are exactly those of an imported .txt.
const pastedName = "pasted.txt"

// ImportText stores text copied from elsewhere (a browser, a viewer) as a
// new document, through the same parser and import as a text file. title is
// required; source (say "copied from nytimes.com") is optional and becomes
// the document's source. The document has no file name. Text already in the
// library is reported as present, as for a file.
func (s *Store) ImportText(ctx context.Context, title, source, text string) (ImportResult, error) {
	res, _, err := s.importText(ctx, title, source, text, false)
	return res, err
}

// ImportTextNoted is ImportText for the window, whose new document is then
// read for claims: a note that claims are being found in it is written in
// the document's own transaction, and handed back for the caller to end
// with Done once they are found, or Leave when the window's end stopped
// it, as ImportFilesNoted's is. A kill meanwhile left the pasted document
// without claims, and nothing said so (data16's report). The note is nil
// when none was written (the text was present already, or not stored).
func (s *Store) ImportTextNoted(ctx context.Context, title, source, text string) (ImportResult, *ImportNote, error) {
	return s.importText(ctx, title, source, text, true)
}

func (s *Store) importText(ctx context.Context, title, source, text string, noted bool) (ImportResult, *ImportNote, error) {
	if s.ReadOnly() {
		return ImportResult{}, nil, s.readOnlyErr()
	}
	title, source = wording.OneLine(title), wording.OneLine(source)
	// A title of invisible characters alone (U+200B) is none: the library
	// showed a blank row. A source so is none too.
	if wording.Blank(source) {
		source = ""
	}
	if wording.Blank(title) {
		return ImportResult{}, nil, errors.New("give the new document a title")
	}
	if strings.TrimSpace(text) == "" {
		return ImportResult{}, nil, ErrNothingToPaste
	}
	doc, err := ingest.Parse(pastedName, []byte(text))
	if err != nil {
		var ie *ingest.Error
		if errors.As(err, &ie) {
			return ImportResult{}, nil, fmt.Errorf("the pasted text cannot be imported: %s", ie.Reason)
		}
		return ImportResult{}, nil, err
	}
	doc.Title, doc.FileName = title, ""
	if source != "" {
		doc.Source = source
	}
	if err := s.refuseIfDamaged(ctx); err != nil {
		return ImportResult{}, nil, err
	}
	var note *ImportNote
	var withDocument func(context.Context, *sql.Tx)
	if noted {
		note = s.newNote(UnfinishedImport{Files: 1, FindsClaims: true, FilesDone: true, Pasted: wording.Brief(title, 200)}) // a typed title may be as long as the text
		withDocument = func(ctx context.Context, tx *sql.Tx) {
			// Best effort, as every note: a paste is not refused for it.
			if note != nil && setMeta(bookkeeping(ctx), tx, note.key, note.value) != nil {
				ownNotes.Delete(note.value)
				note = nil
			}
		}
	}
	res, err := s.importOneWith(ctx, doc, anyEarlier, withDocument)
	if err != nil || res.AlreadyPresent {
		note.forget() // not written: rolled back, or never
		return res, nil, err
	}
	s.afterImport(ctx, res.Passages)
	return res, note, nil
}
