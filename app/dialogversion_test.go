package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// The tag picker of a passage in one of the documents of one title said
// "¶ 1 of “Russian interference …”", the same for v1, v2 and v3 (ui19's
// pass): it starts with the version now, "v2 · ¶ 1 of “…”", as the hits'
// places do (the title is cut at the dialog's edge, the version is not).
func TestATagPickerSaysWhichVersion(t *testing.T) {
	u := newTestUI(t)
	importTwoMoreOfTheSeedsTitle(t, u)
	u.work.wait()
	for _, d := range u.library.docs {
		v, ok := u.library.versions[d.ID]
		if !ok {
			t.Fatalf("%q has no version", d.Title)
		}
		ps, err := u.CurrentStore().Passages(t.Context(), d.ID)
		if err != nil || len(ps) == 0 {
			t.Fatalf("%d passages, %v", len(ps), err)
		}
		p := ps[0]
		u.do(func() { u.tagPickerDialog(nil, p, d) })
		var info string
		u.do(func() {
			for _, l := range findAll[*bidiLabel](u.dialog(t, "Tag with an actor or source")) {
				if s := l.plain.(*widget.Label).Text; strings.Contains(s, " of “") {
					info = s
				}
			}
		})
		u.tapDialogButton(t, "Tag with an actor or source", "Cancel")
		if want := v.label() + " · ¶ 1 of “"; !strings.HasPrefix(info, want) {
			t.Errorf("the picker of ¶ 1 of %s says %q; want it to start %q", v.label(), info, want)
		}
	}
}
