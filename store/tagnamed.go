package store

// TagNamed is the tag a name typed for one tag names among all, read as
// the search filters read it (filterTags): the tag whose name, else an
// alias, it is, ignoring case; else the one tag it names by another form
// (namedByForm: "Россия" is Russia, "turkiye" Türkiye), byForm then true.
// ok is false when it names none, or several only by other forms (found
// lists those). Nothing is written: the user's tags keep their aliases.
func TagNamed(all []Tag, name string) (tag Tag, byForm, ok bool, found []Tag) {
	want := foldName(name)
	if want == "" {
		return Tag{}, false, false, nil
	}
	for _, t := range all {
		if foldName(t.Name) == want {
			return t, false, true, nil
		}
	}
	for _, t := range all {
		for _, a := range t.Aliases {
			if foldName(a) == want {
				return t, false, true, nil
			}
		}
	}
	switch found = namedByForm(all, name); len(found) {
	case 1:
		return found[0], true, true, found
	default:
		return Tag{}, false, false, found
	}
}
