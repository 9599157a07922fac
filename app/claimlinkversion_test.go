package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// The claim link picker's line under each claim, " — ¶ 4 of “…”", named
// no version, the same for every document of one title (ui20's pass): it
// starts with the version as the tag picker's does.
func TestTheClaimLinkPickerSaysWhichVersion(t *testing.T) {
	u := newTestUI(t)
	importTwoMoreOfTheSeedsTitle(t, u)
	u.work.wait()
	all, err := u.CurrentStore().Claims(t.Context(), store.ClaimQuery{})
	if err != nil || len(all) < 2 {
		t.Fatalf("%d claims, %v", len(all), err)
	}
	u.do(func() { u.claimLinkPicker(all[0], all, nil) })
	d := u.dialog(t, "Link claim")
	list := &findAll[*dialogList](d)[0].List
	row := list.CreateItem()
	u.do(func() { list.UpdateItem(0, row) })
	other := all[1]
	v, ok := u.library.versions[other.DocumentID]
	if !ok {
		t.Fatalf("the claim's document %d has no version", other.DocumentID)
	}
	line := findAll[*bidiLabel](row)[0].plain.(*widget.Label).Text
	if want := fmt.Sprintf(" — %s · ¶ %d of “", v.label(), other.Ordinal); !strings.Contains(line, want) {
		t.Errorf("the first claim offered reads %q; want it to hold %q", line, want)
	}
}
