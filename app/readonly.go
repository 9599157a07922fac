package app

import (
	"fmt"
)

// showFileState shows the banner for a read-only research file, or hides it.
// Call it on the UI goroutine whenever the open file changes.
func (u *UI) showFileState() {
	st, _ := u.store()
	if !st.ReadOnly() {
		u.banner.hide()
		u.showLeftUnfilled(st)
		return
	}
	msg := fmt.Sprintf("This research file is read-only: %s. You can read, search and export it, but not import, bookmark or tag.", st.ReadOnlyReason())
	if changed := st.ChangedTables(); changed != "" {
		// A column renamed, or a constraint added, by another program:
		// nothing of its own runs with a change, but Dossier's reads of
		// the table can fail (an export of renamed notes).
		msg = fmt.Sprintf("This research file is read-only: another program changed its %s, so Dossier's changes there could fail, or alter or delete your work. You can read and search it; to work in it, recover it into a new file.", changed)
		path := st.Path()
		u.banner.show(msg, bannerAction{"Recover into a new file…", func() { u.showRecoverDialog(path) }})
		return
	}
	if st.CarriesForeignSQL() {
		// The store's reason names the command; here the button is the
		// way out, and the banner must stay short at the largest text.
		msg = fmt.Sprintf("This research file is read-only: it carries SQL that Dossier never makes (%s), which could alter or delete your work. You can read, search and export it; to work in it, recover it into a new file.", st.ForeignSQL())
		path := st.Path()
		u.banner.show(msg, bannerAction{"Recover into a new file…", func() { u.showRecoverDialog(path) }})
		return
	}
	if missing := st.MissingSchema(); missing != "" {
		msg = fmt.Sprintf("Read-only: this research file lacks part of Dossier's schema (%s), so changes would fail. Recover it into a new file to work in it.", missing)
		path := st.Path()
		u.banner.show(msg, bannerAction{"Recover into a new file…", func() { u.showRecoverDialog(path) }})
		return
	}
	u.banner.show(msg)
}

// refuseReadOnly says, before any dialog is filled in for nothing, that the
// open research file cannot be changed; it reports whether it refused.
func (u *UI) refuseReadOnly() bool {
	if u.refuseBroken() { // damaged, or no file open: say that instead
		return true
	}
	st, _ := u.store()
	if !st.ReadOnly() {
		return false
	}
	u.showInfo("Read-only research file",
		fmt.Sprintf("This research file is read-only: %s\n(%s)\n\nMake it writable, or open another research file, to change it.", st.Path(), st.ReadOnlyReason()))
	return true
}
