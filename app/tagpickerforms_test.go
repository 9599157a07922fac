package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// The tag picker finds the gazetteer's "Russia" when "Россия" is typed, says
// what it found it by, and tags the passage with it on Enter: it offered
// only "Create “Россия”…" (rs10's L3). No alias is added to the tag.
func TestTagPickerFindsAStateByItsNameInAnotherScript(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "putin directed", 1)
	u.do(u.menuItem(t, "Edit", "Tag passage…").Action)
	d := u.dialog(t, "Tag with an actor or source")
	entry := findAll[*fieldEntry](d)[0]
	list := &findAll[*dialogList](d)[0].List
	u.do(func() { test.Type(entry, "Россия") })
	if list.Length() == 0 {
		t.Fatal("the tag picker lists nothing for Россия")
	}
	row := list.CreateItem()
	u.do(func() { list.UpdateItem(0, row) })
	if got, want := row.(*bidiLabel).plain.(*widget.Label).Text, "Russia — actor state / government (as “Россия”)"; got != want {
		t.Errorf("first row %q, want %q", got, want)
	}
	u.do(func() { entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	if got := u.status.message.Text; got != "Tagged with “Russia”." {
		t.Errorf("status %q", got)
	}
	st, _ := u.store()
	russia, err := st.FindTag(context.Background(), store.FamilyActor, "Russia")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.Join(russia.Aliases, ","), "Россия") {
		t.Errorf("Russia's aliases are now %q: the picker added one", russia.Aliases)
	}
	if russia.Accepted == 0 {
		t.Error("Russia tags no passage after the pick")
	}
}
