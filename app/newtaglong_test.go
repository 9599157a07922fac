package app

import (
	"context"
	"strings"
	"testing"
)

// A name longer than a tag's may be (200 bytes) passed New actor or
// source's check: the dialog closed, then the store said "Tag names are at
// most 200 bytes", and the aliases and description typed were gone (ui19's
// pass). The dialog now says so and stays open on them; an alias too long
// as well.
func TestNewTagTooLongKeepsTheDialog(t *testing.T) {
	for _, c := range []struct{ name, aliases, want string }{
		{strings.Repeat("Internet Research Agency ", 12), "IRA", "at most 200 bytes"},
		{"Internet Research Agency", "IRA, " + strings.Repeat("Agentstvo ", 30), "aliases are at most 200 bytes"},
	} {
		u := newTestUI(t)
		actors := func() int {
			tags, err := u.CurrentStore().Tags(context.Background(), "actor")
			if err != nil {
				t.Fatal(err)
			}
			return len(tags)
		}
		before := actors()
		u.do(func() { u.showNewTagDialog("", nil) })
		fields := findAll[*fieldEntry](u.dialog(t, "New actor or source"))
		u.do(func() {
			fields[0].SetText(c.name)
			fields[1].SetText(c.aliases)
			fields[2].SetText("Troll farm in Saint Petersburg")
		})
		u.tapDialogButton(t, "New actor or source", "Create")
		u.work.wait()
		if got := overlayTexts(u.w); !strings.Contains(got, "New actor or source") || !strings.Contains(got, c.want) {
			t.Errorf("dialogs say %q; want New actor or source still open, saying %q", got, c.want)
		}
		if fields[2].Text != "Troll farm in Saint Petersburg" {
			t.Errorf("the description reads %q", fields[2].Text)
		}
		if n := actors(); n != before {
			t.Errorf("%d actors; want %d", n, before)
		}
	}
}
