package store

import "strings"

// CheckNewTag is what creating t would refuse of its own, before the file
// is asked (a name taken is not known here): its family, kind, name, colour
// and aliases. A dialog checks it before it closes, so that what was typed
// in it is not lost to the refusal.
func CheckNewTag(t Tag) error {
	if err := validateTag(t.Family, t.Kind, strings.TrimSpace(t.Name), t.Color); err != nil {
		return err
	}
	return validateAliases(t.Aliases)
}
