package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/store"
)

// File → New research file…: the name field has the focus, Esc cancels
// (Fyne's save dialog swallowed it there), Enter creates and opens the
// file, an existing file is refused rather than emptied, and a name
// without the extension gets it.
func TestNewResearchFileDialogKeys(t *testing.T) {
	u := newTestUI(t)
	dir := filepath.Dir(u.CurrentStore().Path()) // where it starts: beside the open file

	u.do(u.showNewFileDialog)
	d := u.dialog(t, "New research file")
	name := findAll[*fieldEntry](d)[0]
	if u.w.Canvas().Focused() != name || name.Text != "research.dossier" {
		t.Fatalf("focus %v, name %q", u.w.Canvas().Focused(), name.Text)
	}
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Esc left %d dialogs open", n)
	}

	existing := filepath.Join(dir, "old.dossier")
	if err := os.WriteFile(existing, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.do(u.showNewFileDialog)
	name = findAll[*fieldEntry](u.dialog(t, "New research file"))[0]
	u.do(func() { name.SetText("old") })
	u.press(t, fyne.KeyReturn, 0)
	if data, _ := os.ReadFile(existing); string(data) != "keep me" {
		t.Fatalf("an existing file was touched: %q", data)
	}
	if got := texts(u.w.Canvas().Overlays().Top()); !strings.Contains(strings.Join(got, " "), "already exists") {
		t.Errorf("no refusal shown: %q", got)
	}
	u.press(t, fyne.KeyEscape, 0) // dismiss the message: the dialog is still there to fix the name
	name = findAll[*fieldEntry](u.dialog(t, "New research file"))[0]
	if name.Text != "old" {
		t.Errorf("the name field now says %q", name.Text)
	}
	u.do(func() { name.SetText("case notes") })
	u.press(t, fyne.KeyReturn, 0)
	u.work.wait()
	want := filepath.Join(dir, "case notes.dossier")
	if got := u.CurrentStore().Path(); got != want {
		t.Errorf("window shows %s, want %s", got, want)
	}
}

// Export to an existing file asks first: Cancel goes back to the name,
// Replace writes it.
func TestExportAsksBeforeReplacing(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	u.a.Preferences().SetString(prefSaveFolder, dir)
	out := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(out, []byte("old notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.chooseExportFile(exportFormats[0], "") })
	name := findAll[*fieldEntry](u.dialog(t, "Export to"))[0]
	u.do(func() { name.SetText("notes") })
	u.press(t, fyne.KeyReturn, 0)
	u.tapDialogButton(t, "Replace the file?", "Cancel")
	if data, _ := os.ReadFile(out); string(data) != "old notes" {
		t.Fatalf("cancelled, but the file is now %q", data)
	}
	name = findAll[*fieldEntry](u.dialog(t, "Export to"))[0]
	if name.Text != "notes" {
		t.Errorf("back at the picker with name %q", name.Text)
	}
	u.press(t, fyne.KeyReturn, 0)
	u.do(func() { test.Tap(button(t, u.dialog(t, "Replace the file?"), "Replace")) })
	u.work.wait()
	if data, _ := os.ReadFile(out); !strings.HasPrefix(string(data), "#") {
		t.Errorf("after Replace the file holds %.80q", data)
	}
}

func TestSavePath(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub.md"), 0o755)
	os.WriteFile(filepath.Join(dir, "have.md"), nil, 0o644)
	for _, c := range []struct {
		name      string
		overwrite bool
		want      string // the path's base, or part of the error
	}{
		{"report", false, "report.md"},
		{"report.MD", false, "report.MD"},
		{"  ", false, "needs a name"},
		{"a/b", false, "does not exist"}, // read as a path: no folder "a"
		{"..", false, "not a file name"},
		{"sub", true, "not a file that can be replaced"},
		{"have", false, "already exists"},
		{"have", true, "exists"},
	} {
		path, err := savePath(dir, c.name, ".md", c.overwrite)
		got := filepath.Base(path)
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("savePath(%q, overwrite %v) = %q, %v; want %q", c.name, c.overwrite, path, err, c.want)
		}
	}
	if _, err := savePath(filepath.Join(dir, "gone"), "x", ".md", false); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a missing folder: %v", err)
	}
	// A whole path typed or pasted as the name is its folder and name (it
	// was refused: "choose the folder with Change folder…"; a UI pass).
	other := filepath.Join(dir, "other")
	os.Mkdir(other, 0o755)
	for typed, want := range map[string]string{
		filepath.Join(other, "story"):                 filepath.Join(other, "story.md"),
		"'" + filepath.Join(other, "quoted.md") + "'": filepath.Join(other, "quoted.md"),
		filepath.Join("other", "rel"):                 filepath.Join(other, "rel.md"),
	} {
		if got, err := savePath(t.TempDir(), typed, ".md", false); err == nil && typed == filepath.Join("other", "rel") {
			t.Errorf("savePath(%q) from another folder = %q, want it read from that folder", typed, got)
		}
		if got, err := savePath(dir, typed, ".md", false); err != nil || got != want {
			t.Errorf("savePath(%q) = %q, %v; want %q", typed, got, err, want)
		}
	}
	if _, err := savePath(dir, other+string(filepath.Separator), ".md", false); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("a folder as the name: %v", err)
	}
	// A name that can only be a folder is refused, not saved as the
	// folder's own name beside it: "~" was saved as /home/NAME.md, "sub/.."
	// as sub.md beside sub, "other/." as other/other.md (a hostile pass).
	sep := string(filepath.Separator)
	for _, typed := range []string{"~", " ~ ", "other" + sep + "..", "." + sep + "..", "other" + sep + ".", `"` + other + sep + `.."`, "file://" + filepath.ToSlash(other) + "/.."} {
		if got, err := savePath(dir, typed, ".md", false); err == nil || !strings.Contains(err.Error(), "is a folder") {
			t.Errorf("savePath(%q) = %q, %v; want it said to be a folder", typed, got, err)
		}
	}
	// "~NAME" is NAME's home folder, no name for a file either.
	if me, err := user.Current(); err == nil && me.Username != "" {
		if got, err := savePath(dir, "~"+me.Username, ".md", false); err == nil || !strings.Contains(err.Error(), "is a folder") {
			t.Errorf("savePath(~%s) = %q, %v; want it said to be a folder", me.Username, got, err)
		}
	}
	// A file:// address of another computer is not the same path on this
	// one; a name that is only the extension is no hidden ".md".
	for typed, want := range map[string]string{
		"file://server" + filepath.ToSlash(other) + "/x.md": "another computer",
		".md":                 "needs a name before .md",
		" .MD ":               "needs a name before .md",
		"other" + sep + ".md": "needs a name before .md",
		"two\nlines":          "line break",
		"tab\there":           "control character",
		"bell\a":              "control character",
	} {
		if got, err := savePath(dir, typed, ".md", false); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("savePath(%q) = %q, %v; want %q", typed, got, err, want)
		}
	}
	if got, err := savePath(dir, "file://localhost"+filepath.ToSlash(other)+"/y", ".md", false); err != nil || got != filepath.Join(other, "y.md") {
		t.Errorf("a file://localhost address: %q, %v", got, err)
	}
	// A folder no file can be made in (a read-only disk; here one without
	// write permission, which root too is refused by) is said at once: the
	// save failed only once the dialog had closed, after Replace? was
	// asked. Nor is it offered as the folder to start in.
	locked := filepath.Join(dir, "locked")
	os.Mkdir(locked, 0o755)
	os.WriteFile(filepath.Join(locked, "kept.md"), nil, 0o644)
	if err := os.Chmod(locked, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	for _, name := range []string{"new", "kept", filepath.Join(locked, "typed")} {
		if got, err := savePath(locked, name, ".md", true); err == nil || !strings.Contains(err.Error(), "nothing can be saved in the folder "+locked) {
			t.Errorf("savePath(%q) in a read-only folder = %q, %v", name, got, err)
		}
	}
	if got := existingFolder(locked, other); got != other {
		t.Errorf("the save dialog starts in %q, want %q past the read-only folder", got, other)
	}
}

// A dialog whose input is wrong says why over itself and stays open to be
// fixed: clearing a document's title and pressing Enter does not close
// Rename document.
func TestRenameDocumentWithoutTitleStaysOpen(t *testing.T) {
	u := newTestUI(t)
	doc := u.library.docs[0]
	u.do(func() { u.renameDocument(doc) })
	title := findAll[*fieldEntry](u.dialog(t, "Rename document"))[0]
	u.do(func() { title.SetText("   ") })
	u.press(t, fyne.KeyReturn, 0)
	if got := strings.Join(texts(u.w.Canvas().Overlays().Top()), " "); !strings.Contains(got, "needs a title") {
		t.Fatalf("no message over the dialog: %q", got)
	}
	u.press(t, fyne.KeyEscape, 0)
	u.dialog(t, "Rename document") // still open
	u.do(func() { title.SetText("Reuters on the ODNI assessment") })
	u.press(t, fyne.KeyReturn, 0)
	u.work.wait()
	if got := u.library.docs[0].Title; got != "Reuters on the ODNI assessment" {
		t.Errorf("title %q after renaming", got)
	}
}

// An export that fails half-way keeps the file it was to replace and
// leaves no hidden file behind (found by a hostile pass: the window
// truncated the old export before writing, so a full disk lost it).
func TestFailedExportKeepsTheFileItWasToReplace(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(out, []byte("last week's notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	failing := exportFormat{label: "failing", ext: ".md", write: func(_ *store.Store, _ context.Context, w io.Writer, _ string) (store.ExportCounts, error) {
		io.WriteString(w, "# half an export")
		return store.ExportCounts{}, errors.New("the disk is full")
	}}
	u.do(func() { u.writeExport(failing, "", out) })
	if data, _ := os.ReadFile(out); string(data) != "last week's notes" {
		t.Errorf("after a failed export the file holds %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want only the old export", len(entries))
	}
	if d := u.dialog(t, "Error"); !strings.Contains(strings.Join(texts(d), " "), "the disk is full") {
		t.Errorf("the error says %q", texts(d))
	}
	if msg := u.status.message.Text; !strings.Contains(msg, "failed") { // it went on saying "Exporting to …"
		t.Errorf("the status line says %q", msg)
	}
	u.do(func() { u.writeExport(exportFormats[0], "", out) })
	if data, _ := os.ReadFile(out); !strings.HasPrefix(string(data), "#") {
		t.Errorf("a working export wrote %.80q", data)
	}
}

// An export to a name that leads to the research file is refused at once,
// not after "Replace it?" (found by a hostile pass: a link named .md).
func TestExportRefusesTheResearchFileBeforeAsking(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	u.a.Preferences().SetString(prefSaveFolder, dir)
	link := filepath.Join(dir, "notes.md")
	if err := os.Symlink(u.CurrentStore().Path(), link); err != nil {
		t.Skip(err)
	}
	u.do(func() { u.chooseExportFile(exportFormats[0], "") })
	name := findAll[*fieldEntry](u.dialog(t, "Export to"))[0]
	u.do(func() { name.SetText("notes") })
	u.press(t, fyne.KeyReturn, 0)
	d := u.dialog(t, "Error")
	if msg := strings.Join(texts(d), " "); !strings.Contains(msg, "research file") {
		t.Errorf("the refusal says %q", msg)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is now %v (%v)", fi.Mode(), err)
	}
}

// A name that has come to lead to the research file since the dialog
// checked it (while "Replace it?" waited) is refused by the export itself,
// off the UI goroutine, the status line saying nothing was exported, and
// the research file is untouched.
func TestExportRefusesTheResearchFileWhenWriting(t *testing.T) {
	u := newTestUI(t)
	link := filepath.Join(t.TempDir(), "notes.md")
	if err := os.Symlink(u.CurrentStore().Path(), link); err != nil {
		t.Skip(err)
	}
	before, err := os.ReadFile(u.CurrentStore().Path())
	if err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.writeExport(exportFormats[0], "", link) })
	if msg := strings.Join(texts(u.dialog(t, "Error")), " "); !strings.Contains(msg, "research file") {
		t.Errorf("the refusal says %q", msg)
	}
	if msg := u.status.message.Text; !strings.Contains(msg, "Nothing was exported") {
		t.Errorf("the status line says %q", msg)
	}
	if after, _ := os.ReadFile(u.CurrentStore().Path()); !bytes.Equal(before, after) {
		t.Error("the research file changed")
	}
}

// The save dialog looks at folders and files off the UI goroutine: a
// folder remembered on a network share that hangs froze the window while
// the dialog opened, and again at every Enter (a hostile pass). Here every
// look is watched: none may be on the UI goroutine, and the export still
// asks before replacing, then writes.
func TestSaveDialogLooksAtTheDiskOffTheUIGoroutine(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	u.a.Preferences().SetString(prefSaveFolder, dir)
	out := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(out, []byte("old notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var looks, onUI []string
	saveStat = func(p string) (os.FileInfo, error) {
		mu.Lock()
		looks = append(looks, p)
		if !onWorker() {
			onUI = append(onUI, p)
		}
		mu.Unlock()
		return os.Stat(p)
	}
	t.Cleanup(func() { saveStat = os.Stat })
	u.do(func() { u.chooseExportFile(exportFormats[0], "") })
	name := findAll[*fieldEntry](u.dialog(t, "Export to"))[0]
	u.do(func() { name.SetText("notes") })
	u.press(t, fyne.KeyReturn, 0)
	u.dialog(t, "Replace the file?")
	u.tapDialogButton(t, "Replace the file?", "Replace")
	u.work.wait()
	if data, _ := os.ReadFile(out); string(data) == "old notes" {
		t.Error("the export did not replace the file")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(looks) < 2 {
		t.Fatalf("the dialog looked at %q: the hook is not where the dialog looks", looks)
	}
	if len(onUI) > 0 {
		t.Errorf("the save dialog looked at %q on the UI goroutine", onUI)
	}
}

// Change folder…'s folder dialog is the top dialog at the keyboard. It was
// not tracked as one: Esc closed the save dialog under it, and the folder
// dialog with it (the export cancelled), and Enter exported at once into
// the folder the save dialog showed, not the one browsed to (a UI pass,
// under Xvfb). Esc now closes the folder dialog alone and gives the name
// field its focus back; Enter there does nothing.
func TestSaveDialogsFolderPickerTakesEscAndEnter(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	u.a.Preferences().SetString(prefSaveFolder, dir)
	var saved []string
	u.do(func() {
		u.chooseSavePath(saveRequest{
			name: "export-file", title: "Export to", action: "Export",
			fileName: "notes.md", ext: ".md",
			done: func(path string) { saved = append(saved, path) },
		})
	})
	name := findAll[*fieldEntry](u.dialog(t, "Export to"))[0]
	u.tapDialogButton(t, "Export to", "Change folder…")
	if n := u.overlays(); n != 2 {
		t.Fatalf("%d dialogs open after Change folder…, want the save dialog and the folder dialog", n)
	}
	// Tab first: Fyne's folder dialog took no Esc once its list had the
	// focus (ui24's brief).
	u.press(t, fyne.KeyTab, 0)
	u.press(t, fyne.KeyTab, 0)
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 1 {
		t.Fatalf("Esc in the folder dialog left %d dialogs open, want the save dialog", n)
	}
	u.dialog(t, "Export to")
	if f := u.w.Canvas().Focused(); f != name {
		t.Errorf("after the folder dialog the focus is on %T, not the name field", f)
	}
	// Enter in the folder dialog chooses the folder it lists, and saves
	// nothing: the save dialog, showing it, has the focus back.
	other := t.TempDir()
	u.tapDialogButton(t, "Export to", "Change folder…")
	loc := findAll[*locationField](u.dialog(t, "Choose a folder"))[0]
	u.do(func() { loc.SetText(other) })
	u.press(t, fyne.KeyReturn, 0) // goes to the folder typed
	u.press(t, fyne.KeyReturn, 0) // chooses the folder listed
	if len(saved) > 0 || u.overlays() != 1 {
		t.Fatalf("Enter in the folder dialog saved %q, %d dialogs left open", saved, u.overlays())
	}
	if f := u.w.Canvas().Focused(); f != name {
		t.Errorf("after the folder was chosen the focus is on %T, not the name field", f)
	}
	u.press(t, fyne.KeyReturn, 0)
	if want := filepath.Join(other, "notes.md"); len(saved) != 1 || saved[0] != want {
		t.Errorf("Enter in the save dialog saved %q, want %q", saved, want)
	}
}

// A name changed while the save dialog checks the path (a slow share) is
// not saved under the name it had at Enter, which the field no longer
// showed: the dialog asks again, with the name as changed (a hostile pass).
func TestSaveDialogAsksAgainWhenTheNameChangedDuringTheCheck(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	u.a.Preferences().SetString(prefSaveFolder, dir)
	u.do(func() { u.chooseExportFile(exportFormats[0], "") })
	name := findAll[*fieldEntry](u.dialog(t, "Export to"))[0]
	u.do(func() { name.SetText("first") })
	looking, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	saveStat = func(p string) (os.FileInfo, error) {
		if strings.HasSuffix(p, "first.md") {
			once.Do(func() { close(looking); <-release })
		}
		return os.Stat(p)
	}
	t.Cleanup(func() { saveStat = os.Stat })
	u.a.onUI(func() { u.dialogKey(fyne.KeyReturn) }) // not u.press: it waits for the check
	<-looking
	u.a.onUI(func() { name.SetText("second") })
	close(release)
	u.work.wait()
	u.do(func() {})
	if _, err := os.Stat(filepath.Join(dir, "first.md")); err == nil {
		t.Error("exported under the name the field showed before it was changed")
	}
	d := u.dialog(t, "Export to")
	if got := findAll[*fieldEntry](d)[0].Text; got != "second" {
		t.Errorf("the dialog asks again with the name %q, want %q", got, "second")
	}
}
