package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"dossier/store/query"
)

// lineBreaks are the characters that start a new line where a name is shown.
const lineBreaks = "\n\r\v\f\u0085\u2028\u2029"

// errTagNameLineBreak: a tag's name holds a line break. A tag that already
// has such a name (from a bundle, before names were checked) can still be
// edited without renaming it.
var errTagNameLineBreak = errors.New("a tag's name cannot hold a line break")

// errTagNameInvisible: a tag's name holds only invisible characters (a
// zero-width space, direction marks), as a pasted document title may
// (3474871): restored from a bundle, it was a blank row among the actors.
// A tag that already has one can still be edited without renaming it.
var errTagNameInvisible = errors.New("a tag needs a name that shows: this one holds only invisible characters")

// validateAliases holds aliases to the limits of tag names: at most
// maxTagNameSize bytes and one line. Blank ones are left out when stored,
// so they pass.
func validateAliases(aliases []string) error {
	for _, a := range aliases {
		if err := validateAlias(a); err != nil {
			return err
		}
	}
	return nil
}

func validateAlias(a string) error {
	a = strings.TrimSpace(a)
	if len(a) > maxTagNameSize {
		return fmt.Errorf("alias %q: aliases are at most %d bytes, as tag names are (this one has %d)", query.Clip(a), maxTagNameSize, len(a))
	}
	if strings.ContainsAny(a, lineBreaks) {
		return fmt.Errorf("alias %q: an alias cannot hold a line break", query.Clip(a))
	}
	return nil
}

// validateNewAliases is validateAliases for a tag's edited aliases: those
// it already has pass (a file may hold longer ones, stored before aliases
// were checked), the others are checked.
func validateNewAliases(ctx context.Context, tx *sql.Tx, tagID int64, aliases []string) error {
	for _, a := range aliases {
		if validateAlias(a) == nil {
			continue
		}
		var held bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tag_aliases WHERE tag_id = ? AND alias = ?)`,
			tagID, strings.TrimSpace(a)).Scan(&held); err != nil {
			return err
		}
		if !held {
			return validateAlias(a)
		}
	}
	return nil
}
