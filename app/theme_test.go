package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// contextWindow runs functions with a (pretend) OpenGL context current, as
// Fyne's desktop window does; current says when.
type contextWindow struct {
	fyne.Window
	current bool
}

func (w *contextWindow) RunWithContext(f func()) {
	w.current = true
	defer func() { w.current = false }()
	f()
}

// A theme or text size change makes Fyne drop its cached text textures and
// delete them from OpenGL; with no context current the deletes did nothing
// and every change leaked the text drawn in the past minute (RSS 320 ->
// 980 MB in 12 minutes of use). The theme is installed with the window's
// context current.
func TestThemeChangesHappenWithTheGLContextCurrent(t *testing.T) {
	a := newSerialApp(t)
	w := &contextWindow{Window: test.NewTempWindow(t, nil)}
	u := newTestUIIn(t, a, w)

	var in, out int
	a.Settings().AddListener(func(fyne.Settings) {
		if w.current {
			in++
		} else {
			out++
		}
	})
	u.do(func() { u.setTheme(themeDark) })
	u.do(func() { u.setTheme(themeLight) })
	u.do(func() { u.setTextScale(1.5) })
	u.do(func() { u.setTextScale(defaultTextScale) })
	if in != 4 || out != 0 {
		t.Errorf("theme applied %d times with the GL context current and %d without, want 4 and 0", in, out)
	}
}

// Choosing the theme already set (View → Theme → Light while light) lays
// nothing out again: it re-applied the theme to the whole window, about a
// second of CPU in a full window for no change.
func TestChoosingTheThemeAlreadySetChangesNothing(t *testing.T) {
	u := newTestUI(t)
	applied := 0
	u.a.Settings().AddListener(func(fyne.Settings) { applied++ })
	choose := func(label string) {
		item := u.menuItem(t, "View", label)
		u.do(item.Action)
	}
	for _, step := range []struct {
		label string
		want  int
	}{
		{"Light theme", 1}, {"Light theme", 1},
		{"Dark theme", 2}, {"Dark theme", 2},
		{"System theme", 3}, {"System theme", 3},
	} {
		choose(step.label)
		if applied != step.want {
			t.Fatalf("after %s the theme was applied %d times in all, want %d", step.label, applied, step.want)
		}
		if !u.menuItem(t, "View", step.label).Checked {
			t.Errorf("after %s its menu item is not checked", step.label)
		}
	}
}
