package app

import (
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// The import picker lists folders first and only importable files, lets
// several be ticked, and imports the ticked ones.
func TestImportPickerMultiSelect(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.txt":      "Alpha notes\n\nThe zebrafinch report mentions a zebrafinch.\n",
		"b.md":       "# Beta\n\nAnother zebrafinch sighting.\n",
		"photo.png":  "not text",
		"notes.json": "{}",
		".hidden.md": "# Hidden\n\nzebrafinch\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := listImportable(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.name)
		if !e.isDir && !store.Importable(e.name) { // one rule for the picker and folder imports
			t.Errorf("the picker lists %s, which a folder import would not take", e.name)
		}
	}
	if len(names) != 4 || names[0] != "sub" || names[1] != "a.txt" || names[2] != "b.md" || names[3] != "notes.json" {
		t.Fatalf("picker lists %q, want [sub a.txt b.md notes.json]", names)
	}

	u := newTestUI(t)
	u.a.Preferences().SetString(prefImportFolder, dir)
	u.do(u.showImportDialog)
	d := u.dialog(t, "Import documents")
	checks := findAll[*fieldCheck](d)
	var ticked int
	for _, c := range checks {
		if c.Visible() && (c.Text == "a.txt" || c.Text == "b.md") {
			u.do(func() { test.Tap(c) })
			ticked++
		}
	}
	if ticked != 2 {
		t.Fatalf("found %d of the 2 file check boxes", ticked)
	}
	b := button(t, d, "Import 2 files")
	u.do(func() { test.Tap(b) })
	if got := len(u.library.docs); got != 3 {
		t.Fatalf("library has %d documents after importing two, want 3", got)
	}
	u.find("zebrafinch")
	if u.results.total != 2 {
		t.Errorf("zebrafinch found in %d passages, want 2 (the hidden file is not offered)", u.results.total)
	}
}

// A folder or file typed or pasted in the picker's path field, then
// Enter, is gone to: a folder listed, a file's folder listed with the
// file ticked; what is not there, or not importable, is said so. A path
// from a terminal or a mail was walked to one folder at a time.
func TestImportPickerGoesToATypedPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "field notes")
	sub := filepath.Join(dir, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"a.txt":         "Alpha notes\n\nThe zebrafinch report.\n",
		"photo.png":     "not text",
		"sub/inner.txt": "Inner notes\n\nA zebrafinch inside.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	u := newTestUI(t)
	u.a.Preferences().SetString(prefImportFolder, t.TempDir()) // somewhere else
	u.do(u.showImportDialog)
	d := u.dialog(t, "Import documents")
	fields := findAll[*locationField](d)
	if len(fields) != 1 {
		t.Fatalf("%d path fields in the picker", len(fields))
	}
	loc := fields[0]
	enter := func(typed string) {
		t.Helper()
		u.do(func() {
			u.w.Canvas().Focus(loc)
			loc.SetText(typed)
		})
		u.press(t, fyne.KeyReturn, 0)
		u.work.wait()
		u.do(func() {})
		u.work.wait()
		u.do(func() {})
	}
	listed := func() []string {
		var names []string
		u.do(func() {
			for _, c := range findAll[*fieldCheck](d) {
				if c.Visible() {
					names = append(names, c.Text)
				}
			}
		})
		return names
	}
	said := func() string {
		var s string
		u.do(func() {
			for _, l := range findAll[*widget.Label](d) {
				if l.Visible() && l.Importance == widget.DangerImportance {
					s = l.Text
				}
			}
		})
		return s
	}

	enter(`"` + sub + `"`) // quoted, as a file manager copies it
	if got := listed(); !slices.Equal(got, []string{"inner.txt"}) {
		t.Errorf("after going to %q the picker lists %q", sub, got)
	}
	if loc.Text != sub {
		t.Errorf("the path field shows %q, want %q", loc.Text, sub)
	}
	enter("../a.txt") // read from the folder listed
	if got := listed(); !slices.Contains(got, "a.txt") {
		t.Errorf("after going to a file the picker lists %q, want its folder", got)
	}
	if b := button(t, d, "Import 1 file"); b == nil {
		t.Error("the file gone to is not ticked")
	}
	enter("file://" + strings.ReplaceAll(filepath.ToSlash(sub), " ", "%20"))
	if got := listed(); !slices.Equal(got, []string{"inner.txt"}) {
		t.Errorf("after a file:// address the picker lists %q", got)
	}
	enter(filepath.Join(dir, "nowhere"))
	if got := said(); !strings.Contains(got, "There is no folder or file") {
		t.Errorf("a path not there: the picker says %q", got)
	}
	enter(filepath.Join(dir, "photo.png"))
	if got := said(); !strings.Contains(got, "is not a file Dossier can import") {
		t.Errorf("a file not importable: the picker says %q", got)
	}
	b := button(t, d, "Import 1 file")
	u.do(func() { test.Tap(b) })
	u.find("zebrafinch")
	if u.results.total != 1 {
		t.Errorf("zebrafinch found in %d passages after importing the file gone to, want 1", u.results.total)
	}
}

func TestTypedPath(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip(err)
	}
	dir := filepath.FromSlash("/data/reports")
	for typed, want := range map[string]string{
		"":                        "",
		"   ":                     "",
		"memo.md":                 filepath.Join(dir, "memo.md"),
		"../x":                    filepath.FromSlash("/data/x"),
		"'/tmp/a b/c.pdf'":        filepath.FromSlash("/tmp/a b/c.pdf"),
		`"/tmp/q.txt" `:           filepath.FromSlash("/tmp/q.txt"),
		"file:///tmp/a%20b/c.pdf": filepath.FromSlash("/tmp/a b/c.pdf"),
		"~":                       home,
		"~/Documents":             filepath.Join(home, "Documents"),
		"/tmp/./y/../z":           filepath.FromSlash("/tmp/z"),
	} {
		if got, err := typedPath(typed, dir); got != want || err != nil {
			t.Errorf("typedPath(%q) = %q, %v; want %q", typed, got, err, want)
		}
	}
	// Another computer's file:// address is no path here: its host was
	// dropped and /home/x here gone to (a hostile pass).
	for typed, want := range map[string]string{
		"file://server/home/x": "another computer (server)",
		"file:///a%zz":         "not a file address",
		"file://":              "names no file",
	} {
		if got, err := typedPath(typed, dir); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("typedPath(%q) = %q, %v; want %q", typed, got, err, want)
		}
	}
	if got, err := typedPath("file://localhost/tmp/x", dir); err != nil || got != filepath.FromSlash("/tmp/x") {
		t.Errorf("a file://localhost address: %q, %v", got, err)
	}
	// "~NAME" is NAME's home folder, as in a shell (it was a folder named
	// "~NAME" in the folder shown); without such a user, the name as
	// written. ".." after a link to a folder is the folder above the
	// link's target, as the system reads it (it was the link's folder).
	if me, err := user.Current(); err == nil && me.Username != "" && me.HomeDir != "" {
		if got, err := typedPath("~"+me.Username+"/notes.md", dir); err != nil || got != filepath.Join(me.HomeDir, "notes.md") {
			t.Errorf("typedPath(~%s/notes.md) = %q, %v; want %q", me.Username, got, err, filepath.Join(me.HomeDir, "notes.md"))
		}
	}
	if got, err := typedPath("~no-such-user-d14/x", dir); err != nil || got != filepath.Join(dir, "~no-such-user-d14", "x") {
		t.Errorf("typedPath(~no-such-user-d14/x) = %q, %v", got, err)
	}
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	far := filepath.Join(root, "far", "deep")
	if err := os.MkdirAll(far, 0o755); err != nil {
		t.Fatal(err)
	}
	near := filepath.Join(root, "near")
	os.Mkdir(near, 0o755)
	if err := os.Symlink(far, filepath.Join(near, "link")); err == nil {
		sep := string(filepath.Separator) // not Join: it tidies ".." away
		for typed, want := range map[string]string{
			"link" + sep + ".." + sep + "x.md":              filepath.Join(root, "far", "x.md"),
			near + sep + "link" + sep + ".." + sep + "x.md": filepath.Join(root, "far", "x.md"),
			"link" + sep + ".." + sep + ".." + sep + "y":    filepath.Join(root, "y"),
			"gone" + sep + ".." + sep + "z":                 filepath.Join(near, "z"), // not there: as written
		} {
			if got, err := typedPath(typed, near); err != nil || got != want {
				t.Errorf("typedPath(%q) from %s = %q, %v; want %q", typed, near, got, err, want)
			}
		}
	}
}

// A folder listed slowly (a network share, a full folder) and answered
// after a folder gone to since does not replace it: the two were listed
// side by side, and the last to answer won (a hostile pass).
func TestImportPickerKeepsTheFolderAskedForLast(t *testing.T) {
	root := t.TempDir()
	slow, fast := filepath.Join(root, "slow"), filepath.Join(root, "fast")
	for dir, name := range map[string]string{slow: "s.txt", fast: "f.txt"} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Notes\n\nA line.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	started, release := make(chan struct{}), make(chan struct{})
	listFolder = func(dir string) ([]pickerEntry, error) {
		if dir == slow {
			started <- struct{}{}
			<-release
		}
		return listImportable(dir)
	}
	t.Cleanup(func() { listFolder = listImportable })
	u := newTestUI(t)
	u.a.Preferences().SetString(prefImportFolder, root)
	u.do(u.showImportDialog)
	d := u.dialog(t, "Import documents")
	loc := findAll[*locationField](d)[0]
	goTo := func(path string) {
		u.a.onUI(func() {
			loc.SetText(path)
			loc.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		})
	}
	listed := func() (names []string) {
		u.a.onUI(func() { // not u.do: it waits for the slow listing
			for _, c := range findAll[*fieldCheck](d) {
				if c.Visible() {
					names = append(names, c.Text)
				}
			}
		})
		return names
	}
	goTo(slow)
	<-started
	goTo(fast)
	for !slices.Equal(listed(), []string{"f.txt"}) {
		time.Sleep(time.Millisecond) // the fast folder's listing applies
	}
	release <- struct{}{}
	u.work.wait()
	u.do(func() {})
	if got := listed(); !slices.Equal(got, []string{"f.txt"}) {
		t.Errorf("after the slow folder's listing ended the picker lists %q, want the folder gone to since", got)
	}
	if loc.Text != fast {
		t.Errorf("the path field shows %q, want %q", loc.Text, fast)
	}
	// What is typed while a folder is listed stays: the listing's end put
	// the folder's path over it.
	goTo(slow)
	<-started
	u.a.onUI(func() { loc.SetText("half-typ") })
	release <- struct{}{}
	u.work.wait()
	u.do(func() {})
	if got := listed(); !slices.Equal(got, []string{"s.txt"}) {
		t.Errorf("the slow folder listed: %q", got)
	}
	if loc.Text != "half-typ" {
		t.Errorf("the path field shows %q after the listing ended, want what was typed meanwhile", loc.Text)
	}
}

// The import picker looks at the folder it remembers off the UI goroutine,
// as the save dialogs do: a folder on a network share that hangs froze the
// window as the picker opened. One that is gone gives way to the home
// folder, as before.
func TestImportPickerLooksAtItsFolderOffTheUIGoroutine(t *testing.T) {
	var mu sync.Mutex
	var looks, onUI []string
	pickerStat = func(p string) (os.FileInfo, error) {
		mu.Lock()
		looks = append(looks, p)
		if !onWorker() {
			onUI = append(onUI, p)
		}
		mu.Unlock()
		return os.Stat(p)
	}
	t.Cleanup(func() { pickerStat = os.Stat })
	home, _ := os.UserHomeDir()
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone")
	for remembered, want := range map[string]string{dir: dir, gone: home} {
		u := newTestUI(t)
		u.a.Preferences().SetString(prefImportFolder, remembered)
		u.do(u.showImportDialog)
		if got := findAll[*locationField](u.dialog(t, "Import documents"))[0].Text; got != want {
			t.Errorf("remembering %s, the picker lists %q, want %q", remembered, got, want)
		}
		u.press(t, fyne.KeyEscape, 0)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(looks) < 2 {
		t.Fatalf("the picker looked at %q: the hook is not where it looks", looks)
	}
	if len(onUI) > 0 {
		t.Errorf("the import picker looked at %q on the UI goroutine", onUI)
	}
}

// A path typed or pasted straight after Ctrl+O goes to the path field,
// which has the focus with its folder selected, so the path replaces it
// (typing went nowhere; a researcher's pass). Enter in the field while it
// shows the folder listed imports the ticked files, as Enter elsewhere in
// the dialog does.
func TestImportPickerTakesAPathTypedAtOnce(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "memo.txt"), []byte("Memo\n\nA zebrafinch memo.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t)
	u.a.Preferences().SetString(prefImportFolder, dir)
	u.do(u.showImportDialog)
	u.do(func() {})
	d := u.dialog(t, "Import documents")
	loc := findAll[*locationField](d)[0]
	u.do(func() {
		if f := u.w.Canvas().Focused(); f != loc {
			t.Fatalf("the picker opened with %T focused, not its path field", f)
		}
		if loc.Text != dir || loc.SelectedText() != dir {
			t.Fatalf("the path field shows %q with %q selected; want %q selected", loc.Text, loc.SelectedText(), dir)
		}
		test.Type(loc, other)
		if loc.Text != other {
			t.Fatalf("typing a path made the field %q, want %q", loc.Text, other)
		}
	})
	u.press(t, fyne.KeyReturn, 0)
	u.do(func() {})
	u.do(func() {
		if loc.Text != other || len(findAll[*fieldCheck](d)) == 0 {
			t.Fatalf("after Enter the field shows %q", loc.Text)
		}
		for _, c := range findAll[*fieldCheck](d) {
			if c.Visible() && c.Text == "memo.txt" {
				test.Tap(c)
			}
		}
		u.w.Canvas().Focus(loc)
	})
	u.press(t, fyne.KeyReturn, 0) // the field as listed: the dialog's Enter
	u.work.wait()
	u.do(func() {})
	if top := u.w.Canvas().Overlays().Top(); top != nil && slices.Contains(texts(top), "Import documents") {
		t.Fatalf("Enter in the path field showing the folder listed left the picker open: %q", texts(top))
	}
	u.find("zebrafinch")
	if u.results.total != 1 {
		t.Errorf("zebrafinch found in %d passages after the import, want 1", u.results.total)
	}
}
