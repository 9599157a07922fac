package app

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/ingest"
)

// prefImportFolder remembers where the import picker was last used.
const prefImportFolder = "import.folder"

// pickerEntry is one row of the import picker: a folder to open or a file
// to tick.
type pickerEntry struct {
	name  string
	path  string
	isDir bool
}

// filePicker is Library → Import documents…: a file chooser that, unlike
// Fyne's, lets the user tick several files (Fyne's file dialog picks one).
// Folders open on tap; importable files and annotation bundles have check
// boxes. Directory listing runs off the UI goroutine.
type filePicker struct {
	ui      *UI
	dir     string
	entries []pickerEntry
	chosen  map[string]bool
	// location shows the folder listed; a folder or file typed or pasted
	// there, with Enter, is gone to (a file: its folder, the file ticked).
	// A path from a terminal, a mail or a file manager was walked to one
	// folder at a time (a researcher's pass).
	location *locationField
	// asked counts the folders and paths asked for: a look or a listing
	// answered after a later one is dropped. They run side by side, and a
	// slow folder (a network share, a full one) listed last replaced the
	// folder gone to since (a hostile pass).
	asked   int
	where   *widget.Label // what went wrong, if anything; hidden otherwise
	empty   *widget.Label // over the list, where the folder listed has nothing to show
	list    *dialogList   // Esc and Enter are the dialog's once Tab has focused it
	importB *dialogButton
	dlg     dialog.Dialog
	// folder, if set, makes it a folder chooser: folders only, and its
	// button chooses the folder listed.
	folder *folderPick
}

// folderPick is what a folder chooser is for. Fyne's folder dialog sent
// the keys to its own focused widget only: once Tab had focused its list,
// Esc no longer closed it, nor did Enter choose (ui24's brief); this one
// is the import picker's, and keys as every dialog of the app does.
type folderPick struct {
	name, title, action string
	start               string // the folder listed first, where it is one (else the home folder)
	remember            string // the preference the folder listed is kept in ("" none)
	chosen              func(path string)
	closed              func() // if set, runs as it closes, chosen or not
	// files, if set, makes it a file chooser: the files it takes are
	// listed too, and one tapped, or its path typed, is what chosen gets.
	files func(name string) bool
}

// showImportDialog opens the multi-select import picker.
func (u *UI) showImportDialog() {
	if u.refuseReadOnly() || u.raiseDialog("import") {
		return
	}
	u.showPicker(nil)
}

// chooseFolder opens the picker as a folder chooser.
func (u *UI) chooseFolder(f folderPick) {
	if u.raiseDialog(f.name) {
		return
	}
	u.showPicker(&f)
}

// showPicker shows the import picker, or with folder the folder chooser.
func (u *UI) showPicker(folder *folderPick) {
	p := &filePicker{ui: u, chosen: map[string]bool{}, folder: folder}
	p.where = widget.NewLabel("")
	p.where.Wrapping = fyne.TextWrapWord
	p.where.Importance = widget.DangerImportance
	p.where.Hide()
	p.empty = widget.NewLabel(emptyFolderSay(folder))
	p.empty.Wrapping = fyne.TextWrapWord
	p.empty.Importance = widget.LowImportance
	p.empty.Hide()
	p.location = &locationField{fieldEntry: fieldEntry{ui: u}, enter: p.goTo}
	p.location.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	p.location.SetPlaceHolder("A folder or file: type or paste its path, then Enter")
	p.location.ExtendBaseWidget(p.location)
	p.list = u.newDialogList(
		func() int { return len(p.entries) },
		func() fyne.CanvasObject {
			check := u.newCheckField("", nil)
			folder := u.newDialogButton("", theme.FolderIcon(), nil)
			folder.Alignment = widget.ButtonAlignLeading
			folder.Importance = widget.LowImportance
			return container.NewStack(check, folder)
		},
		p.updateRow,
	)
	up := u.newDialogButton("", theme.MoveUpIcon(), func() { p.open(filepath.Dir(p.dir)) })
	home := u.newDialogButton("", theme.HomeIcon(), func() {
		if h, err := os.UserHomeDir(); err == nil {
			p.open(h)
		}
	})
	name, title, action, start := "import", "Import documents", "Import", u.app.Preferences().String(prefImportFolder)
	hint := widget.NewLabel(fmt.Sprintf("Tick the files to import (%s, or a %s annotation bundle). Tap a folder to open it, or type its path above.",
		strings.Join(ingest.Supported(), " "), store.BundleExt))
	var left fyne.CanvasObject = container.NewHBox(
		u.newDialogButton("Select all", nil, func() { p.selectAll(true) }),
		u.newDialogButton("None", nil, func() { p.selectAll(false) }))
	if folder != nil {
		name, title, action, start = folder.name, folder.title, folder.action, folder.start
		p.location.SetPlaceHolder("A folder: type or paste its path, then Enter")
		hint.SetText(fmt.Sprintf("Open the folder, then %s (or Enter in the path above). Tap a folder to open it, or type its path above.", action))
		if folder.files != nil {
			p.location.SetPlaceHolder("A folder or file: type or paste its path, then Enter")
			hint.SetText("Tap a file to open it. Tap a folder to open it, or type its path above.")
		}
		left = nil
	}
	icon := theme.DownloadIcon()
	if folder != nil {
		icon = theme.FolderOpenIcon()
	}
	p.importB = u.newDialogButton(action, icon, p.onImport)
	p.importB.Importance = widget.HighImportance
	p.location.OnChanged = func(string) { p.updateOpen() }
	p.updateOpen()
	cancel := u.newDialogButton("Cancel", nil, func() { p.dlg.Hide() })
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(up, home), nil, p.location), p.where)
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	bottom := container.NewBorder(nil, nil, left, container.NewHBox(cancel, p.importB))
	// The hint gives way to the list where the dialog is short: at the
	// largest text in an 800×600 window its four lines left the list
	// a row and a half (a UI pass).
	// Laid out as a border, in the order Tab takes: top, list, bottom
	// (NewBorder puts the middle first, so Tab went from the path field
	// to the buttons under the list before the list; a hostile UI pass).
	middle := listWithHint(container.NewStack(p.list, container.NewVBox(p.empty)), hint)
	body := container.New(layout.NewBorderLayout(top, bottom, nil, nil), top, middle, bottom)
	p.dlg = dialog.NewCustomWithoutButtons(title, body, u.win)
	p.dlg.Resize(dialogSize(u.win))
	if folder != nil && folder.closed != nil {
		p.dlg.SetOnClosed(folder.closed)
	}
	// The path field has the focus, its path selected: a path typed or
	// pasted straight after Ctrl+O replaces it (typing went nowhere; a
	// researcher's pass). Enter imports the ticked files, in the field too
	// while it shows the folder listed; Esc cancels.
	u.trackDialog(name, p.dlg, p.onImport, p.location)
	p.openFirst(start)
}

// pickerStat looks at the folder the picker starts in; tests watch where.
var pickerStat = os.Stat

// openFirst lists the folder remembered, or the home folder where it is no
// longer one. Looked at off the UI goroutine, as the save dialogs look: a
// folder remembered on a network share that hangs froze the window as the
// picker opened. A folder asked for meanwhile wins.
func (p *filePicker) openFirst(start string) {
	p.ui.work.run(func() func() {
		if fi, err := pickerStat(start); start == "" || err != nil || !fi.IsDir() {
			start, _ = os.UserHomeDir()
		}
		return func() {
			if p.asked == 0 {
				typed := p.location.Text // typed before the folder was listed: kept
				p.open(start)
				if typed != "" {
					p.location.SetText(typed)
					p.location.CursorColumn = len([]rune(typed))
					p.location.Refresh()
				}
			}
		}
	})
}

func (p *filePicker) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(p.entries) {
		return
	}
	e := p.entries[id]
	stack := o.(*fyne.Container)
	check, folder := stack.Objects[0].(*fieldCheck), stack.Objects[1].(*dialogButton)
	if e.isDir || p.folder != nil {
		check.Hide()
		folder.Show()
		folder.Text, folder.Icon = e.name, theme.FolderIcon()
		folder.OnTapped = func() { p.open(e.path) }
		if !e.isDir { // a file chooser's file: chosen
			folder.Icon = theme.FileIcon()
			folder.OnTapped = func() { p.pick(e.path) }
		}
		folder.Refresh()
		return
	}
	folder.Hide()
	check.Show()
	check.OnChanged = nil // SetChecked must not fire the previous row's handler
	check.Text = e.name
	check.Checked = p.chosen[e.path]
	check.Refresh()
	check.OnChanged = func(on bool) {
		p.chosen[e.path] = on
		p.updateButton()
	}
}

// emptyFolderSay is what the list says of a folder with nothing it shows.
func emptyFolderSay(folder *folderPick) string {
	switch {
	case folder == nil:
		return "No folders here, and no files Dossier can import."
	case folder.files != nil:
		return "No folders here, and no files to open."
	}
	return fmt.Sprintf("No folders here: “%s” takes this one.", folder.action)
}

// updateOpen enables a file chooser's Open while a path is typed: a file
// is opened by a tap, or by its path typed; with neither, Open had
// nothing to do but say so.
func (p *filePicker) updateOpen() {
	if p.folder == nil || p.folder.files == nil {
		return
	}
	typed := strings.TrimSpace(p.location.Text)
	setEnabled(&p.importB.Button, typed != "" && typed != p.dir)
}

// say shows what went wrong above the list ("" hides it).
func (p *filePicker) say(msg string) {
	p.where.SetText(msg)
	p.where.Hidden = msg == ""
	p.where.Refresh()
}

// open lists a folder in the background.
func (p *filePicker) open(dir string) {
	p.asked++
	asked := p.asked
	p.location.SetText(dir)
	if p.ui.win.Canvas().Focused() == p.location {
		p.location.TypedShortcut(&fyne.ShortcutSelectAll{}) // the next path typed replaces it
	}
	p.say("")
	p.ui.work.run(func() func() {
		list := listFolder
		if p.folder != nil {
			list = func(dir string) ([]pickerEntry, error) { return listEntries(dir, p.folder.files) }
		}
		entries, err := list(dir)
		return func() {
			if asked != p.asked {
				return // another folder or path asked for since
			}
			// What was typed while the folder was listed is kept.
			typedSince := p.location.Text != dir
			if err != nil {
				p.say(cutPath(fmt.Sprintf("“%s” cannot be read: %v", dir, err), dir))
				if p.dir != "" && !typedSince {
					p.location.SetText(p.dir) // still the folder listed
				}
				return
			}
			p.dir, p.entries = dir, entries
			p.empty.Hidden = len(entries) > 0
			p.empty.Refresh()
			p.updateOpen()
			p.list.UnselectAll()
			p.list.Refresh()
			p.list.ScrollToTop()
			if p.folder == nil {
				p.ui.app.Preferences().SetString(prefImportFolder, dir)
			} else if p.folder.remember != "" {
				p.ui.app.Preferences().SetString(p.folder.remember, dir)
			}
		}
	})
}

// listFolder is listImportable; tests hold a listing with it.
var listFolder = listImportable

// listImportable lists a folder's subfolders and the files Dossier can
// import, folders first, hidden entries left out.
func listImportable(dir string) ([]pickerEntry, error) {
	return listEntries(dir, store.Importable) // the rule a folder import goes by
}

// listEntries lists a folder's subfolders and the files keep takes (none
// where nil), folders first, hidden entries left out.
func listEntries(dir string, keep func(name string) bool) ([]pickerEntry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []pickerEntry
	for _, d := range des {
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		isDir := d.IsDir()
		if d.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(path); err == nil {
				isDir = fi.IsDir()
			}
		}
		if isDir || keep != nil && keep(name) {
			out = append(out, pickerEntry{name: name, path: path, isDir: isDir})
		}
	}
	// As a file manager orders them: f1, f2, f10, f100, not f1, f10,
	// f100, f2 (a hostile UI pass), whatever the letters' case.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].isDir != out[j].isDir {
			return out[i].isDir
		}
		return store.NaturalCompare(out[i].name, out[j].name) < 0
	})
	return out, nil
}

// pick closes the chooser with path chosen.
func (p *filePicker) pick(path string) {
	p.dlg.Hide()
	p.folder.chosen(path)
}

func (p *filePicker) selectAll(on bool) {
	for _, e := range p.entries {
		if !e.isDir {
			p.chosen[e.path] = on
		}
	}
	p.list.Refresh()
	p.updateButton()
}

func (p *filePicker) selected() []string {
	var out []string
	for path, on := range p.chosen {
		if on {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}

func (p *filePicker) updateButton() {
	n := len(p.selected())
	switch n {
	case 0:
		p.importB.SetText("Import")
	case 1:
		p.importB.SetText("Import 1 file")
	default:
		p.importB.SetText(fmt.Sprintf("Import %d files", n))
	}
}

func (p *filePicker) onImport() {
	switch {
	case p.folder != nil && p.folder.files != nil:
		// A path typed is gone to (a file: opened); with none, the
		// button is off and the hint under the list says what to do: the
		// hint shown in the red error line read as a failure (a hostile
		// UI pass).
		if typed := strings.TrimSpace(p.location.Text); typed != "" && typed != p.dir {
			p.goTo(typed)
		}
		return
	case p.folder != nil:
		if p.dir != "" { // else not listed yet: nothing to choose
			p.pick(p.dir)
		}
		return
	}
	paths := p.selected()
	if len(paths) == 0 {
		p.say("Tick at least one file to import.")
		return
	}
	p.dlg.Hide()
	p.ui.importPaths(paths)
}

// goTo goes to what was typed in the location field: a folder is listed,
// a file its folder listed with it ticked. Pasted paths come quoted or as
// file:// addresses; "~" is the home folder, and a relative path is read
// from the folder listed.
func (p *filePicker) goTo(typed string) {
	if p.dir != "" && strings.TrimSpace(typed) == p.dir {
		p.onImport() // the folder listed, as it was: Enter is the dialog's
		return
	}
	raw, err := typedRaw(typed)
	if err != nil {
		p.say(err.Error())
		return
	}
	if raw == "" {
		p.location.SetText(p.dir)
		p.say("") // an error said of the path that was there went on showing
		return
	}
	p.asked++
	asked, dir := p.asked, p.dir
	p.ui.work.run(func() func() {
		path, err := typedPath(typed, dir) // reads the disk: "~NAME", links before ".."
		var fi os.FileInfo
		if err == nil {
			fi, err = os.Stat(path)
		}
		return func() {
			if asked != p.asked {
				return // another folder or path asked for since
			}
			if path == "" && err != nil { // typedRaw's refusal, said above
				p.say(err.Error())
				return
			}
			say := func(msg string) { p.say(cutPath(msg, path)) }
			switch {
			case errors.Is(err, fs.ErrNotExist):
				say(fmt.Sprintf("There is no folder or file “%s”.", path))
			case err != nil:
				// In words, the path said once: "stat PATH: too many levels
				// of symbolic links" followed it (a hostile pass).
				var pe *fs.PathError
				if le := store.LinkLoopErr(path, err); le != err {
					say(le.Error())
				} else if errors.As(err, &pe) {
					say(fmt.Sprintf("“%s” cannot be read: %v", path, pe.Err))
				} else {
					say(fmt.Sprintf("“%s” cannot be read: %v", path, err))
				}
			case fi.IsDir():
				p.open(path)
			case p.folder != nil && p.folder.files != nil && fi.Mode().IsRegular() && p.folder.files(filepath.Base(path)):
				p.pick(path)
			case p.folder != nil && p.folder.files != nil:
				say(fmt.Sprintf("“%s” is not a file this opens.", filepath.Base(path)))
			case p.folder != nil: // a file's folder, chosen next
				p.open(filepath.Dir(path))
			case !fi.Mode().IsRegular():
				// A pipe was ticked, to be refused only once imported.
				say(fmt.Sprintf("“%s” is not a file but a pipe, a device or a socket: Dossier cannot import it.", filepath.Base(path)))
			case !store.Importable(path):
				say(fmt.Sprintf("“%s” is not a file Dossier can import (%s, or a %s annotation bundle).",
					filepath.Base(path), strings.Join(ingest.Supported(), " "), store.BundleExt))
			default:
				p.chosen[path] = true
				p.updateButton()
				p.open(filepath.Dir(path))
			}
		}
	})
}

// typedPath is the path a user typed or pasted, read from dir when
// relative: trimmed, unquoted, a file:// address's path, "~" the home
// folder. "" for nothing. A file:// address of another computer is
// refused: its host was dropped, and the same path on this one was used
// (a hostile pass: "file://server/home/x" went to /home/x here).
//
// It reads the disk (see userHome, physicalDots): not on the UI goroutine.
func typedPath(typed, dir string) (string, error) {
	s, err := typedRaw(typed)
	if err != nil || s == "" {
		return "", err
	}
	s = userHome(s)
	if !filepath.IsAbs(s) && dir != "" {
		s = dir + string(filepath.Separator) + s // not Join: it tidies ".." away as written
	}
	return physicalDots(s), nil
}

// userHome is s with a leading "~NAME" read as a shell reads it, NAME's
// home folder (it was read as a folder named "~NAME" in the folder shown;
// a hostile pass). Where there is no such user, it is the name as
// written, as in a shell.
func userHome(s string) string {
	if !strings.HasPrefix(s, "~") {
		return s
	}
	end := strings.IndexAny(s, "/"+string(filepath.Separator))
	if end < 0 {
		end = len(s)
	}
	if end == 1 {
		return s // "~" alone: typedRaw's
	}
	if u, err := user.Lookup(s[1:end]); err == nil && u.HomeDir != "" {
		return u.HomeDir + s[end:]
	}
	return s
}

// physicalDots is path tidied, with each ".." read as the system reads it:
// the folder above where the name before it leads. Tidied as written,
// "link/../x", link a link to a folder elsewhere, was saved beside the
// link, where a shell puts it beside the link's target (a hostile pass).
// Where that folder is not there, it is tidied as written.
func physicalDots(path string) string {
	sep := string(filepath.Separator)
	parts := strings.Split(filepath.FromSlash(path), sep)
	last := -1
	for i, p := range parts {
		if p == ".." {
			last = i
		}
	}
	if last < 0 {
		return filepath.Clean(path)
	}
	up, err := filepath.EvalSymlinks(strings.Join(parts[:last+1], sep))
	if err != nil {
		return filepath.Clean(path)
	}
	return filepath.Join(append([]string{up}, parts[last+1:]...)...)
}

// cutPath is msg with path in it cut in its middle: a path of thousands
// of characters pasted in the path field was said whole, twice, in a
// message taller than the dialog (a hostile pass). The field holds it all.
func cutPath(msg, path string) string {
	return strings.ReplaceAll(msg, path, cutMiddle(path, 3*maxShownPath))
}

// typedRaw is typedPath before it is joined to the folder and tidied.
func typedRaw(typed string) (string, error) {
	s := strings.TrimSpace(typed)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if strings.HasPrefix(s, "file://") {
		u, err := url.Parse(s)
		switch {
		case err != nil:
			return "", fmt.Errorf("“%s” is not a file address that can be read", cutMiddle(s, 3*maxShownPath))
		case u.Host != "" && !strings.EqualFold(u.Host, "localhost"):
			return "", fmt.Errorf("“%s” is a file on another computer (%s): give a path on this one", cutMiddle(s, 3*maxShownPath), u.Host)
		case u.Path == "":
			return "", fmt.Errorf("“%s” names no file or folder", cutMiddle(s, 3*maxShownPath))
		}
		s = u.Path
	}
	if s == "~" || strings.HasPrefix(s, "~/") || strings.HasPrefix(s, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			s = home + s[1:]
		}
	}
	return s, nil
}

// namesFolder says whether a path as typed can only be a folder: it ends
// in a separator, "." or "..", or is "~" or "~NAME" (which looks NAME up:
// not on the UI goroutine). A save dialog's name must not
// be one: "~" was saved as the home folder's name beside it, and "sub/.."
// as sub.md beside sub (a hostile pass).
func namesFolder(typed string) bool {
	s, err := typedRaw(typed)
	if err != nil {
		return false
	}
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(typed), `"'`))
	if t == "~" || strings.HasSuffix(s, string(filepath.Separator)) || strings.HasSuffix(s, "/") {
		return true
	}
	if !strings.ContainsAny(s, "/"+string(filepath.Separator)) && userHome(s) != s {
		return true // "~NAME", NAME's home folder
	}
	last := s[strings.LastIndexAny(s, "/"+string(filepath.Separator))+1:] // as written: Clean tidies ".." away
	return last == "." || last == ".."
}

// locationField is the import picker's path field: Enter goes to the path
// typed, where a dialog's other fields do its action (here: import).
type locationField struct {
	fieldEntry
	enter func(string)
}

func (l *locationField) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		l.enter(l.Text)
		return
	}
	l.fieldEntry.TypedKey(k)
}
