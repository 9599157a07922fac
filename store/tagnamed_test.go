package store_test

import (
	"testing"

	"dossier/store"
)

// TagNamed reads a name as the search filters do: a tag's name, then an
// alias, ignoring case; else the one tag a folded or other-script form
// names; several by such forms are no answer.
func TestTagNamed(t *testing.T) {
	all := []store.Tag{
		{ID: 1, Name: "Russia", Aliases: []string{"Russian Federation"}},
		{ID: 2, Name: "Türkiye Today"},
		{ID: 3, Name: "Moscow Times", Aliases: []string{"Muller"}}, // an alias that is another's name
		{ID: 4, Name: "Muller"},
		{ID: 5, Name: "Müller"},
	}
	for _, c := range []struct {
		name       string
		id         int64
		byForm, ok bool
	}{
		{"russia", 1, false, true},
		{"RUSSIAN FEDERATION", 1, false, true},
		{"Россия", 1, true, true},
		{"turkiye today", 2, true, true},
		{"muller", 4, false, true}, // the name before the alias
		{"MÜLLER", 5, false, true},
		{"mueller", 0, false, false},
		{"", 0, false, false},
	} {
		tag, byForm, ok, found := store.TagNamed(all, c.name)
		if tag.ID != c.id || byForm != c.byForm || ok != c.ok {
			t.Errorf("TagNamed(%q) = %d, by form %v, ok %v (found %d); want %d, %v, %v", c.name, tag.ID, byForm, ok, len(found), c.id, c.byForm, c.ok)
		}
	}
	// "Muller" and "Müller" fold alike (and Moscow Times' alias): "MULLER"
	// is Muller's own name, but "Mullér" names all three by form, so none.
	if _, _, ok, found := store.TagNamed(all, "Mullér"); ok || len(found) != 3 {
		t.Errorf("Mullér: ok %v, found %d; want no answer and all three", ok, len(found))
	}
}
