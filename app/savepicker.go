package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// prefSaveFolder remembers where a file was last saved.
const prefSaveFolder = "save.folder"

// saveRequest describes a "save as" question: a file name in a folder.
type saveRequest struct {
	name, title, action string // dialog name (one of each at a time), title, default button
	fileName, ext       string // the suggested name, and the extension every name gets
	folder              string // where to start ("" for the last folder used)
	overwrite           bool   // an existing file may be replaced, after asking; else it is refused
	// check, if set, refuses a path before anything is asked about it (an
	// export over the research file was first offered "Replace it?").
	check func(path string) error
	done  func(path string)
}

// chooseSavePath asks for a file name and folder, in Dossier's own keyed
// dialog: unlike Fyne's save dialog, whose name field swallows Esc (and
// which creates the file, empty, before saying where), Esc cancels, Enter
// saves, and nothing is written until done runs.
func (u *UI) chooseSavePath(r saveRequest) {
	if u.raiseDialog(r.name) {
		return
	}
	// The folder is looked at off the UI goroutine (a folder remembered
	// on a network share that hangs froze the window; a hostile pass):
	// the dialog shows the first candidate at once, and a better one
	// replaces it unless the user has chosen another since.
	folder := r.folder
	if folder == "" {
		folder = u.app.Preferences().String(prefSaveFolder)
	}
	if folder == "" { // never "": a name would be saved in the working folder
		folder, _ = os.UserHomeDir()
	}
	candidates := []string{r.folder, u.app.Preferences().String(prefSaveFolder)}
	var chosen string // the path checked, and whether it exists (to be replaced)
	var exists bool
	var checkedFolder, checkedName string // what it was made of
	name := u.newField()
	name.SetText(r.fileName)
	where := widget.NewLabel(folder)
	where.Truncation = fyne.TextTruncateEllipsis
	chosenFolder := false // by Change folder…, which the look below must not undo
	u.work.run(func() func() {
		found := existingFolder(candidates...)
		return func() {
			if !chosenFolder && found != folder {
				folder = found
				where.SetText(folder)
			}
		}
	})
	change := u.newDialogButton("Change folder…", nil, func() {
		// The top dialog at the keyboard: untracked, Fyne's folder dialog's
		// Esc closed the save dialog under it and its Enter saved (a UI
		// pass). The name field, under it, has the focus back as it closes.
		u.chooseFolder(folderPick{name: "save-folder", title: "Choose a folder", action: "Choose this folder", start: folder,
			chosen: func(dir string) {
				folder, chosenFolder = dir, true
				where.SetText(folder)
			},
			closed: func() { u.win.Canvas().Focus(name) }})
	})
	u.showKeyed(keyedDialog{
		name: r.name, title: r.title, ok: r.action, cancel: "Cancel", focus: name,
		body: widget.NewForm(
			widget.NewFormItem("Name", name),
			widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, change, where)),
		),
		size: fyne.NewSize(560, 0),
		validateOff: func() func() error { // a bad name is fixed in place; an existing file is asked about next
			folder, typed := folder, name.Text
			checkedFolder, checkedName = folder, typed
			return func() error {
				path, err := savePath(folder, typed, r.ext, r.overwrite)
				if err != nil && !errors.Is(err, errExists) {
					return err
				}
				if r.check != nil {
					if err := r.check(path); err != nil {
						return err
					}
				}
				chosen, exists = path, err != nil
				return nil
			}
		},
		onOK: func() {
			again := r
			again.fileName, again.folder = name.Text, folder
			if name.Text != checkedName || folder != checkedFolder {
				// Changed while the path was checked (a slow share): saved
				// under the name as it was at Enter, which the field no
				// longer showed (a hostile pass). Asked again, as changed.
				u.chooseSavePath(again)
				return
			}
			if exists {
				u.confirmOverwrite(chosen, func() { u.saveChosen(r, chosen) }, func() { u.chooseSavePath(again) })
				return
			}
			u.saveChosen(r, chosen)
		},
	})
	name.TypedShortcut(&fyne.ShortcutSelectAll{}) // typing replaces the suggested name
}

// saveStat looks at a path for the save dialog; tests watch where.
var saveStat = os.Stat

// existingFolder is the first of candidates that is a folder a file can
// be made in, else the home folder. (New research file… offered the open
// file's folder on a read-only disk, where the save could only fail; a
// hostile pass.) It reads the disk: not on the UI goroutine.
func existingFolder(candidates ...string) string {
	for _, c := range candidates {
		if fi, err := saveStat(c); c != "" && err == nil && fi.IsDir() && store.CannotCreateIn(c) == "" {
			return c
		}
	}
	home, _ := os.UserHomeDir()
	return home
}

// saveChosen remembers the folder and hands the path on.
func (u *UI) saveChosen(r saveRequest, path string) {
	u.app.Preferences().SetString(prefSaveFolder, filepath.Dir(path))
	r.done(path)
}

// errExists says the chosen file is there already.
var errExists = errors.New("exists")

// savePath checks a chosen name and folder and joins them, adding ext if
// the name lacks it. A file that exists is errExists where it may be
// replaced, and refused where not.
func savePath(folder, name, ext string, overwrite bool) (string, error) {
	name = strings.TrimSpace(name)
	if strings.ContainsRune(name, filepath.Separator) || strings.HasPrefix(name, "~") || strings.HasPrefix(name, "file://") {
		// A whole path typed or pasted as the name (refused with "choose the
		// folder with Change folder…"; a UI pass): its folder and its name,
		// read as the import picker's path field reads one.
		if namesFolder(name) {
			return "", fmt.Errorf("“%s” is a folder: give the file a name after it", name)
		}
		path, err := typedPath(name, folder)
		if err != nil {
			return "", err
		}
		folder, name = filepath.Dir(path), filepath.Base(path)
	}
	switch {
	case name == "":
		return "", errors.New("the file needs a name")
	case name == "." || name == "..":
		return "", fmt.Errorf("“%s” is not a file name: choose the folder with Change folder…", name)
	case strings.ContainsFunc(name, unicode.IsControl):
		// A line break pasted into the name made a file no listing shows
		// on one line, and a shell script trips over (a hostile pass).
		return "", errors.New("a file name cannot hold a line break, a tab or another control character")
	case strings.EqualFold(name, ext):
		// Only the extension: saved as a hidden file ".md", which the
		// folder's listing does not show (a hostile pass).
		return "", fmt.Errorf("the file needs a name before %s", ext)
	}
	if !strings.HasSuffix(strings.ToLower(name), strings.ToLower(ext)) {
		name += ext
	}
	path := filepath.Join(folder, name)
	fi, err := saveStat(path)
	exists := err == nil
	switch {
	case exists && !fi.Mode().IsRegular():
		return "", fmt.Errorf("%s is not a file that can be replaced", path)
	case exists && !overwrite:
		return "", fmt.Errorf("%s already exists; choose another name (File → Open research file… opens it)", path)
	case !exists && !errors.Is(err, os.ErrNotExist):
		return "", err
	case !exists:
		if fi, err := saveStat(folder); err != nil || !fi.IsDir() {
			return "", fmt.Errorf("the folder %s does not exist", folder)
		}
	}
	// Every save makes a file in the folder (an export is written beside
	// its name, then renamed): one on a read-only disk failed only once
	// the dialog had closed, after Replace? was asked (a hostile pass).
	if why := store.CannotCreateIn(folder); why != "" {
		return "", fmt.Errorf("nothing can be saved in the folder %s: %s; choose another with Change folder…", folder, why)
	}
	if exists {
		return path, errExists
	}
	return path, nil
}

// confirmOverwrite asks before replacing path; no goes back to the picker.
func (u *UI) confirmOverwrite(path string, yes, no func()) {
	text := widget.NewLabel(fmt.Sprintf("%s already exists.\n\nReplace it?", path))
	text.Wrapping = fyne.TextWrapWord
	u.showKeyed(keyedDialog{
		name: "overwrite-confirm", title: "Replace the file?", ok: "Replace", cancel: "Cancel", destructive: true,
		body: text, size: fyne.NewSize(520, 0),
		onOK: yes, onCancel: no,
	})
}
