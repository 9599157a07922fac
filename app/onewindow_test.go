package app

import (
	"fmt"
	"slices"
	"testing"
)

// serpentine visits every pair of outer and inner values, the outer
// (a text size) changed as seldom as possible: each text size change makes
// Fyne shape every string again, most of a window test's time. The inner
// values (window or screen sizes) run back and forth, so each outer step
// happens at an unchanged inner value and each inner step at an unchanged
// outer one: both kinds of change still come alone, as they did when the
// loops were the other way round.
func serpentine[O, I any](outer []O, inner []I, visit func(O, I)) {
	for n, o := range outer {
		for k := range inner {
			if n%2 == 1 {
				k = len(inner) - 1 - k
			}
			visit(o, inner[k])
		}
	}
}

// closeDialogs closes every dialog as the user would (so the window's
// dialog stack forgets them too), and then any other overlay: the cases of
// a test that share one window each leave it as they found it.
func (u *testUI) closeDialogs() {
	u.closeDialogsAbove(0)
	u.do(func() { closeOverlays(u.w) })
}

// closeDialogsAbove closes, as the user would, the dialogs shown over the
// first n.
func (u *testUI) closeDialogsAbove(n int) {
	u.do(func() {
		for k := len(u.dialogs.open); k > n; k = len(u.dialogs.open) {
			u.dialogs.open[k-1].d.Hide()
			if len(u.dialogs.open) == k { // not closed: no more to do here
				break
			}
		}
	})
}

// openDialogNames names the dialogs open, the top one last.
func (u *testUI) openDialogNames() []string {
	var names []string
	for _, o := range u.dialogs.open {
		names = append(names, o.name)
	}
	return names
}

func TestSerpentineVisitsEveryPairChangingOneValueAtATime(t *testing.T) {
	var got []string
	serpentine([]int{1, 2, 3}, []string{"a", "b"}, func(o int, i string) { got = append(got, fmt.Sprint(o, i)) })
	if want := []string{"1a", "1b", "2b", "2a", "3a", "3b"}; !slices.Equal(got, want) {
		t.Errorf("visited %v, want %v", got, want)
	}
}
