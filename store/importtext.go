package store

import (
	"context"
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
	if s.ReadOnly() {
		return ImportResult{}, s.readOnlyErr()
	}
	title, source = wording.OneLine(title), wording.OneLine(source)
	if title == "" {
		return ImportResult{}, errors.New("give the new document a title")
	}
	if strings.TrimSpace(text) == "" {
		return ImportResult{}, ErrNothingToPaste
	}
	doc, err := ingest.Parse(pastedName, []byte(text))
	if err != nil {
		var ie *ingest.Error
		if errors.As(err, &ie) {
			return ImportResult{}, fmt.Errorf("the pasted text cannot be imported: %s", ie.Reason)
		}
		return ImportResult{}, err
	}
	doc.Title, doc.FileName = title, ""
	if source != "" {
		doc.Source = source
	}
	if err := s.refuseIfDamaged(ctx); err != nil {
		return ImportResult{}, err
	}
	res, err := s.ImportDocument(ctx, doc)
	if err == nil && !res.AlreadyPresent {
		s.afterImport(ctx, res.Passages)
	}
	return res, err
}
